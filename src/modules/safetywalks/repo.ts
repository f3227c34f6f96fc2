import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

export function createSafetyWalksRepo(db: Kysely<Database>) {
  return {
    between(policeAreaId: number, from: string, to: string) {
      return db
        .selectFrom('safety_walk as w')
        .leftJoin('district as d', 'd.id', 'w.district_id')
        .select([
          'w.id',
          'w.walk_date',
          'w.status',
          'w.partners',
          'w.observations_count',
          'd.name as district',
        ])
        .where('w.police_area_id', '=', policeAreaId)
        .where('w.walk_date', '>=', from)
        .where('w.walk_date', '<=', to)
        .orderBy('w.walk_date')
        .execute();
    },
  };
}
