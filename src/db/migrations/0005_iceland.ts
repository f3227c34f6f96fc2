// Islandsmodellen: who recorded a case and what was done (as keys, never free text about the family),
// each LPO's checklist of initial measures, and the yearly tallies kept after case details are removed.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('iceland_case')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('eligibility', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('measures', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('protection_assessment_done', 'boolean')
    .addColumn('protection_assessment_at', 'timestamptz')
    .addColumn('submission_id', 'uuid', (c) => c.unique())
    .execute();
  await db.schema
    .alterTable('iceland_case')
    .addCheckConstraint('iceland_case_reason_length', sql`char_length(not_applied_reason) <= 300`)
    .execute();
  await db.schema
    .createIndex('iceland_case_area_creator')
    .on('iceland_case')
    .columns(['police_area_id', 'created_by'])
    .execute();

  await db.schema
    .createTable('iceland_measure')
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label_sv', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint('iceland_measure_pk', ['police_area_id', 'key'])
    .execute();

  await db.schema
    .createTable('iceland_yearly')
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('cases', 'integer', (c) => c.notNull().check(sql`cases >= 0`))
    .addColumn('applied', 'integer', (c) => c.notNull().check(sql`applied >= 0`))
    .addPrimaryKeyConstraint('iceland_yearly_pk', ['police_area_id', 'year'])
    .addCheckConstraint('iceland_yearly_applied_within', sql`applied <= cases`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('iceland_yearly').ifExists().execute();
  await db.schema.dropTable('iceland_measure').ifExists().execute();
  await db.schema.dropIndex('iceland_case_area_creator').ifExists().execute();
  await db.schema.alterTable('iceland_case').dropConstraint('iceland_case_reason_length').execute();
  await db.schema
    .alterTable('iceland_case')
    .dropColumn('submission_id')
    .dropColumn('protection_assessment_at')
    .dropColumn('protection_assessment_done')
    .dropColumn('measures')
    .dropColumn('eligibility')
    .dropColumn('created_by')
    .execute();
}
