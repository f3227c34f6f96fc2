// Islandsmodellen: public follow-up uses only the yearly share of cases where the model was applied,
// and only when there are enough cases that no single family can be picked out.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { Occurrence, Period } from '../../domain/targets.ts';
import { createIcelandRepo } from './repo.ts';

export function createIcelandService(db: Kysely<Database>) {
  const repo = createIcelandRepo(db);
  return {
    /** Decided cases (applied yes/no); cases still open are not counted yet. */
    async occurrences(policeAreaId: number, period: Period): Promise<Occurrence[]> {
      const outcomes = await repo.outcomesBetween(policeAreaId, period.from, period.to);
      return outcomes
        .filter((o) => o.applied !== null)
        .map((o) => ({ date: o.occurred_on, ok: o.applied === true }));
    },
  };
}
