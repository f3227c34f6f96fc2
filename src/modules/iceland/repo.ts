import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

export function createIcelandRepo(db: Kysely<Database>) {
  return {
    /** Outcomes only (date, applied): what the target needs, nothing that describes a family. */
    outcomesBetween(policeAreaId: number, from: string, to: string) {
      return db
        .selectFrom('iceland_case')
        .select(['occurred_on', 'applied'])
        .where('police_area_id', '=', policeAreaId)
        .where('occurred_on', '>=', from)
        .where('occurred_on', '<=', to)
        .orderBy('occurred_on')
        .execute();
    },
  };
}
