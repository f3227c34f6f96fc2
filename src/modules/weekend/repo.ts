import type { Kysely } from 'kysely';
import type { Database, WeekendShift } from '../../db/types.ts';

export function createWeekendRepo(db: Kysely<Database>) {
  return {
    /** Shifts starting within [from, to). */
    between(policeAreaId: number, from: Date, to: Date): Promise<WeekendShift[]> {
      return db
        .selectFrom('weekend_shift')
        .selectAll()
        .where('police_area_id', '=', policeAreaId)
        .where('starts_at', '>=', from)
        .where('starts_at', '<', to)
        .orderBy('starts_at')
        .execute();
    },
  };
}
