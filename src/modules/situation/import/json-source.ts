// Reads a top-level JSON array of records from a file, one record at a time, in constant memory. A small
// byte scanner finds where each element of the array begins and ends (brackets and strings; JSON's
// structural characters are ASCII, so UTF-8 needs no decoding to find them) and JSON.parse reads the
// element. An element larger than the limit is skipped without being kept. Records complete before a
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

  async *items(): AsyncGenerator<SourceItem> {
    const scanner = new ArrayScanner(this.options.maxRecordChars);
    let bytes = 0;
    for await (const chunk of createReadStream(this.file, { highWaterMark: 1 << 20 })) {
      const buffer = chunk as Buffer;
      const failure = scanner.scan(buffer, bytes);
      yield* scanner.drain();
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
  private ready: SourceItem[] = [];

  constructor(private readonly maxChars: number) {}

  drain(): SourceItem[] {
    const items = this.ready;
    this.ready = [];
    return items;
  }

  /** Scans one chunk starting at file offset `offset`; returns where and why the file broke, if it did. */
  scan(buffer: Buffer, offset: number): BrokenFile | null {
    let i = 0;
    let pieceStart = this.state === 'record' || this.state === 'scalar' ? 0 : -1;
    const n = buffer.length;
    while (i < n) {
      const c = buffer[i] as number;
      if (this.state === 'record') {
        if (c === NEWLINE) this.line++;
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === BACKSLASH) this.escaped = true;
          else if (c === QUOTE) {
            this.inString = false;
            // A string where a record belongs ends with its closing quote.
            if (this.depth === 0) {
              this.keep(buffer.subarray(pieceStart, i + 1));
              pieceStart = -1;
              this.finishRecord();
              this.state = 'after';
            }
          }
        } else if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          this.depth--;
          if (this.depth === 0) {
            this.keep(buffer.subarray(pieceStart, i + 1));
            pieceStart = -1;
            this.finishRecord();
            this.state = 'after';
          }
        }
        i++;
        continue;
      }
      if (this.state === 'scalar') {
        if (c === COMMA || c === CLOSE_BRACKET || isSpace(c)) {
          this.keep(buffer.subarray(pieceStart, i));
          pieceStart = -1;
          this.finishScalar();
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
      const at = { byte: offset + i, line: this.line };
      if (this.state === 'start') {
        if (c !== OPEN_BRACKET)
          return {
            ...at,
            reason: `the file is not a JSON array of events (it starts with ${startsWith(c)})`,
          };
        this.state = 'value';
      } else if (this.state === 'value') {
        if (c === CLOSE_BRACKET && this.index === 0) this.state = 'end';
        else if (c === CLOSE_BRACKET) return { ...at, reason: 'a comma before the closing ]' };
        else {
          this.begin(at);
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
        else return { ...at, reason: `expected , or ] after record #${this.index}, found ${startsWith(c)}` };
      } else return { ...at, reason: 'more data after the closing ] of the array' };
      i++;
    }
    if (pieceStart >= 0 && (this.state === 'record' || this.state === 'scalar'))
      this.keep(buffer.subarray(pieceStart), true);
    return null;
  }

  finish(bytes: number): BrokenFile | null {
    const at = { byte: bytes, line: this.line };
    if (this.state === 'start')
      return { ...at, reason: 'the file is empty (expected a JSON array of events)' };
    if (this.state === 'scalar') {
      this.finishScalar();
      return { ...at, reason: 'the file ends too early (truncated?): the array is not closed' };
    }
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

  private begin(at: { byte: number; line: number }): void {
    this.pieces = [];
    this.size = 0;
    this.oversized = false;
    this.inString = false;
    this.escaped = false;
    this.startByte = at.byte;
    this.startLine = at.line;
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

  private position() {
    return { index: this.index++, line: this.startLine, byte: this.startByte };
  }

  private finishRecord(): void {
    if (this.oversized) {
      this.ready.push({
        kind: 'bad',
        ...this.position(),
        reason: `the record is larger than the limit of ${this.maxChars} bytes (${this.size} bytes)`,
      });
      return;
    }
    const text = (
      this.pieces.length === 1 ? (this.pieces[0] as Buffer) : Buffer.concat(this.pieces)
    ).toString('utf8');
    this.pieces = [];
    const position = this.position();
    try {
      this.ready.push({ kind: 'record', ...position, value: JSON.parse(text) });
    } catch (error) {
      this.ready.push({ kind: 'bad', ...position, reason: `invalid JSON: ${(error as Error).message}` });
    }
  }

  /** A number, true, false or null where a record belongs: parsed, so the record's rules can name it. */
  private finishScalar(): void {
    this.finishRecord();
  }
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
