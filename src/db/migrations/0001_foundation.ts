// Areas, promises and the minimal work records behind the foundation's targets.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('police_area')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('district_area')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('municipality', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('district')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull().unique())
    .addColumn('district_area_id', 'integer', (c) => c.references('district_area.id').onDelete('set null'))
    .addColumn('boundary', 'jsonb', (c) => c.notNull())
    .addColumn('centroid', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('police_area_district')
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('district_id', 'integer', (c) => c.notNull().references('district.id').onDelete('cascade'))
    .addColumn('confidence', 'text', (c) => c.notNull().check(sql`confidence in ('confirmed', 'probable')`))
    .addPrimaryKeyConstraint('police_area_district_pk', ['police_area_id', 'district_id'])
    .execute();

  await db.schema
    .createTable('promise')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published')`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('promise_area_year_unique', ['police_area_id', 'year'])
    .addCheckConstraint('promise_valid_period', sql`valid_from <= valid_to`)
    .execute();

  await db.schema
    .createTable('commitment')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('promise_id', 'integer', (c) => c.notNull().references('promise.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('weekend_operation', 'safety_walks', 'iceland_model', 'custom')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addUniqueConstraint('commitment_promise_key_unique', ['promise_id', 'key'])
    .execute();

  await db.schema
    .createTable('weekend_shift')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('officers', 'integer', (c) => c.notNull().check(sql`officers between 1 and 500`))
    .addColumn('places', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('premises_inspected', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`premises_inspected >= 0`),
    )
    .addColumn('youth_contacts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`youth_contacts >= 0`))
    .addColumn('note', 'text')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('weekend_shift_span', sql`starts_at < ends_at`)
    .execute();
  await db.schema
    .createIndex('weekend_shift_area_start')
    .on('weekend_shift')
    .columns(['police_area_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('safety_walk')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('district_id', 'integer', (c) => c.references('district.id').onDelete('set null'))
    .addColumn('walk_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('planned', 'done', 'cancelled')`))
    .addColumn('partners', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('observations_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('safety_walk_area_date')
    .on('safety_walk')
    .columns(['police_area_id', 'walk_date'])
    .execute();

  await db.schema
    .createTable('iceland_case')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('district_id', 'integer', (c) => c.references('district.id').onDelete('set null'))
    .addColumn('children', 'integer', (c) => c.notNull().check(sql`children between 1 and 20`))
    .addColumn('applied', 'boolean')
    .addColumn('not_applied_reason', 'text')
    .addColumn('social_services_alerted_at', 'timestamptz')
    .addColumn('social_services_arrived_at', 'timestamptz')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('iceland_case_area_date')
    .on('iceland_case')
    .columns(['police_area_id', 'occurred_on'])
    .execute();

  await db.schema
    .createTable('target_report')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('commitment_id', 'integer', (c) => c.notNull().references('commitment.id').onDelete('cascade'))
    .addColumn('target_index', 'integer', (c) => c.notNull())
    .addColumn('reported_on', 'date', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('ok', 'boolean')
    .addColumn('area', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('seed_run')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'seed_run',
    'target_report',
    'iceland_case',
    'safety_walk',
    'weekend_shift',
    'commitment',
    'promise',
    'police_area_district',
    'district',
    'district_area',
    'police_area',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
