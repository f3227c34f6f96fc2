// Migrations are imported statically (not read from disk by name) so they run the same under tsx, in
// tests and from a packaged build.
import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as foundation from './migrations/0001_foundation.ts';
import * as staff from './migrations/0002_staff.ts';
import * as weekend from './migrations/0003_weekend.ts';
import * as safetyWalks from './migrations/0004_safetywalks.ts';
import * as iceland from './migrations/0005_iceland.ts';
import * as promiseHistory from './migrations/0006_promise_history.ts';
import * as situationEvents from './migrations/0007_situation_events.ts';
import * as situationRollups from './migrations/0008_situation_rollups.ts';
import * as dialogue from './migrations/0009_dialogue.ts';
import * as updates from './migrations/0010_updates.ts';
import * as search from './migrations/0011_search.ts';
import * as situationPeriodRollup from './migrations/0012_situation_period_rollup.ts';
import * as situationWeekendRollup from './migrations/0013_situation_weekend_rollup.ts';
import * as eventNaturalKey from './migrations/0014_event_natural_key.ts';
import * as eventContentCompare from './migrations/0015_event_content_compare.ts';
import * as weekendRollupSlots from './migrations/0016_weekend_rollup_slots.ts';
import type { Database } from './types.ts';

const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_staff': staff,
  '0003_weekend': weekend,
  '0004_safetywalks': safetyWalks,
  '0005_iceland': iceland,
  '0006_promise_history': promiseHistory,
  '0007_situation_events': situationEvents,
  '0008_situation_rollups': situationRollups,
  '0009_dialogue': dialogue,
  '0010_updates': updates,
  '0011_search': search,
  '0012_situation_period_rollup': situationPeriodRollup,
  '0013_situation_weekend_rollup': situationWeekendRollup,
  '0014_event_natural_key': eventNaturalKey,
  '0015_event_content_compare': eventContentCompare,
  '0016_weekend_rollup_slots': weekendRollupSlots,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
