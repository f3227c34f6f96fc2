// Small geometry and naming helpers for the district data (WGS84 lon/lat).

/** Area-weighted centroid of a polygon's outer ring ([lon, lat] pairs). */
export function ringCentroid(ring: readonly (readonly number[])[]): [number, number] {
  let twiceArea = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0 = 0, y0 = 0] = ring[i] ?? [];
    const [x1 = 0, y1 = 0] = ring[i + 1] ?? [];
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  if (twiceArea === 0) {
    const [first = 0, second = 0] = ring[0] ?? [];
    return [first, second];
  }
  return [x / (3 * twiceArea), y / (3 * twiceArea)];
}

/** URL-safe slug: "Skarpnäcks gård" → "skarpnacks-gard". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// Generic words stay lower case in Swedish place names: "Skarpnäcks gård", "Örby slott".
const GENERIC_WORDS = new Set(['gård', 'strand', 'slott', 'kyrka', 'villastad', 'industriomr']);

/** "SKARPNÄCKS GÅRD" → "Skarpnäcks gård"; "GAMLA ENSKEDE" → "Gamla Enskede". */
export function districtDisplayName(sourceName: string): string {
  return sourceName
    .toLowerCase()
    .split(' ')
    .map((word, index) => (index > 0 && GENERIC_WORDS.has(word) ? word : capitalize(word)))
    .join(' ');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
