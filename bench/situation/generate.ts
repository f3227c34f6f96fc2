// A seeded generator of police events in the public API's format, shaped like the real Stockholm data:
// points inside the real district polygons (most events), the Stockholm centroid with a district named in
// the text (the rest, as the police publish them), the real type mix, evening/night and weekend peaks,
// 2023–2026. Same seed, same file. Run alone: node --import tsx bench/situation/generate.ts <file> [n]

import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { boundingBox, type DistrictPolygon, districtAt } from '../../src/domain/event-placement.ts';
import { districtDisplayName } from '../../src/domain/geometry.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { SWEDISH_MONTHS } from '../../src/domain/target-text.ts';
import { stockholmLocalParts, stockholmWallClock } from '../../src/modules/situation/import/local-time.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Type frequencies of polisen_events_stockholm.json (the 40 most common types, 94 % of the events).
const TYPE_COUNTS: [string, number][] = [
  ['Misshandel', 407],
  ['Brand', 242],
  ['Rattfylleri', 204],
  ['Trafikolycka, personskada', 176],
  ['Trafikolycka', 155],
  ['Stöld', 138],
  ['Bedrägeri', 132],
  ['Trafikbrott', 125],
  ['Rån', 121],
  ['Skadegörelse', 95],
  ['Mord/dråp, försök', 94],
  ['Misshandel, grov', 89],
  ['Stöld/inbrott', 75],
  ['Övrigt', 74],
  ['Narkotikabrott', 73],
  ['Kontroll person/fordon', 72],
  ['Våld/hot mot tjänsteman', 54],
  ['Fylleri/LOB', 50],
  ['Bråk', 49],
  ['Knivlagen', 48],
  ['Olaga hot', 45],
  ['Explosion', 43],
  ['Olaga intrång', 37],
  ['Vapenlagen', 35],
  ['Sexualbrott', 32],
  ['Våldtäkt', 32],
  ['Mord/dråp', 31],
  ['Farligt föremål, misstänkt', 31],
  ['Arbetsplatsolycka', 30],
  ['Räddningsinsats', 29],
  ['Larm Inbrott', 29],
  ['Sedlighetsbrott', 28],
  ['Polisinsats/kommendering', 27],
  ['Motorfordon, stöld', 26],
  ['Ofredande/förargelse', 25],
  ['Larm Överfall', 25],
  ['Trafikolycka, smitning från', 23],
  ['Stöld, försök', 23],
  ['Rån, försök', 16],
  ['Rån övrigt', 9],
];

// Relative events per hour of the day: low in the morning, rising through the evening, a night peak.
const HOUR_WEIGHTS = [8, 7, 6, 4, 3, 2, 2, 3, 4, 4, 5, 5, 5, 5, 5, 6, 6, 7, 7, 8, 9, 10, 10, 9];
const STOCKHOLM_CENTROID = '59.329324,18.068581';
const FROM = Date.UTC(2023, 0, 1);
const TO = Date.UTC(2026, 10, 25);
const PREPOSITIONS = ['i', 'vid', 'på', 'utanför'];

export interface GenerateOptions {
  events: number;
  seed?: number;
  /** Share of events published at the Stockholm centroid, placed by their text. */
  centroidShare?: number;
}

function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => {
    sum += w;
    return sum;
  });
}

function pickWeighted<T>(items: readonly T[], cumulativeWeights: readonly number[], r: number): T {
  const total = cumulativeWeights[cumulativeWeights.length - 1] ?? 1;
  const target = r * total;
  let lo = 0;
  let hi = cumulativeWeights.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulativeWeights[mid] ?? 0) <= target) lo = mid + 1;
    else hi = mid;
  }
  return items[lo] as T;
}

function districtPolygons(): DistrictPolygon[] {
  const geojson = JSON.parse(
    readFileSync(path.join(ROOT, 'seed/areas/stockholm-stadsdelar.geo.json'), 'utf8'),
  ) as {
    features: { properties: { name: string }; geometry: DistrictPolygon['geometry'] }[];
  };
  return geojson.features.map((f, i) => ({
    id: i,
    name: districtDisplayName(f.properties.name),
    bbox: boundingBox(f.geometry),
    geometry: f.geometry,
  }));
}

