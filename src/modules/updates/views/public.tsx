// Public views of updates: the news lists on the LPO and commitment pages, one update, the list page,
// the "follow" parts (feeds and the e-mail form) and the pages of confirming and unsubscribing.
import { formatDate } from '../../../domain/target-text.ts';
import type { Lang } from '../../../web/i18n.ts';
import { langPrefix, messages } from '../../../web/i18n.ts';
import type { FeedLink } from '../../../web/layout.tsx';
import type { SafeHtml } from '../markdown.ts';
import { updateMessages } from '../messages.ts';
import { type CommitmentRef, FEED_FORMATS, FEED_TYPES, FOLLOW_PATHS, feedPath, newsPath } from '../paths.ts';
import type { UpdateView } from '../service.ts';

/** Swedish words (titles, place names) on English pages are marked, so screen readers switch voice. */
const DOC_LANG = 'sv';

/** The e-mail form's hidden parts: which LPO or commitment, and the form token. */
export interface FollowForm {
  token: string;
  lpoSlug: string;
  commitment?: CommitmentRef | undefined;
}

/** What a page offers for following: its feeds, and the e-mail form when mail is configured. */
export interface FollowOptions {
  feeds: FeedLink[];
  form?: FollowForm | undefined;
}

/** The Atom, RSS and JSON feeds of an LPO or a commitment, as <link> entries and visible links. */
export function feedLinks(
  lang: Lang,
  lpoSlug: string,
  title: string,
  commitment?: CommitmentRef,
): FeedLink[] {
  const m = updateMessages(lang);
  const names = { atom: m.feedAtom, rss: m.feedRss, json: m.feedJson };
  return FEED_FORMATS.map((format) => ({
    type: FEED_TYPES[format],
    href: feedPath(lang, lpoSlug, format, commitment),
    title: `${title} (${names[format]})`,
  }));
}

/** The rendered Markdown of an update. */
function UpdateBody({ html }: { html: SafeHtml }) {
  // The only HTML inserted unescaped on public pages: SafeHtml comes only from renderMarkdown, which
  // escapes all text, has raw HTML and images off and allows only http(s)/mailto links.
  return <div class="update-body" lang={DOC_LANG} dangerouslySetInnerHTML={{ __html: html }} />;
}

function AboutLine({ lang, lpoSlug, update }: { lang: Lang; lpoSlug: string; update: UpdateView }) {
  const m = updateMessages(lang);
  if (update.commitment) {
    const c = update.commitment;
    return (
      <>
        {m.about}:{' '}
        <a href={`${langPrefix(lang)}/lpo/${lpoSlug}/${c.year}/${c.key}`} lang={DOC_LANG}>
          {c.title}
        </a>
      </>
    );
  }
  if (update.district) {
    return (
      <>
        {m.about}: <span lang={DOC_LANG}>{update.district.name}</span>
      </>
    );
  }
  return <>{m.aboutLpo}</>;
}

function UpdateMeta({ lang, lpoSlug, update }: { lang: Lang; lpoSlug: string; update: UpdateView }) {
  const m = updateMessages(lang);
  return (
    <p class="meta">
      <time dateTime={update.publishedOn}>{formatDate(update.publishedOn, lang)}</time>
      {update.edited ? ` (${m.edited})` : ''} · <AboutLine lang={lang} lpoSlug={lpoSlug} update={update} />
    </p>
  );
}

