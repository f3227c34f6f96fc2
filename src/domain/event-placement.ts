// Placing an incident event in a district. The police's public events carry the centroid of a
// municipality or county, not the scene, so a point only counts when it is more precise than a centroid;
// otherwise the district and place names in the title and summary decide (Swedish inflections allowed).
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';

export type PlacementMethod = 'point' | 'gazetteer' | 'unplaced';
export type PlacementConfidence = 'high' | 'medium' | 'low' | 'none';

export interface Placement {
  placement: PlacementMethod;
  confidence: PlacementConfidence;
  /**
   * What it rests on: the district's name (point), the matched words as written, e.g. 'vid Gullmarsplan'
   * (gazetteer), or why it is unplaced: 'centroid', 'outside', 'no-position' or 'municipality:<name>'.
   */
  detail: string | null;
  districtId: number | null;
  placeId: number | null;
}

/** A name to look for in event texts, with the district (and place) it stands for. */
export interface GazetteerName {
  name: string;
  kind: 'district' | 'place';
  districtId: number | null;
  placeId: number | null;
}

interface GazetteerForm {
  entry: GazetteerName;
  /** Genitive or definite form ("Årstas", "Gullmarsplanen"), not the name as written. */
  inflected: boolean;
  /** Length of the folded base name: the longest name wins. */
  baseLength: number;
}

export interface Gazetteer {
  /** The municipality the names belong to, as the police write it (e.g. 'Stockholm'). */
  municipality: string;
  /** Words in the longest name: how far ahead a match is looked for. */
  maxWords: number;
  forms: Map<string, GazetteerForm>;
}

