// Citizen dialogue ("Tyck till"): input from residents, and its moderation. No IP address or other
// identifier of the sender is stored; rate limits are kept in memory.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dialogue_input')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    // The form token's one-time id: a repeated submit of the same form finds the first input.
    .addColumn('submission_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('district_id', 'integer', (c) => c.notNull().references('district.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.references('place.id').onDelete('set null'))
    // ISO weekday 1 (Monday) … 7 (Sunday); null when it varies.
    .addColumn('weekday', 'smallint', (c) => c.check(sql`weekday between 1 and 7`))
    .addColumn('time_band', 'text', (c) =>
      c.notNull().check(sql`time_band in ('morning', 'day', 'evening', 'night', 'varies')`),
    )
    .addColumn('categories', 'jsonb', (c) => c.notNull())
    .addColumn('free_text', 'text')
    .addColumn('age_band', 'text', (c) =>
      c.check(sql`age_band in ('under-18', '18-29', '30-44', '45-64', '65-plus')`),
    )
    // Only free text is moderated: null when there is none.
    .addColumn('moderation', 'text', (c) => c.check(sql`moderation in ('pending', 'approved', 'rejected')`))
    .addColumn('moderated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('moderated_at', 'timestamptz')
    .addColumn('moderation_note', 'text')
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addCheckConstraint('dialogue_input_moderated_text', sql`(free_text is null) = (moderation is null)`)
    .execute();
  await db.schema
    .createIndex('dialogue_input_area_submitted')
    .on('dialogue_input')
    .columns(['police_area_id', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('dialogue_input_pending')
    .on('dialogue_input')
    .columns(['police_area_id', 'submitted_at'])
    .where(sql.ref('moderation'), '=', 'pending')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dialogue_input').ifExists().execute();
}
