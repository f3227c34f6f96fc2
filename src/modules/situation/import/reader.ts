// Reading one file into batches ready to store: records read and checked, duplicates within the batch
// skipped, each event placed and written as a COPY row. Runs in the reader's worker thread
// (reader-thread.ts), so this work overlaps the database's work on the batch before.
import { type Placement, placeEvent } from '../../../domain/event-placement.ts';
import { CentroidLearner, type LearntCentroid } from './centroids.ts';
import { CopyRows } from './copy-rows.ts';
import { CsvSource } from './csv-source.ts';
import type { PlacementData } from './gazetteer.ts';
import { type BrokenFile, JsonArraySource, type SourceItem } from './json-source.ts';
import { localMonthStart, stockholmLocalParts } from './local-time.ts';
import {
  detectJsonFormat,
  type EventInput,
  fromRecord,
  municipalityInTitle,
  type RecordResult,
  type SourceFormat,
} from './records.ts';

export type ImportFormat = 'auto' | SourceFormat;

/** What to read, and how the rows are stamped. */
export interface FileJob {
  file: string;
  format: ImportFormat;
  /** Records an earlier, interrupted run committed: read past, not stored again. */
  resumedAfter: number;
  runStartedAt: Date;
  isDemo: boolean;
  batchSize: number;
  maxRecordChars: number;
}

/** Where a record is in its file (byte offset: JSON only). */
export interface RecordPosition {
  record: number;
  line: number;
  byte?: number;
}

export type SkippedRecord = RecordPosition & { sourceId?: string; reason: string };

/** One batch of a file, in file order. */
export interface ReadBatch {
  /** The events to store: COPY rows in COPY_COLUMNS order, binary (copy-rows.ts). */
  rows: Uint8Array;
  /** Per row: its source id, content hash and Stockholm-local month. */
  sourceIds: string[];
  hashes: string[];
  months: string[];
  /** Per row, where its record is: record number, line, byte offset (NaN: none). */
  records: Float64Array;
  lines: Float64Array;
  bytes: Float64Array;
  /** Records skipped while this batch was read. */
  skipped: SkippedRecord[];
  read: number;
  /** Records of the file done once this batch is committed (the checkpoint). */
  recordsDone: number;
  /** Points learnt to be centroids while reading this batch. */
  learnt: LearntCentroid[];
  format: SourceFormat | null;
}

export interface FileEnd {
  format: SourceFormat | null;
  broken: BrokenFile | null;
}

/**
 * A file's batches start this small and double up to the batch size: the database starts on the first
 * one while the reader is still on the second, instead of waiting for a whole batch to be read. Small
 * batches are cheap early on, when there are few events to recount the rollups from.
 */
const FIRST_BATCH = 5_000;

/** What a reader starts from: the names and polygons, and the centroids learnt by earlier imports. */
export interface ReaderSetup {
  placement: PlacementData;
  centroids: { lat: number; lon: number }[];
}

/** Reads files into batches, one file after the other: in this thread, or in a worker (reader-client.ts). */
export interface BatchReader {
  read(job: FileJob, onBytes: (bytes: number) => void): AsyncGenerator<ReadBatch, FileEnd>;
  close(): Promise<void>;
}

export class EventReader implements BatchReader {
  private readonly placement: PlacementData;
  private readonly centroids: CentroidLearner;

  constructor(setup: ReaderSetup) {
    this.placement = setup.placement;
    this.centroids = new CentroidLearner(setup.placement, setup.centroids);
  }

  /** Nothing to release: the reader lives in the caller's thread. */
  async close(): Promise<void> {}

  async *read(job: FileJob, onBytes: (bytes: number) => void): AsyncGenerator<ReadBatch, FileEnd> {
    const { source, format: given } = openSource(job, onBytes);
    let format = given;
    // The bytes a row took in the batch before: the next batch's buffer is sized from it.
    let rowBytes = 0;
    let limit = Math.min(job.batchSize, FIRST_BATCH);
    const newBatch = () => new BatchBuilder(job.isDemo, job.runStartedAt, Math.ceil(rowBytes * limit * 1.1));
    let batch = newBatch();
    for await (const items of source.chunks()) {
      for (const item of items) {
        if (item.index < job.resumedAfter) continue;
        batch.read++;
        batch.recordsDone = item.index + 1;
        if (item.kind === 'bad') batch.skipped.push({ ...positionOf(item), reason: item.reason });
        else {
          format ??= detectJsonFormat(item.value);
          this.readOne(batch, format, item);
        }
        // Skipped records count too: a file of nothing but bad records stays in bounded memory.
        if (batch.sourceIds.length + batch.skipped.length >= limit) {
          const finished = batch.finish(this.centroids.takeLearnt(), format);
          if (finished.sourceIds.length > 0) rowBytes = finished.rows.length / finished.sourceIds.length;
          yield finished;
          limit = Math.min(job.batchSize, limit * 2);
          batch = newBatch();
        }
      }
    }
    if (batch.read > 0) yield batch.finish(this.centroids.takeLearnt(), format);
    return { format, broken: source.broken };
  }

