// Sends the queued mails over SMTP_URL with nodemailer: a few at a time, retrying with growing pauses,
// marking each sent or (after the last try) failed. Rows are claimed with FOR UPDATE SKIP LOCKED and a
// lease, so two workers never send the same mail, and a worker that dies leaves its mails to the next.
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../../db/types.ts';
import { createUpdatesRepo } from './repo.ts';
import type { OutboxMail } from './tables.ts';

export interface MailWorkerOptions {
  smtpUrl: string;
  from: string;
  clock?: () => Date;
  /** How often to look for due mails. */
  pollMs?: number;
  /** The pause after the first failed try; it doubles with each further try. */
  retryBaseMs?: number;
  maxAttempts?: number;
  /** Deletes never-confirmed subscriptions and old sent mails (called about hourly). */
  purge?: () => Promise<unknown>;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface MailWorker {
  start(): void;
  /** Stops polling and waits for the batch being sent. */
  stop(): Promise<void>;
  /** Sends what is due now; returns how many were sent and how many failed this time. */
  runOnce(): Promise<{ sent: number; failed: number }>;
}

const BATCH = 20;
/** A claimed mail is another worker's to take after this. */
const LEASE_MS = 5 * 60_000;
const PURGE_EVERY_MS = 3_600_000;

export function createMailWorker(db: Kysely<Database>, options: MailWorkerOptions): MailWorker {
  const repo = createUpdatesRepo(db);
  const clock = options.clock ?? (() => new Date());
  const retryBaseMs = options.retryBaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const transport = nodemailer.createTransport(options.smtpUrl);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let lastPurge = 0;

  async function send(mail: OutboxMail): Promise<void> {
    await transport.sendMail({
      from: options.from,
      to: mail.to_address,
      subject: mail.subject,
      text: mail.text_body,
      ...(mail.html_body ? { html: mail.html_body } : {}),
      headers: mail.headers,
    });
  }

  async function runOnce(): Promise<{ sent: number; failed: number }> {
    const now = clock();
    const due = await repo.claim(now, new Date(now.getTime() + LEASE_MS), BATCH);
    let sent = 0;
    let failed = 0;
    for (const mail of due) {
      try {
        await send(mail);
        await repo.markSent(mail.id, clock());
        sent++;
      } catch (error) {
        failed++;
        const attempt = mail.attempts + 1;
        const retryAt =
          attempt < maxAttempts ? new Date(clock().getTime() + retryBaseMs * 2 ** (attempt - 1)) : null;
        await repo.markFailedAttempt(mail.id, (error as Error).message, retryAt);
        // No address in the log: it is personal data.
        options.log?.warn({ mailId: mail.id, attempt, willRetry: retryAt !== null }, 'mail not sent');
      }
    }
    if (sent > 0) options.log?.info({ sent }, 'mails sent');
    return { sent, failed };
  }

  async function tick(): Promise<void> {
    await runOnce();
    if (options.purge && clock().getTime() - lastPurge >= PURGE_EVERY_MS) {
      lastPurge = clock().getTime();
      await options.purge();
    }
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => {
        running = running.then(tick).catch((error: Error) => {
          options.log?.warn({ err: error.message }, 'mail worker round failed');
        });
      }, options.pollMs ?? 5000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      transport.close();
    },
    runOnce: () => {
      const round = running.then(runOnce);
      running = round.catch(() => undefined);
      return round;
    },
  };
}
