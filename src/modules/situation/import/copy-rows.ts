// The rows of a batch in COPY's binary format (src/db/binary-copy.ts), in COPY_COLUMNS order: built in the
// reader's worker thread, COPYed by the importer (src/db/connection.ts copyFromBinary) straight into
// `event` or into its staging table. Binary, not text: a COPY of 1M events took 6.6 s instead of 8.9 s.
// No database code here: the worker loads only what reading and placing need.
import type { Selectable } from 'kysely';
import { BinaryCopyWriter, COPY_HEADER, DAY_MS, encodeFields, PG_EPOCH_MS } from '../../../db/binary-copy.ts';
import type { Placement } from '../../../domain/event-placement.ts';
import type { EventTable } from '../tables.ts';
import type { LocalParts } from './local-time.ts';
import type { EventInput } from './records.ts';

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
  'is_demo',
  'imported_at',
  'updated_at',
] as const satisfies readonly (keyof Selectable<EventTable>)[];

/** COPY rows of events, appended one event at a time. */
export class CopyRows {
  private readonly writer: BinaryCopyWriter;
  /** is_demo, imported_at and updated_at: the same bytes on every row of a run. */
  private readonly runFields: Uint8Array;

  /** `capacity`: the bytes the rows are expected to take (growing the buffer copies it). */
  constructor(isDemo: boolean, runStartedAt: Date, capacity = 1 << 20) {
    this.writer = new BinaryCopyWriter(Math.max(capacity, 1 << 20));
    this.runFields = encodeFields([isDemo, runStartedAt, runStartedAt]);
  }

  /** One event: the record, its placement and its Stockholm-local time. */
  add(event: EventInput, placed: Placement, local: LocalParts): void {
    const textLength =
      event.sourceId.length +
      event.type.length +
      event.title.length +
      event.summary.length +
      (event.url?.length ?? 0) +
      (event.locationName?.length ?? 0) +
      (placed.detail?.length ?? 0);
    const rows = this.writer;
    // Numbers and the run's fields take under 200 bytes; text at most 3 bytes per UTF-16 code unit.
    rows.row(COPY_COLUMNS.length, 200 + 3 * textLength);
    rows.text(event.source);
    rows.text(event.sourceId);
    rows.timestamp(event.occurredAt.getTime());
    rows.timestamp(event.publishedAt === null ? null : event.publishedAt.getTime());
    rows.date(Date.UTC(local.year, local.month - 1, 1));
    rows.int16(local.weekday);
    rows.int16(local.hour);
    rows.text(event.type);
    rows.text(event.title);
    rows.text(event.summary);
    rows.text(event.url);
    rows.text(event.locationName);
    rows.float64(event.lon);
    rows.float64(event.lat);
    rows.int32(placed.districtId);
    rows.int32(placed.placeId);
    rows.text(placed.placement);
    rows.text(placed.confidence);
    rows.text(placed.detail);
    rows.encoded(this.runFields);
  }

  /** The rows written, ended, in a buffer of their own (it can be moved to another thread). */
  take(): Uint8Array {
    return this.writer.take();
  }
}

export interface RowKeys {
  sourceIds: string[];
  /** Stockholm-local months, 'YYYY-MM-01'. */
  months: string[];
}

const SOURCE_ID = COPY_COLUMNS.indexOf('source_id');
const LOCAL_MONTH = COPY_COLUMNS.indexOf('local_month');

/**
 * Each row's source id and month, read back from a COPY payload: only a batch that holds stored ids needs
 * them, so the reader does not keep and send them for every batch.
 */
export function rowKeys(rows: Uint8Array): RowKeys {
  const bytes = Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength);
  const view = new DataView(rows.buffer, rows.byteOffset, rows.byteLength);
  const keys: RowKeys = { sourceIds: [], months: [] };
  let at = COPY_HEADER.length;
  for (let fields = view.getInt16(at); fields >= 0; fields = view.getInt16(at)) {
    at += 2;
    for (let field = 0; field < fields; field++) {
      const length = view.getInt32(at);
      at += 4;
      if (field === SOURCE_ID) keys.sourceIds.push(bytes.toString('utf8', at, at + length));
      else if (field === LOCAL_MONTH)
        keys.months.push(new Date(PG_EPOCH_MS + view.getInt32(at) * DAY_MS).toISOString().slice(0, 10));
      at += Math.max(0, length);
    }
  }
  return keys;
}
