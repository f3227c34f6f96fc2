import { type Lang, langPrefix, messages } from './i18n.ts';

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
