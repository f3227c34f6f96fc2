// The route of a safety walk (GeoJSON pasted by the user) and points on it: validation, length, and the
// projection onto a small SVG map drawn on the server.

export type Position = [lon: number, lat: number];
export type RouteGeometry =
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] };

/** Sweden's bounding box (WGS84), a little generous at the edges. */
const SWEDEN = { minLon: 10.0, maxLon: 24.2, minLat: 55.3, maxLat: 69.1 } as const;
/** The largest route text accepted, in bytes (UTF-8). */
export const MAX_ROUTE_BYTES = 100_000;

export type RouteProblem =
  | 'too_large'
  | 'not_json'
  | 'not_a_line'
  | 'bad_coordinates'
  | 'too_few_points'
  | 'lat_lon_swapped'
  | 'outside_sweden';

export type RouteResult = { ok: true; route: RouteGeometry } | { ok: false; problem: RouteProblem };

/**
 * A LineString or MultiLineString, bare or as a Feature, or a FeatureCollection of line features (as map
 * tools export them). Coordinates are kept as [lon, lat], rounded to about 10 cm; altitude is dropped.
 */
export function parseRoute(text: string): RouteResult {
  if (Buffer.byteLength(text, 'utf8') > MAX_ROUTE_BYTES) return { ok: false, problem: 'too_large' };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not_json' };
  }
  const lines = linesOf(input);
  if (!lines) return { ok: false, problem: 'not_a_line' };
  const parsed: Position[][] = [];
  for (const line of lines) {
    const positions = positionsOf(line);
    if (!positions) return { ok: false, problem: 'bad_coordinates' };
    if (positions.length < 2) return { ok: false, problem: 'too_few_points' };
    parsed.push(positions);
  }
  const all = parsed.flat();
  if (!all.every(inSweden)) {
    const swapped = all.every(([lon, lat]) => inSweden([lat, lon]));
    return { ok: false, problem: swapped ? 'lat_lon_swapped' : 'outside_sweden' };
  }
  const [only] = parsed;
  return parsed.length === 1 && only
    ? { ok: true, route: { type: 'LineString', coordinates: only } }
    : { ok: true, route: { type: 'MultiLineString', coordinates: parsed } };
}

export function inSweden([lon, lat]: Position): boolean {
  return lon >= SWEDEN.minLon && lon <= SWEDEN.maxLon && lat >= SWEDEN.minLat && lat <= SWEDEN.maxLat;
}

/** The lines of a geometry, Feature or FeatureCollection as raw coordinate arrays; undefined if not lines. */
function linesOf(input: unknown): unknown[] | undefined {
  if (!isObject(input)) return undefined;
  if (input.type === 'Feature') return linesOf(input.geometry);
  if (input.type === 'FeatureCollection') {
    if (!Array.isArray(input.features) || input.features.length === 0) return undefined;
    const lines: unknown[] = [];
    for (const feature of input.features) {
      const found = linesOf(feature);
      if (!found) return undefined;
      lines.push(...found);
    }
    return lines;
  }
  if (input.type === 'LineString') return [input.coordinates];
  if (input.type === 'MultiLineString' && Array.isArray(input.coordinates) && input.coordinates.length > 0)
    return input.coordinates;
  return undefined;
}

function positionsOf(line: unknown): Position[] | undefined {
  if (!Array.isArray(line)) return undefined;
  const positions: Position[] = [];
  for (const p of line) {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3) return undefined;
    if (!p.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
    positions.push([round6(p[0] as number), round6(p[1] as number)]);
  }
  return positions;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function routeLines(route: RouteGeometry): Position[][] {
  return route.type === 'LineString' ? [route.coordinates] : route.coordinates;
}

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle distance in metres. */
function distanceMetres([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
}

export function routeLengthMetres(route: RouteGeometry): number {
  let total = 0;
  for (const line of routeLines(route)) {
    for (let i = 1; i < line.length; i++)
      total += distanceMetres(line[i - 1] as Position, line[i] as Position);
  }
  return total;
}

interface SvgMap {
  width: number;
  height: number;
  /** One `points` attribute per line of the route. */
  lines: string[];
  /** Each given point in SVG coordinates, in the same order. */
  points: { x: number; y: number }[];
}

/**
 * Projects the route and points into a box `width` wide (equirectangular, scaled by the cosine of the
 * latitude, which is close enough at the scale of a walk); the height follows the shape, within limits.
 */
export function projectToSvg(route: RouteGeometry | null, points: Position[], width = 320): SvgMap {
  const all = [...(route ? routeLines(route).flat() : []), ...points];
  const lons = all.map(([lon]) => lon);
  const lats = all.map(([, lat]) => lat);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const xScale = Math.cos((midLat * Math.PI) / 180);
  // A single point (or a very short route) still gets a box of about 200 m.
  const spanX = Math.max((Math.max(...lons) - Math.min(...lons)) * xScale, 0.002);
  const spanY = Math.max(Math.max(...lats) - Math.min(...lats), 0.002);
  const margin = 12;
  const scale = (width - 2 * margin) / Math.max(spanX, spanY * 1.25);
  // At most 4:5 of the width tall (the 1.25 above), at least 120 px so a flat route still has room.
  const height = Math.round(Math.max(spanY * scale + 2 * margin, 120));
  const centreX = (Math.min(...lons) + Math.max(...lons)) / 2;
  const centreY = (Math.min(...lats) + Math.max(...lats)) / 2;
  const project = ([lon, lat]: Position) => ({
    x: round1(width / 2 + (lon - centreX) * xScale * scale),
    y: round1(height / 2 - (lat - centreY) * scale),
  });
  return {
    width,
    height,
    lines: route
      ? routeLines(route).map((line) =>
          line
            .map(project)
            .map((p) => `${p.x},${p.y}`)
            .join(' '),
        )
      : [],
    points: points.map(project),
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
