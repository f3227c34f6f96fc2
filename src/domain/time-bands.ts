// Times of day and week in the situation picture: the public page's bands, "evenings and nights"
// (18–06), the weekend, and the time windows a weekend-operation shift can cover. Stockholm local time.
import { addDays, weekday } from './iso-week.ts';

export const DAY_BANDS = [
  { key: 'night', from: 0, to: 6 },
  { key: 'morning', from: 6, to: 10 },
  { key: 'day', from: 10, to: 18 },
  { key: 'evening', from: 18, to: 24 },
] as const;
export type DayBand = (typeof DAY_BANDS)[number]['key'];

export function bandOf(hour: number): DayBand {
  return DAY_BANDS.find((b) => hour >= b.from && hour < b.to)?.key ?? 'night';
}

/** 18:00–05:59. */
export function isEveningOrNight(hour: number): boolean {
  return hour >= 18 || hour < 6;
}

/** Friday 18:00 to Monday 05:59: the nights out the weekend operation is for. */
export function isWeekendTime(isoWeekday: number, hour: number): boolean {
  return (
    (isoWeekday === 5 && hour >= 18) || isoWeekday === 6 || isoWeekday === 7 || (isoWeekday === 1 && hour < 6)
  );
}

/** Friday 18:00 to Sunday 05:59: the hours the weekend windows below cover. */
export function isWeekendNight(isoWeekday: number, hour: number): boolean {
  return (isoWeekday === 5 && hour >= 18) || isoWeekday === 6 || (isoWeekday === 7 && hour < 6);
}

/** The weekend nights' hours, Friday 18:00 to Sunday 06:00: slots 0 (Friday 18–19) to 35 (Sunday 05–06). */
export const WEEKEND_NIGHT_SLOTS = 36;

/** The slot of a weekend-night hour (see weekendNightHour). */
export function weekendNightSlot(isoWeekday: number, hour: number): number {
  return (isoWeekday - 5) * 24 + hour - 18;
}

/** The ISO weekday and hour of a weekend-night slot. */
export function weekendNightHour(slot: number): { weekday: number; hour: number } {
  const sinceFridayMidnight = slot + 18;
  return { weekday: 5 + Math.floor(sinceFridayMidnight / 24), hour: sinceFridayMidnight % 24 };
}

/** A stretch of a weekend night a shift can cover: it starts on `night` (5 = Friday) or after midnight. */
export interface TimeWindow {
  /** E.g. 'fri-21', 'sat-00' (Saturday night after midnight is 'sun-00'). */
  key: string;
  /** ISO weekday the window starts on. */
  weekday: number;
  startHour: number;
  hours: number;
}

const NIGHTS = [
  { weekday: 5, name: 'fri' },
  { weekday: 6, name: 'sat' },
  { weekday: 7, name: 'sun' },
] as const;

/** Friday and Saturday nights in three overlapping six-hour windows: 18–00, 21–03, 00–06. */
export const WEEKEND_WINDOWS: readonly TimeWindow[] = NIGHTS.flatMap((night, i) => [
  ...(i < 2
    ? [
        { key: `${night.name}-18`, weekday: night.weekday, startHour: 18, hours: 6 },
        { key: `${night.name}-21`, weekday: night.weekday, startHour: 21, hours: 6 },
      ]
    : []),
  ...(i > 0 ? [{ key: `${night.name}-00`, weekday: night.weekday, startHour: 0, hours: 6 }] : []),
]);

export function windowByKey(key: string): TimeWindow | undefined {
  return WEEKEND_WINDOWS.find((w) => w.key === key);
}

/** The weekday and hour of each hour the window covers, past midnight into the next day. */
export function windowCells(window: TimeWindow): { weekday: number; hour: number }[] {
  return Array.from({ length: window.hours }, (_, i) => {
    const hour = window.startHour + i;
    return { weekday: ((window.weekday - 1 + Math.floor(hour / 24)) % 7) + 1, hour: hour % 24 };
  });
}

export function windowContains(window: TimeWindow, isoWeekday: number, hour: number): boolean {
  return windowCells(window).some((c) => c.weekday === isoWeekday && c.hour === hour);
}

/** The window's night it belongs to: the ISO weekday of the evening before a window after midnight. */
export function nightOf(window: TimeWindow): number {
  return window.startHour < 12 ? ((window.weekday + 5) % 7) + 1 : window.weekday;
}

/** The first date after `today` on the window's weekday ('YYYY-MM-DD'). */
export function nextDateOf(window: TimeWindow, today: string): string {
  const ahead = (window.weekday - weekday(today) + 7) % 7 || 7;
  return addDays(today, ahead);
}

/** 'HH:00' of an hour of the day (24 → 00). */
export function clockHour(hour: number): string {
  return `${String(hour % 24).padStart(2, '0')}:00`;
}
