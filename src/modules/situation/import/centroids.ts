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
  private readonly cells = new Set<number>();
  private readonly pairs = new Map<string, number>();
  private readonly placeNames = new Map<string, boolean>();
  private learnt: LearntCentroid[] = [];

  constructor(
    private readonly placement: PlacementData,
    stored: readonly { lat: number; lon: number }[],
  ) {
    for (const c of stored) this.cells.add(cellKey(c.lat, c.lon));
  }

  isCentroid(lat: number | null, lon: number | null): boolean {
    if (lat === null || lon === null) return false;
    if (this.cells.size === 0) return false;
    const cell = cellKey(lat, lon);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) if (this.cells.has(cell + dy * ROW + dx)) return true;
    return false;
  }

  /** Counts the event's point; true when this event makes it a learnt centroid. */
  observe(event: EventInput): boolean {
    if (event.source === 'brottsplatskartan') return false;
    if (event.lat === null || event.lon === null || !event.locationName) return false;
    if (this.isCentroid(event.lat, event.lon)) return false;
    if (this.isPlaceName(event.locationName)) return false;
    const pair = `${event.locationName}|${event.lat},${event.lon}`;
    const seen = (this.pairs.get(pair) ?? 0) + 1;
    if (seen < 2) {
      if (this.pairs.size >= MAX_PAIRS) this.pairs.clear();
      this.pairs.set(pair, seen);
      return false;
    }
    this.pairs.delete(pair);
    this.cells.add(cellKey(event.lat, event.lon));
    this.learnt.push({ lat: event.lat, lon: event.lon, locationName: event.locationName });
    return true;
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
