// Learning which points are municipality or county centroids from the events read (see
// docs/situation-import.md, "Placing events in districts"). Runs in the reader's worker thread.
import { foldText } from '../../../domain/event-placement.ts';
import type { PlacementData } from './gazetteer.ts';
import type { EventInput } from './records.ts';

export interface LearntCentroid {
  lat: number;
  lon: number;
  locationName: string;
}

// Distinct (name, point) pairs remembered while learning; cleared when full, so memory stays bounded
// (a real centroid recurs so often that it is learnt again right away).
const MAX_PAIRS = 50_000;
// Another geocoder's centre of the same municipality lies within metres of the police's: ~100 m counts.
const CELL = 1_000;
// Columns (longitude × CELL, shifted to be positive) fit below ROW, so a cell's neighbours are ±1 and ±ROW.
const HALF_ROW = 180 * CELL + 1;
const ROW = 2 * HALF_ROW + 1;

/**
 * Learns which points are municipality or county centroids: a point that two police events (or CSV rows)
 * filed under the same location name share, when that name is not a district or place. Brottsplatskartan
 * geocodes its events from the text, so its shared points are places, not centroids: they teach nothing,
 * but one near a learnt centroid is a centroid.
 */
export class CentroidLearner {
  /**
   * The cells of the centroids known, each with its eight neighbours: a point is a centroid when its own
   * cell is here (one lookup an event instead of nine).
   */
  private readonly nearCentroids = new Set<number>();
  /** The (name, point) pairs seen once. */
  private readonly pairs = new PairSet(MAX_PAIRS);
  private readonly placeNames = new Map<string, boolean>();
  private learnt: LearntCentroid[] = [];

  constructor(
    private readonly placement: PlacementData,
    stored: readonly { lat: number; lon: number }[],
  ) {
    for (const c of stored) this.know(c.lat, c.lon);
  }

  private know(lat: number, lon: number): void {
    const cell = cellKey(lat, lon);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) this.nearCentroids.add(cell + dy * ROW + dx);
  }

  private isCentroid(lat: number | null, lon: number | null): boolean {
    if (lat === null || lon === null || this.nearCentroids.size === 0) return false;
    return this.nearCentroids.has(cellKey(lat, lon));
  }

  /**
   * Counts the event's point, and says whether it is a centroid (known before, or learnt from this
   * event): one grid lookup per event instead of two.
   */
  observe(event: EventInput): boolean {
    const { lat, lon, locationName } = event;
    if (lat === null || lon === null) return false;
    if (this.isCentroid(lat, lon)) return true;
    if (event.source === 'brottsplatskartan' || !locationName || this.isPlaceName(locationName)) return false;
    if (!this.seenBefore(locationName, lat, lon)) return false;
    this.know(lat, lon);
    this.learnt.push({ lat, lon, locationName });
    return true;
  }

  /** Whether the pair was seen before (then it is forgotten: it is learnt); if not, it is remembered. */
  private seenBefore(name: string, lat: number, lon: number): boolean {
    if (this.pairs.delete(name, lat, lon)) return true;
    if (this.pairs.size >= MAX_PAIRS) this.pairs.clear();
    this.pairs.add(name, lat, lon);
    return false;
  }

  /** Location names repeat (municipalities): remembered, up to a bound. */
  private isPlaceName(name: string): boolean {
    let known = this.placeNames.get(name);
    if (known === undefined) {
      known = this.placement.gazetteer.forms.has(foldText(name));
      if (this.placeNames.size < MAX_PAIRS) this.placeNames.set(name, known);
    }
    return known;
  }

  takeLearnt(): LearntCentroid[] {
    const learnt = this.learnt;
    this.learnt = [];
    return learnt;
  }
}

/** The cell as one number (a string per lookup was most of the learner's time): row × ROW + column. */
function cellKey(lat: number, lon: number): number {
  return Math.round(lat * CELL) * ROW + (Math.round(lon * CELL) + HALF_ROW);
}

