// Reading one file into batches ready to store: records read and checked, duplicates within the batch
// skipped, each event placed and written as a COPY row. Runs in the reader's worker thread
// (reader-thread.ts), so this work overlaps the database's work on the batch before.
import { type Placement, placeEvent } from '../../../domain/event-placement.ts';
import { type AddedCounts, BatchCounts, type DistrictCoverage } from './batch-counts.ts';
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
  /** The file's size in bytes: its last month goes in a batch of its own (BatchBuilder.endsBefore). */
  size: number;
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
  /** The rows' count. Their source ids and months: rowKeys(rows). */
  events: number;
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
  /** What the batch's events add to the rollups, if it is stored whole as new. */
  added: AddedCounts;
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

/**
 * What a reader starts from: the names and polygons, the centroids learnt by earlier imports, and which
 * LPOs each district belongs to (for the rollups per LPO).
 */
export interface ReaderSetup {
  placement: PlacementData;
  centroids: { lat: number; lon: number }[];
  coverage: DistrictCoverage;
}

/** Reads files into batches, one file after the other: in this thread, or in a worker (reader-client.ts). */
export interface BatchReader {
  read(job: FileJob, onBytes: (bytes: number) => void): AsyncGenerator<ReadBatch, FileEnd>;
  close(): Promise<void>;
}

export class EventReader implements BatchReader {
  private readonly placement: PlacementData;
  private readonly centroids: CentroidLearner;
  private readonly coverage: DistrictCoverage;

  constructor(setup: ReaderSetup) {
    this.placement = setup.placement;
    this.centroids = new CentroidLearner(setup.placement, setup.centroids);
    this.coverage = setup.coverage;
  }

  /** Nothing to release: the reader lives in the caller's thread. */
  async close(): Promise<void> {}

  async *read(job: FileJob, onBytes: (bytes: number) => void): AsyncGenerator<ReadBatch, FileEnd> {
    const { source, format: given } = openSource(job, onBytes);
    let format = given;
    // The bytes a row took in the batch before: the next batch's buffer is sized from it.
    let rowBytes = 0;
    let limit = Math.min(job.batchSize, FIRST_BATCH);
    const newBatch = () =>
      new BatchBuilder(job.isDemo, job.runStartedAt, Math.ceil(rowBytes * limit * 1.1), this.coverage);
    let batch = newBatch();
    const cut = (): ReadBatch => {
      const finished = batch.finish(this.centroids.takeLearnt(), format);
      if (finished.events > 0) rowBytes = finished.rows.length / finished.events;
      limit = Math.min(job.batchSize, limit * 2);
      batch = newBatch();
      return finished;
    };
    for await (const items of source.chunks()) {
      for (const item of items) {
        if (item.index < job.resumedAfter) continue;
        let result: RecordResult | undefined;
        if (item.kind === 'record') {
          format ??= detectJsonFormat(item.value);
          result = readRecord(format, item.value);
          if (result.ok && batch.endsBefore(result.event, limit, item, job.size)) yield cut();
        }
        batch.read++;
        batch.recordsDone = item.index + 1;
        if (item.kind === 'bad') batch.skipped.push({ ...positionOf(item), reason: item.reason });
        else if (result) this.readOne(batch, item, result);
        // Skipped records count too: a file of nothing but bad records stays in bounded memory.
        if (batch.events + batch.skipped.length >= limit) yield cut();
      }
    }
    if (batch.read > 0) yield batch.finish(this.centroids.takeLearnt(), format);
    return { format, broken: source.broken };
  }

  /** Adds a checked record to the batch, or says why it is skipped. */
  private readOne(batch: BatchBuilder, item: ParsedItem, result: RecordResult): void {
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
  events = 0;
  readonly records: number[] = [];
  readonly lines: number[] = [];
  readonly bytes: number[] = [];
  readonly skipped: SkippedRecord[] = [];
  readonly inBatch = new Map<string, number>();
  readonly counts: BatchCounts;
  read = 0;
  recordsDone = 0;
  /** Where the batch's first event starts in the file (JSON). */
  private firstByte: number | undefined;

  constructor(isDemo: boolean, runStartedAt: Date, capacity: number, coverage: DistrictCoverage) {
    this.rows = new CopyRows(isDemo, runStartedAt, capacity);
    this.counts = new BatchCounts(coverage);
  }

  /**
   * A batch half full ends before an event of a month it has none of yet: the months of a file in time
   * order (either way) then each go in with one batch, which writes their rollup rows once, not twice. So
   * does a batch that holds at least as many bytes of the (JSON) file as are left: the file's last month
   * then goes in alone. The database writes the last batch with nothing left to read: two months of 1M
   * events, 42,000, took half a second with a core idle.
   */
  endsBefore(event: EventInput, limit: number, item: ParsedItem, fileSize: number): boolean {
    if (this.events < limit / 2 && !this.holdsRestOf(item, fileSize)) return false;
    return !this.counts.hasMonth(localMonthStart(stockholmLocalParts(event.occurredAt)));
  }

  private holdsRestOf(item: ParsedItem, fileSize: number): boolean {
    if (this.events < FIRST_BATCH || item.byte === undefined || this.firstByte === undefined) return false;
    return item.byte - this.firstByte >= fileSize - item.byte;
  }

  add(event: EventInput, placed: Placement, item: SourceItem): void {
    if (this.events === 0) this.firstByte = item.byte;
    const local = stockholmLocalParts(event.occurredAt);
    const month = localMonthStart(local);
    this.inBatch.set(event.sourceId, item.index + 1);
    this.rows.add(event, placed, local);
    this.counts.add(placed.districtId, month, event.type, local.weekday, local.hour);
    this.events++;
    this.records.push(item.index + 1);
    this.lines.push(item.line);
    this.bytes.push(item.byte ?? Number.NaN);
  }

  finish(learnt: LearntCentroid[], format: SourceFormat | null): ReadBatch {
    return {
      rows: this.rows.take(),
      events: this.events,
      records: Float64Array.from(this.records),
      lines: Float64Array.from(this.lines),
      bytes: Float64Array.from(this.bytes),
      skipped: this.skipped,
      read: this.read,
      recordsDone: this.recordsDone,
      learnt,
      added: this.counts.take(),
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
