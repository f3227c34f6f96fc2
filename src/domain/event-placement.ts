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
  /**
   * The first word of every form (as findNames splits words): a word of the text not among them starts
   * no name, and is passed over with one lookup instead of one per possible name length.
   */
  firstWords: Set<string>;
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

// A word of a text, as names are looked up (findNames: wordsOf).
const FIRST_WORD = /[\p{L}\p{N}]+/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

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
  const firstWords = new Set([...forms.keys()].map((form) => form.match(FIRST_WORD)?.[0] ?? form));
  return { municipality, maxWords, forms, firstWords };
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

/**
 * Every gazetteer name in the text, in order, the longest first where names overlap. Names are looked up
 * word by word, so "Årsta" is not found in "Årstaberg" (nor in "Årstafältet").
 */
export function findNames(text: string, gazetteer: Gazetteer): NameMatch[] {
  if (gazetteer.maxWords === 0 || text.length === 0) return [];
  const source = text.normalize('NFC');
  const folded = foldNormalized(source);
  const words = wordsOf(folded);
  const matches: NameMatch[] = [];
  let i = 0;
  while (i < words.starts.length) {
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

/** Where each word of the text starts and ends. */
interface Words {
  starts: number[];
  ends: number[];
}

/**
 * The words of a text: runs of letters and digits, as /[\p{L}\p{N}]+/gu finds them, but found character by
 * character (the regex's match objects were half of findNames' time). The folded texts are nearly all
 * ASCII; any other character is asked of LETTER_OR_DIGIT.
 */
function wordsOf(text: string): Words {
  const words: Words = { starts: [], ends: [] };
  let start = -1;
  let i = 0;
  while (i <= text.length) {
    const width = i < text.length ? wordCharWidth(text, i) : 0;
    if (width > 0 && start < 0) start = i;
    if (width === 0 && start >= 0) {
      words.starts.push(start);
      words.ends.push(i);
      start = -1;
    }
    i += width > 0 ? width : codePointWidth(text, i);
  }
  return words;
}

/** The code units of the letter or digit at `i`; 0 when there is none there. */
function wordCharWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80)
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) ? 1 : 0;
  const width = codePointWidth(text, i);
  return LETTER_OR_DIGIT.test(text.slice(i, i + width)) ? width : 0;
}

/** 2 for a surrogate pair (one code point, as a /u regex reads it), else 1. */
function codePointWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 1;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

function longestNameAt(
  folded: string,
  words: Words,
  i: number,
  gazetteer: Gazetteer,
): { form: GazetteerForm; start: number; end: number; count: number } | undefined {
  const start = words.starts[i] ?? 0;
  if (!gazetteer.firstWords.has(folded.slice(start, words.ends[i]))) return undefined;
  for (let count = Math.min(gazetteer.maxWords, words.starts.length - i); count >= 1; count--) {
    const end = words.ends[i + count - 1] ?? start;
    const key = count === 1 ? folded.slice(start, end) : folded.slice(start, end).replace(/\s+/g, ' ');
    const form = gazetteer.forms.get(key);
    if (form) return { form, start, end, count };
  }
  return undefined;
}

function isGenitive(matched: string, form: GazetteerForm): boolean {
  return form.inflected && matched.endsWith('s');
}

/**
 * The district containing a point ([lon, lat]), if any: the first of the polygons that contains it (a
 * point on a shared border belongs to the first). A list of many polygons gets a grid (DistrictGrid) the
 * first time it is asked; it must not change after that.
 */
export function districtAt(
  point: [number, number],
  polygons: readonly DistrictPolygon[],
): DistrictPolygon | undefined {
  if (polygons.length < GRID_MIN_POLYGONS) return firstContaining(point, polygons);
  let grid = grids.get(polygons);
  if (!grid) {
    grid = new DistrictGrid(polygons);
    grids.set(polygons, grid);
  }
  return grid.districtAt(point);
}

