// SQL of the event importer. A batch's rows (binary COPY, built by the reader) go straight into `event` when
// none of them is stored yet, the common case of a bulk load; when some are stored, into a temporary
// staging table, compared there with the stored events, and the new and changed ones stored from it. All
// in the batch's transaction.
import { type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import { arrayLiteral } from '../../../db/array-literal.ts';
import { copyFromBinary } from '../../../db/connection.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import type { Database } from '../../../db/types.ts';
import type { EventTable } from '../tables.ts';
import { COPY_COLUMNS } from './copy-rows.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The columns of an event's content: a re-run counts a record equal to the stored event in all of them as
 * unchanged. Compared in the database, not by a hash the reader makes: hashing was a sixth of the reader's
 * work on a bulk load, where nothing is compared.
 */
const CONTENT_COLUMNS = [
  'occurred_at',
  'published_at',
  'type',
  'title',
  'summary',
  'url',
  'location_name',
  'lat',
  'lon',
] as const satisfies readonly (typeof COPY_COLUMNS)[number][];

export interface StoredMatch {
  /** Stored with the same content: the record is unchanged. */
  sameContent: boolean;
  /** Written by this run: a second record with the id in this file. */
  thisRun: boolean;
  oldMonth: string;
}

/**
 * COPYs binary rows (COPY_COLUMNS) into the connection's staging table, to compare them with the stored
 * events and store some of them (storeStaged). The table is created once per connection and emptied by
 * each commit.
 */
export async function stageRows(trx: Transaction<Database>, rows: Uint8Array): Promise<void> {
  const columns = sql.raw(COPY_COLUMNS.join(', '));
  await sql`create temp table if not exists event_stage on commit delete rows as
    select ${columns} from event with no data`.execute(trx);
  await trx.executeQuery(copyFromBinary('event_stage', COPY_COLUMNS, rows));
}

/** The stored events among the staged rows, by source id, each compared with its staged version. */
export async function findStored(
  trx: Transaction<Database>,
  runStartedAt: Date,
): Promise<Map<string, StoredMatch>> {
  const staged = sql.raw(CONTENT_COLUMNS.map((c) => `s.${c}`).join(', '));
  const stored = sql.raw(CONTENT_COLUMNS.map((c) => `e.${c}`).join(', '));
  const result = await sql<{
    source_id: string;
    same_content: boolean;
    this_run: boolean;
    local_month: string;
  }>`
    select s.source_id, (${staged}) is not distinct from (${stored}) as same_content,
      e.updated_at = ${runStartedAt} as this_run, e.local_month
    from event_stage s join event e on e.source = s.source and e.source_id = s.source_id`.execute(trx);
  return new Map(
    result.rows.map((r) => [
      r.source_id,
      { sameContent: r.same_content, thisRun: r.this_run, oldMonth: r.local_month },
    ]),
  );
}

/**
 * COPYs the rows straight into `event`, on the guess that none of them is stored yet (a bulk load): true
 * when they all went in; false, with nothing written, when one of them was stored already. Cheaper than
 * looking every id up first, which took a tenth of a bulk load's time; a re-run fails on its first row.
 */
export async function insertAllNew(trx: Transaction<Database>, rows: Uint8Array): Promise<boolean> {
  await sql`savepoint all_new`.execute(trx);
  try {
    await trx.executeQuery(copyFromBinary('event', COPY_COLUMNS, rows));
  } catch (error) {
    if (!isUniqueViolation(error, 'event_pk')) throw error;
    await sql`rollback to savepoint all_new`.execute(trx);
    return false;
  }
  await sql`release savepoint all_new`.execute(trx);
  return true;
}

/**
 * Stores the staged rows of the given source ids (every staged row when undefined). Without `upsert` none
 * of them may be stored yet: an import of the same ids committing in between makes the insert fail on the
 * primary key, the batch is rolled back, and a re-run counts those events as stored.
 */
export async function storeStaged(
  trx: Transaction<Database>,
  sourceIds: readonly string[] | undefined,
  options: { upsert: boolean },
): Promise<void> {
  const columns = sql.raw(COPY_COLUMNS.join(', '));
  const which = sourceIds ? sql`where source_id = any(${arrayLiteral(sourceIds)}::text[])` : sql``;
  const updates = sql.raw(
    COPY_COLUMNS.filter((c) => !KEPT_ON_UPDATE.has(c))
      .map((c) => `${c} = excluded.${c}`)
      .join(', '),
  );
  const onConflict = options.upsert ? sql`on conflict (source, source_id) do update set ${updates}` : sql``;
  await sql`insert into event (${columns}) select ${columns} from event_stage ${which} ${onConflict}`.execute(
    trx,
  );
}

/** An update keeps the event's identity, demo flag and first import. */
const KEPT_ON_UPDATE = new Set<string>(['source', 'source_id', 'is_demo', 'imported_at']);

/** Which LPOs each district belongs to. */
export async function loadCoverage(db: Db): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom('police_area_district')
    .select(['district_id', 'police_area_id'])
    .execute();
  const coverage = new Map<number, number[]>();
  for (const row of rows) {
    const areas = coverage.get(row.district_id) ?? [];
    areas.push(row.police_area_id);
    coverage.set(row.district_id, areas);
  }
  return coverage;
}

