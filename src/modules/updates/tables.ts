// Kysely table types of the updates module's own tables (added to Database in db/types.ts).
import type { ColumnType, Generated, Selectable } from 'kysely';

/** A news post by staff, shown on the LPO page (and the commitment's page when tied to one). */
export interface NewsUpdateTable {
  id: Generated<number>;
  police_area_id: number;
  commitment_id: number | null;
  district_id: number | null;
  title: string;
  /** Markdown, safe subset (no raw HTML). */
  body: string;
  published_on: string;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  submission_id: string | null;
  created_by: number | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** Someone following an LPO (commitment_id null) or one commitment by e-mail; pending until confirmed. */
export interface SubscriptionTable {
  id: Generated<number>;
  email: string;
  police_area_id: number;
  commitment_id: number | null;
  lang: 'sv' | 'en';
  confirm_token_hash: string | null;
  confirm_sent_at: Date | null;
  confirmed_at: Date | null;
  created_at: Date;
}

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** A mail waiting to be sent by the worker (or sent, or given up on). */
export interface MailOutboxTable {
  id: Generated<number>;
  subscription_id: number | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: ColumnType<Record<string, string>, string | undefined, string>;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export interface UpdatesTables {
  news_update: NewsUpdateTable;
  subscription: SubscriptionTable;
  mail_outbox: MailOutboxTable;
}

export type NewsUpdate = Selectable<NewsUpdateTable>;
export type Subscription = Selectable<SubscriptionTable>;
export type OutboxMail = Selectable<MailOutboxTable>;
