// Trygghetsvandringar: a walk counts toward the target once it has been carried out.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { Occurrence, Period } from '../../domain/targets.ts';
import { createSafetyWalksRepo } from './repo.ts';

export interface SafetyWalkSummary {
  done: number;
  planned: number;
  observations: number;
  recent: {
    date: string;
    district: string | null;
    status: 'planned' | 'done' | 'cancelled';
    observations: number;
  }[];
}

export function createSafetyWalksService(db: Kysely<Database>) {
  const repo = createSafetyWalksRepo(db);
  return {
    async occurrences(policeAreaId: number, period: Period): Promise<Occurrence[]> {
      const walks = await repo.between(policeAreaId, period.from, period.to);
      return walks.filter((w) => w.status === 'done').map((w) => ({ date: w.walk_date }));
    },

    async summary(policeAreaId: number, period: Period): Promise<SafetyWalkSummary> {
      const walks = await repo.between(policeAreaId, period.from, period.to);
      const done = walks.filter((w) => w.status === 'done');
      return {
        done: done.length,
        planned: walks.filter((w) => w.status === 'planned').length,
        observations: done.reduce((n, w) => n + w.observations_count, 0),
        recent: walks
          .filter((w) => w.status !== 'cancelled')
          .reverse()
          .slice(0, 5)
          .map((w) => ({
            date: w.walk_date,
            district: w.district,
            status: w.status,
            observations: w.observations_count,
          })),
      };
    },
  };
}
