// The rows of a batch in COPY's binary format, in COPY_COLUMNS order: built in the reader's worker thread,
// COPYed by the importer (src/db/connection.ts copyFromBinary) straight into `event` or into its staging
// table. Binary, not text: PostgreSQL then reads timestamps and numbers without parsing them (a COPY of
// 1M events took 6.6 s instead of 8.9 s), and the reader writes them without formatting them.
// No database code here: the worker loads only what reading and placing need.
import type { Selectable } from 'kysely';
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

// The format: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** The signature, then 32-bit flags and header-extension length, both zero. */
const HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
/** A field count of -1 ends the data. */
const TRAILER = Buffer.from([0xff, 0xff]);
const NULL_LENGTH = -1;
/** PostgreSQL counts dates and timestamps from 2000-01-01 (days; microseconds). */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const TWO_32 = 2 ** 32;

/** COPY rows as binary, appended one event at a time into a buffer that grows by doubling. */
export class CopyRows {
  private buffer: Buffer;
  private view: DataView;
  private length: number;
  /** is_demo, imported_at and updated_at: the same bytes on every row of a run. */
  private readonly runFields: Buffer;

  /** `capacity`: the bytes the rows are expected to take (growing the buffer copies it). */
  constructor(isDemo: boolean, runStartedAt: Date, capacity = 1 << 20) {
    this.buffer = Buffer.allocUnsafeSlow(Math.max(capacity, 1 << 20));
    this.view = new DataView(this.buffer.buffer);
    this.length = HEADER.copy(this.buffer, 0);
    const run = Buffer.alloc(5 + 2 * 12);
    const view = new DataView(run.buffer, run.byteOffset, run.length);
    view.setInt32(0, 1);
    view.setUint8(4, isDemo ? 1 : 0);
    for (const at of [5, 17]) {
      view.setInt32(at, 8);
      setTimestamp(view, at + 4, runStartedAt.getTime());
    }
    this.runFields = run;
  }

  /** One event: the record, its placement and its Stockholm-local time. */
  add(event: EventInput, placed: Placement, local: LocalParts): void {
    // Numbers and the run's fields take under 200 bytes; text at most 3 bytes per UTF-16 code unit.
    const textLength =
      event.sourceId.length +
      event.type.length +
      event.title.length +
      event.summary.length +
      (event.url?.length ?? 0) +
      (event.locationName?.length ?? 0) +
      (placed.detail?.length ?? 0);
    this.ensure(200 + 3 * textLength);
    this.view.setInt16(this.length, COPY_COLUMNS.length);
    this.length += 2;
    this.text(event.source);
    this.text(event.sourceId);
    this.timestamp(event.occurredAt.getTime());
    this.timestamp(event.publishedAt === null ? null : event.publishedAt.getTime());
    this.int32(Math.round((Date.UTC(local.year, local.month - 1, 1) - PG_EPOCH_MS) / DAY_MS));
    this.int16(local.weekday);
    this.int16(local.hour);
    this.text(event.type);
    this.text(event.title);
    this.text(event.summary);
    this.text(event.url);
    this.text(event.locationName);
    this.float64(event.lon);
    this.float64(event.lat);
    this.int32(placed.districtId);
    this.int32(placed.placeId);
    this.text(placed.placement);
    this.text(placed.confidence);
    this.text(placed.detail);
    // TypedArray.set: Buffer.copy's argument checks cost more than copying these 29 bytes.
    this.buffer.set(this.runFields, this.length);
    this.length += this.runFields.length;
  }

  /** The rows written, ended, in a buffer of their own (it can be moved to another thread). */
  take(): Uint8Array {
    this.ensure(TRAILER.length);
    this.length += TRAILER.copy(this.buffer, this.length);
    return new Uint8Array(this.buffer.buffer, 0, this.length);
  }

  private ensure(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }

  private text(value: string | null): void {
    if (value === null) {
      this.nullField();
      return;
    }
    const at = this.length + 4;
    const buffer = this.buffer;
    const bytes = value.length <= SHORT_TEXT ? writeShortText(buffer, value, at) : buffer.write(value, at);
    // The length as four bytes, big-endian (a text is far below 2^31 bytes).
    buffer[at - 4] = bytes >>> 24;
    buffer[at - 3] = (bytes >>> 16) & 0xff;
    buffer[at - 2] = (bytes >>> 8) & 0xff;
    buffer[at - 1] = bytes & 0xff;
    this.length = at + bytes;
  }

  private timestamp(ms: number | null): void {
    if (ms === null) {
      this.nullField();
      return;
    }
    this.view.setInt32(this.length, 8);
    setTimestamp(this.view, this.length + 4, ms);
    this.length += 12;
  }

  private float64(value: number | null): void {
    if (value === null) {
      this.nullField();
      return;
    }
    this.view.setInt32(this.length, 8);
    this.view.setFloat64(this.length + 4, value);
    this.length += 12;
  }

  private int32(value: number | null): void {
    if (value === null) {
      this.nullField();
      return;
    }
    this.view.setInt32(this.length, 4);
    this.view.setInt32(this.length + 4, value);
    this.length += 8;
  }

  private int16(value: number): void {
    this.view.setInt32(this.length, 2);
    this.view.setInt16(this.length + 4, value);
    this.length += 6;
  }

  private nullField(): void {
    this.view.setInt32(this.length, NULL_LENGTH);
    this.length += 4;
  }
}

// Texts up to this long are written by writeShortText.
const SHORT_TEXT = 64;

/**
 * Writes a short text as UTF-8 at `at`; returns its length in bytes. Most of a row's texts are short (ids,
 * hashes, types, names, titles): encoded here, as Buffer.write's call into C++ costs more than the
 * encoding. Characters up to U+07FF (all of Swedish) take one or two bytes; a text with any other
 * character is written again from its start by Buffer.write.
 */
function writeShortText(buffer: Buffer, text: string, at: number): number {
  let end = at;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) buffer[end++] = code;
    else if (code < 0x800) {
      buffer[end++] = 0xc0 | (code >> 6);
      buffer[end++] = 0x80 | (code & 0x3f);
    } else return buffer.write(text, at);
  }
  return end - at;
}

/** A timestamp as 64-bit microseconds since 2000, written as two 32-bit halves (exact below 2^53). */
function setTimestamp(view: DataView, at: number, ms: number): void {
  const micros = (ms - PG_EPOCH_MS) * 1000;
  const high = Math.floor(micros / TWO_32);
  view.setInt32(at, high);
  view.setUint32(at + 4, micros - high * TWO_32);
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
  let at = HEADER.length;
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
