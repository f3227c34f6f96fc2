// SQL of site search: reading the public sources, rebuilding the index, and the two kinds of query
// (Swedish full text with highlighted snippets; trigram similarity of names for typos).
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { HIT_END, HIT_START, LT_STAND_IN } from '../../domain/search-text.ts';
import type { PromiseFile } from '../promises/schema.ts';
import { SEARCH_DOCUMENTS_VERSION, type SearchDocumentInput, type SearchSources } from './documents.ts';
import type { SearchKind } from './tables.ts';

export interface DocumentHit {
  id: number;
  kind: SearchKind;
  lpo_name: string | null;
  year: number | null;
  path_sv: string;
  path_en: string;
  title: string;
  visible_from: string | null;
}

export interface TextHit extends DocumentHit {
  name_key: string | null;
  /** Title and snippet with hits between HIT_START and HIT_END, "<" as LT_STAND_IN. */
  title_marked: string;
  snippet: string;
}

export interface NameHit extends DocumentHit {
  body: string;
  score: number;
}

const INSERT_CHUNK = 500;

// Options of ts_headline. Control characters as hit marks: stored text cannot contain them (cleanText),
// so the app, not the database, turns them into <mark> after escaping everything else.
const marks = `StartSel=${HIT_START}, StopSel=${HIT_END}`;
const SNIPPET_OPTIONS = `${marks}, MaxFragments=2, MaxWords=24, MinWords=10, FragmentDelimiter=" … "`;
const TITLE_OPTIONS = `${marks}, HighlightAll=true`;
/** A body this short is shown whole; fragments would only clip its first and last words. */
const WHOLE_BODY_CHARS = 240;

export function createSearchRepo(db: Kysely<Database>) {
  return {
    /** True when a source changed after its documents were built, or they were built another way. */
    async isStale(): Promise<boolean> {
      const row = await db
        .selectFrom('search_state')
        .select(
          sql<boolean>`rebuild_all or version <> ${SEARCH_DOCUMENTS_VERSION}
            or exists (select 1 from search_stale_area)`.as('stale'),
        )
        .executeTakeFirst();
      return row?.stale ?? true;
    },

    /**
     * Rebuilds the documents of the LPOs marked stale (all of them after a district change or a new
     * SEARCH_DOCUMENTS_VERSION) in one transaction. The lock on search_state comes first: writers of the
     * sources wait for it, so none is marked built unseen, and a second rebuild waiting here finds nothing
     * left to do.
     */
    async rebuild(build: (sources: SearchSources) => SearchDocumentInput[]): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const state = await trx
          .selectFrom('search_state')
          .select(['rebuild_all', 'version'])
          .forUpdate()
          .executeTakeFirstOrThrow();
        const stale = (await trx.selectFrom('search_stale_area').select('police_area_id').execute()).map(
          (r) => r.police_area_id,
        );
        const all = state.rebuild_all || state.version !== SEARCH_DOCUMENTS_VERSION;
        if (!all && stale.length === 0) return false;
        const areaIds = all ? 'all' : stale;
        const documents = build(await readSources(trx, areaIds));
        let removal = trx.deleteFrom('search_document');
        if (areaIds !== 'all') removal = removal.where('police_area_id', 'in', areaIds);
        await removal.execute();
        for (let i = 0; i < documents.length; i += INSERT_CHUNK) {
          await trx
            .insertInto('search_document')
            .values(documents.slice(i, i + INSERT_CHUNK))
            .execute();
        }
        await trx.deleteFrom('search_stale_area').execute();
        await trx
          .updateTable('search_state')
          .set({ rebuild_all: false, version: SEARCH_DOCUMENTS_VERSION })
          .execute();
        return true;
      });
    },

    /** Documents whose words match the query (Swedish stemming), best first, with marked snippets. */
    async textHits(query: string, today: string, limit: number): Promise<TextHit[]> {
      const tsquery = sql`websearch_to_tsquery('swedish', ${query})`;
      // Snippets only for the rows kept: ts_headline re-parses each text and is the costly part.
      const result = await sql<TextHit>`
        select d.id, d.kind, d.lpo_name, d.year, d.path_sv, d.path_en, d.title, d.visible_from, d.name_key,
          ts_headline('swedish', replace(d.title, '<', ${LT_STAND_IN}), ${tsquery}, ${TITLE_OPTIONS})
            as title_marked,
          ts_headline('swedish', replace(d.body, '<', ${LT_STAND_IN}), ${tsquery},
            case when length(d.body) <= ${WHOLE_BODY_CHARS} then ${TITLE_OPTIONS} else ${SNIPPET_OPTIONS} end)
            as snippet
        from (
          select id, ts_rank_cd(tsv, ${tsquery}) as rank
          from search_document
          where tsv @@ ${tsquery} and (visible_from is null or visible_from <= ${today})
          order by rank desc, year desc nulls last, id
          limit ${limit}
        ) best
        join search_document d on d.id = best.id
        order by best.rank desc, d.year desc nulls last, d.id`.execute(db);
      return result.rows;
    },

    /** Places, districts and LPOs whose folded name is like the folded query (trigram similarity). */
    async nameHits(nameKey: string, limit: number): Promise<NameHit[]> {
      const score = sql<number>`greatest(
        similarity(name_key, ${nameKey}), word_similarity(${nameKey}, name_key))`;
      return db
        .selectFrom('search_document')
        .select([
          'id',
          'kind',
          'lpo_name',
          'year',
          'path_sv',
          'path_en',
          'title',
          'visible_from',
          'body',
          score.as('score'),
        ])
        .where('name_key', 'is not', null)
        .where(sql<boolean>`(name_key % ${nameKey} or ${nameKey} <% name_key)`)
        .orderBy(score, 'desc')
        .orderBy('title')
        .limit(limit)
        .execute();
    },
  };
}

