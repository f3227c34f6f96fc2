// The rows of a batch in COPY's text format, in COPY_COLUMNS order: built in the reader's worker thread,
// COPYed by the importer (src/db/connection.ts copyFromText) straight into `event` or into its staging
// table. No database code here: the worker loads only what reading and placing need.
import type { Selectable } from 'kysely';
import type { EventTable } from '../tables.ts';

/** One event ready to store: the record, its Stockholm-local parts and its placement. */
export type StagedEvent = Omit<Selectable<EventTable>, 'id' | 'is_demo' | 'imported_at' | 'updated_at'>;

export const COPY_COLUMNS = [
  'source',
  'source_id',
  'occurred_at',
  'published_at',
  'local_month',
  'local_weekday',
  'local_hour',
  'type',
  'title',
  'summary',
  'url',
  'location_name',
  'lon',
  'lat',
  'district_id',
  'place_id',
  'placement',
  'placement_confidence',
  'placement_detail',
  'content_hash',
  'is_demo',
  'imported_at',
  'updated_at',
] as const satisfies readonly (keyof Selectable<EventTable>)[];

/** COPY rows as UTF-8 bytes, appended one row at a time into a buffer that grows by doubling. */
export class CopyRows {
  private buffer = Buffer.allocUnsafeSlow(1 << 20);
  private length = 0;

  append(row: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const room = row.length * 3;
    if (this.length + room > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + room));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(row, this.length);
  }

  /** The rows written, in a buffer of their own (it can be moved to another thread). */
  take(): Uint8Array {
    return new Uint8Array(this.buffer.buffer, 0, this.length);
  }
}

/** The last three columns, the same on every row of a run: is_demo, imported_at, updated_at. */
export function runColumns(isDemo: boolean, runStartedAt: Date): string {
  const stamp = runStartedAt.toISOString();
  return `\t${isDemo ? 't' : 'f'}\t${stamp}\t${stamp}\n`;
}

/**
 * One row, ending with the run's columns. Each field by name: a lookup by a computed key is megamorphic and
 * took most of the time of writing a bulk load's COPY text.
 */
export function copyLine(r: StagedEvent, run: string): string {
  return (
    `${copyField(r.source)}\t${copyField(r.source_id)}\t${r.occurred_at.toISOString()}\t` +
    `${copyField(r.published_at)}\t${r.local_month}\t${r.local_weekday}\t${r.local_hour}\t` +
    `${copyField(r.type)}\t${copyField(r.title)}\t${copyField(r.summary)}\t${copyField(r.url)}\t` +
    `${copyField(r.location_name)}\t${copyField(r.lon)}\t${copyField(r.lat)}\t` +
    `${copyField(r.district_id)}\t${copyField(r.place_id)}\t${r.placement}\t${r.placement_confidence}\t` +
    `${copyField(r.placement_detail)}\t${r.content_hash}${run}`
  );
}

const COPY_SPECIAL = /[\\\t\n\r]/;

function copyField(value: string | number | Date | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return COPY_SPECIAL.test(value) ? copyEscape(value) : value;
  if (typeof value === 'number') return String(value);
  return value.toISOString();
}

function copyEscape(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
