// Kill -9 while staff write: the real server and the import command, killed at seeded random moments and
// started again, lose no acknowledged write and leave nothing half-written (see helpers/crash.ts).
// CRASH_CYCLES=50 CRASH_SEED=7 npx vitest run test/crash.test.ts runs longer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CrashReport, runCrashCycles, total } from './helpers/crash.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 5);
const SEED = Number(process.env.CRASH_SEED ?? 20261125);
/** Generous: a restart takes a few seconds, more on a busy CI machine. */
const TIMEOUT_MS = 60_000 + CYCLES * 30_000;

const dataDirs: string[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  for (const database of databases) await database.close();
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mbl-crash-'));
  dataDirs.push(dir);
  return dir;
}

function summary(report: CrashReport): string {
  const a = report.acknowledged;
  const c = report.cutOff;
  return [
    `crash safety (${report.backend}, seed ${SEED}): ${report.cycles} kill cycles`,
    `  acknowledged: ${total(a)} (shifts ${a.shift}, observations ${a.observation}, status changes ${a.status}, promise imports ${a.import}, event imports ${a.events})`,
    `  cut off by a kill: ${total(c)} (shifts ${c.shift}, observations ${c.observation}, status changes ${c.status}, promise imports ${c.import}, event imports ${c.events}); ${report.committedUnacknowledged} shifts/observations of them committed anyway`,
    `  lost: ${report.lost.length}, duplicated: ${report.duplicated.length}, half-written: ${report.halfWritten.length}`,
    `  restart to listening: ${report.restartMs.join(', ')} ms`,
  ].join('\n');
}

function expectNothingLost(report: CrashReport): void {
  console.log(summary(report));
  expect(report.cycles).toBe(CYCLES);
  expect(report.lost).toEqual([]);
  expect(report.duplicated).toEqual([]);
  expect(report.halfWritten).toEqual([]);
  // The run proves something only if writes of each kind were acknowledged and kills cut some off.
  expect(report.acknowledged.shift).toBeGreaterThan(0);
  expect(report.acknowledged.observation).toBeGreaterThan(0);
  expect(report.acknowledged.status).toBeGreaterThan(0);
  expect(total(report.cutOff)).toBeGreaterThan(0);
}

// Each backend in its own pass of the suite (CI runs it once on PGlite and once with TEST_DATABASE_URL).
describe('killing the server with SIGKILL while staff write', () => {
  if (!process.env.TEST_DATABASE_URL) {
    it(
      'loses no acknowledged write on PGlite on disk, and the data opens after every kill',
      async () => {
        const report = await runCrashCycles({ target: { dataDir: dataDir() }, cycles: CYCLES, seed: SEED });
        expectNothingLost(report);
      },
      TIMEOUT_MS,
    );
  } else {
    it(
      'loses no acknowledged write on PostgreSQL, with the import running beside the server',
      async () => {
        const database = await createTestDatabase();
        databases.push(database);
        const report = await runCrashCycles({
          target: { dataDir: dataDir(), databaseUrl: database.url },
          cycles: CYCLES,
          seed: SEED,
        });
        expectNothingLost(report);
      },
      TIMEOUT_MS,
    );
  }
});
