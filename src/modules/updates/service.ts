// Updates (news) and following them: staff publish, edit and delete updates; citizens follow an LPO or a
// commitment by e-mail with double opt-in. Every write is one transaction with its audit row and the
// mails it queues; the mail worker sends them later.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, PoliceArea } from '../../db/types.ts';
import type { Lang } from '../../web/i18n.ts';
import type { AreasService } from '../areas/service.ts';
import { recordAudit } from '../auth/service.ts';
import type { PromisesService } from '../promises/service.ts';
import { alreadyFollowingMail, type ComposedMail, confirmationMail, updateMail } from './mail.tsx';
import { renderMarkdown, type SafeHtml } from './markdown.ts';
import { updateMessages } from './messages.ts';
import { FOLLOW_PATHS, newsPath } from './paths.ts';
import { createUpdatesRepo, type UpdateRow } from './repo.ts';
import type { MailOutboxTable, Subscription } from './tables.ts';
import {
  randomToken,
  sha256,
  unsubscribeToken,
  unsubscribeTokenId,
  verifyUnsubscribeToken,
} from './tokens.ts';
import { aboutValue, parseUpdate, type UpdateErrors, type UpdateForm } from './update-input.ts';

/** Pending subscriptions and their confirmation links live this long. */
export const CONFIRM_DAYS = 7;
/** At most one confirmation (or "you already follow") mail per address and scope in this time. */
const RESEND_AFTER_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const MAX_EMAIL_LENGTH = 254;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

export interface UpdateView {
  id: number;
  title: string;
  /** The Markdown as written. */
  body: string;
  html: SafeHtml;
  publishedOn: string;
  updatedAt: Date;
  /** Changed after it was first published. */
  edited: boolean;
  isDemo: boolean;
  commitment: { id: number; key: string; title: string; year: number } | null;
  district: { id: number; name: string } | null;
}

export interface AboutOptions {
  commitments: { id: number; title: string }[];
  districts: { id: number; name: string }[];
}

export type SaveResult =
  | { ok: true; id: number; created: boolean; queued: number }
  | { ok: false; errors: UpdateErrors };

export interface UpdatesServiceOptions {
  areas: AreasService;
  promises: PromisesService;
  clock: () => Date;
  /** The site's public address, for links in mails. */
  publicUrl: string;
  /** True when an SMTP server is configured: only then are subscriptions offered and mails queued. */
  mailEnabled: boolean;
  /** Signs unsubscribe links. */
  secret: string;
  /** Called after a change that public pages show. */
  onChange: () => void;
}

