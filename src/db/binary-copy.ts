// Rows in PostgreSQL's binary COPY format, for copyFromBinary (connection.ts). Binary, not text: the
// server then reads timestamps and numbers without parsing them, and the writer writes them without
// formatting them. Pure: the event reader's worker thread writes its rows with it, and loads no database
// code. The format: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** The signature, then 32-bit flags and header-extension length, both zero. */
export const COPY_HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
/** A field count of -1 ends the data. */
const TRAILER = Buffer.from([0xff, 0xff]);
const NULL_LENGTH = -1;
/** PostgreSQL counts dates and timestamps from 2000-01-01 (days; microseconds). */
export const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
export const DAY_MS = 86_400_000;
const TWO_32 = 2 ** 32;
// Texts up to this long are written by writeShortText.
const SHORT_TEXT = 64;

/** Binary COPY rows, appended field by field into a buffer that grows by doubling. */
export class BinaryCopyWriter {
  private buffer: Buffer;
  private view: DataView;
  private length: number;

  /** `capacity`: the bytes the rows are expected to take (growing the buffer copies it). */
  constructor(capacity = 1 << 16) {
    this.buffer = Buffer.allocUnsafeSlow(Math.max(capacity, 1 << 16));
    this.view = new DataView(this.buffer.buffer);
    this.length = COPY_HEADER.copy(this.buffer, 0);
  }

  /** Starts a row of `fields` fields, which take at most `maxBytes` bytes with their lengths. */
  row(fields: number, maxBytes: number): void {
    this.ensure(2 + maxBytes);
    this.view.setInt16(this.length, fields);
    this.length += 2;
  }

  /** Fields encoded beforehand (the same bytes on many rows). */
  encoded(fields: Uint8Array): void {
    // TypedArray.set: Buffer.copy's argument checks cost more than copying a few bytes.
    this.buffer.set(fields, this.length);
    this.length += fields.length;
  }

  /** The rows written, ended, in a buffer of their own (it can be moved to another thread). */
  take(): Uint8Array {
    this.ensure(TRAILER.length);
    this.length += TRAILER.copy(this.buffer, this.length);
    return new Uint8Array(this.buffer.buffer, 0, this.length);
  }

  /** At most 3 bytes per UTF-16 code unit, and 4 for the length. */
  text(value: string | null): void {
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

  /** A timestamp (with or without time zone) from milliseconds since 1970 UTC: 12 bytes. */
  timestamp(ms: number | null): void {
    if (ms === null) {
      this.nullField();
      return;
    }
    this.view.setInt32(this.length, 8);
    setTimestamp(this.view, this.length + 4, ms);
    this.length += 12;
  }

  /** A date from the milliseconds of its midnight UTC: 8 bytes. */
  date(utcMidnightMs: number): void {
    this.int32(Math.round((utcMidnightMs - PG_EPOCH_MS) / DAY_MS));
  }

  /** 12 bytes. */
  float64(value: number | null): void {
    if (value === null) {
      this.nullField();
      return;
    }
    this.view.setInt32(this.length, 8);
    this.view.setFloat64(this.length + 4, value);
    this.length += 12;
  }

  /** 8 bytes. */
  int32(value: number | null): void {
    if (value === null) {
      this.nullField();
      return;
    }
    this.view.setInt32(this.length, 4);
    this.view.setInt32(this.length + 4, value);
    this.length += 8;
  }

  /** 6 bytes. */
  int16(value: number): void {
    this.view.setInt32(this.length, 2);
    this.view.setInt16(this.length + 4, value);
    this.length += 6;
  }

  private nullField(): void {
    this.view.setInt32(this.length, NULL_LENGTH);
    this.length += 4;
  }

  private ensure(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }
}

/** Fields written once, for BinaryCopyWriter.encoded: a boolean and timestamps, each with its length. */
export function encodeFields(fields: readonly (boolean | Date)[]): Uint8Array {
  const bytes = Buffer.alloc(fields.reduce((sum, field) => sum + (typeof field === 'boolean' ? 5 : 12), 0));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let at = 0;
  for (const field of fields) {
    if (typeof field === 'boolean') {
      view.setInt32(at, 1);
      view.setUint8(at + 4, field ? 1 : 0);
      at += 5;
    } else {
      view.setInt32(at, 8);
      setTimestamp(view, at + 4, field.getTime());
      at += 12;
    }
  }
  return bytes;
}

/**
 * Writes a short text as UTF-8 at `at`; returns its length in bytes. Most texts of a row are short (ids,
 * types, names, titles): encoded here, as Buffer.write's call into C++ costs more than the encoding.
 * Characters up to U+07FF (all of Swedish) take one or two bytes; a text with any other character is
 * written again from its start by Buffer.write.
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