function firstContaining(
  point: [number, number],
  polygons: readonly DistrictPolygon[],
): DistrictPolygon | undefined {
  for (const polygon of polygons) if (inPolygon(polygon, point)) return polygon;
  return undefined;
}

function inPolygon(polygon: DistrictPolygon, point: [number, number]): boolean {
  const [lon, lat] = point;
  const [minLon, minLat, maxLon, maxLat] = polygon.bbox;
  if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) return false;
  return booleanPointInPolygon(point, polygon.geometry);
}

function ringsOf(polygon: DistrictPolygon): number[][][] {
  return polygon.geometry.type === 'Polygon'
    ? polygon.geometry.coordinates
    : polygon.geometry.coordinates.flat();
}

// Fewer polygons than this are tested one by one (a grid would not pay for itself).
const GRID_MIN_POLYGONS = 8;
// Cells per side of the grid over the polygons' bounding box (Stockholm: cells of about 200 m square).
const GRID_SIDE = 128;
// A border this close (in degrees, ~0.1 mm) to a cell counts as crossing it: rounding never moves a point
// across a border the grid did not see.
const GRID_MARGIN = 1e-9;
const grids = new WeakMap<readonly DistrictPolygon[], DistrictGrid>();

/** In a cell, one polygon to try: `whole` when the cell lies wholly inside it (no test needed). */
interface CellCandidate {
  polygon: DistrictPolygon;
  whole: boolean;
}

/**
 * A grid over the polygons, answering which one contains a point with as few point-in-polygon tests as
 * possible (they were the largest part of placing an event). Each cell lists, in the polygons' order, the
 * polygons that can contain its points: one whose border crosses the cell is tested as before; one whose
 * border does not either holds the whole cell (then the search stops there, untested) or none of it (left
 * out). The answer is the one the polygons tested in order give. Cells are worked out when first asked.
 */
class DistrictGrid {
  private readonly minLon: number;
  private readonly minLat: number;
  private readonly maxLon: number;
  private readonly maxLat: number;
  private readonly cellLon: number;
  private readonly cellLat: number;
  /** Per cell, the indexes of the polygons whose border comes near the cell. */
  private readonly borders: number[][];
  private readonly cells: (CellCandidate[] | undefined)[];

  constructor(private readonly polygons: readonly DistrictPolygon[]) {
    this.minLon = Math.min(...polygons.map((p) => p.bbox[0]));
    this.minLat = Math.min(...polygons.map((p) => p.bbox[1]));
    this.maxLon = Math.max(...polygons.map((p) => p.bbox[2]));
    this.maxLat = Math.max(...polygons.map((p) => p.bbox[3]));
    this.cellLon = (this.maxLon - this.minLon) / GRID_SIDE || 1;
    this.cellLat = (this.maxLat - this.minLat) / GRID_SIDE || 1;
    this.borders = Array.from({ length: GRID_SIDE * GRID_SIDE }, () => []);
    this.cells = new Array(GRID_SIDE * GRID_SIDE).fill(undefined);
    for (const [index, polygon] of polygons.entries()) this.markBorders(polygon, index);
  }

  districtAt(point: [number, number]): DistrictPolygon | undefined {
    const [lon, lat] = point;
    // Outside every bounding box (or not a number): in no polygon.
    if (!(lon >= this.minLon && lon <= this.maxLon && lat >= this.minLat && lat <= this.maxLat))
      return undefined;
    const cell = this.row(lat) * GRID_SIDE + this.column(lon);
    let candidates = this.cells[cell];
    if (!candidates) {
      candidates = this.candidates(cell);
      this.cells[cell] = candidates;
    }
    for (const { polygon, whole } of candidates) if (whole || inPolygon(polygon, point)) return polygon;
    return undefined;
  }

  private column(lon: number): number {
    return Math.min(GRID_SIDE - 1, Math.max(0, Math.floor((lon - this.minLon) / this.cellLon)));
  }

