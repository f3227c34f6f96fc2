// Updates (news) tied to an LPO and optionally a commitment or a district; e-mail subscriptions to them
// and the outbox the mail worker sends from.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('news_update')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('commitment_id', 'integer', (c) => c.references('commitment.id').onDelete('set null'))
    .addColumn('district_id', 'integer', (c) => c.references('district.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    /** A safe Markdown subset; rendered without raw HTML. */
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('published_on', 'date', (c) => c.notNull())
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('submission_id', 'uuid', (c) => c.unique())
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('news_update_area_published')
    .on('news_update')
    .columns(['police_area_id', 'published_on'])
    .execute();

  // Only what sending needs: the address, what it follows, the language, and when it was confirmed.
  await db.schema
    .createTable('subscription')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('police_area_id', 'integer', (c) =>
      c.notNull().references('police_area.id').onDelete('cascade'),
    )
    .addColumn('commitment_id', 'integer', (c) => c.references('commitment.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('sv', 'en')`))
    /** SHA-256 of the token in the confirmation link; the token itself is only in the e-mail. */
    .addColumn('confirm_token_hash', 'text')
    .addColumn('confirm_sent_at', 'timestamptz')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('subscription_email_scope', ['email', 'police_area_id', 'commitment_id'], (u) =>
      u.nullsNotDistinct(),
    )
    .execute();
  await db.schema
    .createIndex('subscription_confirm_token')
    .on('subscription')
    .column('confirm_token_hash')
    .execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    // Unsubscribing deletes the subscription and with it every mail still waiting for it.
    .addColumn('subscription_id', 'integer', (c) => c.references('subscription.id').onDelete('cascade'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('queued').check(sql`status in ('queued', 'sending', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    /** When a queued mail may be tried (again); for a mail being sent, when its claim runs out. */
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('mail_outbox_due')
    .on('mail_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mail_outbox').ifExists().execute();
  await db.schema.dropTable('subscription').ifExists().execute();
  await db.schema.dropTable('news_update').ifExists().execute();
}