/** Titles with dates, linking to each update. */
export function NewsList(props: { lang: Lang; lpoSlug: string; updates: UpdateView[]; showAbout: boolean }) {
  const m = updateMessages(props.lang);
  if (props.updates.length === 0) return <p>{m.noNews}</p>;
  return (
    <ul class="news-list">
      {props.updates.map((u) => (
        <li key={u.id}>
          <a href={newsPath(props.lang, props.lpoSlug, u.id)} lang={DOC_LANG}>
            {u.title}
          </a>
          <span class="meta">
            {' '}
            <time dateTime={u.publishedOn}>{formatDate(u.publishedOn, props.lang)}</time>
            {props.showAbout && u.commitment ? (
              <>
                {' · '}
                <span lang={DOC_LANG}>{u.commitment.title}</span>
              </>
            ) : null}
            {props.showAbout && u.district ? (
              <>
                {' · '}
                <span lang={DOC_LANG}>{u.district.name}</span>
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The "Nyheter" section of an LPO page (or "Nyheter om åtagandet" on a commitment page). */
export function NewsSection(props: {
  lang: Lang;
  lpoSlug: string;
  updates: UpdateView[];
  heading: 'lpo' | 'commitment';
}) {
  const m = updateMessages(props.lang);
  return (
    <section aria-labelledby="news-heading" class="news">
      <h2 id="news-heading">{props.heading === 'lpo' ? m.news : m.newsAbout}</h2>
      <NewsList
        lang={props.lang}
        lpoSlug={props.lpoSlug}
        updates={props.updates}
        showAbout={props.heading === 'lpo'}
      />
      <p>
        <a href={newsPath(props.lang, props.lpoSlug)}>{m.allNews}</a>
      </p>
    </section>
  );
}

/** Feed links and, when mail is configured, the e-mail form: inside a page's "follow" section. */
export function FollowParts({ lang, follow, level }: { lang: Lang; follow: FollowOptions; level: 3 | 2 }) {
  const m = updateMessages(lang);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <>
      <p>{m.feedsIntro}</p>
      <ul class="feed-links">
        {follow.feeds.map((feed) => (
          <li key={feed.href}>
            <a href={feed.href} type={feed.type}>
              {feed.title}
            </a>
          </li>
        ))}
      </ul>
      {follow.form ? (
        <>
          <Heading id="follow-email-heading">{m.byEmail}</Heading>
          <EmailForm lang={lang} form={follow.form} />
        </>
      ) : null}
    </>
  );
}

/** The "Följ åtagandet" section of a commitment page. */
export function FollowSection({ lang, follow }: { lang: Lang; follow: FollowOptions }) {
  const m = updateMessages(lang);
  return (
    <section aria-labelledby="follow-heading" class="follow">
      <h2 id="follow-heading">{m.followCommitment}</h2>
      <FollowParts lang={lang} follow={follow} level={3} />
    </section>
  );
}

/** The note under the LPO's own channels: they are plain links to other sites. */
export function ChannelsNote({ lang }: { lang: Lang }) {
  return <p class="meta">{updateMessages(lang).channelsNote}</p>;
}

export function EmailForm(props: {
  lang: Lang;
  form: FollowForm;
  error?: string | undefined;
  email?: string;
}) {
  const m = updateMessages(props.lang);
  const { form } = props;
  const describedBy = ['follow-email-hint', 'follow-privacy', props.error ? 'follow-email-error' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <form method="post" action={FOLLOW_PATHS[props.lang].form} class="follow-form">
      <input type="hidden" name="token" value={form.token} />
      <input type="hidden" name="lpo" value={form.lpoSlug} />
      {form.commitment ? (
        <>
          <input type="hidden" name="year" value={String(form.commitment.year)} />
          <input type="hidden" name="key" value={form.commitment.key} />
        </>
      ) : null}
      <div class="form-field">
        <label for="follow-email">{m.emailLabel}</label>
        <p class="hint" id="follow-email-hint">
          {m.emailHint}
        </p>
        {props.error ? (
          <p class="field-error" id="follow-email-error">
            {props.error}
          </p>
        ) : null}
        <input
          id="follow-email"
          name="email"
          type="email"
          autocomplete="email"
          required
          maxLength={254}
          value={props.email ?? ''}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy}
        />
      </div>
      {/* A field people never see; bots that fill every field give themselves away. */}
      <div class="follow-hp">
        <label for="follow-website">{m.honeypot}</label>
        <input id="follow-website" name="website" type="text" tabindex={-1} autocomplete="off" />
      </div>
      <p class="meta" id="follow-privacy">
        {m.privacy}
      </p>
      <button type="submit" class="primary">
        {m.subscribe}
      </button>
    </form>
  );
}

export function UpdatePage(props: { lang: Lang; lpoName: string; lpoSlug: string; update: UpdateView }) {
  const { lang, update } = props;
  const m = updateMessages(lang);
  return (
    <article class="update">
      <p class="eyebrow">
        <a href={newsPath(lang, props.lpoSlug)}>{m.newsFrom(props.lpoName)}</a>
      </p>
      <h1 lang={DOC_LANG}>{update.title}</h1>
      <UpdateMeta lang={lang} lpoSlug={props.lpoSlug} update={update} />
      {update.isDemo ? (
        <p class="notice" role="note">
          {m.demo}
        </p>
      ) : null}
      <UpdateBody html={update.html} />
      <p>
        <a href={newsPath(lang, props.lpoSlug)}>{m.backToNews}</a>
      </p>
    </article>
  );
}

export function NewsListPage(props: {
  lang: Lang;
  lpoName: string;
  lpoSlug: string;
  updates: UpdateView[];
  follow: FollowOptions;
}) {
  const { lang } = props;
  const m = updateMessages(lang);
  const t = messages(lang);
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(lang)}/lpo/${props.lpoSlug}`}>{t.lpo(props.lpoName)}</a>
      </p>
      <h1>{m.newsFrom(props.lpoName)}</h1>
      {props.updates.length === 0 ? <p>{m.noNews}</p> : null}
      {props.updates.map((u) => (
        <article key={u.id} class="update" aria-labelledby={`update-${u.id}`}>
          <h2 id={`update-${u.id}`}>
            <a href={newsPath(lang, props.lpoSlug, u.id)} lang={DOC_LANG}>
              {u.title}
            </a>
          </h2>
          <UpdateMeta lang={lang} lpoSlug={props.lpoSlug} update={u} />
          <UpdateBody html={u.html} />
        </article>
      ))}
      <section aria-labelledby="follow-heading" class="follow">
        <h2 id="follow-heading">{m.follow}</h2>
        <FollowParts lang={lang} follow={props.follow} level={3} />
      </section>
    </>
  );
}

/** The standalone e-mail form (also where a refused post lands, with its error). */
export function FollowFormPage(props: {
  lang: Lang;
  what: string;
  form: FollowForm;
  error?: string | undefined;
  email?: string;
}) {
  const m = updateMessages(props.lang);
  return (
    <>
      <h1>{m.followHeading}</h1>
      <p>{m.followWhat(props.what)}</p>
      {props.error ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{m.followErrors}</h2>
          <ul>
            <li>
              <a href="#follow-email">
                {m.emailLabel}: {props.error}
              </a>
            </li>
          </ul>
        </div>
      ) : null}
      <EmailForm lang={props.lang} form={props.form} error={props.error} email={props.email ?? ''} />
    </>
  );
}

/** A short page: a heading, a text, and maybe one button that posts back to the same address. */
export function MessagePage(props: {
  heading: string;
  text: string;
  button?: { label: string; action: string } | undefined;
  back?: { label: string; href: string } | undefined;
}) {
  return (
    <>
      <h1>{props.heading}</h1>
      <p>{props.text}</p>
      {props.button ? (
        <form method="post" action={props.button.action}>
          <button type="submit" class="primary">
            {props.button.label}
          </button>
        </form>
      ) : null}
      {props.back ? (
        <p>
          <a href={props.back.href}>{props.back.label}</a>
        </p>
      ) : null}
    </>
  );
}