/** Writes `events` police events, oldest first, as one JSON array. */
export async function generatePoliceEvents(file: string, options: GenerateOptions): Promise<void> {
  const random = seededRandom(options.seed ?? 20261125);
  const polygons = districtPolygons();
  const types = TYPE_COUNTS.map(([type]) => type);
  const typeWeights = cumulative(TYPE_COUNTS.map(([, n]) => n));
  const hourWeights = cumulative(HOUR_WEIGHTS);
  const centroidShare = options.centroidShare ?? 0.2;
  const step = (TO - FROM) / options.events;
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('[\n');
  for (let i = 0; i < options.events; i++) {
    const day = new Date(FROM + i * step);
    let weekday = day.getUTCDay();
    // Weekend peak: a share of weekday events moves to the Friday/Saturday night.
    const shift = weekday >= 1 && weekday <= 4 && random.chance(0.25) ? 5 - weekday : 0;
    weekday = (weekday + shift) % 7;
    const hour = pickWeighted([...HOUR_WEIGHTS.keys()], hourWeights, random.next());
    const minute = random.int(0, 59);
    const date = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + shift));
    const occurred =
      stockholmWallClock(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute) ??
      date;
    const published = new Date(occurred.getTime() + random.int(10, 240) * 60_000);
    const type = pickWeighted(types, typeWeights, random.next());
    const district = random.pick(polygons);
    const atCentroid = random.chance(centroidShare);
    const record = {
      id: 1_000_000 + i,
      datetime: policeDatetime(published),
      name: `${titleTime(occurred)}, ${type}, Stockholm`,
      summary: atCentroid
        ? `Polisen larmades ${random.pick(PREPOSITIONS)} ${district.name} med anledning av ${type.toLowerCase()}.`
        : `Polisen larmades med anledning av ${type.toLowerCase()}.`,
      url: `/aktuellt/handelser/generated/${1_000_000 + i}/`,
      type,
      location: { name: 'Stockholm', gps: atCentroid ? STOCKHOLM_CENTROID : pointIn(district, random.next) },
    };
    await write(`${i === 0 ? '' : ',\n'}${JSON.stringify(record)}`);
  }
  await write('\n]\n');
  out.end();
  await once(out, 'finish');
}

/** "2026-08-22 8:13:44 +02:00", as the API writes it (no leading zero on the hour). */
function policeDatetime(instant: Date): string {
  const local = stockholmLocalParts(instant);
  const offset = (local.hour - instant.getUTCHours() + 24) % 24;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.year}-${pad(local.month)}-${pad(local.day)} ${local.hour}:${pad(instant.getUTCMinutes())}:${pad(instant.getUTCSeconds())} +${pad(offset)}:00`;
}

/** "22 augusti 03.47" in Stockholm time. */
function titleTime(instant: Date): string {
  const local = stockholmLocalParts(instant);
  const month = SWEDISH_MONTHS[local.month - 1];
  return `${local.day} ${month} ${String(local.hour).padStart(2, '0')}.${String(instant.getUTCMinutes()).padStart(2, '0')}`;
}

/** A random point inside the district (rejection sampling in its bounding box), "lat,lon". */
function pointIn(district: DistrictPolygon, next: () => number): string {
  const [minLon, minLat, maxLon, maxLat] = district.bbox;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const lon = minLon + next() * (maxLon - minLon);
    const lat = minLat + next() * (maxLat - minLat);
    if (districtAt([lon, lat], [district])) return `${lat.toFixed(7)},${lon.toFixed(7)}`;
  }
  throw new Error(`no point found inside ${district.name}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, count] = process.argv.slice(2);
  if (!file) throw new Error('usage: generate.ts <file> [events]');
  await generatePoliceEvents(file, { events: Number(count ?? 1_000_000) });
}
