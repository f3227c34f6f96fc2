import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, WeekendShift, WeekendShiftTable } from '../../db/types.ts';
import type { Place, PlaceTable } from './tables.ts';

export function createWeekendRepo(db: Kysely<Database>) {
  return {
    /** Shifts carried out (not only planned) starting within [from, to): the work the targets count. */
    between(policeAreaId: number, from: Date, to: Date): Promise<WeekendShift[]> {
      return db
        .selectFrom('weekend_shift')
        .selectAll()
        .where('police_area_id', '=', policeAreaId)
        .where('status', '=', 'done')
        .where('starts_at', '>=', from)
        .where('starts_at', '<', to)
        .orderBy('starts_at')
        .execute();
    },

    /** Start and officers of the shifts carried out in [from, to): all the staffed-week rule reads. */
    doneStarts(policeAreaId: number, from: Date, to: Date): Promise<{ starts_at: Date; officers: number }[]> {
      return db
        .selectFrom('weekend_shift')
        .select(['starts_at', 'officers'])
        .where('police_area_id', '=', policeAreaId)
        .where('status', '=', 'done')
        .where('starts_at', '>=', from)
        .where('starts_at', '<', to)
        .orderBy('starts_at')
        .execute();
    },

    /** One shift, only if it belongs to the LPO. */
    find(policeAreaId: number, id: number): Promise<WeekendShift | undefined> {
      return db
        .selectFrom('weekend_shift')
        .selectAll()
        .where('police_area_id', '=', policeAreaId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The most recently started shifts, newest first. */
    latest(policeAreaId: number, limit: number): Promise<WeekendShift[]> {
      return db
        .selectFrom('weekend_shift')
        .selectAll()
        .where('police_area_id', '=', policeAreaId)
        .orderBy('starts_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },

    /** The new shift's id, or undefined when its submission id is already stored. */
    async insertShift(
      trx: Transaction<Database>,
      shift: Insertable<WeekendShiftTable>,
    ): Promise<number | undefined> {
      const row = await trx
        .insertInto('weekend_shift')
        .values(shift)
        .onConflict((oc) => oc.column('submission_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async shiftIdBySubmission(
      trx: Transaction<Database>,
      policeAreaId: number,
      submissionId: string,
    ): Promise<number | undefined> {
      const row = await trx
        .selectFrom('weekend_shift')
        .select('id')
        .where('police_area_id', '=', policeAreaId)
        .where('submission_id', '=', submissionId)
        .executeTakeFirst();
      return row?.id;
    },

    places(policeAreaId: number): Promise<Place[]> {
      return db
        .selectFrom('place')
        .selectAll()
        .where('police_area_id', '=', policeAreaId)
        .orderBy('slug')
        .execute();
    },

    /** Adds the places, or updates those whose slug the LPO already has. */
    async upsertPlaces(trx: Transaction<Database>, places: Insertable<PlaceTable>[]): Promise<void> {
      if (places.length === 0) return;
      await trx
        .insertInto('place')
        .values(places)
        .onConflict((oc) =>
          oc.columns(['police_area_id', 'slug']).doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            kind: eb.ref('excluded.kind'),
            lon: eb.ref('excluded.lon'),
            lat: eb.ref('excluded.lat'),
          })),
        )
        .execute();
    },
  };
}
