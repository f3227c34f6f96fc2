// `medborgarlofte import events <path...>`: the command, its progress bar and its summary.
// Exit codes: 0 everything went in, 1 records were skipped or a file is broken, 2 usage errors.
import path from 'node:path';
import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../../../config.ts';
import { openDatabase, PGLITE_BULK_MEMORY } from '../../../db/connection.ts';
import { migrateToLatest } from '../../../db/migrate.ts';
import {
  type BadRecord,
  DEFAULT_BATCH_SIZE,
  type FileReport,
  type ImportFormat,
  type ImportReport,
  ImportUsageError,
  importEventFiles,
  listImportFiles,
} from './importer.ts';
import { CSV_COLUMNS } from './records.ts';

const CSV_HELP = `
Formats (--format auto picks one per file: .csv is CSV, JSON by its first record):
  polisen            the police's public events API: a JSON array of
                     {id, datetime, name, summary, url, type, location: {name, gps}}
  brottsplatskartan  Brottsplatskartan's API: a JSON array of {id, pubdate_iso8601, title_type, title_location, lat, lng, ...}
  csv                incident rows with this header (any order; id optional, lat/lng optional as a pair):
                       ${CSV_COLUMNS.join(',')}
                     occurred_at: ISO 8601 with an offset (2026-08-22T20:15:00+02:00) or Stockholm time
                     'YYYY-MM-DD HH:MM'; place: a district or place name; no id: a hash of the row is used.

Re-running adds nothing (same id and content), updates changed records, and after a crash resumes after
the last committed batch. Every skipped record is listed with its position and reason on stderr.
Exit code: 0 all went in, 1 records skipped or a file broken, 2 usage errors. See docs/situation-import.md.`;

export function registerImportCommands(program: Command): void {
  const group = program.command('import').description('Import data in bulk');
  group
    .command('events')
    .description('Import incident events (police events API, Brottsplatskartan or CSV) from files or folders')
    .argument('<path...>', 'files, or folders whose .json and .csv files are imported')
    .addOption(
      new Option('--format <format>', 'the files’ format')
        .choices(['auto', 'polisen', 'brottsplatskartan', 'csv'])
        .default('auto'),
    )
    .option('--dry-run', 'read and check everything and say what would change, but write nothing')
    .option('--batch-size <n>', 'records per committed batch', parseBatchSize, DEFAULT_BATCH_SIZE)
    .addHelpText('after', CSV_HELP)
    .exitOverride((error) => {
      // Commander's own errors (unknown option, missing path) are usage errors: exit code 2.
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action(
      async (paths: string[], options: { format: ImportFormat; dryRun?: boolean; batchSize: number }) => {
        process.exitCode = await runImport(paths, options);
      },
    );
}

function parseBatchSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new InvalidArgumentError('a whole number from 1 to 100000');
  return n;
}

async function runImport(
  paths: string[],
  options: { format: ImportFormat; dryRun?: boolean; batchSize: number },
): Promise<number> {
  try {
    await listImportFiles(paths);
  } catch (error) {
    if (error instanceof ImportUsageError) {
      console.error(`Error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const config = loadConfig();
  // Its own process: PGlite with the memory a bulk load wants, not the server's small footprint.
  const { db } = openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, 'pglite'),
    pgliteMemory: PGLITE_BULK_MEMORY,
  });
  const progress = process.stderr.isTTY ? new ProgressDisplay() : null;
  const printBad = (bad: BadRecord) => {
    const text = describeBadRecord(bad);
    if (progress) progress.log(text);
    else console.error(text);
  };
  try {
    await migrateToLatest(db);
    const report = await importEventFiles(db, paths, {
      format: options.format,
      dryRun: options.dryRun === true,
      batchSize: options.batchSize,
      onBadRecord: printBad,
      ...(progress ? { onProgress: (p) => progress.update(p.file, p.bytes, p.totalBytes) } : {}),
    });
    progress?.stop();
    console.log(formatReport(report));
    return report.clean ? 0 : 1;
  } finally {
    progress?.stop();
    await db.destroy();
  }
}

export function describeBadRecord(bad: BadRecord): string {
  const where = [`record #${bad.record}`];
  if (bad.line !== undefined) where.push(`line ${bad.line}`);
  if (bad.byte !== undefined) where.push(`byte ${bad.byte}`);
  if (bad.sourceId !== undefined) where.push(`id ${bad.sourceId}`);
  return `${bad.file}: ${where.join(', ')}: skipped: ${bad.reason}`;
}

export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  for (const file of report.files) lines.push(...formatFile(file, report.dryRun));
  if (report.files.length > 1) {
    const sum = (key: 'read' | 'inserted' | 'updated' | 'unchanged' | 'skipped') =>
      report.files.reduce((n, f) => n + f[key], 0);
    lines.push(
      `Total: read ${sum('read')}, ${report.dryRun ? 'would insert' : 'inserted'} ${sum('inserted')}, ` +
        `${report.dryRun ? 'would update' : 'updated'} ${sum('updated')}, unchanged ${sum('unchanged')}, skipped ${sum('skipped')}`,
    );
  }
  if (report.dryRun) lines.push('Dry run: nothing was written.');
  return lines.join('\n');
}

function formatFile(file: FileReport, dryRun: boolean): string[] {
  const lines = [
    `${file.file} (${file.format ?? 'unknown format'}): read ${file.read}, ` +
      `${dryRun ? 'would insert' : 'inserted'} ${file.inserted}, ${dryRun ? 'would update' : 'updated'} ${file.updated}, ` +
      `unchanged ${file.unchanged}, skipped ${file.skipped}`,
  ];
  if (file.resumedAfter > 0)
    lines.push(`  resumed after record #${file.resumedAfter} (committed by an interrupted run)`);
  for (const [reason, count] of Object.entries(file.skippedReasons).sort((a, b) => b[1] - a[1]))
    lines.push(`  skipped ${count} × ${reason}`);
  if (file.broken)
    lines.push(
      `  broken at byte ${file.broken.byte} (line ${file.broken.line}): ${file.broken.reason}; ` +
        `the complete records before it ${dryRun ? 'were checked' : 'were imported'}`,
    );
  return lines;
}

/** A progress bar on stderr, per file, by bytes read. */
class ProgressDisplay {
  private readonly bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: '{file} [{bar}] {percentage}% | {value}/{total} KiB',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  private bar: cliProgress.SingleBar | null = null;
  private file = '';
  private stopped = false;

  update(file: string, bytes: number, totalBytes: number): void {
    if (file !== this.file) {
      this.bar?.update(this.bar.getTotal());
      this.bar = this.bars.create(Math.ceil(totalBytes / 1024), 0, { file });
      this.file = file;
    }
    this.bar?.update(Math.ceil(bytes / 1024), { file });
  }

  log(text: string): void {
    this.bars.log(`${text}\n`);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.bars.stop();
  }
}
