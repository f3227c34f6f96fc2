// Trygghetsvandringar: planned, carried out (a walk counts toward the target once it is done), and what
// they found followed up with the owner of each place until it is fixed or declined.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { daysBetween } from '../../domain/iso-week.ts';
import {
  type ObservationStatus,
  type TransitionProblem,
  transitionProblem,
} from '../../domain/observation-status.ts';
import type { Occurrence, Period } from '../../domain/targets.ts';
import { recordAudit } from '../auth/service.ts';
import type { RouteGeometry } from './geometry.ts';
import type { ObservationCategory, WalkPartner } from './model.ts';
import { createSafetyWalksRepo } from './repo.ts';

export interface SafetyWalkSummary {
  done: number;
  planned: number;
  /** Observations of the walks carried out: rows logged here, or the demo's hand count. */
  observations: number;
  /** Of those, how many the owner has fixed. */
  fixed: number;
  /** Median days from the walk to the fix; null when nothing is fixed. The page hides it below the threshold. */
  medianDaysToFix: number | null;
  recent: {
    date: string;
    district: string | null;
    status: 'planned' | 'done' | 'cancelled';
    observations: number;
  }[];
}

/** Who writes, where, and whom to tell afterwards (the public pages' caches). */
export interface WriteContext {
  userId: number;
  policeAreaId: number;
  invalidate: () => void;
}

export interface PlanWalkInput {
  walkDate: string;
  districtId: number;
  partners: WalkPartner[];
  partnersOther: string | null;
  notes: string | null;
  submissionId: string;
}

export interface ObservationInput {
  lon: number;
  lat: number;
  category: ObservationCategory;
  description: string;
  owner: string | null;
  submissionId: string;
}

export interface StatusInput {
  status: ObservationStatus;
  at: string;
  comment: string | null;
  /** A new owner (e.g. when sending); null keeps the current one. */
  owner: string | null;
}

export type StatusChange =
  | { outcome: 'changed' | 'unchanged' | 'not_found' }
  | { outcome: 'refused'; field: 'status' | 'owner'; problem: TransitionProblem }
  | { outcome: 'refused'; field: 'at'; problem: 'before_previous'; previous: string };

