// SQL of the updates module: news posts, subscriptions and the mail outbox.
import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { MailOutboxTable, NewsUpdateTable, OutboxMail, Subscription } from './tables.ts';

/** An update with what it is about, as pages and feeds show it. */
export interface UpdateRow {
  id: number;
  police_area_id: number;
  commitment_id: number | null;
  district_id: number | null;
  title: string;
  body: string;
  published_on: string;
  is_demo: boolean;
  created_at: Date;
  updated_at: Date;
  commitment_key: string | null;
  commitment_title: string | null;
  commitment_year: number | null;
  district_name: string | null;
}

export function createUpdatesRepo(db: Kysely<Database>) {
  const selectUpdates = (executor: Kysely<Database> = db) =>
    executor
      .selectFrom('news_update as u')
      .leftJoin('commitment as c', 'c.id', 'u.commitment_id')
      .leftJoin('promise as p', 'p.id', 'c.promise_id')
      .leftJoin('district as d', 'd.id', 'u.district_id')
      .select([
        'u.id',
        'u.police_area_id',
        'u.commitment_id',
        'u.district_id',
        'u.title',
        'u.body',
        'u.published_on',
        'u.is_demo',
        'u.created_at',
        'u.updated_at',
        'c.key as commitment_key',
        'c.title as commitment_title',
        'p.year as commitment_year',
        'd.name as district_name',
      ]);

  return {
    /** The LPO's updates, newest first; only those tied to the commitment when one is given. */
    list(policeAreaId: number, options: { limit: number; commitmentId?: number }): Promise<UpdateRow[]> {
      let query = selectUpdates().where('u.police_area_id', '=', policeAreaId);
      if (options.commitmentId !== undefined)
        query = query.where('u.commitment_id', '=', options.commitmentId);
      return query
        .orderBy('u.published_on', 'desc')
        .orderBy('u.id', 'desc')
        .limit(options.limit)
        .execute() as Promise<UpdateRow[]>;
    },

    /** One update, only if it belongs to the LPO. */
    find(policeAreaId: number, id: number, executor: Kysely<Database> = db): Promise<UpdateRow | undefined> {
      return selectUpdates(executor)
        .where('u.police_area_id', '=', policeAreaId)
        .where('u.id', '=', id)
        .executeTakeFirst() as Promise<UpdateRow | undefined>;
    },

    /** The new update's id, or undefined when its submission id is already stored. */
    async insert(
      trx: Transaction<Database>,
      values: Insertable<NewsUpdateTable>,
    ): Promise<number | undefined> {
      const row = await trx
        .insertInto('news_update')
        .values(values)
        .onConflict((oc) => oc.column('submission_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async idBySubmission(trx: Transaction<Database>, submissionId: string) {
      return trx
        .selectFrom('news_update')
        .select(['id', 'police_area_id'])
        .where('submission_id', '=', submissionId)
        .executeTakeFirst();
    },

    async update(
      trx: Transaction<Database>,
      policeAreaId: number,
      id: number,
      values: Updateable<NewsUpdateTable>,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('news_update')
        .set(values)
        .where('police_area_id', '=', policeAreaId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async remove(trx: Transaction<Database>, policeAreaId: number, id: number): Promise<boolean> {
      const result = await trx
        .deleteFrom('news_update')
        .where('police_area_id', '=', policeAreaId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /** The commitments of the LPO's published promise for a year, in the promise's order. */
    commitmentsOf(policeAreaId: number, year: number) {
      return db
        .selectFrom('commitment as c')
        .innerJoin('promise as p', 'p.id', 'c.promise_id')
        .select(['c.id', 'c.key', 'c.title', 'p.year'])
        .where('p.police_area_id', '=', policeAreaId)
        .where('p.year', '=', year)
        .where('p.status', '=', 'published')
        .orderBy('c.position')
        .execute();
    },

    /** A commitment of the LPO's published promise for a year, by its key. */
    commitmentByKey(policeAreaId: number, year: number, key: string) {
      return db
        .selectFrom('commitment as c')
        .innerJoin('promise as p', 'p.id', 'c.promise_id')
        .select(['c.id', 'c.key', 'c.title', 'p.year'])
        .where('p.police_area_id', '=', policeAreaId)
        .where('p.year', '=', year)
        .where('p.status', '=', 'published')
        .where('c.key', '=', key)
        .executeTakeFirst();
    },

    /** What a subscription follows, in words pages and mails can use. */
    async scopeOf(
      executor: Kysely<Database>,
      subscription: { police_area_id: number; commitment_id: number | null },
    ): Promise<{ slug: string; name: string; commitmentTitle: string | null }> {
      const area = await executor
        .selectFrom('police_area')
        .select(['slug', 'name'])
        .where('id', '=', subscription.police_area_id)
        .executeTakeFirstOrThrow();
      const commitment =
        subscription.commitment_id === null
          ? undefined
          : await executor
              .selectFrom('commitment')
              .select('title')
              .where('id', '=', subscription.commitment_id)
              .executeTakeFirst();
      return { slug: area.slug, name: area.name, commitmentTitle: commitment?.title ?? null };
    },

    // Subscriptions

    findSubscription(
      executor: Kysely<Database>,
      email: string,
      policeAreaId: number,
      commitmentId: number | null,
    ): Promise<Subscription | undefined> {
      return executor
        .selectFrom('subscription')
        .selectAll()
        .where('email', '=', email)
        .where('police_area_id', '=', policeAreaId)
        .where((eb) =>
          commitmentId === null ? eb('commitment_id', 'is', null) : eb('commitment_id', '=', commitmentId),
        )
        .executeTakeFirst();
    },

    subscriptionById(executor: Kysely<Database>, id: number): Promise<Subscription | undefined> {
      return executor.selectFrom('subscription').selectAll().where('id', '=', id).executeTakeFirst();
    },

    subscriptionByConfirmHash(hash: string): Promise<Subscription | undefined> {
      return db
        .selectFrom('subscription')
        .selectAll()
        .where('confirm_token_hash', '=', hash)
        .executeTakeFirst();
    },

    async insertSubscription(
      trx: Transaction<Database>,
      values: {
        email: string;
        police_area_id: number;
        commitment_id: number | null;
        lang: 'sv' | 'en';
        confirm_token_hash: string;
        confirm_sent_at: Date;
        created_at: Date;
      },
    ): Promise<number> {
      const row = await trx
        .insertInto('subscription')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async renewConfirmation(
      trx: Transaction<Database>,
      id: number,
      hash: string | null,
      at: Date,
    ): Promise<void> {
      await trx
        .updateTable('subscription')
        .set({ confirm_token_hash: hash, confirm_sent_at: at })
        .where('id', '=', id)
        .execute();
    },

    async confirm(id: number, at: Date): Promise<void> {
      await db
        .updateTable('subscription')
        .set({ confirmed_at: at, confirm_token_hash: null })
        .where('id', '=', id)
        .execute();
    },

    async deleteSubscription(id: number): Promise<boolean> {
      const result = await db.deleteFrom('subscription').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /**
     * Confirmed followers of the LPO as a whole or of the commitment, one row per address (an address
     * following both gets one mail, from its LPO-wide subscription).
     */
    async recipients(
      trx: Transaction<Database>,
      policeAreaId: number,
      commitmentId: number | null,
    ): Promise<Subscription[]> {
      const rows = await trx
        .selectFrom('subscription')
        .selectAll()
        .where('police_area_id', '=', policeAreaId)
        .where('confirmed_at', 'is not', null)
        .where((eb) =>
          commitmentId === null
            ? eb('commitment_id', 'is', null)
            : eb.or([eb('commitment_id', 'is', null), eb('commitment_id', '=', commitmentId)]),
        )
        .orderBy(sql`commitment_id nulls first`)
        .orderBy('id')
        .execute();
      const seen = new Set<string>();
      return rows.filter((r) => !seen.has(r.email) && seen.add(r.email));
    },

    /** Deletes subscriptions never confirmed since `before`; returns how many. */
    async purgeUnconfirmed(before: Date): Promise<number> {
      const result = await db
        .deleteFrom('subscription')
        .where('confirmed_at', 'is', null)
        .where('created_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    // Outbox

    async enqueue(trx: Transaction<Database>, mails: Insertable<MailOutboxTable>[]): Promise<void> {
      if (mails.length > 0) await trx.insertInto('mail_outbox').values(mails).execute();
    },

    /**
     * Claims up to `limit` due mails for one worker: marks them 'sending' until `leaseUntil` so another
     * worker skips them (and takes them over if this one dies before it is done).
     */
    async claim(now: Date, leaseUntil: Date, limit: number): Promise<OutboxMail[]> {
      return db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('mail_outbox')
          .select('id')
          .where('status', 'in', ['queued', 'sending'])
          .where('next_attempt_at', '<=', now)
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked()
          .execute();
        if (due.length === 0) return [];
        return trx
          .updateTable('mail_outbox')
          .set({ status: 'sending', next_attempt_at: leaseUntil })
          .where(
            'id',
            'in',
            due.map((d) => d.id),
          )
          .returningAll()
          .execute();
      });
    },

    async markSent(id: number, at: Date): Promise<void> {
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({ status: 'sent', sent_at: at, attempts: eb('attempts', '+', 1), last_error: null }))
        .where('id', '=', id)
        .execute();
    },

    async markFailedAttempt(id: number, error: string, retryAt: Date | null): Promise<void> {
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({
          status: retryAt ? 'queued' : 'failed',
          attempts: eb('attempts', '+', 1),
          last_error: error.slice(0, 1000),
          ...(retryAt ? { next_attempt_at: retryAt } : {}),
        }))
        .where('id', '=', id)
        .execute();
    },

    /** Forgets sent and given-up mails older than `before` (they hold addresses). */
    async purgeFinished(before: Date): Promise<number> {
      const result = await db
        .deleteFrom('mail_outbox')
        .where('status', 'in', ['sent', 'failed'])
        .where('created_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type UpdatesRepo = ReturnType<typeof createUpdatesRepo>;
