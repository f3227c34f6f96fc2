import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type Lang, langPrefix, messages } from './i18n.ts';

export interface PageMeta {
  lang: Lang;
  title: string;
  description?: string;
  /** The same page in the other language, e.g. '/en/lpo/globen' for '/lpo/globen'. */
  alternatePath: string;
  /** The search box's current text, if any. */
  query?: string;
  /** Feeds of this page, advertised in <head> as <link rel="alternate">. */
  feeds?: FeedLink[];
  /** On staff pages: who is signed in, and the CSRF token for the sign-out form. */
  staff?: { name: string; csrfToken: string };
}

export interface FeedLink {
  type: 'application/atom+xml' | 'application/rss+xml' | 'application/feed+json';
  href: string;
  title: string;
}

export function renderPage(meta: PageMeta, content: ComponentChildren): string {
  return `<!doctype html>${renderToString(<Layout meta={meta}>{content}</Layout>)}`;
}

function Layout({ meta, children }: { meta: PageMeta; children: ComponentChildren }) {
  const t = messages(meta.lang);
  const prefix = langPrefix(meta.lang);
  const other: Lang = meta.lang === 'sv' ? 'en' : 'sv';
  const title = meta.title === t.siteName ? t.siteName : `${meta.title} – ${t.siteName}`;
  return (
    <html lang={meta.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        <link rel="stylesheet" href="/static/style.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="alternate" hreflang={other} href={meta.alternatePath} />
        {(meta.feeds ?? []).map((feed) => (
          <link key={feed.href} rel="alternate" type={feed.type} href={feed.href} title={feed.title} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="site-name" href={`${prefix}/`}>
              {t.siteName}
            </a>
            {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for some screen readers; role=search works everywhere */}
            <form
              class="site-search"
              role="search"
              action={prefix === '' ? '/sok' : `${prefix}/search`}
              method="get"
            >
              <label for="site-search-q">{t.searchLabel}</label>
              <input id="site-search-q" type="search" name="q" value={meta.query ?? ''} autocomplete="off" />
              <button type="submit">{t.searchButton}</button>
            </form>
            <nav aria-label={t.mainNav}>
              <ul class="nav-list">
                <li>
                  <a href={`${prefix}/`}>{t.allAreas}</a>
                </li>
                <li>
                  <a href={prefix === '' ? '/tyck-till' : `${prefix}/tell-us`}>{t.tellUs}</a>
                </li>
                <li>
                  <a
                    href={meta.alternatePath}
                    hreflang={other}
                    lang={other}
                    aria-label={t.otherLanguageLabel}
                  >
                    {t.otherLanguage}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        {meta.staff ? <StaffBar lang={meta.lang} staff={meta.staff} /> : null}
        <main id="main" class="wrap" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t.tagline}</p>
            <ul class="nav-list">
              <li>
                <a href="/api/openapi.json">{t.footerData}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

function StaffBar({ lang, staff }: { lang: Lang; staff: { name: string; csrfToken: string } }) {
  const t = messages(lang);
  return (
    <div class="staff-bar">
      <div class="wrap header-row">
        <span>{t.signedInAs(staff.name)}</span>
        <form method="post" action={`${langPrefix(lang)}/staff/logout`}>
          <input type="hidden" name="_csrf" value={staff.csrfToken} />
          <button type="submit">{t.signOut}</button>
        </form>
      </div>
    </div>
  );
}
