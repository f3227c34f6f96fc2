// Turning one record of a source file into an event to store, or the reason it cannot be stored.
// Formats: the police's public events API, Brottsplatskartan's API, and rows of the generic CSV.
import { hash } from 'node:crypto';
import { parseCsvDateTime, parseOffsetDateTime, titleOccurrence } from './local-time.ts';

export type SourceFormat = 'polisen' | 'brottsplatskartan' | 'csv';

export interface EventInput {
  source: SourceFormat;
  sourceId: string;
  occurredAt: Date;
  publishedAt: Date | null;
  type: string;
  title: string;
  summary: string;
  url: string | null;
  locationName: string | null;
  lat: number | null;
  lon: number | null;
  /** The municipality the event is filed under, for placing (null when unknown). */
  municipality: string | null;
  /** A place name given as its own field (CSV). */
  placeName: string | null;
}

export type RecordResult = { ok: true; event: EventInput } | { ok: false; reason: string; sourceId?: string };

/** The columns of the generic CSV, in the documented order (`id` may be left out). */
export const CSV_COLUMNS = ['occurred_at', 'type', 'lat', 'lng', 'place', 'title', 'summary', 'id'] as const;
export const CSV_REQUIRED_COLUMNS = ['occurred_at', 'type'] as const;

const LIMITS = { id: 100, type: 100, title: 500, summary: 20_000, url: 2_000, place: 200 };

class RecordError extends Error {}

function fail(message: string): never {
  throw new RecordError(message);
}

/** Which API a parsed JSON record comes from, by its fields. */
export function detectJsonFormat(value: unknown): 'polisen' | 'brottsplatskartan' | null {
  if (!isObject(value)) return null;
  if ('pubdate_iso8601' in value || 'title_type' in value) return 'brottsplatskartan';
  if ('datetime' in value && 'location' in value) return 'polisen';
  if (Array.isArray(value.versions)) return 'polisen';
  return null;
}

export function fromRecord(format: SourceFormat, value: unknown): RecordResult {
  try {
    if (format === 'polisen') return { ok: true, event: fromPolisen(value) };
    if (format === 'brottsplatskartan') return { ok: true, event: fromBrottsplatskartan(value) };
    return { ok: true, event: fromCsvRow(value) };
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    // The id is looked up only for a record that fails (the record is not changed by reading it).
    const sourceId = isObject(value) ? idOf(value.id) : undefined;
    return sourceId === undefined
      ? { ok: false, reason: error.message }
      : { ok: false, reason: error.message, sourceId };
  }
}

function fromPolisen(input: unknown): EventInput {
  const value = latestVersion(input);
  if (!isObject(value)) fail(`a record must be an object, not ${describe(value)}`);
  const sourceId = requireId(value.id);
  const datetime = requireString(value, 'datetime');
  const publishedAt =
    parseOffsetDateTime(datetime) ??
    fail(`datetime "${clip(datetime)}" is not a date and time with an offset`);
  const title = requireString(value, 'name', LIMITS.title);
  const summary = optionalString(value, 'summary', LIMITS.summary) ?? '';
  const type = cleanType(requireString(value, 'type', LIMITS.type));
  const url = optionalString(value, 'url', LIMITS.url);
  const location = value.location;
  if (!isObject(location)) fail(`location must be an object, not ${describe(location)}`);
  const locationName = optionalString(location, 'name', LIMITS.place, 'location.name');
  const gps = optionalString(location, 'gps', 100, 'location.gps');
  const point = gps ? parseGps(gps) : null;
  return {
    source: 'polisen',
    sourceId,
    occurredAt: titleOccurrence(title, publishedAt) ?? publishedAt,
    publishedAt,
    type,
    title,
    summary,
    url: url ? absolutePoliceUrl(url) : null,
    locationName,
    lat: point?.[0] ?? null,
    lon: point?.[1] ?? null,
    municipality: municipalityInTitle(title) ?? locationName,
    placeName: null,
  };
}

