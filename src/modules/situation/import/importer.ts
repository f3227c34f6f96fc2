// Imports incident events from files: streaming, in batches that each commit with their checkpoint and
// rollups, idempotent by (source, source id), resumable after a crash. See docs/situation-import.md.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { foldText, type Placement, placeEvent } from '../../../domain/event-placement.ts';
import { refreshRollups, vacuumRollups } from '../rollups.ts';
import { CsvSource } from './csv-source.ts';
import { loadPlacementData, type PlacementData } from './gazetteer.ts';
import { type BrokenFile, JsonArraySource } from './json-source.ts';
import { stockholmLocalParts } from './local-time.ts';
import {
  detectJsonFormat,
  type EventInput,
  fromRecord,
  municipalityInTitle,
  type RecordResult,
  type SourceFormat,
} from './records.ts';
import {
  clearCheckpoint,
  createStage,
  discardStaged,
  eventsPlacedAt,
  findCheckpoint,
  insertStage,
  loadCentroids,
  matchStage,
  type StageCopier,
  type StagedEvent,
  saveCentroids,
  saveCheckpoint,
  stageCopyText,
  updatePlacement,
  upsertStage,
} from './repo.ts';

export type ImportFormat = 'auto' | SourceFormat;

export interface ImportOptions {
  format?: ImportFormat;
  dryRun?: boolean;
  batchSize?: number;
  /** A record larger than this (characters of JSON or CSV) is skipped with a reason. */
  maxRecordChars?: number;
  isDemo?: boolean;
  /** COPY into the staging table, when the caller holds a raw connection (bulk loads). */
  copier?: StageCopier;
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

export const DEFAULT_BATCH_SIZE = 1_000;
export const DEFAULT_MAX_RECORD_CHARS = 1 << 20;

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
  const placement = await loadPlacementData(db);
  const centroids = new CentroidLearner(placement, await loadCentroids(db));
  const reports: FileReport[] = [];
  for (const file of files) reports.push(await importFile(db, file, placement, centroids, options));
  if (!options.dryRun && reports.some((r) => r.inserted + r.updated > 0)) await vacuumRollups(db);
  const clean = reports.every((r) => r.skipped === 0 && r.broken === null);
  return { dryRun: options.dryRun === true, files: reports, clean };
}

interface Pending {
  event: StagedEvent;
  record: number;
  line: number;
  byte?: number;
}

async function importFile(
  db: Kysely<Database>,
  file: string,
  placement: PlacementData,
  centroids: CentroidLearner,
  options: ImportOptions,
): Promise<FileReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const info = await stat(file);
  const fileKey = `${await realpath(file)}|${info.size}|${info.mtimeMs}`;
  const checkpoint = options.dryRun ? undefined : await findCheckpoint(db, fileKey);
  const runStartedAt = checkpoint?.run_started_at ?? (options.clock ?? (() => new Date()))();
  const resumedAfter = Number(checkpoint?.records_done ?? 0);
  const { source, format } = openSource(file, info.size, options);
  const report = emptyReport(file, format, resumedAfter);
  const skip = (bad: Omit<BadRecord, 'file'>) => {
    report.skipped++;
    const key = reasonKind(bad.reason);
    report.skippedReasons[key] = (report.skippedReasons[key] ?? 0) + 1;
    options.onBadRecord?.({ file, ...bad });
  };

  let batch: Pending[] = [];
  let inBatch = new Map<string, number>();
  let recordsDone = resumedAfter;
  let batchNumber = 0;
  // One batch is written while the next is read and placed (on a server the two overlap); writes stay in
  // order, each after the previous one committed.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const rows = batch;
    const number = ++batchNumber;
    const done = recordsDone;
    batch = [];
    inBatch = new Map();
    await writing;
    const context = {
      file,
      fileKey,
      runStartedAt,
      recordsDone: done,
      report,
      skip,
      centroids,
      placement,
      options,
    };
    writing = writeBatch(db, rows, context).then(() =>
      options.afterBatch?.({ file, number, recordsDone: done }),
    );
    // Handled when awaited (next batch or the end); this keeps a failure from being reported as unhandled.
    writing.catch(() => undefined);
  };

  for await (const item of source.items()) {
    if (item.index < resumedAfter) continue;
    report.read++;
    recordsDone = item.index + 1;
    const position = {
      record: item.index + 1,
      line: item.line,
      ...(item.byte === undefined ? {} : { byte: item.byte }),
    };
    if (item.kind === 'bad') {
      skip({ ...position, reason: item.reason });
    } else {
      report.format ??= detectJsonFormat(item.value);
      const result = readRecord(report.format, item.value);
      if (!result.ok) {
        skip({
          ...position,
          reason: result.reason,
          ...(result.sourceId ? { sourceId: result.sourceId } : {}),
        });
      } else {
        const first = inBatch.get(result.event.sourceId);
        if (first !== undefined) {
          skip({
            ...position,
            sourceId: result.event.sourceId,
            reason: `duplicate id: record #${first} has it too`,
          });
        } else {
          inBatch.set(result.event.sourceId, item.index + 1);
          batch.push({
            event: stage(result.event, batch.length, placement, centroids, batch),
            ...position,
          });
        }
      }
    }
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  await writing;
  report.broken = source.broken;
  if (!options.dryRun) await clearCheckpoint(db, fileKey);
  return report;
}

