// Turning a Stockholm wall-clock time into an instant, for logged work entered in local time.
import { stockholmParts } from './iso-week.ts';

/** The instant at which Stockholm's clocks show `date` `hh:mm` (the earlier one in the autumn overlap). */
export function stockholmInstant(date: string, time: string): Date {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const asUtc = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    hour,
    minute,
  );
  // Stockholm is UTC+1 or UTC+2; try the summer offset first, then winter.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const parts = stockholmParts(candidate);
    if (parts.date === date && parts.hour === hour) return candidate;
  }
  // A time skipped by the spring change (02:00–03:00) does not exist; use the hour after it.
  return new Date(asUtc - 3_600_000);
}
