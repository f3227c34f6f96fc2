// SQL of the event importer. A batch goes into a temporary staging table (by INSERT, or by COPY when the
// caller has a raw connection), is compared with the stored events by (source, source_id) and content
// hash, and the new and changed rows are upserted, all in the batch's transaction.
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { EventTable } from '../tables.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** One event ready to store: the record, its Stockholm-local parts and its placement, in file order. */
export type StagedEvent = { ord: number } & Omit<
  Selectable<EventTable>,
  'id' | 'is_demo' | 'imported_at' | 'updated_at'
>;

export const STAGE_COLUMNS = [
  'ord',
  'source',
  'source_id',
  'occurred_at',
  'published_at',
  'local_month',
  'local_weekday',
  'local_hour',
  'type',
  'title',
  'summary',
  'url',
  'location_name',
  'lon',
  'lat',
  'district_id',
  'place_id',
  'placement',
  'placement_confidence',
  'placement_detail',
  'content_hash',
] as const satisfies readonly (keyof StagedEvent)[];

const EVENT_COLUMNS = STAGE_COLUMNS.filter((c) => c !== 'ord');

/** Copies rows (COPY text format, STAGE_COLUMNS order) into event_stage on the transaction's connection. */
export type StageCopier = (trx: Transaction<Database>, text: string) => Promise<void>;

export async function createStage(trx: Transaction<Database>): Promise<void> {
  // Dropped with each commit's rows; created once per connection.
  await sql`
    create temp table if not exists event_stage (
      ord integer not null, source text not null, source_id text not null,
      occurred_at timestamptz not null, published_at timestamptz, local_month date not null,
      local_weekday smallint not null, local_hour smallint not null, type text not null, title text not null,
      summary text not null, url text, location_name text, lon double precision, lat double precision,
      district_id integer, place_id integer, placement text not null, placement_confidence text not null,
      placement_detail text, content_hash text not null
    ) on commit delete rows`.execute(trx);
}

const INSERT_CHUNK = 2_000;

export async function insertStage(trx: Transaction<Database>, rows: readonly StagedEvent[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const values = chunk.map((row) => sql`(${sql.join(STAGE_COLUMNS.map((c) => sql`${row[c]}`))})`);
    await sql`insert into event_stage (${sql.raw(STAGE_COLUMNS.join(', '))}) values ${sql.join(values)}`.execute(
      trx,
    );
  }
}

/** COPY text format of staged rows: tab-separated, \N for null, backslash escapes. */
export function stageCopyText(rows: readonly StagedEvent[]): string {
  let text = '';
  for (const row of rows) text += copyLine(row);
  return text;
}

/**
 * One row in STAGE_COLUMNS order. Each field by name: a lookup by a computed key is megamorphic and took
 * most of the time of writing a bulk load's COPY text.
 */
function copyLine(r: StagedEvent): string {
  return (
    `${r.ord}\t${copyField(r.source)}\t${copyField(r.source_id)}\t${r.occurred_at.toISOString()}\t` +
    `${copyField(r.published_at)}\t${r.local_month}\t${r.local_weekday}\t${r.local_hour}\t` +
    `${copyField(r.type)}\t${copyField(r.title)}\t${copyField(r.summary)}\t${copyField(r.url)}\t` +
    `${copyField(r.location_name)}\t${copyField(r.lon)}\t${copyField(r.lat)}\t` +
    `${copyField(r.district_id)}\t${copyField(r.place_id)}\t${r.placement}\t${r.placement_confidence}\t` +
    `${copyField(r.placement_detail)}\t${r.content_hash}\n`
  );
}

const COPY_SPECIAL = /[\\\t\n\r]/;

function copyField(value: string | number | Date | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return COPY_SPECIAL.test(value) ? copyEscape(value) : value;
  if (typeof value === 'number') return String(value);
  return value.toISOString();
}

function copyEscape(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

export interface StoredMatch {
  ord: number;
  same: boolean;
  thisRun: boolean;
  oldMonth: string;
}

/** The staged rows that are already stored: same content or not, and written by this run or before. */
export async function matchStage(trx: Transaction<Database>, runStartedAt: Date): Promise<StoredMatch[]> {
  const result = await sql<{ ord: number; same: boolean; this_run: boolean; old_month: string }>`
    select s.ord, e.content_hash = s.content_hash as same, e.updated_at = ${runStartedAt} as this_run,
      e.local_month as old_month
    from event_stage s join event e on e.source = s.source and e.source_id = s.source_id`.execute(trx);
  return result.rows.map((r) => ({ ord: r.ord, same: r.same, thisRun: r.this_run, oldMonth: r.old_month }));
}

/** Drops the given staged rows (unchanged, or duplicates within the file): they are not written. */
export async function discardStaged(trx: Transaction<Database>, ords: readonly number[]): Promise<void> {
  if (ords.length > 0)
    await sql`delete from event_stage where ord = any(${sql.val(ords)}::int[])`.execute(trx);
}

/**
 * Writes the staged rows: a plain insert when matchStage found none of them stored (a bulk load's common
 * case; ON CONFLICT costs about a third more), an upsert when some are changes of stored events. An
 * import of the same ids committing in between makes the plain insert fail on the unique key: the batch is
 * rolled back, and a re-run counts those events as stored.
 */
export async function upsertStage(
  trx: Transaction<Database>,
  options: { runStartedAt: Date; isDemo: boolean; allNew: boolean },
): Promise<void> {
  const columns = sql.raw(EVENT_COLUMNS.join(', '));
  const updates = sql.raw(
    [...EVENT_COLUMNS.filter((c) => c !== 'source' && c !== 'source_id'), 'updated_at']
      .map((c) => `${c} = excluded.${c}`)
      .join(', '),
  );
  await sql`
    insert into event (${columns}, is_demo, imported_at, updated_at)
    select ${columns}, ${options.isDemo}, ${options.runStartedAt}, ${options.runStartedAt} from event_stage
    ${options.allNew ? sql`` : sql`on conflict (source, source_id) do update set ${updates}`}`.execute(trx);
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

/** Stored events placed by a point that turned out to be a centroid. */
export function eventsPlacedAt(trx: Transaction<Database>, lat: number, lon: number) {
  return trx
    .selectFrom('event')
    .select(['id', 'title', 'summary', 'location_name', 'local_month'])
    .where('lat', '=', lat)
    .where('lon', '=', lon)
    .where('placement', '=', 'point')
    .execute();
}

export async function updatePlacement(
  trx: Transaction<Database>,
  id: string,
  placed: Pick<
    StagedEvent,
    'district_id' | 'place_id' | 'placement' | 'placement_confidence' | 'placement_detail'
  >,
): Promise<void> {
  await trx.updateTable('event').set(placed).where('id', '=', id).execute();
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