export function createUpdatesService(db: Kysely<Database>, options: UpdatesServiceOptions) {
  const repo = createUpdatesRepo(db);
  const { promises } = options;

  function toView(row: UpdateRow): UpdateView {
    return {
      id: row.id,
      title: row.title,
      body: row.body,
      html: renderMarkdown(row.body),
      publishedOn: row.published_on,
      updatedAt: row.updated_at,
      edited: row.updated_at.getTime() - row.created_at.getTime() > 60_000,
      isDemo: row.is_demo,
      commitment:
        row.commitment_id !== null && row.commitment_key && row.commitment_title && row.commitment_year
          ? {
              id: row.commitment_id,
              key: row.commitment_key,
              title: row.commitment_title,
              year: row.commitment_year,
            }
          : null,
      district:
        row.district_id !== null && row.district_name
          ? { id: row.district_id, name: row.district_name }
          : null,
    };
  }

  /** What staff may tie an update to: this year's commitments and the LPO's districts. */
  async function aboutOptions(area: PoliceArea): Promise<AboutOptions> {
    const year = await promises.currentYear(area.slug);
    const [commitments, districts] = await Promise.all([
      year === undefined ? [] : repo.commitmentsOf(area.id, year),
      options.areas.districtsOf(area.id),
    ]);
    return {
      commitments: commitments.map((c) => ({ id: c.id, title: c.title })),
      districts: districts
        .map((d) => ({ id: d.id, name: d.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    };
  }

  async function parseFor(area: PoliceArea, form: UpdateForm, keep?: UpdateView) {
    const about = await aboutOptions(area);
    const commitmentIds = new Set(about.commitments.map((c) => c.id));
    const districtIds = new Set(about.districts.map((d) => d.id));
    // An update tied to an earlier year's commitment keeps that tie when edited.
    if (keep?.commitment) commitmentIds.add(keep.commitment.id);
    return parseUpdate(form, { commitmentIds, districtIds, today: promises.today() });
  }

  function absolute(path: string): string {
    return `${options.publicUrl}${path}`;
  }

  function unsubscribeUrl(subscription: { id: number; email: string; lang: Lang }): string {
    return absolute(
      `${FOLLOW_PATHS[subscription.lang].unsubscribe}/${unsubscribeToken(options.secret, subscription)}`,
    );
  }

  async function describe(executor: Kysely<Database>, subscription: Subscription): Promise<string> {
    const scope = await repo.scopeOf(executor, subscription);
    const m = updateMessages(subscription.lang);
    return scope.commitmentTitle === null
      ? m.lpoSubject(scope.name)
      : m.commitmentSubject(scope.commitmentTitle, scope.name);
  }

  function outboxRow(subscription: Subscription, mail: ComposedMail): Insertable<MailOutboxTable> {
    const now = options.clock();
    return {
      subscription_id: subscription.id,
      to_address: subscription.email,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      headers: JSON.stringify(mail.headers),
      next_attempt_at: now,
      created_at: now,
    };
  }

  /** Queues the update to everyone following its LPO or its commitment; returns how many mails. */
  async function queueUpdateMails(
    trx: Transaction<Database>,
    area: PoliceArea,
    id: number,
    changed: boolean,
  ): Promise<number> {
    if (!options.mailEnabled) return 0;
    const row = await repo.find(area.id, id, trx);
    if (!row) return 0;
    const update = toView(row);
    const recipients = await repo.recipients(trx, area.id, update.commitment?.id ?? null);
    const mails: Insertable<MailOutboxTable>[] = [];
    // Followers differ only in language and scope: word each scope once, not once per address.
    const words = new Map<string, Promise<string>>();
    for (const subscription of recipients) {
      const content = {
        title: update.title,
        body: update.body,
        html: update.html,
        publishedOn: update.publishedOn,
        url: absolute(newsPath(subscription.lang, area.slug, id)),
        changed,
      };
      const scope = `${subscription.lang}:${subscription.commitment_id}`;
      let what = words.get(scope);
      if (!what) {
        what = describe(trx, subscription);
        words.set(scope, what);
      }
      mails.push(
        outboxRow(
          subscription,
          updateMail(subscription.lang, content, await what, unsubscribeUrl(subscription)),
        ),
      );
    }
    await repo.enqueue(trx, mails);
    return mails.length;
  }

  /** The pending subscription a confirmation token is for, with what it follows in words. */
  async function pendingByToken(
    token: string,
  ): Promise<{ subscription: Subscription; what: string } | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const subscription = await repo.subscriptionByConfirmHash(sha256(token));
    if (!subscription || subscription.confirmed_at !== null) return undefined;
    if (options.clock().getTime() - subscription.created_at.getTime() > CONFIRM_DAYS * DAY_MS)
      return undefined;
    return { subscription, what: await describe(db, subscription) };
  }

  /** The subscription an unsubscribe token is for, with what it follows in words. */
  async function byUnsubscribeToken(
    token: string,
  ): Promise<{ subscription: Subscription; what: string } | undefined> {
    const id = unsubscribeTokenId(token);
    const subscription = id === undefined ? undefined : await repo.subscriptionById(db, id);
    if (!subscription || !verifyUnsubscribeToken(options.secret, token, subscription)) return undefined;
    return { subscription, what: await describe(db, subscription) };
  }

  return {
    aboutOptions,

    /** The LPO's latest updates, newest first. */
    async latest(policeAreaId: number, limit: number): Promise<UpdateView[]> {
      return (await repo.list(policeAreaId, { limit })).map(toView);
    },

    /** The latest updates tied to one commitment. */
    async latestAbout(policeAreaId: number, commitmentId: number, limit: number): Promise<UpdateView[]> {
      return (await repo.list(policeAreaId, { limit, commitmentId })).map(toView);
    },

    /** One update of the LPO (undefined for another LPO's id). */
    async find(policeAreaId: number, id: number): Promise<UpdateView | undefined> {
      const row = await repo.find(policeAreaId, id);
      return row ? toView(row) : undefined;
    },

    /** A commitment of the LPO's published promise by year and key. */
    commitment(policeAreaId: number, year: number, key: string) {
      return repo.commitmentByKey(policeAreaId, year, key);
    },

    /** The form's values for a stored update. */
    formOf(update: UpdateView): UpdateForm {
      return {
        title: update.title,
        body: update.body,
        published_on: update.publishedOn,
        about: aboutValue({
          commitment_id: update.commitment?.id ?? null,
          district_id: update.district?.id ?? null,
        }),
      };
    },

    /** Checks the form without saving (for the preview). */
    async check(area: PoliceArea, form: UpdateForm, keep?: UpdateView) {
      return parseFor(area, form, keep);
    },

    /** Publishes an update: one per submission id; queues mails to followers in the same transaction. */
    async publish(request: {
      area: PoliceArea;
      userId: number;
      submissionId: string;
      form: UpdateForm;
    }): Promise<SaveResult> {
      const parsed = await parseFor(request.area, request.form);
      if (!parsed.ok) return parsed;
      const input = parsed.value;
      const result = await db.transaction().execute(async (trx): Promise<SaveResult> => {
        const id = await repo.insert(trx, {
          police_area_id: request.area.id,
          commitment_id: input.commitmentId,
          district_id: input.districtId,
          title: input.title,
          body: input.body,
          published_on: input.publishedOn,
          submission_id: request.submissionId,
          created_by: request.userId,
          updated_at: options.clock(),
        });
        if (id === undefined) {
          const existing = await repo.idBySubmission(trx, request.submissionId);
          if (!existing || existing.police_area_id !== request.area.id) {
            throw Object.assign(new Error('submission id belongs to another update'), { statusCode: 400 });
          }
          return { ok: true, id: existing.id, created: false, queued: 0 };
        }
        const queued = await queueUpdateMails(trx, request.area, id, false);
        await recordAudit(trx, {
          userId: request.userId,
          policeAreaId: request.area.id,
          action: 'update.publish',
          entity: 'news_update',
          entityId: String(id),
          detail: { queuedMails: queued },
        });
        return { ok: true, id, created: true, queued };
      });
      if (result.ok && result.created) options.onChange();
      return result;
    },

    /** Saves changes to an update; mails the change to followers only when asked to. */
    async edit(request: {
      area: PoliceArea;
      userId: number;
      update: UpdateView;
      form: UpdateForm;
      notify: boolean;
    }): Promise<SaveResult> {
      const parsed = await parseFor(request.area, request.form, request.update);
      if (!parsed.ok) return parsed;
      const input = parsed.value;
      const result = await db.transaction().execute(async (trx): Promise<SaveResult> => {
        const changed = await repo.update(trx, request.area.id, request.update.id, {
          commitment_id: input.commitmentId,
          district_id: input.districtId,
          title: input.title,
          body: input.body,
          published_on: input.publishedOn,
          updated_at: options.clock(),
        });
        if (!changed) return { ok: false, errors: {} };
        const queued = request.notify
          ? await queueUpdateMails(trx, request.area, request.update.id, true)
          : 0;
        await recordAudit(trx, {
          userId: request.userId,
          policeAreaId: request.area.id,
          action: 'update.edit',
          entity: 'news_update',
          entityId: String(request.update.id),
          detail: { queuedMails: queued },
        });
        return { ok: true, id: request.update.id, created: false, queued };
      });
      if (result.ok) options.onChange();
      return result;
    },

    async remove(request: { area: PoliceArea; userId: number; id: number }): Promise<boolean> {
      const removed = await db.transaction().execute(async (trx) => {
        const row = await repo.find(request.area.id, request.id, trx);
        if (!row || !(await repo.remove(trx, request.area.id, request.id))) return false;
        await recordAudit(trx, {
          userId: request.userId,
          policeAreaId: request.area.id,
          action: 'update.delete',
          entity: 'news_update',
          entityId: String(request.id),
          detail: { title: row.title },
        });
        return true;
      });
      if (removed) options.onChange();
      return removed;
    },

    get mailEnabled(): boolean {
      return options.mailEnabled;
    },

    /**
     * Starts following by e-mail: stores a pending subscription and queues a confirmation mail. The answer
     * is the same whether or not the address already follows, so the form reveals nothing about anyone.
     */
    async subscribe(request: {
      lang: Lang;
      email: string;
      area: PoliceArea;
      commitmentId: number | null;
    }): Promise<{ ok: true } | { ok: false; error: 'invalid_email' }> {
      const email = normalizeEmail(request.email);
      if (!email) return { ok: false, error: 'invalid_email' };
      const now = options.clock();
      await db.transaction().execute(async (trx) => {
        const existing = await repo.findSubscription(trx, email, request.area.id, request.commitmentId);
        if (
          existing?.confirm_sent_at &&
          now.getTime() - existing.confirm_sent_at.getTime() < RESEND_AFTER_MS
        ) {
          return;
        }
        const token = randomToken();
        let subscription: Subscription | undefined;
        if (!existing) {
          const id = await repo.insertSubscription(trx, {
            email,
            police_area_id: request.area.id,
            commitment_id: request.commitmentId,
            lang: request.lang,
            confirm_token_hash: sha256(token),
            confirm_sent_at: now,
            created_at: now,
          });
          subscription = await repo.subscriptionById(trx, id);
        } else if (existing.confirmed_at === null) {
          await repo.renewConfirmation(trx, existing.id, sha256(token), now);
          subscription = existing;
        } else {
          // Already following: say so to the address itself, never on the page.
          await repo.renewConfirmation(trx, existing.id, null, now);
          const what = await describe(trx, existing);
          const mail = alreadyFollowingMail(existing.lang, what, unsubscribeUrl(existing));
          await repo.enqueue(trx, [outboxRow(existing, mail)]);
          return;
        }
        if (!subscription) return;
        const what = await describe(trx, subscription);
        const confirmUrl = absolute(`${FOLLOW_PATHS[subscription.lang].confirm}/${token}`);
        const mail = confirmationMail(subscription.lang, what, confirmUrl, unsubscribeUrl(subscription));
        await repo.enqueue(trx, [outboxRow(subscription, mail)]);
      });
      return { ok: true };
    },

    pendingByToken,

    async confirm(token: string): Promise<{ what: string } | undefined> {
      const pending = await pendingByToken(token);
      if (!pending) return undefined;
      await repo.confirm(pending.subscription.id, options.clock());
      return { what: pending.what };
    },

    byUnsubscribeToken,

    /** Deletes the subscription (and mails still waiting for it); true when there was one. */
    async unsubscribe(token: string): Promise<boolean> {
      const found = await byUnsubscribeToken(token);
      return found ? repo.deleteSubscription(found.subscription.id) : false;
    },

    /** Deletes never-confirmed subscriptions and old sent mails: addresses kept no longer than needed. */
    async purgeExpired(): Promise<{ subscriptions: number; mails: number }> {
      const now = options.clock().getTime();
      const before = new Date(now - CONFIRM_DAYS * DAY_MS);
      return {
        subscriptions: await repo.purgeUnconfirmed(before),
        mails: await repo.purgeFinished(before),
      };
    },
  };
}

export type UpdatesService = ReturnType<typeof createUpdatesService>;

/** The address in lower case, or undefined when it does not look like one. */
export function normalizeEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) return undefined;
  return email;
}