  private row(lat: number): number {
    return Math.min(GRID_SIDE - 1, Math.max(0, Math.floor((lat - this.minLat) / this.cellLat)));
  }

  /** Notes the polygon in every cell one of its edges' bounding box (with the margin) touches. */
  private markBorders(polygon: DistrictPolygon, index: number): void {
    for (const ring of ringsOf(polygon)) {
      for (let i = 1; i < ring.length; i++) {
        const [lon1 = 0, lat1 = 0] = ring[i - 1] ?? [];
        const [lon2 = 0, lat2 = 0] = ring[i] ?? [];
        const fromColumn = this.column(Math.min(lon1, lon2) - GRID_MARGIN);
        const toColumn = this.column(Math.max(lon1, lon2) + GRID_MARGIN);
        const fromRow = this.row(Math.min(lat1, lat2) - GRID_MARGIN);
        const toRow = this.row(Math.max(lat1, lat2) + GRID_MARGIN);
        for (let row = fromRow; row <= toRow; row++)
          for (let column = fromColumn; column <= toColumn; column++) {
            const marked = this.borders[row * GRID_SIDE + column] as number[];
            if (marked[marked.length - 1] !== index) marked.push(index);
          }
      }
    }
  }

  private candidates(cell: number): CellCandidate[] {
    const row = Math.floor(cell / GRID_SIDE);
    const column = cell % GRID_SIDE;
    // The cell with the margin around it: a point rounded into this cell lies within it.
    const west = this.minLon + column * this.cellLon - GRID_MARGIN;
    const east = this.minLon + (column + 1) * this.cellLon + GRID_MARGIN;
    const south = this.minLat + row * this.cellLat - GRID_MARGIN;
    const north = this.minLat + (row + 1) * this.cellLat + GRID_MARGIN;
    const centre: [number, number] = [(west + east) / 2, (south + north) / 2];
    const borders = new Set(this.borders[cell]);
    const candidates: CellCandidate[] = [];
    for (const [index, polygon] of this.polygons.entries()) {
      const [minLon, minLat, maxLon, maxLat] = polygon.bbox;
      if (maxLon < west || minLon > east || maxLat < south || minLat > north) continue;
      if (borders.has(index)) candidates.push({ polygon, whole: false });
      else if (inPolygon(polygon, centre)) {
        // Every point of the cell is in this polygon: the ones after it are never reached.
        candidates.push({ polygon, whole: true });
        break;
      }
    }
    return candidates;
  }
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

/** Unplaced, with the reason. A literal, not a spread of a constant: this runs for many events. */
function unplaced(detail: string): Placement {
  return { placement: 'unplaced', confidence: 'none', districtId: null, placeId: null, detail };
}

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
    return unplaced('outside');
  }
  if (input.municipality && !sameArea(input.municipality, gazetteer.municipality))
    return unplaced(`municipality:${input.municipality}`);
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
  const matches = findNames(input.title, gazetteer).concat(findNames(input.summary, gazetteer));
  const best = bestMatch(matches);
  if (!best) return unplaced(input.point ? 'centroid' : 'no-position');
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
  let answers = sameAreaAnswers.get(gazetteerMunicipality);
  if (!answers) {
    answers = new Map();
    sameAreaAnswers.set(gazetteerMunicipality, answers);
  }
  let same = answers.get(municipality);
  if (same === undefined) {
    const folded = foldText(municipality);
    same = folded === foldText(gazetteerMunicipality) || folded.endsWith(' lan');
    if (answers.size >= MAX_SAME_AREA_ANSWERS) answers.clear();
    answers.set(municipality, same);
  }
  return same;
}

// sameArea's answers, by the gazetteer's municipality and the event's: the few names recur on nearly
// every event, and folding them each time cost more than the lookup. Bounded, for files of odd names.
const sameAreaAnswers = new Map<string, Map<string, boolean>>();
const MAX_SAME_AREA_ANSWERS = 10_000;

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
