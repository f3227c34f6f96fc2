import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { ObservationStatus } from '../../domain/observation-status.ts';
import type { RouteGeometry } from './geometry.ts';
import type { ObservationCategory } from './model.ts';

/** The day a walk counts for: when it was carried out, else when it is planned. */
const walkDay = sql<string>`coalesce(w.done_at, w.walk_date)`;
const CLOSED = sql`('fixed', 'declined')`;
/** What an observation shows, on a walk's page and on its own. */
const OBSERVATION_COLUMNS = [
  'o.id',
  'o.lon',
  'o.lat',
  'o.category',
  'o.description',
  'o.owner',
  'o.status',
] as const;

export interface NewWalk {
  policeAreaId: number;
  districtId: number;
  walkDate: string;
  partners: string[];
  partnersOther: string | null;
  notes: string | null;
  submissionId: string;
  createdBy: number;
}

export interface NewObservation {
  walkId: number;
  policeAreaId: number;
  lon: number;
  lat: number;
  category: ObservationCategory;
  description: string;
  owner: string | null;
  submissionId: string;
}

export function createSafetyWalksRepo(db: Kysely<Database>) {
  return {
    /** Walks whose day lies in [from, to], oldest first, with how many observations each has. */
    between(policeAreaId: number, from: string, to: string) {
      return db
        .selectFrom('safety_walk as w')
        .leftJoin('district as d', 'd.id', 'w.district_id')
        .select([
          'w.id',
          'w.walk_date',
          'w.done_at',
          'w.status',
          'w.partners',
          'w.partners_other',
          'w.observations_count',
          'd.name as district',
          walkDay.as('day'),
          sql<number>`(select count(*)::int from observation o where o.safety_walk_id = w.id)`.as(
            'observation_rows',
          ),
          sql<number>`(select count(*)::int from observation o
            where o.safety_walk_id = w.id and o.status not in ${CLOSED})`.as('open_rows'),
        ])
        .where('w.police_area_id', '=', policeAreaId)
        .where(walkDay, '>=', from)
        .where(walkDay, '<=', to)
        .orderBy(walkDay)
        .orderBy('w.id')
        .execute();
    },

    /** Fixed observations of the walks carried out in [from, to]: the walk's day and the day it was fixed. */
    fixedBetween(policeAreaId: number, from: string, to: string) {
      return db
        .selectFrom('observation as o')
        .innerJoin('safety_walk as w', 'w.id', 'o.safety_walk_id')
        .innerJoin('observation_event as e', 'e.observation_id', 'o.id')
        .select([walkDay.as('observed_on'), sql<string>`max(e.at)`.as('fixed_on')])
        .where('o.police_area_id', '=', policeAreaId)
        .where('o.status', '=', 'fixed')
        .where('e.status', '=', 'fixed')
        .where('w.status', '=', 'done')
        .where(walkDay, '>=', from)
        .where(walkDay, '<=', to)
        .groupBy(['o.id', 'w.done_at', 'w.walk_date'])
        .execute();
    },

    findWalk(policeAreaId: number, id: number) {
      return db
        .selectFrom('safety_walk as w')
        .leftJoin('district as d', 'd.id', 'w.district_id')
        .select([
          'w.id',
          'w.walk_date',
          'w.done_at',
          'w.status',
          'w.district_id',
          'd.name as district',
          'w.partners',
          'w.partners_other',
          'w.notes',
          'w.route',
          'w.observations_count',
        ])
        .where('w.police_area_id', '=', policeAreaId)
        .where('w.id', '=', id)
        .executeTakeFirst();
    },

    async walkIdBySubmission(policeAreaId: number, submissionId: string): Promise<number | undefined> {
      const row = await db
        .selectFrom('safety_walk')
        .select('id')
        .where('police_area_id', '=', policeAreaId)
        .where('submission_id', '=', submissionId)
        .executeTakeFirst();
      return row?.id;
    },

    /** The new walk's id, or undefined when a walk with this submission id already exists. */
    async insertWalk(trx: Kysely<Database>, walk: NewWalk): Promise<number | undefined> {
      const row = await trx
        .insertInto('safety_walk')
        .values({
          police_area_id: walk.policeAreaId,
          district_id: walk.districtId,
          walk_date: walk.walkDate,
          status: 'planned',
          partners: JSON.stringify(walk.partners),
          partners_other: walk.partnersOther,
          notes: walk.notes,
          observations_count: 0,
          is_demo: false,
          submission_id: walk.submissionId,
          created_by: walk.createdBy,
        })
        .onConflict((oc) => oc.column('submission_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async completeWalk(
      trx: Kysely<Database>,
      policeAreaId: number,
      id: number,
      doneAt: string,
      route: RouteGeometry | null,
    ): Promise<void> {
      await trx
        .updateTable('safety_walk')
        .set({ status: 'done', done_at: doneAt, route: route ? JSON.stringify(route) : null })
        .where('police_area_id', '=', policeAreaId)
        .where('id', '=', id)
        .execute();
    },

    /** Locks the walk's row until the transaction ends, so two writers do not interleave. */
    async lockWalk(trx: Kysely<Database>, policeAreaId: number, id: number) {
      return trx
        .selectFrom('safety_walk')
        .select(['id', 'status', 'walk_date', 'done_at'])
        .where('police_area_id', '=', policeAreaId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    observationsOfWalk(policeAreaId: number, walkId: number) {
      return db
        .selectFrom('observation as o')
        .select([
          ...OBSERVATION_COLUMNS,
          sql<string | null>`(select max(e.at) from observation_event e where e.observation_id = o.id)`.as(
            'last_change',
          ),
        ])
        .where('o.police_area_id', '=', policeAreaId)
        .where('o.safety_walk_id', '=', walkId)
        .orderBy('o.id')
        .execute();
    },

    findObservation(policeAreaId: number, id: number) {
      return db
        .selectFrom('observation as o')
        .innerJoin('safety_walk as w', 'w.id', 'o.safety_walk_id')
        .leftJoin('district as d', 'd.id', 'w.district_id')
        .select([
          ...OBSERVATION_COLUMNS,
          'o.safety_walk_id as walkId',
          walkDay.as('walkDay'),
          'd.name as district',
        ])
        .where('o.police_area_id', '=', policeAreaId)
        .where('o.id', '=', id)
        .executeTakeFirst();
    },

    async lockObservation(trx: Kysely<Database>, policeAreaId: number, id: number) {
      return trx
        .selectFrom('observation')
        .select(['id', 'status', 'owner'])
        .where('police_area_id', '=', policeAreaId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    async observationIdBySubmission(
      policeAreaId: number,
      walkId: number,
      submissionId: string,
    ): Promise<number | undefined> {
      const row = await db
        .selectFrom('observation')
        .select('id')
        .where('police_area_id', '=', policeAreaId)
        .where('safety_walk_id', '=', walkId)
        .where('submission_id', '=', submissionId)
        .executeTakeFirst();
      return row?.id;
    },

    /** The new observation's id, or undefined when one with this submission id already exists. */
    async insertObservation(trx: Kysely<Database>, o: NewObservation): Promise<number | undefined> {
      const row = await trx
        .insertInto('observation')
        .values({
          safety_walk_id: o.walkId,
          police_area_id: o.policeAreaId,
          lon: o.lon,
          lat: o.lat,
          category: o.category,
          description: o.description,
          owner: o.owner,
          submission_id: o.submissionId,
        })
        .onConflict((oc) => oc.column('submission_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async setObservationStatus(
      trx: Kysely<Database>,
      policeAreaId: number,
      id: number,
      status: ObservationStatus,
      owner: string | null,
    ): Promise<void> {
      await trx
        .updateTable('observation')
        .set({ status, owner })
        .where('police_area_id', '=', policeAreaId)
        .where('id', '=', id)
        .execute();
    },

    async insertEvent(
      trx: Kysely<Database>,
      event: {
        observationId: number;
        status: ObservationStatus;
        at: string;
        comment: string | null;
        userId: number;
      },
    ): Promise<void> {
      await trx
        .insertInto('observation_event')
        .values({
          observation_id: event.observationId,
          status: event.status,
          at: event.at,
          comment: event.comment,
          user_id: event.userId,
        })
        .execute();
    },

    async lastEventDay(trx: Kysely<Database>, observationId: number): Promise<string | undefined> {
      const row = await trx
        .selectFrom('observation_event')
        .select(sql<string | null>`max(at)`.as('last'))
        .where('observation_id', '=', observationId)
        .executeTakeFirst();
      return row?.last ?? undefined;
    },

    /** The observation's history, oldest first, with who recorded each change. */
    eventsOf(observationId: number) {
      return db
        .selectFrom('observation_event as e')
        .leftJoin('app_user as u', 'u.id', 'e.user_id')
        .select(['e.id', 'e.status', 'e.at', 'e.comment', 'u.display_name as by'])
        .where('e.observation_id', '=', observationId)
        .orderBy('e.at')
        .orderBy('e.id')
        .execute();
    },
  };
}
