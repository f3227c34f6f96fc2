// The search page: the form, how many were found, "did you mean", and the results grouped by kind.
// Snippets are segments rendered as text with <mark> elements: nothing stored is ever parsed as HTML.
import type { TextSegment } from '../../../domain/search-text.ts';
import { formatDate } from '../../../domain/target-text.ts';
import { type Lang, langPrefix } from '../../../web/i18n.ts';
import { DOC_LANG } from '../../promises/views/promise-page.tsx';
import { type SearchMessages, searchMessages } from '../messages.ts';
import type { SearchOutcome, SearchResult } from '../service.ts';
import type { SearchKind } from '../tables.ts';

const KIND_ORDER: SearchKind[] = ['lpo', 'promise', 'commitment', 'update', 'place', 'district'];

export function searchPath(lang: Lang, query?: string): string {
  const path = lang === 'sv' ? '/sok' : `${langPrefix(lang)}/search`;
  return query ? `${path}?q=${encodeURIComponent(query)}` : path;
}

export interface SearchPageProps {
  lang: Lang;
  /** The text in the field (as typed, even when refused). */
  query: string;
  outcome: SearchOutcome | undefined;
  error?: string;
  /** True when results stopped at the limit. */
  capped: boolean;
  limit: number;
}

export function SearchPage(props: SearchPageProps) {
  const t = searchMessages(props.lang);
  return (
    <>
      <h1>{t.heading}</h1>
      <SearchForm lang={props.lang} query={props.query} error={props.error} t={t} />
      {props.outcome && props.outcome.query !== '' ? (
        <Results {...props} outcome={props.outcome} t={t} />
      ) : props.error ? null : (
        <Introduction lang={props.lang} t={t} />
      )}
    </>
  );
}

function SearchForm(props: { lang: Lang; query: string; error: string | undefined; t: SearchMessages }) {
  const { t } = props;
  const describedBy = ['q-hint', props.error ? 'q-error' : ''].filter(Boolean).join(' ');
  return (
    <form class="search-form" action={searchPath(props.lang)} method="get">
      <div class="form-field">
        <label for="q">{t.field}</label>
        <p class="hint" id="q-hint">
          {t.fieldHint}
        </p>
        {props.error ? (
          <p class="field-error" id="q-error">
            {props.error}
          </p>
        ) : null}
        <div class="search-row">
          <input
            id="q"
            name="q"
            type="search"
            value={props.query}
            autocomplete="off"
            aria-describedby={describedBy}
            aria-invalid={props.error ? 'true' : undefined}
          />
          <button type="submit">{t.button}</button>
        </div>
      </div>
    </form>
  );
}

function Introduction({ lang, t }: { lang: Lang; t: SearchMessages }) {
  return (
    <>
      <p>{t.emptyIntro}</p>
      <h2>{t.examplesHeading}</h2>
      <ul class="search-examples">
        {t.examples.map((example) => (
          <li key={example}>
            <a href={searchPath(lang, example)} lang={DOC_LANG}>
              {example}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function Results(props: SearchPageProps & { outcome: SearchOutcome; t: SearchMessages }) {
  const { lang, outcome, t } = props;
  const found = outcome.results.length;
  return (
    <>
      <div role="status" class="search-summary">
        <p>{found === 0 ? t.noHits(outcome.query) : t.count(found, outcome.query)}</p>
        {props.capped ? <p>{t.capped(props.limit)}</p> : null}
        {outcome.suggestion ? (
          <p>
            {t.didYouMean}{' '}
            <a href={searchPath(lang, outcome.suggestion)} lang={DOC_LANG}>
              {outcome.suggestion}
            </a>
            ?
          </p>
        ) : null}
      </div>
      {found === 0 ? (
        <NoHits lang={lang} t={t} />
      ) : (
        KIND_ORDER.map((kind) => {
          const ofKind = outcome.results.filter((r) => r.kind === kind);
          if (ofKind.length === 0) return null;
          return (
            <section key={kind} aria-labelledby={`results-${kind}`}>
              <h2 id={`results-${kind}`}>
                {t.kinds[kind]} ({ofKind.length})
              </h2>
              <ul class="search-results">
                {ofKind.map((r) => (
                  <ResultItem key={r.path[lang]} lang={lang} result={r} t={t} />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </>
  );
}

function ResultItem({ lang, result, t }: { lang: Lang; result: SearchResult; t: SearchMessages }) {
  const context = [
    result.lpoName && result.kind !== 'lpo' ? t.lpo(result.lpoName) : '',
    result.year && (result.kind === 'promise' || result.kind === 'commitment')
      ? t.promiseYear(result.year)
      : '',
    result.date ? `${t.published} ${formatDate(result.date, lang)}` : '',
    result.match === 'name' ? t.similarName : '',
  ].filter(Boolean);
  return (
    <li>
      <h3>
        <a href={result.path[lang]} lang={DOC_LANG}>
          <Marked segments={result.title} />
        </a>
      </h3>
      {context.length > 0 ? <p class="meta">{context.join(' · ')}</p> : null}
      <p class="search-snippet" lang={DOC_LANG}>
        <Marked segments={result.snippet} />
      </p>
    </li>
  );
}

function Marked({ segments }: { segments: TextSegment[] }) {
  return <>{segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}

function NoHits({ lang, t }: { lang: Lang; t: SearchMessages }) {
  return (
    <>
      <ul>
        {t.noHitsTips.map((tip) => (
          <li key={tip}>{tip}</li>
        ))}
      </ul>
      <p>
        <a href={`${langPrefix(lang)}/`}>{t.browseAll}</a>
      </p>
    </>
  );
}
