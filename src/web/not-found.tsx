import type { Rendered } from './http.ts';
import { type Lang, langPrefix, messages } from './i18n.ts';
import { renderPage } from './layout.tsx';

export function NotFoundPage(props: {
  lang: Lang;
  reason?: string;
  links?: { href: string; label: string }[];
}) {
  const t = messages(props.lang);
  return (
    <>
      <h1>{t.notFoundTitle}</h1>
      {props.reason ? <p>{props.reason}</p> : null}
      <p>{t.notFoundText}</p>
      {props.links && props.links.length > 0 ? (
        <>
          <h2>{t.availableYears}</h2>
          <ul>
            {props.links.map((l) => (
              <li key={l.href}>
                <a href={l.href}>{l.label}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={`${langPrefix(props.lang)}/`}>{t.allAreas}</a>
      </p>
    </>
  );
}

/** The 404 page in the visitor's language, with links onward where we know some. */
export function notFoundPage(
  lang: Lang,
  url: string,
  reason?: string,
  links?: { href: string; label: string }[],
): Rendered {
  const otherPath = lang === 'sv' ? `/en${url}` : url.replace(/^\/en/, '') || '/';
  const body = renderPage(
    { lang, title: messages(lang).notFoundTitle, alternatePath: otherPath.split('?')[0] ?? '/' },
    <NotFoundPage lang={lang} {...(reason ? { reason } : {})} {...(links ? { links } : {})} />,
  );
  return { status: 404, body };
}