export type SearchRepo = ReturnType<typeof createSearchRepo>;

// The index reads the public source tables itself (one query per kind, no polygons): it is derived data
// of several modules, rebuilt inside its own transaction.
async function readSources(trx: Transaction<Database>, areaIds: number[] | 'all'): Promise<SearchSources> {
  const only = areaIds === 'all' ? undefined : areaIds;
  const areas = await trx
    .selectFrom('police_area')
    .select(['id', 'slug', 'name', 'region'])
    .$if(only !== undefined, (q) => q.where('id', 'in', only ?? []))
    .orderBy('name')
    .execute();
  if (areas.length === 0) return { areas, coverage: [], promises: [], places: [], updates: [] };
  const ids = areas.map((a) => a.id);
  const coverage = await trx
    .selectFrom('police_area_district as pad')
    .innerJoin('district as d', 'd.id', 'pad.district_id')
    .leftJoin('district_area as da', 'da.id', 'd.district_area_id')
    .select(['pad.police_area_id as policeAreaId', 'd.name as district', 'da.name as districtArea'])
    .where('pad.police_area_id', 'in', ids)
    .orderBy('da.name')
    .orderBy('d.name')
    .execute();
  const promises = await trx
    .selectFrom('promise')
    .select(['police_area_id as policeAreaId', 'year', 'document'])
    .where('police_area_id', 'in', ids)
    .where('status', '=', 'published')
    .orderBy('year', 'desc')
    .execute();
  const places = await trx
    .selectFrom('place')
    .select(['police_area_id as policeAreaId', 'name', 'kind'])
    .where('police_area_id', 'in', ids)
    .orderBy('name')
    .execute();
  const updates = await trx
    .selectFrom('news_update')
    .select(['id', 'police_area_id as policeAreaId', 'title', 'body', 'published_on as publishedOn'])
    .where('police_area_id', 'in', ids)
    .orderBy('published_on', 'desc')
    .execute();
  return {
    areas,
    coverage,
    promises: promises.map((p) => ({ ...p, document: p.document as PromiseFile })),
    places,
    updates,
  };
}
