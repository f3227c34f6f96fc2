// Imports incident events from files: streaming, in batches that each commit with their checkpoint and
// rollups, idempotent by (source, source id), resumable after a crash. See docs/situation-import.md.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { districtAt } from '../../../domain/event-placement.ts';
import { refreshRollups, vacuumRollups } from '../rollups.ts';
import type { LearntCentroid } from './centroids.ts';
import { rowKeys } from './copy-rows.ts';
import { loadPlacementData, type PlacementData } from './gazetteer.ts';
import type { BrokenFile } from './json-source.ts';
import {
  type BatchReader,
  EventReader,
  type ImportFormat,
  placementColumns,
  placeStored,
  type ReadBatch,
  type ReaderSetup,
  type RecordPosition,
  type SkippedRecord,
} from './reader.ts';
import { ReaderClient, readerThreadCode } from './reader-client.ts';
import type { SourceFormat } from './records.ts';
import {
  clearCheckpoint,
  eventsPlacedAt,
  findCheckpoint,
  findStored,
  insertAllNew,
  loadCentroids,
  loadCoverage,
  saveCentroids,
  saveCheckpoint,
  stageRows,
  storeStaged,
  updatePlacement,
} from './repo.ts';

export type { ImportFormat };

export interface ImportOptions {
  format?: ImportFormat;
  dryRun?: boolean;
  batchSize?: number;
  /** A record larger than this (characters of JSON or CSV) is skipped with a reason. */
  maxRecordChars?: number;
  isDemo?: boolean;
  clock?: () => Date;
  onBadRecord?: (bad: BadRecord) => void;
  onProgress?: (progress: { file: string; bytes: number; totalBytes: number }) => void;
  /** Called after each committed batch (progress; tests use it to simulate a crash). */
  afterBatch?: (batch: { file: string; number: number; recordsDone: number }) => void | Promise<void>;
}

export interface BadRecord {
  file: string;
  /** 1-based position of the record in the file's array (or data row of the CSV). */
  record: number;
  line?: number;
  /** Byte offset where the record starts (JSON files). */
  byte?: number;
  sourceId?: string;
  reason: string;
}

export interface FileReport {
  file: string;
  format: SourceFormat | null;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Skipped records counted by reason (with the specific values left out). */
  skippedReasons: Record<string, number>;
  /** Records an earlier, interrupted run had already committed. */
  resumedAfter: number;
  broken: BrokenFile | null;
}

export interface ImportReport {
  dryRun: boolean;
  files: FileReport[];
  /** True when every record of every file went in (or was unchanged) and no file was broken. */
  clean: boolean;
}

/**
 * Each batch's transaction recounts the rollups of every month it touched, so fewer, larger batches cost
 * less; memory grows with the batch (two batches of COPY rows at a time, ~400 bytes per event).
 */
export const DEFAULT_BATCH_SIZE = 50_000;
export const DEFAULT_MAX_RECORD_CHARS = 1 << 20;

/**
 * From this many bytes of files on, the reading runs in a worker thread, beside the database's work. A
 * worker takes about 0.1 s to start (its code bundled, the thread started, the modules evaluated), longer
 * than reading a few thousand events takes, so small imports (the demo's, most tests') read in the
 * importer's own thread.
 */
export const READER_THREAD_BYTES = 4 << 20;

export class ImportUsageError extends Error {}

/** The files to import: each file given, and the .json and .csv files of each folder given (sorted). */
export async function listImportFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info) throw new ImportUsageError(`${given}: no such file or folder`);
    if (info.isDirectory()) {
      const entries = (await readdir(given)).filter((name) => /\.(json|csv)$/i.test(name)).sort();
      files.push(...entries.map((name) => path.join(given, name)));
    } else files.push(given);
  }
  return files;
}

export async function importEventFiles(
  db: Kysely<Database>,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const files = await listImportFiles(paths);
  let bytes = 0;
  for (const file of files) bytes += (await stat(file)).size;
  const [setup, threadCode] = await Promise.all([
    loadReaderSetup(db),
    bytes >= READER_THREAD_BYTES ? readerThreadCode() : undefined,
  ]);
  const reader: BatchReader = threadCode ? new ReaderClient(setup, threadCode) : new EventReader(setup);
  const reports: FileReport[] = [];
  try {
    for (const file of files) reports.push(await importFile(db, file, reader, setup.placement, options));
  } finally {
    await reader.close();
  }
  if (!options.dryRun && reports.some((r) => r.inserted + r.updated > 0)) await vacuumRollups(db);
  const clean = reports.every((r) => r.skipped === 0 && r.broken === null);
  return { dryRun: options.dryRun === true, files: reports, clean };
}

/**
 * A snapshot, as the names and polygons are: an LPO's districts changed during an import reach the rollups
 * of the months counted again after it.
 */
async function loadReaderSetup(db: Kysely<Database>): Promise<ReaderSetup> {
  const placement = await loadPlacementData(db);
  return { placement, centroids: await loadCentroids(db), coverage: await loadCoverage(db) };
}

