// Site search: full text first, names by similarity beside it, and "did you mean" when the words found
// nothing. The index is brought up to date before a search when any source changed since it was built.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import {
  foldName,
  hitSegments,
  leadingWords,
  suggestionOf,
  type TextSegment,
} from '../../domain/search-text.ts';
import { buildSearchDocuments } from './documents.ts';
import { createSearchRepo, type DocumentHit } from './repo.ts';
import type { SearchKind } from './tables.ts';

/** At most this many results on a page (and in the API). */
export const MAX_RESULTS = 50;
/** Name matches added beside the full-text hits. */
const MAX_NAME_HITS = 8;
const NAME_SNIPPET_WORDS = 24;
/** Word similarity of a name that starts with the query ("arsta" in "arstaberg" scores 5/6). */
const NAME_PREFIX_SCORE = 0.8;

export interface SearchResult {
  kind: SearchKind;
  title: TextSegment[];
  snippet: TextSegment[];
  path: { sv: string; en: string };
  lpoName: string | null;
  year: number | null;
  /** Updates: the day it was published. */
  date: string | null;
  /** 'text' when the words matched; 'name' when only a name was similar (a typo). */
  match: 'text' | 'name';
}

export interface SearchOutcome {
  query: string;
  results: SearchResult[];
  /** A name to search for instead, when the words found nothing but a name is close. */
  suggestion: string | null;
}

export function createSearchService(db: Kysely<Database>, options: { today: () => string }) {
  const repo = createSearchRepo(db);

  /** Rebuilds the index when a source changed since it was built; true when it did. */
  async function refresh(): Promise<boolean> {
    if (!(await repo.isStale())) return false;
    return repo.rebuild(buildSearchDocuments);
  }

  /** Searches a cleaned query (see checkQuery); an empty query finds nothing. */
  async function search(query: string): Promise<SearchOutcome> {
    if (query === '') return { query, results: [], suggestion: null };
    await refresh();
    const textHits = await repo.textHits(query, options.today(), MAX_RESULTS);
    const nameKey = foldName(query);
    const nameHits = nameKey === '' ? [] : await repo.nameHits(nameKey, MAX_NAME_HITS);
    // When the name itself was found, only names containing it stay ("Årstaberg" for "Årsta", no "Farsta").
    const exactName = textHits.some((h) => h.name_key === nameKey);
    const found = new Set(textHits.map((h) => h.id));
    const results: SearchResult[] = [
      ...textHits.map((h) => result(h, hitSegments(h.title_marked), hitSegments(h.snippet), 'text')),
      ...nameHits
        .filter((h) => !found.has(h.id) && (!exactName || h.score >= NAME_PREFIX_SCORE))
        .map((h) =>
          result(
            h,
            [{ text: h.title, hit: false }],
            [{ text: leadingWords(h.body, NAME_SNIPPET_WORDS), hit: false }],
            'name',
          ),
        ),
    ].slice(0, MAX_RESULTS);
    return { query, results, suggestion: suggestionFor(nameKey, nameHits[0]?.title) };
  }

  return { search, refresh };
}

export type SearchService = ReturnType<typeof createSearchService>;

/**
 * The closest name, when the query looks like a misspelling of it: not the name itself, and not one of its
 * words ("arena" is part of "Avicii Arena", not a typo). Word forms the stemmer matched count as typos too:
 * "gullmarsplann" finds Gullmarsplan and still says so.
 */
function suggestionFor(nameKey: string, closestName: string | undefined): string | null {
  if (closestName === undefined) return null;
  const suggestion = suggestionOf(closestName);
  const words = ` ${foldName(closestName)} `;
  return words.includes(` ${nameKey} `) || foldName(suggestion) === nameKey ? null : suggestion;
}

function result(
  hit: DocumentHit,
  title: TextSegment[],
  snippet: TextSegment[],
  match: 'text' | 'name',
): SearchResult {
  return {
    kind: hit.kind,
    title,
    snippet,
    path: { sv: hit.path_sv, en: hit.path_en },
    lpoName: hit.lpo_name,
    year: hit.year,
    date: hit.kind === 'update' ? hit.visible_from : null,
    match,
  };
}