  /** Checks one parsed record and adds it to the batch, or says why it is skipped. */
  private readOne(batch: BatchBuilder, format: SourceFormat | null, item: ParsedItem): void {
    const result = readRecord(format, item.value);
    if (!result.ok) {
      batch.skipped.push({
        ...positionOf(item),
        reason: result.reason,
        ...(result.sourceId ? { sourceId: result.sourceId } : {}),
      });
      return;
    }
    const earlier = batch.inBatch.get(result.event.sourceId);
    if (earlier !== undefined)
      batch.skipped.push({
        ...positionOf(item),
        sourceId: result.event.sourceId,
        reason: `duplicate id: record #${earlier} has it too`,
      });
    else batch.add(result.event, this.place(result.event), item);
  }

  /**
   * Places the event. An event placed by its point before that point was learnt to be a centroid is
   * placed again in the database, in the transaction that stores this batch (importer.ts).
   */
  private place(event: EventInput): Placement {
    const pointIsCentroid = this.centroids.observe(event);
    return placeEvent(
      {
        title: event.title,
        summary: event.summary,
        point: event.lat !== null && event.lon !== null ? [event.lon, event.lat] : null,
        pointIsCentroid,
        municipality: event.municipality,
        placeName: event.placeName,
      },
      this.placement.gazetteer,
      this.placement.polygons,
    );
  }
}

/**
 * A batch as it is read. Each event goes into the COPY bytes at once and is dropped: the batch keeps
 * bytes and a few strings per row, not objects, which kept the garbage collector busy.
 */
class BatchBuilder {
  readonly rows: CopyRows;
  readonly sourceIds: string[] = [];
  readonly hashes: string[] = [];
  readonly months: string[] = [];
  readonly records: number[] = [];
  readonly lines: number[] = [];
  readonly bytes: number[] = [];
  readonly skipped: SkippedRecord[] = [];
  readonly inBatch = new Map<string, number>();
  read = 0;
  recordsDone = 0;

  constructor(isDemo: boolean, runStartedAt: Date, capacity: number) {
    this.rows = new CopyRows(isDemo, runStartedAt, capacity);
  }

  add(event: EventInput, placed: Placement, item: SourceItem): void {
    const local = stockholmLocalParts(event.occurredAt);
    this.inBatch.set(event.sourceId, item.index + 1);
    this.rows.add(event, placed, local);
    this.sourceIds.push(event.sourceId);
    this.hashes.push(event.contentHash);
    this.months.push(localMonthStart(local));
    this.records.push(item.index + 1);
    this.lines.push(item.line);
    this.bytes.push(item.byte ?? Number.NaN);
  }

  finish(learnt: LearntCentroid[], format: SourceFormat | null): ReadBatch {
    return {
      rows: this.rows.take(),
      sourceIds: this.sourceIds,
      hashes: this.hashes,
      months: this.months,
      records: Float64Array.from(this.records),
      lines: Float64Array.from(this.lines),
      bytes: Float64Array.from(this.bytes),
      skipped: this.skipped,
      read: this.read,
      recordsDone: this.recordsDone,
      learnt,
      format,
    };
  }
}

function openSource(job: FileJob, onBytes: (bytes: number) => void) {
  const isCsv =
    job.format === 'csv' ||
    (job.format !== 'polisen' && job.format !== 'brottsplatskartan' && /\.csv$/i.test(job.file));
  const options = { maxRecordChars: job.maxRecordChars, onBytes };
  // JSON files without --format get theirs from the first record.
  const format: SourceFormat | null = isCsv ? 'csv' : job.format === 'auto' ? null : job.format;
  return {
    source: isCsv ? new CsvSource(job.file, options) : new JsonArraySource(job.file, options),
    format,
  };
}

type ParsedItem = Extract<SourceItem, { kind: 'record' }>;

/** Where a skipped record is: its number counts from 1. */
function positionOf(item: SourceItem): RecordPosition {
  return item.byte === undefined
    ? { record: item.index + 1, line: item.line }
    : { record: item.index + 1, line: item.line, byte: item.byte };
}

function readRecord(format: SourceFormat | null, value: unknown): RecordResult {
  if (!format)
    return { ok: false, reason: 'the record is neither a police event nor a Brottsplatskartan event' };
  return fromRecord(format, value);
}

export function placementColumns(placed: Placement) {
  return {
    district_id: placed.districtId,
    place_id: placed.placeId,
    placement: placed.placement,
    placement_confidence: placed.confidence,
    placement_detail: placed.detail,
  };
}

/** Places a stored event again (its point now known to be a centroid). */
export function placeStored(
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