export function createSafetyWalksService(db: Kysely<Database>) {
  const repo = createSafetyWalksRepo(db);

  /** Observations per walk: the logged rows where there are any, else the count kept on the walk. */
  function observationsOf(walk: { observation_rows: number; observations_count: number }): number {
    return walk.observation_rows > 0 ? walk.observation_rows : walk.observations_count;
  }

  async function summary(policeAreaId: number, period: Period): Promise<SafetyWalkSummary> {
    const walks = await repo.between(policeAreaId, period.from, period.to);
    const done = walks.filter((w) => w.status === 'done');
    const fixed = await repo.fixedBetween(policeAreaId, period.from, period.to);
    return {
      done: done.length,
      planned: walks.filter((w) => w.status === 'planned').length,
      observations: done.reduce((n, w) => n + observationsOf(w), 0),
      fixed: fixed.length,
      medianDaysToFix: median(fixed.map((f) => daysBetween(f.observed_on, f.fixed_on))),
      recent: walks
        .filter((w) => w.status !== 'cancelled')
        .reverse()
        .slice(0, 5)
        .map((w) => ({
          date: w.day,
          district: w.district,
          status: w.status,
          observations: observationsOf(w),
        })),
    };
  }

  /**
   * A new planned walk; a repeated submission gives the walk it created the first time (undefined: that
   * submission id belongs to another LPO's walk).
   */
  async function planWalk(
    ctx: WriteContext,
    input: PlanWalkInput,
  ): Promise<{ id: number; created: boolean } | undefined> {
    const id = await db.transaction().execute(async (trx) => {
      const created = await repo.insertWalk(trx, {
        ...input,
        policeAreaId: ctx.policeAreaId,
        createdBy: ctx.userId,
      });
      if (created !== undefined) {
        await recordAudit(trx, {
          userId: ctx.userId,
          policeAreaId: ctx.policeAreaId,
          action: 'safety_walk.create',
          entity: 'safety_walk',
          entityId: String(created),
          detail: { walkDate: input.walkDate, districtId: input.districtId },
        });
      }
      return created;
    });
    if (id === undefined) {
      const existing = await repo.walkIdBySubmission(ctx.policeAreaId, input.submissionId);
      return existing === undefined ? undefined : { id: existing, created: false };
    }
    ctx.invalidate();
    return { id, created: true };
  }

  /** Marks the walk carried out on `doneOn` with its route (also to correct them later); false: no such walk. */
  async function completeWalk(
    ctx: WriteContext,
    walkId: number,
    done: { doneOn: string; route: RouteGeometry | null },
  ): Promise<boolean> {
    const before = await db.transaction().execute(async (trx) => {
      const walk = await repo.lockWalk(trx, ctx.policeAreaId, walkId);
      if (!walk) return walk;
      await repo.completeWalk(trx, ctx.policeAreaId, walkId, done.doneOn, done.route);
      await recordAudit(trx, {
        userId: ctx.userId,
        policeAreaId: ctx.policeAreaId,
        action: walk.status === 'done' ? 'safety_walk.update' : 'safety_walk.complete',
        entity: 'safety_walk',
        entityId: String(walkId),
        detail: { doneOn: done.doneOn, route: done.route !== null, previousStatus: walk.status },
      });
      return walk;
    });
    if (!before) return false;
    ctx.invalidate();
    return true;
  }

  /** Adds an observation to a walk that has been carried out; it starts open on the walk's day. */
  async function addObservation(
    ctx: WriteContext,
    walkId: number,
    input: ObservationInput,
  ): Promise<{ id: number; created: boolean } | 'not_found' | 'not_done'> {
    const result = await db.transaction().execute(async (trx) => {
      const walk = await repo.lockWalk(trx, ctx.policeAreaId, walkId);
      if (!walk) return 'not_found' as const;
      if (walk.status !== 'done') return 'not_done' as const;
      const id = await repo.insertObservation(trx, { ...input, walkId, policeAreaId: ctx.policeAreaId });
      if (id === undefined) return undefined;
      await repo.insertEvent(trx, {
        observationId: id,
        status: 'open',
        at: walk.done_at ?? walk.walk_date,
        comment: null,
        userId: ctx.userId,
      });
      await recordAudit(trx, {
        userId: ctx.userId,
        policeAreaId: ctx.policeAreaId,
        action: 'observation.create',
        entity: 'observation',
        entityId: String(id),
        detail: { walkId, category: input.category },
      });
      return id;
    });
    if (result === 'not_found' || result === 'not_done') return result;
    if (result === undefined) {
      const existing = await repo.observationIdBySubmission(ctx.policeAreaId, walkId, input.submissionId);
      return existing === undefined ? 'not_found' : { id: existing, created: false };
    }
    ctx.invalidate();
    return { id: result, created: true };
  }

  /** Moves an observation along (see domain/observation-status.ts) and keeps the change in its history. */
  async function changeStatus(
    ctx: WriteContext,
    observationId: number,
    input: StatusInput,
  ): Promise<StatusChange> {
    const result = await db.transaction().execute(async (trx): Promise<StatusChange & { from?: string }> => {
      const current = await repo.lockObservation(trx, ctx.policeAreaId, observationId);
      if (!current) return { outcome: 'not_found' };
      // The same change posted twice (a double click) is done once.
      if (current.status === input.status) return { outcome: 'unchanged' };
      const owner = input.owner ?? current.owner;
      const problem = transitionProblem(current.status, input.status, owner);
      if (problem)
        return { outcome: 'refused', field: problem === 'owner_required' ? 'owner' : 'status', problem };
      const previous = await repo.lastEventDay(trx, observationId);
      if (previous && input.at < previous) {
        return { outcome: 'refused', field: 'at', problem: 'before_previous', previous };
      }
      await repo.setObservationStatus(trx, ctx.policeAreaId, observationId, input.status, owner);
      await repo.insertEvent(trx, { observationId, ...input, userId: ctx.userId });
      await recordAudit(trx, {
        userId: ctx.userId,
        policeAreaId: ctx.policeAreaId,
        action: 'observation.status',
        entity: 'observation',
        entityId: String(observationId),
        detail: { from: current.status, to: input.status, at: input.at },
      });
      return { outcome: 'changed', from: current.status };
    });
    if (result.outcome !== 'changed') return result;
    ctx.invalidate();
    return { outcome: 'changed' };
  }

  return {
    async occurrences(policeAreaId: number, period: Period): Promise<Occurrence[]> {
      const walks = await repo.between(policeAreaId, period.from, period.to);
      return walks.filter((w) => w.status === 'done').map((w) => ({ date: w.day }));
    },

    summary,

    /** The walks of a period for the staff list, with how many observations each has and how many are open. */
    async walks(policeAreaId: number, period: Period) {
      const walks = await repo.between(policeAreaId, period.from, period.to);
      return walks.map((w) => ({ ...w, observations: observationsOf(w) }));
    },

    /** One walk of the LPO with its observations; undefined when the LPO has no such walk. */
    async walk(policeAreaId: number, id: number) {
      const walk = await repo.findWalk(policeAreaId, id);
      if (!walk) return undefined;
      return { ...walk, observations: await repo.observationsOfWalk(policeAreaId, id) };
    },

    /** One observation of the LPO with its history; undefined when the LPO has no such observation. */
    async observation(policeAreaId: number, id: number) {
      const observation = await repo.findObservation(policeAreaId, id);
      if (!observation) return undefined;
      return { ...observation, events: await repo.eventsOf(id) };
    },

    planWalk,
    completeWalk,
    addObservation,
    changeStatus,
  };
}

export type SafetyWalksService = ReturnType<typeof createSafetyWalksService>;
export type WalkDetail = NonNullable<Awaited<ReturnType<SafetyWalksService['walk']>>>;
export type ObservationDetail = NonNullable<Awaited<ReturnType<SafetyWalksService['observation']>>>;
export type WalkListItem = Awaited<ReturnType<SafetyWalksService['walks']>>[number];

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}
