// Reads a top-level JSON array of records from a file, one record at a time, in constant memory. A small
// byte scanner finds where each element of the array begins and ends (brackets and strings; JSON's
// structural characters are ASCII, so UTF-8 needs no decoding to find them; strings are crossed with
// indexOf) and JSON.parse reads the element when the reader takes it. An element larger than the limit is skipped without being kept. Records complete before a
// syntax error or truncation are delivered; every record carries its byte offset and line.
// Why not stream-json's tokenizer: see docs/decisions/0004-event-import-scanner-and-occurrence-time.md.
import { createReadStream } from 'node:fs';

/** One element of the source, with where it starts (byte offset: JSON only). */
export type SourceItem = { index: number; line: number; byte?: number } & (
  | { kind: 'record'; value: unknown }
  | { kind: 'bad'; reason: string }
);

/** Where and why a file could not be read to its end (records before it were delivered). */
export interface BrokenFile {
  reason: string;
  byte: number;
  line: number;
}

export interface JsonSourceOptions {
  maxRecordChars: number;
  /** Called with the bytes read so far, for a progress bar. */
  onBytes?: (bytes: number) => void;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

type State = 'start' | 'value' | 'after' | 'record' | 'scalar' | 'end';

export class JsonArraySource {
  broken: BrokenFile | null = null;

  constructor(
    private readonly file: string,
    private readonly options: JsonSourceOptions,
  ) {}

  /** The records of the file, a chunk's worth at a time: one await per chunk, not one per record. */
  async *chunks(): AsyncGenerator<Iterable<SourceItem>> {
    const scanner = new ArrayScanner(this.options.maxRecordChars);
    let bytes = 0;
    for await (const chunk of createReadStream(this.file, { highWaterMark: 1 << 20 })) {
      const buffer = chunk as Buffer;
      const failure = scanner.scan(buffer, bytes);
      yield scanner.drain();
      bytes += buffer.length;
      if (failure) {
        this.broken = failure;
        return;
      }
      this.options.onBytes?.(bytes);
    }
    this.broken = scanner.finish(bytes);
  }
}

/** The element scanner's state carried from one chunk to the next. */
class ArrayScanner {
  private state: State = 'start';
  private line = 1;
  private index = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private pieces: Buffer[] = [];
  private size = 0;
  private oversized = false;
  private startLine = 1;
  private startByte = 0;
  private found: (FoundElement | SourceItem)[] = [];
  /** The first newline at or after the last place lines were counted from, in the current buffer. */
  private nextNewline = -1;

  constructor(private readonly maxChars: number) {}

  /** The elements found so far, parsed one by one as they are iterated. */
  drain(): Iterable<SourceItem> {
    const found = this.found;
    this.found = [];
    return parseEach(found);
  }

  /** Scans one chunk starting at file offset `offset`; returns where and why the file broke, if it did. */
  scan(buffer: Buffer, offset: number): BrokenFile | null {
    let i = 0;
    this.nextNewline = -1;
    let pieceStart = this.state === 'record' || this.state === 'scalar' ? 0 : -1;
    const n = buffer.length;
    while (i < n) {
      if (this.state === 'record') {
        const end = this.recordEnd(buffer, i);
        if (end < 0) break;
        this.endElement(buffer, pieceStart, end + 1);
        pieceStart = -1;
        this.state = 'after';
        i = end + 1;
        continue;
      }
      const c = buffer[i] as number;
      if (this.state === 'scalar') {
        if (c === COMMA || c === CLOSE_BRACKET || isSpace(c)) {
          this.endElement(buffer, pieceStart, i);
          pieceStart = -1;
          this.state = 'after';
          continue;
        }
        i++;
        continue;
      }
      if (c === NEWLINE) this.line++;
      if (isSpace(c) || (this.state === 'start' && (c === 0xef || c === 0xbb || c === 0xbf))) {
        i++;
        continue;
      }
      // Where the file breaks, if it does here (no object made for the usual case: twice a record).
      const byte = offset + i;
      const line = this.line;
      if (this.state === 'start') {
        if (c !== OPEN_BRACKET)
          return {
            byte,
            line,
            reason: `the file is not a JSON array of events (it starts with ${startsWith(c)})`,
          };
        this.state = 'value';
      } else if (this.state === 'value') {
        if (c === CLOSE_BRACKET && this.index === 0) this.state = 'end';
        else if (c === CLOSE_BRACKET) return { byte, line, reason: 'a comma before the closing ]' };
        else {
          this.begin(byte, line);
          pieceStart = i;
          if (c === OPEN_BRACE || c === OPEN_BRACKET) {
            this.state = 'record';
            this.depth = 1;
          } else if (c === QUOTE) {
            this.state = 'record';
            this.depth = 0;
            this.inString = true;
          } else {
            this.state = 'scalar';
            continue;
          }
        }
      } else if (this.state === 'after') {
        if (c === COMMA) this.state = 'value';
        else if (c === CLOSE_BRACKET) this.state = 'end';
        else
          return {
            byte,
            line,
            reason: `expected , or ] after record #${this.index}, found ${startsWith(c)}`,
          };
      } else return { byte, line, reason: 'more data after the closing ] of the array' };
      i++;
    }
    if (pieceStart >= 0 && (this.state === 'record' || this.state === 'scalar'))
      this.keep(buffer.subarray(pieceStart), true);
    return null;
  }