function openSource(file: string, size: number, options: ImportOptions) {
  const isCsv =
    options.format === 'csv' ||
    (options.format !== 'polisen' && options.format !== 'brottsplatskartan' && /\.csv$/i.test(file));
  const sourceOptions = {
    maxRecordChars: options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
    onBytes: (bytes: number) => options.onProgress?.({ file, bytes, totalBytes: size }),
  };
  // JSON files without --format get theirs from the first record.
  const format: SourceFormat | null = isCsv
    ? 'csv'
    : options.format === 'auto' || options.format === undefined
      ? null
      : options.format;
  return {
    source: isCsv ? new CsvSource(file, sourceOptions) : new JsonArraySource(file, sourceOptions),
    format,
  };
}

function emptyReport(file: string, format: SourceFormat | null, resumedAfter: number): FileReport {
  return {
    file,
    format,
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

function readRecord(format: SourceFormat | null, value: unknown): RecordResult {
  if (!format)
    return { ok: false, reason: 'the record is neither a police event nor a Brottsplatskartan event' };
  return fromRecord(format, value);
}

function stage(
  event: EventInput,
  ord: number,
  placement: PlacementData,
  centroids: CentroidLearner,
  batch: Pending[],
): StagedEvent {
  const learnt = centroids.observe(event);
  // A point just learnt to be a centroid: the batch's earlier events there are placed again by text.
  if (learnt) {
    for (const pending of batch) {
      const e = pending.event;
      if (e.lat === event.lat && e.lon === event.lon && e.placement === 'point')
        Object.assign(e, placementColumns(placeStored(e, placement, true)));
    }
  }
  const placed = placeEvent(
    {
      title: event.title,
      summary: event.summary,
      point: event.lat !== null && event.lon !== null ? [event.lon, event.lat] : null,
      pointIsCentroid: centroids.isCentroid(event.lat, event.lon),
      municipality: event.municipality,
      placeName: event.placeName,
    },
    placement.gazetteer,
    placement.polygons,
  );
  const local = stockholmLocalParts(event.occurredAt);
  return {
    ord,
    source: event.source,
    source_id: event.sourceId,
    occurred_at: event.occurredAt,
    published_at: event.publishedAt,
    local_month: local.month,
    local_weekday: local.weekday,
    local_hour: local.hour,
    type: event.type,
    title: event.title,
    summary: event.summary,
    url: event.url,
    location_name: event.locationName,
    lon: event.lon,
    lat: event.lat,
    ...placementColumns(placed),
    content_hash: event.contentHash,
  };
}

function placementColumns(placed: Placement) {
  return {
    district_id: placed.districtId,
    place_id: placed.placeId,
    placement: placed.placement,
    placement_confidence: placed.confidence,
    placement_detail: placed.detail,
  };
}

/** Places a stored event again (its point now known to be a centroid). */
function placeStored(
  event: {
    title: string;
    summary: string;
    location_name: string | null;
    lat: number | null;
    lon: number | null;
  },
  placement: PlacementData,
  pointIsCentroid: boolean,
): Placement {
  return placeEvent(
    {
      title: event.title,
      summary: event.summary,
      point: event.lat !== null && event.lon !== null ? [event.lon, event.lat] : null,
      pointIsCentroid,
      municipality: municipalityInTitle(event.title) ?? event.location_name,
    },
    placement.gazetteer,
    placement.polygons,
  );
}

interface BatchContext {
  file: string;
  fileKey: string;
  runStartedAt: Date;
  recordsDone: number;
  report: FileReport;
  skip: (bad: Omit<BadRecord, 'file'>) => void;
  centroids: CentroidLearner;
  placement: PlacementData;
  options: ImportOptions;
}

class DryRunRollback extends Error {}

/** One transaction: stage, compare, upsert, re-place at learnt centroids, checkpoint, rollups. */
async function writeBatch(db: Kysely<Database>, batch: Pending[], context: BatchContext): Promise<void> {
  const { options, report } = context;
  const rows = batch.map((p) => p.event);
  const learnt = context.centroids.takeLearnt();
  try {
    await db.transaction().execute(async (trx) => {
      await createStage(trx);
      if (rows.length > 0) {
        if (options.copier) await options.copier(trx, stageCopyText(rows));
        else await insertStage(trx, rows);
      }
      const stored = new Map((await matchStage(trx, context.runStartedAt)).map((m) => [m.ord, m]));
      const months = new Set<string>();
      const except: number[] = [];
      let updates = 0;
      for (const pending of batch) {
        const match = stored.get(pending.event.ord);
        if (match?.thisRun) {
          except.push(pending.event.ord);
          context.skip({
            record: pending.record,
            line: pending.line,
            ...(pending.byte === undefined ? {} : { byte: pending.byte }),
            sourceId: pending.event.source_id,
            reason: 'duplicate id: an earlier record in this file has it',
          });
        } else if (match?.same) {
          except.push(pending.event.ord);
          report.unchanged++;
        } else {
          if (match) {
            report.updated++;
            updates++;
            months.add(match.oldMonth);
          } else report.inserted++;
          months.add(pending.event.local_month);
        }
      }
      if (options.dryRun) throw new DryRunRollback();
      await discardStaged(trx, except);
      await upsertStage(trx, {
        runStartedAt: context.runStartedAt,
        isDemo: options.isDemo === true,
        allNew: updates === 0,
      });
      await replaceAtCentroids(trx, learnt, context.placement, months);
      await saveCheckpoint(trx, context.fileKey, context.runStartedAt, context.recordsDone);
      await refreshRollups(trx, [...months].sort());
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
}

async function replaceAtCentroids(
  trx: Transaction<Database>,
  learnt: readonly LearntCentroid[],
  placement: PlacementData,
  months: Set<string>,
): Promise<void> {
  await saveCentroids(trx, learnt);
  for (const centroid of learnt) {
    for (const stored of await eventsPlacedAt(trx, centroid.lat, centroid.lon)) {
      const placed = placeStored({ ...stored, lat: centroid.lat, lon: centroid.lon }, placement, true);
      await updatePlacement(trx, stored.id, placementColumns(placed));
      months.add(stored.local_month);
    }
  }
}

interface LearntCentroid {
  lat: number;
  lon: number;
  locationName: string;
}

// Distinct (name, point) pairs remembered while learning; cleared when full, so memory stays bounded
// (a real centroid recurs so often that it is learnt again right away).
const MAX_PAIRS = 50_000;
// Another geocoder's centre of the same municipality lies within metres of the police's: ~100 m counts.
const CELL = 1_000;
// Columns (longitude × CELL, shifted to be positive) fit below ROW, so a cell's neighbours are ±1 and ±ROW.
const HALF_ROW = 180 * CELL + 1;
const ROW = 2 * HALF_ROW + 1;

/**
 * Learns which points are municipality or county centroids: a point that two police events (or CSV rows)
 * filed under the same location name share, when that name is not a district or place. Brottsplatskartan
 * geocodes its events from the text, so its shared points are places, not centroids: they teach nothing,
 * but one near a learnt centroid is a centroid.
 */
class CentroidLearner {
  private readonly cells = new Set<number>();
  private readonly pairs = new Map<string, number>();
  private readonly placeNames = new Map<string, boolean>();
  private learnt: LearntCentroid[] = [];

  constructor(
    private readonly placement: PlacementData,
    stored: readonly { lat: number; lon: number }[],
  ) {
    for (const c of stored) this.cells.add(cellKey(c.lat, c.lon));
  }

  isCentroid(lat: number | null, lon: number | null): boolean {
    if (lat === null || lon === null) return false;
    if (this.cells.size === 0) return false;
    const cell = cellKey(lat, lon);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) if (this.cells.has(cell + dy * ROW + dx)) return true;
    return false;
  }

  /** Counts the event's point; true when this event makes it a learnt centroid. */
  observe(event: EventInput): boolean {
    if (event.source === 'brottsplatskartan') return false;
    if (event.lat === null || event.lon === null || !event.locationName) return false;
    if (this.isCentroid(event.lat, event.lon)) return false;
    if (this.isPlaceName(event.locationName)) return false;
    const pair = `${event.locationName}|${event.lat},${event.lon}`;
    const seen = (this.pairs.get(pair) ?? 0) + 1;
    if (seen < 2) {
      if (this.pairs.size >= MAX_PAIRS) this.pairs.clear();
      this.pairs.set(pair, seen);
      return false;
    }
    this.pairs.delete(pair);
    this.cells.add(cellKey(event.lat, event.lon));
    this.learnt.push({ lat: event.lat, lon: event.lon, locationName: event.locationName });
    return true;
  }

  /** Location names repeat (municipalities): remembered, up to a bound. */
  private isPlaceName(name: string): boolean {
    let known = this.placeNames.get(name);
    if (known === undefined) {
      known = this.placement.gazetteer.forms.has(foldText(name));
      if (this.placeNames.size < MAX_PAIRS) this.placeNames.set(name, known);
    }
    return known;
  }

  takeLearnt(): LearntCentroid[] {
    const learnt = this.learnt;
    this.learnt = [];
    return learnt;
  }
}

/** The cell as one number (a string per lookup was most of the learner's time): row × ROW + column. */
function cellKey(lat: number, lon: number): number {
  return Math.round(lat * CELL) * ROW + (Math.round(lon * CELL) + HALF_ROW);
}

/** A reason without its specific values, for counting: 'datetime "x" is not …' → 'datetime "…" is not …'. */
export function reasonKind(reason: string): string {
  return reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\([^)]*\)/g, '(…)')
    .replace(/#\d+/g, '#…')
    .replace(/\b\d+\b/g, 'N');
}