/**
 * A revisions record ({id, versions: [...]}, oldest first, as in polisen_events_stockholm_revisions.json)
 * stands for its latest version.
 */
function latestVersion(value: unknown): unknown {
  if (!isObject(value) || !Array.isArray(value.versions)) return value;
  if (value.versions.length === 0) fail('versions is empty');
  const latest = value.versions[value.versions.length - 1];
  if (isObject(latest) && idOf(latest.id) !== idOf(value.id))
    fail('the latest version has another id than the record');
  return latest;
}

function fromBrottsplatskartan(value: unknown): EventInput {
  if (!isObject(value)) fail(`a record must be an object, not ${describe(value)}`);
  const sourceId = requireId(value.id);
  const iso = requireString(value, 'pubdate_iso8601');
  const publishedAt =
    parseOffsetDateTime(iso) ?? fail(`pubdate_iso8601 "${clip(iso)}" is not a date and time with an offset`);
  const unix = value.pubdate_unix;
  if (unix !== undefined && unix !== null) {
    const seconds = Number(unix);
    if (!Number.isFinite(seconds)) fail(`pubdate_unix "${clip(String(unix))}" is not a number`);
    if (Math.abs(seconds * 1000 - publishedAt.getTime()) > 60_000)
      fail(`pubdate_iso8601 (${iso}) and pubdate_unix (${new Date(seconds * 1000).toISOString()}) disagree`);
  }
  const type = cleanType(requireString(value, 'title_type', LIMITS.type));
  const location = optionalString(value, 'title_location', LIMITS.place);
  const summary =
    optionalString(value, 'description', LIMITS.summary) ??
    optionalString(value, 'content_teaser', LIMITS.summary) ??
    '';
  const point = optionalPoint(value.lat, value.lng, 'lat', 'lng');
  return {
    source: 'brottsplatskartan',
    sourceId,
    occurredAt: publishedAt,
    publishedAt,
    type,
    title: location ? `${type}, ${location}` : type,
    summary,
    url:
      optionalString(value, 'external_source_link', LIMITS.url) ??
      optionalString(value, 'permalink', LIMITS.url),
    locationName: location,
    lat: point?.[0] ?? null,
    lon: point?.[1] ?? null,
    municipality: location,
    placeName: null,
  };
}

function fromCsvRow(value: unknown): EventInput {
  if (!isObject(value)) fail('a row must have the documented columns');
  const cell = (name: string) => (typeof value[name] === 'string' ? (value[name] as string).trim() : '');
  const occurredText = cell('occurred_at');
  if (!occurredText) fail('occurred_at is empty');
  const occurredAt =
    parseCsvDateTime(occurredText) ??
    fail(
      `occurred_at "${clip(occurredText)}" is neither ISO 8601 with an offset nor Stockholm time 'YYYY-MM-DD HH:MM'`,
    );
  const type = cleanType(cell('type'));
  if (!type) fail('type is empty');
  if (type.length > LIMITS.type) fail(`type is longer than ${LIMITS.type} characters`);
  const point = optionalPoint(cell('lat') || null, cell('lng') || null, 'lat', 'lng');
  const place = cell('place') || null;
  if (place && place.length > LIMITS.place) fail(`place is longer than ${LIMITS.place} characters`);
  const title = cell('title') || (place ? `${type}, ${place}` : type);
  if (title.length > LIMITS.title) fail(`title is longer than ${LIMITS.title} characters`);
  const summary = cell('summary');
  if (summary.length > LIMITS.summary) fail(`summary is longer than ${LIMITS.summary} characters`);
  const id = cell('id');
  if (id.length > LIMITS.id) fail(`id is longer than ${LIMITS.id} characters`);
  const sourceId =
    id ||
    `row-${sha1(
      CSV_COLUMNS.filter((c) => c !== 'id')
        .map(cell)
        .join('\u001f'),
    ).slice(0, 20)}`;
  return {
    source: 'csv',
    sourceId,
    occurredAt,
    publishedAt: null,
    type,
    title,
    summary,
    url: null,
    locationName: place,
    lat: point?.[0] ?? null,
    lon: point?.[1] ?? null,
    municipality: null,
    placeName: place,
  };
}