  /**
   * Where in the buffer the record being read ends (its closing bracket, or the quote ending a string
   * record), from `from` on; -1 when it goes on past the buffer. Every byte of a record passes through
   * here, so the state lives in locals while the loop runs, and strings (most of a record's bytes) are
   * crossed with indexOf instead of byte by byte.
   */
  private recordEnd(buffer: Buffer, from: number): number {
    let depth = this.depth;
    const n = buffer.length;
    let i = from;
    if (this.inString) {
      i = this.stringEnd(buffer, i);
      if (i < 0) return -1;
      if (depth === 0) return i;
      i++;
    }
    for (; i < n; i++) {
      const c = buffer[i] as number;
      if (c === QUOTE) {
        i = this.stringEnd(buffer, i + 1);
        if (i < 0) break;
      } else if (c === NEWLINE) this.line++;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) {
        this.depth = depth;
        return i;
      }
    }
    this.depth = depth;
    return -1;
  }

  /**
   * The closing quote of the string whose text starts at `from`; -1 when the string goes on past the
   * buffer (then `inString` and `escaped` carry over). A quote is escaped when an odd number of
   * backslashes comes right before it. Newlines (invalid in JSON strings, but they still count as lines
   * for the records after) are counted.
   */
  private stringEnd(buffer: Buffer, from: number): number {
    let start = from;
    if (this.escaped && start < buffer.length) {
      this.escaped = false;
      if (buffer[start] === NEWLINE) this.line++;
      start++;
    }
    let search = start;
    for (;;) {
      const quote = buffer.indexOf(QUOTE, search);
      const end = quote < 0 ? buffer.length : quote;
      let backslashes = 0;
      while (end - backslashes - 1 >= start && buffer[end - backslashes - 1] === BACKSLASH) backslashes++;
      if (quote < 0 || backslashes % 2 === 0) {
        this.countLines(buffer, search, end);
        this.inString = quote < 0;
        this.escaped = quote < 0 && backslashes % 2 === 1;
        return quote;
      }
      this.countLines(buffer, search, quote + 1);
      search = quote + 1;
    }
  }

  /** Counts the newlines in [from, to); `nextNewline` saves a search per string (records rarely span lines). */
  private countLines(buffer: Buffer, from: number, to: number): void {
    if (this.nextNewline < from) this.nextNewline = newlineFrom(buffer, from);
    while (this.nextNewline < to) {
      this.line++;
      this.nextNewline = newlineFrom(buffer, this.nextNewline + 1);
    }
  }

