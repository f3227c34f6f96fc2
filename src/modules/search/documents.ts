// What is findable, and where each result links to: documents built from the PUBLIC sources only —
// published promises and their commitments, updates, places, districts and LPOs. Never drafts, staff
// notes, cases or citizen input (those tables are not even read).
import { cleanText, foldName, markdownToText } from '../../domain/search-text.ts';
import type { Commitment, PromiseFile } from '../promises/schema.ts';
import { promisePath } from '../promises/views/promise-page.tsx';
import { newsPath } from '../updates/paths.ts';
import type { SearchKind } from './tables.ts';

export interface SearchSources {
  areas: { id: number; slug: string; name: string; region: string }[];
  coverage: { policeAreaId: number; district: string; districtArea: string | null }[];
  promises: { policeAreaId: number; year: number; document: PromiseFile }[];
  places: { policeAreaId: number; name: string; kind: string }[];
  updates: { id: number; policeAreaId: number; title: string; body: string; publishedOn: string }[];
}

/** Raise when documents are built differently from the same sources: the next search rebuilds them all. */
export const SEARCH_DOCUMENTS_VERSION = 1;

export interface SearchDocumentInput {
  kind: SearchKind;
  police_area_id: number;
  lpo_name: string;
  year: number | null;
  path_sv: string;
  path_en: string;
  title: string;
  body: string;
  name_key: string | null;
  visible_from: string | null;
}

/** Place kinds as the index words them (Swedish, like the rest of the indexed text). */
const PLACE_KIND_WORDS: Record<string, string> = {
  transit: 'kollektivtrafik',
  licensed_premises: 'krogar',
  arena: 'arena',
  other: 'plats',
};

export function buildSearchDocuments(sources: SearchSources): SearchDocumentInput[] {
  const withPromise = new Set(sources.promises.map((p) => p.policeAreaId));
  const documents: SearchDocumentInput[] = [];
  for (const area of sources.areas) {
    const covered = sources.coverage.filter((c) => c.policeAreaId === area.id);
    const base = { police_area_id: area.id, lpo_name: area.name };
    const lpoPaths = pathsToArea(area, withPromise.has(area.id));
    documents.push(lpoDocument(area, covered, lpoPaths));
    documents.push(...districtDocuments(covered, base, lpoPaths));
    for (const place of sources.places.filter((p) => p.policeAreaId === area.id)) {
      const body = `${PLACE_KIND_WORDS[place.kind] ?? 'plats'} i lokalpolisområde ${area.name}`;
      documents.push(nameDocument('place', place.name, body, base, lpoPaths));
    }
    for (const promise of sources.promises.filter((p) => p.policeAreaId === area.id)) {
      documents.push(...promiseDocuments(area.slug, promise, base));
    }
    for (const update of sources.updates.filter((u) => u.policeAreaId === area.id)) {
      documents.push({
        ...base,
        kind: 'update',
        year: Number(update.publishedOn.slice(0, 4)),
        path_sv: newsPath('sv', area.slug, update.id),
        path_en: newsPath('en', area.slug, update.id),
        title: cleanText(update.title),
        body: markdownToText(update.body),
        name_key: null,
        visible_from: update.publishedOn,
      });
    }
  }
  return documents;
}

type Paths = { path_sv: string; path_en: string };
type Base = { police_area_id: number; lpo_name: string };

/** An LPO's page when it has a published promise; otherwise the start page's finder, which lists it. */
function pathsToArea(area: { slug: string; name: string }, hasPromise: boolean): Paths {
  if (hasPromise) return { path_sv: promisePath('sv', area.slug), path_en: promisePath('en', area.slug) };
  const q = encodeURIComponent(area.name);
  return { path_sv: `/?q=${q}`, path_en: `/en?q=${q}` };
}

function lpoDocument(
  area: SearchSources['areas'][number],
  covered: SearchSources['coverage'],
  paths: Paths,
): SearchDocumentInput {
  const districtAreas = [...new Set(covered.map((c) => c.districtArea).filter((a) => a !== null))];
  const body = [
    `Lokalpolisområde ${area.name} i ${area.region}.`,
    districtAreas.length > 0 ? `Stadsdelsområden: ${districtAreas.join(', ')}.` : '',
    covered.length > 0 ? `Stadsdelar: ${covered.map((c) => c.district).join(', ')}.` : '',
  ];
  return nameDocument(
    'lpo',
    area.name,
    body.join(' '),
    { police_area_id: area.id, lpo_name: area.name },
    paths,
  );
}

/** Each covered district and district area (stadsdelsområde), linking to the LPO that covers it. */
function districtDocuments(
  covered: SearchSources['coverage'],
  base: Base,
  paths: Paths,
): SearchDocumentInput[] {
  const districtAreas = [...new Set(covered.map((c) => c.districtArea).filter((a) => a !== null))];
  return [
    ...districtAreas.map((name) =>
      nameDocument('district', name, `Stadsdelsområde i lokalpolisområde ${base.lpo_name}`, base, paths),
    ),
    // Not the district area in the body: "Årsta" would find every district of Enskede-Årsta-Vantör.
    ...covered.map((c) =>
      nameDocument('district', c.district, `Stadsdel i lokalpolisområde ${base.lpo_name}`, base, paths),
    ),
  ];
}

function nameDocument(kind: SearchKind, name: string, body: string, base: Base, paths: Paths) {
  const title = cleanText(name);
  return {
    ...base,
    ...paths,
    kind,
    year: null,
    title,
    body: cleanText(body),
    name_key: foldName(title),
    visible_from: null,
  };
}

function promiseDocuments(
  lpoSlug: string,
  promise: SearchSources['promises'][number],
  base: Base,
): SearchDocumentInput[] {
  const doc = promise.document;
  const promiseText = [
    doc.introduction,
    doc.situation ?? '',
    ...(doc.problems ?? []),
    ...doc.partners.map((p) => p.name),
    ...(doc.footnotes ?? []),
  ];
  const common = { ...base, year: promise.year, name_key: null, visible_from: null };
  return [
    {
      ...common,
      kind: 'promise',
      path_sv: promisePath('sv', lpoSlug, promise.year),
      path_en: promisePath('en', lpoSlug, promise.year),
      title: cleanText(doc.title),
      body: cleanText(promiseText.join(' ')),
    },
    ...doc.commitments.map((c) => ({
      ...common,
      kind: 'commitment' as const,
      path_sv: promisePath('sv', lpoSlug, promise.year, c.key),
      path_en: promisePath('en', lpoSlug, promise.year, c.key),
      title: cleanText(c.title),
      body: cleanText([c.text, ...targetTexts(c), c.unmeasuredText ?? '', ...c.actors].join(' ')),
    })),
  ];
}

/** Target wordings with a word the commitment text lacks; the others would only repeat it in snippets. */
function targetTexts(commitment: Commitment): string[] {
  const words = (text: string) =>
    cleanText(text)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u);
  const inText = new Set(words(commitment.text));
  return commitment.targets.map((t) => t.text).filter((t) => words(t).some((w) => !inText.has(w)));
}