// For hashing a point: its two numbers' bits, as four 32-bit words.
const pointNumbers = new Float64Array(2);
const pointWords = new Uint32Array(pointNumbers.buffer);

/**
 * A set of (name, point) pairs: open addressing over typed arrays, with linear probing. A Map held each
 * pair's numbers as objects, which outlived the young generation (a pair waits up to 50,000 events for
 * its second sighting) and kept the garbage collector copying them; here a pair allocates nothing.
 */
class PairSet {
  /** Per slot: 0 empty, -1 deleted, else the id of the pair's name. */
  private readonly nameIds: Int32Array;
  private readonly lats: Float64Array;
  private readonly lons: Float64Array;
  private readonly ids = new Map<string, number>();
  private readonly mask: number;
  /** Slots not empty: pairs and deleted ones (deleted slots still lengthen probes until a rebuild). */
  private used = 0;
  size = 0;

  constructor(maxPairs: number) {
    // A power of two, at most 40 % full with `maxPairs` pairs: probes stay short.
    const slots = 2 ** Math.ceil(Math.log2(maxPairs * 2.5));
    this.nameIds = new Int32Array(slots);
    this.lats = new Float64Array(slots);
    this.lons = new Float64Array(slots);
    this.mask = slots - 1;
  }

  /** Removes the pair; false when it was not in the set. */
  delete(name: string, lat: number, lon: number): boolean {
    const id = this.ids.get(name);
    if (id === undefined) return false;
    for (
      let slot = hashPair(id, lat, lon) & this.mask;
      this.nameIds[slot] !== 0;
      slot = (slot + 1) & this.mask
    ) {
      // -0 === 0, as a Map's keys: the same pair, as before.
      if (this.nameIds[slot] === id && this.lats[slot] === lat && this.lons[slot] === lon) {
        this.nameIds[slot] = -1;
        this.size--;
        return true;
      }
    }
    return false;
  }

  /** Adds a pair that is not in the set. */
  add(name: string, lat: number, lon: number): void {
    if (this.used >= (this.mask + 1) * 0.6) this.rebuild();
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(name, id);
    }
    let slot = hashPair(id, lat, lon) & this.mask;
    while ((this.nameIds[slot] as number) > 0) slot = (slot + 1) & this.mask;
    if (this.nameIds[slot] === 0) this.used++;
    this.nameIds[slot] = id;
    this.lats[slot] = lat;
    this.lons[slot] = lon;
    this.size++;
  }

  clear(): void {
    this.nameIds.fill(0);
    this.ids.clear();
    this.used = 0;
    this.size = 0;
  }

  /** Drops the deleted slots (many learnt centroids between two clears): re-adds every pair. */
  private rebuild(): void {
    const names = new Map([...this.ids].map(([name, id]) => [id, name]));
    const pairs: [string, number, number][] = [];
    for (let slot = 0; slot <= this.mask; slot++) {
      const id = this.nameIds[slot] as number;
      if (id > 0) pairs.push([names.get(id) ?? '', this.lats[slot] as number, this.lons[slot] as number]);
    }
    this.clear();
    for (const [name, lat, lon] of pairs) this.add(name, lat, lon);
  }
}

function hashPair(nameId: number, lat: number, lon: number): number {
  // + 0 turns -0 into 0: equal pairs hash alike.
  pointNumbers[0] = lat + 0;
  pointNumbers[1] = lon + 0;
  const latBits = (pointWords[0] as number) ^ (pointWords[1] as number);
  const lonBits = (pointWords[2] as number) ^ (pointWords[3] as number);
  const hash =
    Math.imul(latBits, 0x9e3779b1) ^ Math.imul(lonBits, 0x85ebca77) ^ Math.imul(nameId, 0xc2b2ae3d);
  return hash ^ (hash >>> 16);
}
