// Weekend operation (helginsatsen): the LPO's places, and who logged a shift from which form.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('place')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('transit', 'licensed_premises', 'arena', 'other')`),
    )
    .addColumn('lon', 'double precision', (c) => c.notNull().check(sql`lon between -180 and 180`))
    .addColumn('lat', 'double precision', (c) => c.notNull().check(sql`lat between -90 and 90`))
    .addUniqueConstraint('place_area_slug_unique', ['police_area_id', 'slug'])
    .execute();

  // Both nullable: shifts from before this migration (and the generated demo) have neither.
  await db.schema
    .alterTable('weekend_shift')
    .addColumn('submission_id', 'uuid', (c) => c.unique())
    .execute();
  await db.schema
    .alterTable('weekend_shift')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('weekend_shift').dropColumn('created_by').execute();
  await db.schema.alterTable('weekend_shift').dropColumn('submission_id').execute();
  await db.schema.dropTable('place').ifExists().execute();
}