async function importFile(
  db: Kysely<Database>,
  file: string,
  reader: BatchReader,
  placement: PlacementData,
  options: ImportOptions,
): Promise<FileReport> {
  const info = await stat(file);
  const fileKey = `${await realpath(file)}|${info.size}|${info.mtimeMs}`;
  const checkpoint = options.dryRun ? undefined : await findCheckpoint(db, fileKey);
  const runStartedAt = checkpoint?.run_started_at ?? (options.clock ?? (() => new Date()))();
  const resumedAfter = Number(checkpoint?.records_done ?? 0);
  const report = emptyReport(file, resumedAfter);
  const skip = (bad: SkippedRecord) => {
    report.skipped++;
    const key = reasonKind(bad.reason);
    report.skippedReasons[key] = (report.skippedReasons[key] ?? 0) + 1;
    options.onBadRecord?.({ file, ...bad });
  };
  const batches = reader.read(
    {
      file,
      size: info.size,
      format: options.format ?? 'auto',
      resumedAfter,
      runStartedAt,
      isDemo: options.isDemo === true,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      maxRecordChars: options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
    },
    (bytes) => options.onProgress?.({ file, bytes, totalBytes: info.size }),
  );
  const context = { fileKey, runStartedAt, report, skip, placement, options };
  let number = 0;
  for (;;) {
    const next = await batches.next();
    if (next.done) {
      report.format = next.value.format;
      report.broken = next.value.broken;
      break;
    }
    const batch = next.value;
    report.format = batch.format;
    report.read += batch.read;
    for (const bad of batch.skipped) skip(bad);
    await writeBatch(db, batch, context);
    await options.afterBatch?.({ file, number: ++number, recordsDone: batch.recordsDone });
  }
  if (!options.dryRun) await clearCheckpoint(db, fileKey);
  return report;
}

function emptyReport(file: string, resumedAfter: number): FileReport {
  return {
    file,
    format: null,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    skippedReasons: {},
    resumedAfter,
    broken: null,
  };
}

interface BatchContext {
  fileKey: string;
  runStartedAt: Date;
  report: FileReport;
  skip: (bad: SkippedRecord) => void;
  placement: PlacementData;
  options: ImportOptions;
}

class DryRunRollback extends Error {}

/**
 * One transaction: store the new and changed rows, place again at learnt centroids, checkpoint, rollups.
 * A bulk load's batches are all new: they are COPYed without looking their ids up first, and the counts
 * the reader made of them are added to the rollups. Only a batch that turns out to hold a stored id is
 * compared with the stored events, and its months are counted again.
 */
async function writeBatch(db: Kysely<Database>, batch: ReadBatch, context: BatchContext): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      // The commit need not wait for its WAL to reach the disk: should the server crash first, the batch is
      // lost whole, with its checkpoint, and a re-run imports it again. clearCheckpoint's commit, at the
      // end of the file, waits, and with it for every batch before it.
      await sql`set local synchronous_commit = off`.execute(trx);
      const allNew = !context.options.dryRun && batch.events > 0 && (await insertAllNew(trx, batch.rows));
      if (allNew) context.report.inserted += batch.events;
      const recount = allNew ? new Set<string>() : await storeChanged(trx, batch, context);
      await replaceAtCentroids(trx, batch.learnt, context.placement, recount);
      await saveCheckpoint(trx, context.fileKey, context.runStartedAt, batch.recordsDone);
      await refreshRollups(trx, [...recount].sort(), allNew ? batch.added : undefined);
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
}

/**
 * Compares the batch with the stored events and stores the new and changed rows (none in a dry run, which
 * rolls the transaction back here); the months it touched, old and new.
 */
async function storeChanged(
  trx: Transaction<Database>,
  batch: ReadBatch,
  context: BatchContext,
): Promise<Set<string>> {
  const { report } = context;
  await stageRows(trx, batch.rows);
  const stored = await findStored(trx, context.runStartedAt);
  const keys = rowKeys(batch.rows);
  const months = new Set<string>();
  const written: string[] = [];
  let updates = 0;
  keys.sourceIds.forEach((sourceId, i) => {
    const match = stored.get(sourceId);
    if (match?.thisRun) {
      context.skip({
        ...rowPosition(batch, i),
        sourceId,
        reason: 'duplicate id: an earlier record in this file has it',
      });
    } else if (match?.sameContent) report.unchanged++;
    else {
      if (match) {
        report.updated++;
        updates++;
        months.add(match.oldMonth);
      } else report.inserted++;
      months.add(keys.months[i] as string);
      written.push(sourceId);
    }
  });
  if (context.options.dryRun) throw new DryRunRollback();
  if (written.length > 0)
    await storeStaged(trx, written.length === batch.events ? undefined : written, { upsert: updates > 0 });
  return months;
}

function rowPosition(batch: ReadBatch, i: number): RecordPosition {
  const byte = batch.bytes[i] as number;
  return {
    record: batch.records[i] as number,
    line: batch.lines[i] as number,
    ...(Number.isNaN(byte) ? {} : { byte }),
  };
}

async function replaceAtCentroids(
  trx: Transaction<Database>,
  learnt: readonly LearntCentroid[],
  placement: PlacementData,
  months: Set<string>,
): Promise<void> {
  await saveCentroids(trx, learnt);
  for (const centroid of learnt) {
    // An event placed by a point has the district the polygons put the point in. (One placed before an
    // `areas import` moved a border keeps its old district, here as everywhere: that command does not
    // place events again.)
    const district = districtAt([centroid.lon, centroid.lat], placement.polygons);
    if (!district) continue;
    for (const stored of await eventsPlacedAt(trx, district.id, centroid.lat, centroid.lon)) {
      const placed = placeStored({ ...stored, lat: centroid.lat, lon: centroid.lon }, placement, true);
      await updatePlacement(trx, stored, placementColumns(placed));
      months.add(stored.local_month);
    }
  }
}

/** A reason without its specific values, for counting: 'datetime "x" is not …' → 'datetime "…" is not …'. */
export function reasonKind(reason: string): string {
  return reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\([^)]*\)/g, '(…)')
    .replace(/#\d+/g, '#…')
    .replace(/\b\d+\b/g, 'N');
}
