// Staff writes at a steady rate: one officer posting weekend shifts, as the mixed load and the soak need.
import { randomUUID } from 'node:crypto';
import { addDays, stockholmDate } from '../src/domain/iso-week.ts';
import type { HttpStaffSession } from '../test/helpers/server-child.ts';

export interface WriteStats {
  sent: number;
  /** Answered 303 (the shift page). */
  acknowledged: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

/** Posts a shift every 1/perSecond s for `seconds` (not waiting for the last answer to send the next). */
export async function postShifts(
  session: HttpStaffSession,
  options: { perSecond: number; seconds: number },
): Promise<WriteStats> {
  await session.get('/staff/globen/helginsats/ny');
  const latencies: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  const interval = 1000 / options.perSecond;
  const end = performance.now() + options.seconds * 1000;
  for (let next = performance.now(); next < end; next += interval) {
    await sleep(Math.max(0, next - performance.now()));
    pending.push(
      postOne(session).then(
        (ms) => {
          if (ms === undefined) errors++;
          else latencies.push(ms);
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return {
    sent: pending.length,
    acknowledged: latencies.length,
    errors,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

/** Milliseconds to the 303, or undefined for any other answer. */
async function postOne(session: HttpStaffSession): Promise<number | undefined> {
  const started = performance.now();
  const res = await session.post('/staff/globen/helginsats', {
    submission_id: randomUUID(),
    start_date: addDays(stockholmDate(new Date()), -1),
    start_time: '21:00',
    end_time: '02:00',
    officers: '4',
    places: ['gullmarsplan'],
    premises_inspected: '2',
    youth_contacts: '10',
    note: 'Belastningstest',
  });
  return res.status === 303 ? performance.now() - started : undefined;
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