function sha1(text: string): string {
  return hash('sha1', text, 'hex');
}

/** "22 augusti 03.47, Misshandel, Stockholm" → "Stockholm": the part after the last of two or more commas. */
export function municipalityInTitle(title: string): string | null {
  const lastComma = title.lastIndexOf(',');
  if (lastComma <= 0 || title.lastIndexOf(',', lastComma - 1) < 0) return null;
  const last = title.slice(lastComma + 1).trim();
  return last.length > 0 ? last : null;
}

function absolutePoliceUrl(url: string): string {
  return url.startsWith('/') ? `https://polisen.se${url}` : url;
}

// Types cleaned so far: a few dozen distinct ones, each cleaned once (bounded, for files that differ).
const cleanTypes = new Map<string, string>();
const MAX_TYPES = 10_000;

/** "Rån,  försök" (double space in some sources) → "Rån, försök". */
function cleanType(type: string): string {
  let clean = cleanTypes.get(type);
  if (clean === undefined) {
    clean = type.replace(/\s+/g, ' ').trim();
    if (cleanTypes.size >= MAX_TYPES) cleanTypes.clear();
    cleanTypes.set(type, clean);
  }
  return clean;
}

/** "59.33,18.07" → [59.33, 18.07]: exactly two parts, both given. */
function parseGps(gps: string): [number, number] {
  const comma = gps.indexOf(',');
  const lat = comma < 0 ? '' : gps.slice(0, comma).trim();
  const lon = comma < 0 ? '' : gps.slice(comma + 1).trim();
  if (!lat || !lon || lon.includes(',')) fail(`location.gps "${clip(gps)}" is not "lat,lon"`);
  return coordinates(Number(lat), Number(lon), `location.gps "${clip(gps)}"`);
}

function optionalPoint(
  lat: unknown,
  lon: unknown,
  latName: string,
  lonName: string,
): [number, number] | null {
  const missing = (v: unknown) => v === undefined || v === null || v === '';
  if (missing(lat) && missing(lon)) return null;
  if (missing(lat) || missing(lon)) fail(`${latName} and ${lonName} must be given together`);
  const numeric = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? Number(v) : Number.NaN);
  return coordinates(
    numeric(lat),
    numeric(lon),
    `${latName}/${lonName} "${clip(String(lat))},${clip(String(lon))}"`,
  );
}

function coordinates(lat: number, lon: number, what: string): [number, number] {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) fail(`${what} is not a pair of numbers`);
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
    fail(`${what} is outside the range of latitude/longitude`);
  return [lat, lon];
}

function idOf(id: unknown): string | undefined {
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return String(id);
  if (typeof id === 'string' && /^\d{1,19}$/.test(id.trim())) return id.trim();
  return undefined;
}

function requireId(id: unknown): string {
  return (
    idOf(id) ?? fail(id === undefined ? 'id is missing' : `id must be a whole number, not ${describe(id)}`)
  );
}

function requireString(record: Record<string, unknown>, key: string, max = 200, label = key): string {
  const value = record[key];
  if (value === undefined || value === null) fail(`${label} is missing`);
  if (typeof value !== 'string') fail(`${label} must be text, not ${describe(value)}`);
  const trimmed = value.trim();
  if (trimmed.length === 0) fail(`${label} is empty`);
  if (value.length > max) fail(`${label} is longer than ${max} characters`);
  return trimmed;
}

function optionalString(
  record: Record<string, unknown>,
  key: string,
  max: number,
  label = key,
): string | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(`${label} must be text, not ${describe(value)}`);
  if (value.length > max) fail(`${label} is longer than ${max} characters`);
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text "${clip(value)}"`;
  return `${typeof value} ${clip(String(value))}`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
