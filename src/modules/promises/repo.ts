import type { Kysely, Transaction } from 'kysely';
import type { CommitmentRow, Database, PromiseRow } from '../../db/types.ts';
import { describeChanges } from '../../domain/document-diff.ts';
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
      changedBy: number | null = null,
    ): Promise<{ id: number; created: boolean; changes: string[] }> {
      const existing = await trx
        .selectFrom('promise')
        .select(['id', 'document', 'status', 'published_at'])
        .where('police_area_id', '=', policeAreaId)
        .where('year', '=', doc.year)
        .executeTakeFirst();
      const values = {
        police_area_id: policeAreaId,
        year: doc.year,
        valid_from: doc.validFrom,
        valid_to: doc.validTo,
        title: doc.title,
        status,
        published_at: status === 'published' ? (existing?.published_at ?? new Date()) : null,
        is_demo: doc.demo ?? false,
        document: JSON.stringify(doc),
        updated_at: new Date(),
      };
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
      const changes = existing
        ? [
            ...(existing.status !== status ? [`status: ${existing.status} → ${status}`] : []),
            ...describeChanges(existing.document, doc),
          ]
        : [];
      const last = await trx
        .selectFrom('promise_version')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('promise_id', '=', id)
        .executeTakeFirst();
      await trx
        .insertInto('promise_version')
        .values({
          promise_id: id,
          version: (last?.version ?? 0) + 1,
          status,
          document: JSON.stringify(doc),
          changes: JSON.stringify(changes),
          changed_by: changedBy,
        })
        .execute();
      return { id, created: !existing, changes };
    },

    /** The saved versions of a promise, newest first, with who changed it. */
    history(promiseId: number) {
      return db
        .selectFrom('promise_version as v')
        .leftJoin('app_user as u', 'u.id', 'v.changed_by')
        .select(['v.version', 'v.status', 'v.changes', 'v.changed_at', 'u.display_name as changedBy'])
        .where('v.promise_id', '=', promiseId)
        .orderBy('v.version', 'desc')
        .execute();
    },
  };
}

export type PromisesRepo = ReturnType<typeof createPromisesRepo>;