export interface DistrictPolygon {
  id: number;
  name: string;
  /** [minLon, minLat, maxLon, maxLat]: most points are ruled out without the polygon test. */
  bbox: [number, number, number, number];
  geometry:
    | { type: 'Polygon'; coordinates: number[][][] }
    | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface PlacementInput {
  title: string;
  summary: string;
  /** [lon, lat], or null when the record has no position. */
  point: [number, number] | null;
  /** True when the point is a known municipality or county centroid. */
  pointIsCentroid: boolean;
  /** The municipality the event is filed under (the title's last part), if known. */
  municipality: string | null;
  /** A place name given as its own field (the CSV's `place`): matched before the text. */
  placeName?: string | null;
}

// Words before a name that say the event happened there ("i Skarpnäck", "vid Gullmarsplan").
const LOCATIVE_WORDS = [
  'i',
  'på',
  'vid',
  'utanför',
  'nära',
  'invid',
  'intill',
  'mellan',
  'längs',
  'utmed',
  'från',
  'till',
  'mot',
  'genom',
  'runt',
  'kring',
  'centrala',
  'södra',
  'norra',
  'västra',
  'östra',
];

const DIACRITICS: Record<string, string> = {
  å: 'a',
  ä: 'a',
  á: 'a',
  à: 'a',
  â: 'a',
  ã: 'a',
  ö: 'o',
  ó: 'o',
  ò: 'o',
  ô: 'o',
  õ: 'o',
  ø: 'o',
  ü: 'u',
  ú: 'u',
  ù: 'u',
  û: 'u',
  é: 'e',
  è: 'e',
  ê: 'e',
  ë: 'e',
  í: 'i',
  ì: 'i',
  î: 'i',
  ï: 'i',
  ç: 'c',
  ñ: 'n',
  æ: 'a',
};
const DIACRITIC_CHARS = new RegExp(`[${Object.keys(DIACRITICS).join('')}]`, 'g');

/** Lower case without diacritics, one character for one ("Årstas" → "arstas"), so indices still match. */
export function foldText(text: string): string {
  return foldNormalized(text.normalize('NFC'));
}

function foldNormalized(text: string): string {
  return text.toLowerCase().replace(DIACRITIC_CHARS, (c) => DIACRITICS[c] ?? c);
}

// Built after foldText's tables: the words are matched against folded text ("på" → "pa").
const LOCATIVE_BEFORE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(${LOCATIVE_WORDS.map(foldText).join('|')})\\s+$`,
  'u',
);

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** The name, its genitive and its definite forms, folded: "Gullmarsplan" → gullmarsplan(s), gullmarsplanen(s)… */
export function nameForms(name: string): { form: string; inflected: boolean }[] {
  const base = foldText(name.trim()).replace(/\s+/g, ' ');
  const forms = [{ form: base, inflected: false }];
  const genitive = (word: string) => (/[sxz]$/.test(word) ? [] : [`${word}s`]);
  // Names that already end like a definite noun (Globen, Hovet, Liljeholmen) get no second ending.
  const definite = /(?:en|et)$/.test(base)
    ? []
    : VOWELS.has(base.slice(-1))
      ? [`${base}n`]
      : [`${base}en`, `${base}et`];
  for (const word of [base, ...definite]) {
    if (word !== base) forms.push({ form: word, inflected: true });
    for (const g of genitive(word)) forms.push({ form: g, inflected: true });
  }
  return forms;
}

const KIND_RANK: Record<GazetteerName['kind'], number> = { district: 0, place: 1 };

/** Builds the matcher for a set of names. A form two names share goes to the plain name, then a district. */
export function buildGazetteer(names: readonly GazetteerName[], municipality: string): Gazetteer {
  const forms = new Map<string, GazetteerForm>();
  for (const entry of names) {
    const baseLength = foldText(entry.name).length;
    for (const { form, inflected } of nameForms(entry.name)) {
      if (form.length < 3) continue;
      const existing = forms.get(form);
      if (existing && !betterForm({ entry, inflected, baseLength }, existing)) continue;
      forms.set(form, { entry, inflected, baseLength });
    }
  }
  const maxWords = Math.max(0, ...[...forms.keys()].map((form) => form.split(' ').length));
  return { municipality, maxWords, forms };
}

function betterForm(candidate: GazetteerForm, existing: GazetteerForm): boolean {
  if (candidate.inflected !== existing.inflected) return !candidate.inflected;
  return KIND_RANK[candidate.entry.kind] < KIND_RANK[existing.entry.kind];
}

export interface NameMatch {
  entry: GazetteerName;
  /** The words as written in the text, with the locative word before them when there is one. */
  snippet: string;
  /** Preceded by a locative word, or in the genitive: the text says the event happened there. */
  locative: boolean;
  baseLength: number;
  index: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Every gazetteer name in the text, in order, the longest first where names overlap. Names are looked up
 * word by word, so "Årsta" is not found in "Årstaberg" (nor in "Årstafältet").
 */
export function findNames(text: string, gazetteer: Gazetteer): NameMatch[] {
  if (gazetteer.maxWords === 0 || text.length === 0) return [];
  const source = text.normalize('NFC');
  const folded = foldNormalized(source);
  const words = Array.from(folded.matchAll(WORD), (m) => ({ start: m.index, end: m.index + m[0].length }));
  const matches: NameMatch[] = [];
  let i = 0;
  while (i < words.length) {
    const found = longestNameAt(folded, words, i, gazetteer);
    if (!found) {
      i++;
      continue;
    }
    const { form, start, end, count } = found;
    const before = LOCATIVE_BEFORE.exec(folded.slice(Math.max(0, start - 12), start));
    // The snippet starts at the locative word: "vid Gullmarsplan", not just "Gullmarsplan".
    const from = before?.[1] ? start - (before[0].length - before[0].indexOf(before[1])) : start;
    matches.push({
      entry: form.entry,
      snippet: source.slice(from, end),
      locative: before !== null || isGenitive(folded.slice(start, end), form),
      baseLength: form.baseLength,
      index: start,
    });
    i += count;
  }
  return matches;
}

function longestNameAt(
  folded: string,
  words: readonly { start: number; end: number }[],
  i: number,
  gazetteer: Gazetteer,
): { form: GazetteerForm; start: number; end: number; count: number } | undefined {
  const start = words[i]?.start ?? 0;
  for (let count = Math.min(gazetteer.maxWords, words.length - i); count >= 1; count--) {
    const end = words[i + count - 1]?.end ?? start;
    const key = count === 1 ? folded.slice(start, end) : folded.slice(start, end).replace(/\s+/g, ' ');
    const form = gazetteer.forms.get(key);
    if (form) return { form, start, end, count };
  }
  return undefined;
}

function isGenitive(matched: string, form: GazetteerForm): boolean {
  return form.inflected && matched.endsWith('s');
}

/** The district containing a point ([lon, lat]), if any. */
export function districtAt(
  point: [number, number],
  polygons: readonly DistrictPolygon[],
): DistrictPolygon | undefined {
  const [lon, lat] = point;
  for (const polygon of polygons) {
    const [minLon, minLat, maxLon, maxLat] = polygon.bbox;
    if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) continue;
    if (booleanPointInPolygon(point, polygon.geometry)) return polygon;
  }
  return undefined;
}

/** The bounding box of a polygon or multipolygon. */
export function boundingBox(geometry: DistrictPolygon['geometry']): DistrictPolygon['bbox'] {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const ring of rings) {
    for (const [lon = 0, lat = 0] of ring) {
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}

const UNPLACED = { placement: 'unplaced', confidence: 'none', districtId: null, placeId: null } as const;

/**
 * Places one event: by its point when the point is more precise than a centroid, else by the names in its
 * title and summary (only for events filed under the gazetteer's municipality or a county).
 */
export function placeEvent(
  input: PlacementInput,
  gazetteer: Gazetteer,
  polygons: readonly DistrictPolygon[],
): Placement {
  if (input.point && !input.pointIsCentroid) {
    const district = districtAt(input.point, polygons);
    if (district)
      return {
        placement: 'point',
        confidence: 'high',
        detail: district.name,
        districtId: district.id,
        placeId: null,
      };
    return { ...UNPLACED, detail: 'outside' };
  }
  if (input.municipality && !sameArea(input.municipality, gazetteer.municipality))
    return { ...UNPLACED, detail: `municipality:${input.municipality}` };
  const named = input.placeName ? gazetteer.forms.get(foldText(input.placeName.trim())) : undefined;
  if (named && input.placeName) {
    const { districtId, placeId } = named.entry;
    return {
      placement: 'gazetteer',
      confidence: 'medium',
      detail: input.placeName.trim(),
      districtId,
      placeId,
    };
  }
  const matches = [...findNames(input.title, gazetteer), ...findNames(input.summary, gazetteer)];
  const best = bestMatch(matches);
  if (!best) return { ...UNPLACED, detail: input.point ? 'centroid' : 'no-position' };
  const rivals = matches.some((m) => m.entry.districtId !== best.entry.districtId);
  return {
    placement: 'gazetteer',
    confidence: best.locative && !rivals ? 'medium' : 'low',
    detail: best.snippet,
    districtId: best.entry.districtId,
    placeId: best.entry.placeId,
  };
}

/** A county ("Stockholms län") covers the municipality; another municipality does not. */
function sameArea(municipality: string, gazetteerMunicipality: string): boolean {
  const folded = foldText(municipality);
  return folded === foldText(gazetteerMunicipality) || folded.endsWith(' lan');
}

/** The longest name wins; then one the text says the event happened at; then the first. */
function bestMatch(matches: readonly NameMatch[]): NameMatch | undefined {
  let best: NameMatch | undefined;
  for (const match of matches) {
    if (
      !best ||
      match.baseLength > best.baseLength ||
      (match.baseLength === best.baseLength && match.locative && !best.locative)
    )
      best = match;
  }
  return best;
}

const CONFIDENCE_WORDS = {
  sv: { high: 'hög', medium: 'medel', low: 'låg', none: 'ingen' },
  en: { high: 'high', medium: 'medium', low: 'low', none: 'none' },
} as const;

/** How an event was placed, as a sentence for staff: "Placerad via texten: 'vid Gullmarsplan' (säkerhet: medel)." */
export function placementSentence(
  placed: { placement: PlacementMethod; confidence: PlacementConfidence; detail: string | null },
  lang: 'sv' | 'en',
): string {
  const confidence = CONFIDENCE_WORDS[lang][placed.confidence];
  const detail = placed.detail ?? '';
  if (placed.placement === 'point') {
    return lang === 'sv'
      ? `Placerad via koordinaterna: inom ${detail} (säkerhet: ${confidence}).`
      : `Placed by its coordinates: inside ${detail} (confidence: ${confidence}).`;
  }
  if (placed.placement === 'gazetteer') {
    return lang === 'sv'
      ? `Placerad via texten: '${detail}' (säkerhet: ${confidence}).`
      : `Placed by its text: '${detail}' (confidence: ${confidence}).`;
  }
  return unplacedSentence(detail, lang);
}

function unplacedSentence(reason: string, lang: 'sv' | 'en'): string {
  if (reason.startsWith('municipality:')) {
    const name = reason.slice('municipality:'.length);
    return lang === 'sv'
      ? `Inte placerad: händelsen gäller ${name}, utanför de kända stadsdelarna.`
      : `Not placed: the event is filed under ${name}, outside the known districts.`;
  }
  if (reason === 'outside') {
    return lang === 'sv'
      ? 'Inte placerad: koordinaterna ligger utanför alla kända stadsdelar.'
      : 'Not placed: its coordinates lie outside every known district.';
  }
  if (reason === 'no-position') {
    return lang === 'sv'
      ? 'Inte placerad: ingen position och texten nämner ingen känd plats.'
      : 'Not placed: no position, and the text names no known place.';
  }
  return lang === 'sv'
    ? 'Inte placerad: positionen är bara kommunens eller länets mittpunkt och texten nämner ingen känd plats.'
    : "Not placed: its position is only the municipality's or county's centre, and the text names no known place.";
}
