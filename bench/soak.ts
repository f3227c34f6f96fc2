// The soak (`npm run bench:soak`): the app under steady mixed load for BENCH_SOAK_MINUTES (default 10):
// public page reads at full tilt (autocannon, its own process and core), a staff member posting shifts
// and opening the staff page, while the server's RSS is sampled from outside every few seconds. Memory
// should stay flat: reports start, end, max and the slope, and writes bench/SOAK.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpStaffSession } from '../test/helpers/server-child.ts';
import { PINNING, readMemory, startLoader, startServer } from './children.ts';
import { copyPgliteDir, prepareDatabase } from './prepare.ts';
import { table } from './report.ts';
import { postShifts, type WriteStats } from './writes.ts';

const SOAK_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'SOAK.md');
const SAMPLE_SECONDS = 5;
/** Start-up and the first caches settle in this long; the slope is fitted after it. */
const SETTLE_SECONDS = 60;

interface Sample {
  seconds: number;
  rssMiB: number;
}

async function main(): Promise<void> {
  const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new Error('BENCH_SOAK_MINUTES must be a positive number');
  const seconds = Math.round(minutes * 60);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mbl-soak-'));
  const loader = startLoader();
  const stops: { stop(): Promise<void> }[] = [loader];
  try {
    console.log('Preparing a PGlite data folder…');
    const template = path.join(dir, 'template');
    const login = await prepareDatabase({ pgliteDir: template });
    const app = await startServer('app', {
      BENCH_PGLITE_DIR: copyPgliteDir(template, path.join(dir, 'app')),
    });
    stops.push(app);
    const staff = new HttpStaffSession(app.origin);
    await staff.signIn(login.email, login.password, login.totpSecret);
    const started = performance.now();
    const samples: Sample[] = [];
    const sample = () => {
      const rssMiB = readMemory(app.pid).rssKiB / 1024;
      samples.push({ seconds: (performance.now() - started) / 1000, rssMiB });
    };
    sample();
    const sampler = setInterval(sample, SAMPLE_SECONDS * 1000);
    console.log(`Soaking for ${minutes} min (RSS every ${SAMPLE_SECONDS} s)…`);
    const [reads, writes, staffReads] = await Promise.all([
      loader.load({
        url: `${app.origin}/lpo/globen`,
        headers: {},
        connections: 50,
        // The soak measures memory from the start: no warm-up.
        warmupSeconds: 0,
        seconds,
        expectStatus: 200,
      }),
      postShifts(staff, { perSecond: 2, seconds }),
      readStaffPages(staff, { perSecond: 5, seconds }),
    ]);
    clearInterval(sampler);
    sample();
    const peakMiB = readMemory(app.pid).peakKiB / 1024;
    const report = renderSoak({ minutes, samples, peakMiB, reads, writes, staffReads });
    writeFileSync(SOAK_PATH, report);
    console.log(`\n${report}`);
    console.log(`Wrote ${path.relative(process.cwd(), SOAK_PATH)}`);
  } finally {
    for (const child of stops.reverse()) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function readStaffPages(
  staff: HttpStaffSession,
  options: { perSecond: number; seconds: number },
): Promise<{ requests: number; errors: number }> {
  let requests = 0;
  let errors = 0;
  const end = performance.now() + options.seconds * 1000;
  while (performance.now() < end) {
    const res = await staff.get('/staff/globen/helginsats').catch(() => undefined);
    requests++;
    if (res?.status !== 200) errors++;
    await new Promise((resolve) => setTimeout(resolve, 1000 / options.perSecond));
  }
  return { requests, errors };
}

/** Least-squares slope of RSS over time, in MiB per minute. */
export function slopePerMinute(samples: Sample[]): number {
  const n = samples.length;
  if (n < 2) return Number.NaN;
  const meanX = samples.reduce((s, p) => s + p.seconds, 0) / n;
  const meanY = samples.reduce((s, p) => s + p.rssMiB, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of samples) {
    num += (p.seconds - meanX) * (p.rssMiB - meanY);
    den += (p.seconds - meanX) ** 2;
  }
  return den === 0 ? Number.NaN : (num / den) * 60;
}

function renderSoak(input: {
  minutes: number;
  samples: Sample[];
  peakMiB: number;
  reads: { requests: number; reqPerSec: number; p99Ms: number; errors: number };
  writes: WriteStats;
  staffReads: { requests: number; errors: number };
}): string {
  const { samples } = input;
  const first = samples[0];
  const last = samples.at(-1);
  const settled = samples.filter((s) => s.seconds >= Math.min(SETTLE_SECONDS, (last?.seconds ?? 0) / 2));
  const max = Math.max(...samples.map((s) => s.rssMiB));
  const slope = slopePerMinute(settled);
  const lines = [
    '# Soak results',
    '',
    'Written by `npm run bench:soak` (bench/soak.ts). Do not edit by hand; run it again.',
    '',
    `- Date: ${new Date().toISOString()}; ${os.availableParallelism()} cores; Node ${process.version}; load average ` +
      `${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(' / ')}`,
    `- Command: \`${process.env.BENCH_SOAK_MINUTES ? `BENCH_SOAK_MINUTES=${process.env.BENCH_SOAK_MINUTES} ` : ''}npm run bench:soak\``,
    `- ${input.minutes} min: autocannon reading /lpo/globen with 50 connections (own process${PINNING ? ', core 1; server on core 0' : ''}), ` +
      'one officer posting 2 shifts a second (each clears the public page cache) and opening the staff page 5 times a second.',
    `- The app on PGlite on disk; RSS of the server process read from /proc every ${SAMPLE_SECONDS} s.`,
    '',
    ...table(
      ['Measure', 'Value'],
      [
        ['RSS at start MiB', first?.rssMiB.toFixed(1) ?? ''],
        ['RSS at end MiB', last?.rssMiB.toFixed(1) ?? ''],
        ['RSS max sampled MiB', max.toFixed(1)],
        ['Peak (VmHWM) MiB', input.peakMiB.toFixed(1)],
        [`Slope after ${SETTLE_SECONDS} s, MiB/min`, slope.toFixed(2)],
        [
          'Public reads (req/s, p99 ms, errors)',
          `${input.reads.requests} (${Math.round(input.reads.reqPerSec)}, ${input.reads.p99Ms}, ${input.reads.errors})`,
        ],
        [
          'Shifts posted (acknowledged, errors)',
          `${input.writes.sent} (${input.writes.acknowledged}, ${input.writes.errors})`,
        ],
        ['Staff page reads (errors)', `${input.staffReads.requests} (${input.staffReads.errors})`],
      ],
    ),
    '',
    'RSS over time (MiB):',
    '',
    '```',
    ...samples
      .filter((_s, i) => i % Math.max(1, Math.round(samples.length / 20)) === 0 || i === samples.length - 1)
      .map((s) => `${s.seconds.toFixed(0).padStart(5)} s  ${s.rssMiB.toFixed(1)}`),
    '```',
    '',
  ];
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