  finish(bytes: number): BrokenFile | null {
    const at = { byte: bytes, line: this.line };
    if (this.state === 'start')
      return { ...at, reason: 'the file is empty (expected a JSON array of events)' };
    // A number, true, false or null cut off by the end of the file is not delivered: the file is broken.
    if (this.state === 'scalar')
      return { ...at, reason: 'the file ends too early (truncated?): the array is not closed' };
    if (this.state === 'record')
      return {
        ...at,
        reason: `the file ends too early (truncated?): record #${this.index + 1} is incomplete`,
      };
    if (this.state !== 'end')
      return {
        ...at,
        reason: `the file ends too early (truncated?): the array is not closed after record #${this.index}`,
      };
    return null;
  }

  private begin(byte: number, line: number): void {
    if (this.pieces.length > 0) this.pieces = [];
    this.size = 0;
    this.oversized = false;
    this.inString = false;
    this.escaped = false;
    this.startByte = byte;
    this.startLine = line;
  }

  /** Keeps part of the element; `carried` when it must outlive this chunk (the element continues). */
  private keep(piece: Buffer, carried = false): void {
    this.size += piece.length;
    if (this.oversized) return;
    if (this.size > this.maxChars) {
      // Drop what was kept: memory stays bounded however large the record is.
      this.oversized = true;
      this.pieces = [];
      return;
    }
    // A carried piece is copied: the chunk it points into would otherwise stay in memory with the record.
    this.pieces.push(carried ? Buffer.from(piece) : piece);
  }

  /**
   * The element ends with [start, end) of the buffer. One that lies within the chunk (nearly all) is
   * kept as where it lies in the chunk, without a view of the chunk (Buffer views are costly to make).
   */
  private endElement(buffer: Buffer, start: number, end: number): void {
    if (this.pieces.length === 0 && !this.oversized && this.size + end - start <= this.maxChars) {
      this.size += end - start;
      this.finishRecord(buffer, start, end);
      return;
    }
    this.keep(buffer.subarray(start, end));
    this.finishRecord();
  }

  /** Notes the element found: [start, end) of `bytes`, or else the pieces kept. */
  private finishRecord(bytes?: Buffer, start = 0, end = 0): void {
    const index = this.index++;
    // Built whole, without spreads: one object per element, all of the same shape.
    if (this.oversized) {
      this.found.push({
        kind: 'bad',
        index,
        line: this.startLine,
        byte: this.startByte,
        reason: `the record is larger than the limit of ${this.maxChars} bytes (${this.size} bytes)`,
      });
      return;
    }
    if (bytes) {
      this.found.push({ index, line: this.startLine, byte: this.startByte, bytes, start, end });
      return;
    }
    const joined = this.pieces.length === 1 ? (this.pieces[0] as Buffer) : Buffer.concat(this.pieces);
    this.pieces = [];
    this.found.push({
      index,
      line: this.startLine,
      byte: this.startByte,
      bytes: joined,
      start: 0,
      end: joined.length,
    });
  }
}

/**
 * An element found in a chunk, not parsed yet. Elements are parsed as the reader takes them: parsing a
 * chunk's thousands of records at once kept them all alive through the young generation's collections,
 * which copied them (the garbage collector's largest cost).
 */
interface FoundElement {
  index: number;
  line: number;
  byte: number;
  bytes: Buffer;
  start: number;
  end: number;
}

function* parseEach(found: (FoundElement | SourceItem)[]): Generator<SourceItem> {
  for (const element of found) yield 'bytes' in element ? parseElement(element) : element;
}

function parseElement({ index, line, byte, bytes, start, end }: FoundElement): SourceItem {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8', start, end));
    return { kind: 'record', index, line, byte, value };
  } catch (error) {
    return { kind: 'bad', index, line, byte, reason: `invalid JSON: ${(error as Error).message}` };
  }
}

/** The first newline at or after `from`; the buffer's length when there is none. */
function newlineFrom(buffer: Buffer, from: number): number {
  const at = buffer.indexOf(NEWLINE, from);
  return at < 0 ? buffer.length : at;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === NEWLINE || c === 0x0d || c === 0x09;
}

function startsWith(c: number): string {
  if (c === OPEN_BRACE) return 'an object';
  if (c === QUOTE) return 'text';
  if ((c >= 0x30 && c <= 0x39) || c === 0x2d) return 'a number';
  return `"${String.fromCharCode(c)}"`;
}