export async function loadCentroids(db: Db): Promise<{ lat: number; lon: number }[]> {
  return db.selectFrom('event_centroid').select(['lat', 'lon']).execute();
}

export async function saveCentroids(
  trx: Transaction<Database>,
  centroids: readonly { lat: number; lon: number; locationName: string }[],
): Promise<void> {
  if (centroids.length === 0) return;
  await trx
    .insertInto('event_centroid')
    .values(centroids.map((c) => ({ lat: c.lat, lon: c.lon, location_name: c.locationName })))
    .onConflict((oc) => oc.columns(['lat', 'lon']).doNothing())
    .execute();
}

/**
 * Stored events placed by a point that turned out to be a centroid: the point's district's events
 * (through event_district_month), not the whole table's (0.2 s at 1M, for each centroid learnt).
 */
export function eventsPlacedAt(trx: Transaction<Database>, districtId: number, lat: number, lon: number) {
  return trx
    .selectFrom('event')
    .select(['source', 'source_id', 'title', 'summary', 'location_name', 'local_month'])
    .where('district_id', '=', districtId)
    .where('lat', '=', lat)
    .where('lon', '=', lon)
    .where('placement', '=', 'point')
    .execute();
}

export async function updatePlacement(
  trx: Transaction<Database>,
  key: Pick<EventTable, 'source' | 'source_id'>,
  placed: Pick<
    Updateable<EventTable>,
    'district_id' | 'place_id' | 'placement' | 'placement_confidence' | 'placement_detail'
  >,
): Promise<void> {
  await trx
    .updateTable('event')
    .set(placed)
    .where('source', '=', key.source)
    .where('source_id', '=', key.source_id)
    .execute();
}

export async function findCheckpoint(db: Db, fileKey: string) {
  return db
    .selectFrom('event_import_checkpoint')
    .selectAll()
    .where('file_key', '=', fileKey)
    .executeTakeFirst();
}

export async function saveCheckpoint(
  trx: Transaction<Database>,
  fileKey: string,
  runStartedAt: Date,
  recordsDone: number,
): Promise<void> {
  await trx
    .insertInto('event_import_checkpoint')
    .values({ file_key: fileKey, run_started_at: runStartedAt, records_done: recordsDone })
    .onConflict((oc) =>
      oc.column('file_key').doUpdateSet({ records_done: recordsDone, updated_at: new Date() }),
    )
    .execute();
}

export async function clearCheckpoint(db: Db, fileKey: string): Promise<void> {
  await db.deleteFrom('event_import_checkpoint').where('file_key', '=', fileKey).execute();
}
