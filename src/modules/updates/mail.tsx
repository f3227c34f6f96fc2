// The e-mails of subscriptions: a confirmation, a note to someone who already follows, and an update.
// Every mail carries List-Unsubscribe with an https link and List-Unsubscribe-Post (RFC 8058), so mail
// programs can offer a one-click "unsubscribe" that needs no visit to our pages.
import { renderToString } from 'preact-render-to-string';
import { formatDate } from '../../domain/target-text.ts';
import type { Lang } from '../../web/i18n.ts';
import type { SafeHtml } from './markdown.ts';
import { updateMessages } from './messages.ts';

export interface ComposedMail {
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

export function confirmationMail(lang: Lang, what: string, confirmUrl: string, unsubscribeUrl: string) {
  const m = updateMessages(lang);
  return {
    subject: m.mailConfirmSubject,
    text: m.mailConfirmText(what, confirmUrl),
    html: null,
    headers: unsubscribeHeaders(unsubscribeUrl),
  } satisfies ComposedMail;
}

export function alreadyFollowingMail(lang: Lang, what: string, unsubscribeUrl: string): ComposedMail {
  const m = updateMessages(lang);
  return {
    subject: m.mailAlreadySubject,
    text: `${m.mailAlreadyText(what)}\n\n-- \n${m.mailFooter(what, unsubscribeUrl)}`,
    html: null,
    headers: unsubscribeHeaders(unsubscribeUrl),
  };
}

export interface UpdateMailContent {
  title: string;
  /** The Markdown as written: readable as plain text. */
  body: string;
  html: SafeHtml;
  publishedOn: string;
  url: string;
  changed: boolean;
}

export function updateMail(
  lang: Lang,
  update: UpdateMailContent,
  what: string,
  unsubscribeUrl: string,
): ComposedMail {
  const m = updateMessages(lang);
  const date = formatDate(update.publishedOn, lang);
  const subject = update.changed
    ? m.mailUpdateChangedSubject(update.title)
    : m.mailUpdateSubject(update.title);
  const text = [
    update.title,
    date,
    '',
    update.body,
    '',
    `${m.mailReadOnline}: ${update.url}`,
    '',
    '-- ',
    m.mailFooter(what, unsubscribeUrl),
  ].join('\n');
  const html = `<!doctype html>${renderToString(
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <title>{update.title}</title>
      </head>
      <body>
        <h1>{update.title}</h1>
        <p>{date}</p>
        {/* The only unescaped HTML: it comes from renderMarkdown (safe subset, text escaped). */}
        <div dangerouslySetInnerHTML={{ __html: update.html }} />
        <p>
          <a href={update.url}>{m.mailReadOnline}</a>
        </p>
        <hr />
        <p>
          {m.mailFooter(what, '')}
          <a href={unsubscribeUrl}>{unsubscribeUrl}</a>
        </p>
      </body>
    </html>,
  )}`;
  return { subject, text, html, headers: unsubscribeHeaders(unsubscribeUrl) };
}
