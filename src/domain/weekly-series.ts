// A target's value at the end of each ISO week: what the weekly chart and table draw.
import { addDays, isoWeekKey, weekday } from './iso-week.ts';
import type { Target } from './target-schema.ts';
import { evaluateTarget, type Occurrence, type Period } from './targets.ts';

export interface WeekPoint {
  /** ISO week, e.g. "2026-W07". */
  week: string;
  /** The last day of the week counted (Sunday, or today for the running week). */
  end: string;
  /** Occurrences within this week (e.g. qualifying shifts). */
  inWeek: number;
  /** The target's value at the end of the week (count, intervals met, or percent). */
  current: number;
}

/** One point per ISO week of the period, up to today. */
export function weeklySeries(
  target: Target,
  occurrences: Occurrence[],
  period: Period,
  today: string,
): WeekPoint[] {
  const points: WeekPoint[] = [];
  const last = today < period.to ? today : period.to;
  let start = period.from;
  while (start <= last) {
    const sunday = addDays(start, 7 - weekday(start));
    const end = sunday < last ? sunday : last;
    const inWeek = occurrences
      .filter((o) => o.date >= start && o.date <= end)
      .reduce((n, o) => n + (o.count ?? 1), 0);
    const { current } = evaluateTarget(target, occurrences, { today: end, period });
    points.push({ week: isoWeekKey(start), end, inWeek, current });
    start = addDays(sunday, 1);
  }
  return points;
}
