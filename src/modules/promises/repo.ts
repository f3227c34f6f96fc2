import type { Kysely, Transaction } from 'kysely';
import type { CommitmentRow, Database, PromiseRow } from '../../db/types.ts';
import type { PromiseFile } from './schema.ts';

export interface StoredPromise extends Omit<PromiseRow, 'document'> {
  document: PromiseFile;
  lpoSlug: string;
}

export function createPromisesRepo(db: Kysely<Database>) {
  const selectPromise = () =>
    db
      .selectFrom('promise as p')
      .innerJoin('police_area as a', 'a.id', 'p.police_area_id')
      .selectAll('p')
      .select('a.slug as lpoSlug');

  return {
    async find(lpoSlug: string, year: number): Promise<StoredPromise | undefined> {
      const row = await selectPromise()
        .where('a.slug', '=', lpoSlug)
        .where('p.year', '=', year)
        .executeTakeFirst();
      return row as StoredPromise | undefined;
    },

    async listForArea(lpoSlug: string): Promise<StoredPromise[]> {
      const rows = await selectPromise().where('a.slug', '=', lpoSlug).orderBy('p.year', 'desc').execute();
      return rows as StoredPromise[];
    },

    async listAll(): Promise<StoredPromise[]> {
      const rows = await selectPromise().orderBy('a.slug').orderBy('p.year', 'desc').execute();
      return rows as StoredPromise[];
    },

    commitmentsOf(promiseId: number): Promise<CommitmentRow[]> {
      return db
        .selectFrom('commitment')
        .selectAll()
        .where('promise_id', '=', promiseId)
        .orderBy('position')
        .execute();
    },

    /** Insert or replace the promise for (LPO, year) and its commitments, keeping commitment ids by key. */
    async save(
      trx: Transaction<Database>,
      policeAreaId: number,
      doc: PromiseFile,
      status: 'draft' | 'published',
    ): Promise<{ id: number; created: boolean }> {
      const values = {
        police_area_id: policeAreaId,
        year: doc.year,
        valid_from: doc.validFrom,
        valid_to: doc.validTo,
        title: doc.title,
        status,
        published_at: status === 'published' ? new Date() : null,
        is_demo: doc.demo ?? false,
        document: JSON.stringify(doc),
        updated_at: new Date(),
      };
      const existing = await trx
        .selectFrom('promise')
        .select('id')
        .where('police_area_id', '=', policeAreaId)
        .where('year', '=', doc.year)
        .executeTakeFirst();
      let id: number;
      if (existing) {
        await trx.updateTable('promise').set(values).where('id', '=', existing.id).execute();
        id = existing.id;
      } else {
        id = (await trx.insertInto('promise').values(values).returning('id').executeTakeFirstOrThrow()).id;
      }
      const keys = doc.commitments.map((c) => c.key);
      await trx.deleteFrom('commitment').where('promise_id', '=', id).where('key', 'not in', keys).execute();
      for (const [position, commitment] of doc.commitments.entries()) {
        const row = {
          promise_id: id,
          key: commitment.key,
          position,
          kind: commitment.kind,
          title: commitment.title,
        };
        await trx
          .insertInto('commitment')
          .values(row)
          .onConflict((oc) =>
            oc
              .columns(['promise_id', 'key'])
              .doUpdateSet({ position, kind: commitment.kind, title: commitment.title }),
          )
          .execute();
      }
      return { id, created: !existing };
    },

    reportsFor(commitmentId: number) {
      return db
        .selectFrom('target_report')
        .selectAll()
        .where('commitment_id', '=', commitmentId)
        .orderBy('reported_on')
        .execute();
    },
  };
}

export type PromisesRepo = ReturnType<typeof createPromisesRepo>;
