// Reads the generic incident CSV row by row (csv-parse, streaming). The header names the columns (any
// order); a row that cannot be parsed or is too large is reported with its line and skipped.
import { createReadStream } from 'node:fs';
import { type CsvError, type Info, parse } from 'csv-parse';
import type { BrokenFile, SourceItem } from './json-source.ts';
import { CSV_COLUMNS, CSV_REQUIRED_COLUMNS } from './records.ts';

export type CsvItem = SourceItem;

export class CsvSource {
  broken: BrokenFile | null = null;

  constructor(
    private readonly file: string,
    private readonly options: { maxRecordChars: number; onBytes?: (bytes: number) => void },
  ) {}

  /** The rows, one at a time (csv-parse hands them over so): the same shape as JSON's chunks. */
  async *chunks(): AsyncGenerator<Iterable<CsvItem>> {
    for await (const item of this.items()) yield [item];
  }

  private async *items(): AsyncGenerator<CsvItem> {
    const skipped: { line: number; reason: string }[] = [];
    const parser = createReadStream(this.file).pipe(
      parse({
        bom: true,
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
        max_record_size: this.options.maxRecordChars,
        on_skip: (error: CsvError | undefined) => {
          const line = Number((error as { lines?: number } | undefined)?.lines ?? 0);
          skipped.push({ line, reason: error?.message ?? 'the row cannot be read as CSV' });
          return undefined;
        },
      }),
    );
    let header: string[] | null = null;
    let index = 0;
    let bytes = 0;
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; info: Info }>) {
        const line = item.info.lines;
        if (item.info.bytes - bytes > 1 << 20) {
          bytes = item.info.bytes;
          this.options.onBytes?.(bytes);
        }
        if (!header) {
          header = item.record.map((name) => name.trim().toLowerCase());
          const problem = headerProblem(header);
          if (problem) {
            this.broken = { reason: problem, byte: 0, line };
            return;
          }
          continue;
        }
        while (skipped.length > 0 && (skipped[0]?.line ?? 0) <= line) {
          const skip = skipped.shift();
          if (skip) yield { kind: 'bad', index: index++, reason: skip.reason, line: skip.line };
        }
        if (item.record.length !== header.length) {
          yield {
            kind: 'bad',
            index: index++,
            line,
            reason: `the row has ${item.record.length} fields, the header ${header.length}`,
          };
          continue;
        }
        const row: Record<string, string> = {};
        header.forEach((name, i) => {
          Object.defineProperty(row, name, { value: item.record[i] ?? '', enumerable: true });
        });
        yield { kind: 'record', index: index++, value: row, line };
      }
    } catch (error) {
      this.broken = {
        reason: `the file cannot be read as CSV: ${(error as Error).message}`,
        byte: 0,
        line: 0,
      };
    }
    for (const skip of skipped) yield { kind: 'bad', index: index++, reason: skip.reason, line: skip.line };
    if (!header && !this.broken)
      this.broken = { reason: 'the file is empty (expected a header row)', byte: 0, line: 1 };
  }
}

function headerProblem(header: string[]): string | null {
  const missing = CSV_REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    return `the header lacks ${missing.join(', ')}; expected the columns ${CSV_COLUMNS.join(',')}`;
  const unknown = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0)
    return `unknown columns in the header: ${unknown.join(', ')}; expected ${CSV_COLUMNS.join(',')}`;
  const lat = header.includes('lat');
  if (lat !== header.includes('lng')) return 'the header must have both lat and lng, or neither';
  return null;
}
