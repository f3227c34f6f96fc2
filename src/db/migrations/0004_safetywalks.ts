// Safety walks as they are planned and carried out (route, notes, who logged them), and what they found:
// observations with a place, a category and an owner, followed up as a history of status changes.
import { type Kysely, sql } from 'kysely';

const STATUSES = sql`('open', 'sent', 'accepted', 'fixed', 'declined')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('safety_walk')
    .addColumn('route', 'jsonb')
    .addColumn('notes', 'text')
    .addColumn('partners_other', 'text')
    .addColumn('submission_id', 'uuid', (c) => c.unique())
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('done_at', 'date')
    .execute();

  await db.schema
    .createTable('observation')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('safety_walk_id', 'integer', (c) =>
      c.notNull().references('safety_walk.id').onDelete('cascade'),
    )
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('lon', 'double precision', (c) => c.notNull().check(sql`lon between -180 and 180`))
    .addColumn('lat', 'double precision', (c) => c.notNull().check(sql`lat between -90 and 90`))
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category in ('lighting', 'vegetation', 'litter', 'damage', 'other')`),
    )
    .addColumn('description', 'text', (c) => c.notNull().check(sql`char_length(description) <= 1000`))
    .addColumn('owner', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ${STATUSES}`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submission_id', 'uuid', (c) => c.unique())
    .execute();
  await db.schema.createIndex('observation_walk').on('observation').column('safety_walk_id').execute();
  await db.schema.createIndex('observation_area').on('observation').column('police_area_id').execute();

  await db.schema
    .createTable('observation_event')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('observation_id', 'integer', (c) =>
      c.notNull().references('observation.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ${STATUSES}`))
    .addColumn('at', 'date', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.check(sql`char_length(comment) <= 500`))
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('observation_event_observation')
    .on('observation_event')
    .column('observation_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('observation_event').ifExists().execute();
  await db.schema.dropTable('observation').ifExists().execute();
  await db.schema
    .alterTable('safety_walk')
    .dropColumn('done_at')
    .dropColumn('created_by')
    .dropColumn('submission_id')
    .dropColumn('partners_other')
    .dropColumn('notes')
    .dropColumn('route')
    .execute();
}
