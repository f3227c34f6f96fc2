// `medborgarlofte import events` as an administrator runs it: summaries, exit codes, and a run killed
// with SIGKILL half-way that the next run finishes (on its own data folder, or a fresh PostgreSQL
// database when TEST_DATABASE_URL is set).
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

const run = promisify(execFile);
let dir: string;
let database: TestDatabase | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mbl-import-cli-'));
  if (process.env.TEST_DATABASE_URL) database = await createTestDatabase();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database?.close();
});

function env(): NodeJS.ProcessEnv {
  const vars: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, 'data') };
  if (database?.url) vars.DATABASE_URL = database.url;
  return vars;
}

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/medborgarlofte.js', ...args], {
      env: env(),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Ids of the generated events stored, read with the CLI stopped (PGlite allows one process at a time). */
async function storedIds(): Promise<string[]> {
  const handle = openDatabase(
    database?.url ? { databaseUrl: database.url } : { pgliteDir: path.join(dir, 'data', 'pglite') },
  );
  try {
    const rows = await handle.db
      .selectFrom('event')
      .select('source_id')
      .where('source_id', 'like', '90_____')
      .execute();
    return rows.map((r) => r.source_id);
  } finally {
    await handle.db.destroy();
  }
}

describe('medborgarlofte import events', () => {
  it('imports a folder, lists each skipped record on stderr and exits 1; a second run adds nothing', async () => {
    const folder = path.join(dir, 'events');
    cpSync('test/fixtures/events', folder, { recursive: true });
    const first = await cli('import', 'events', folder);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(
      'brottsplatskartan-mango.json: record #2, line 26, byte 1668, id 152074: skipped: pubdate_iso8601',
    );
    expect(first.stdout).toContain('brottsplatskartan-mango.json (brottsplatskartan): read 23, inserted 22');
    expect(first.stdout).toMatch(
      /polisen-stockholm-slice\.json \(polisen\): read 82, inserted \d+, updated \d+/,
    );
    expect(first.stdout).toMatch(/^Total: read 153, /m);
    const second = await cli('import', 'events', path.join(folder, 'polisen-stockholm-slice.json'));
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toContain('read 82, inserted 0, updated 0, unchanged 82, skipped 0');
    // Not a terminal: no progress bar on stderr.
    expect(second.stderr).toBe('');
  });

  it('exits 2 on usage errors, and documents the CSV header in --help', async () => {
    expect((await cli('import', 'events', path.join(dir, 'no-such-file.json'))).code).toBe(2);
    expect((await cli('import', 'events', '--format', 'xml', 'x.json')).code).toBe(2);
    const help = await cli('import', 'events', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('occurred_at,type,lat,lng,place,title,summary,id');
  });

  it('finishes the job after the import is killed half-way: every record is stored once', async () => {
    const records = Array.from({ length: 20_000 }, (_, i) => ({
      id: 9_000_000 + i,
      datetime: `2026-0${1 + (i % 9)}-1${i % 10} ${i % 24}:15:00 +01:00`,
      name: `1${i % 10} januari 00.10, Misshandel, Stockholm`,
      summary: `Händelse ${i} i Årsta.`,
      url: `/aktuellt/handelser/${i}/`,
      type: i === 1 ? 17 : 'Misshandel',
      location: { name: 'Stockholm', gps: '59.329324,18.068581' },
    }));
    const file = path.join(dir, 'many.json');
    writeFileSync(file, JSON.stringify(records, null, 1));

    const child = spawn(
      process.execPath,
      ['bin/medborgarlofte.js', 'import', 'events', '--batch-size', '500', file],
      {
        env: env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    // The bad record #2 is reported when it is read: the import is running. Let it commit some batches.
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('record #2')) resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGKILL');
    await exited;
    const committed = (await storedIds()).length;

    const rerun = await cli('import', 'events', '--batch-size', '500', file);
    // The bad record #2 went by in the first batch: once that batch is committed, it is not read again.
    expect(rerun.code).toBe(committed > 0 ? 0 : 1);
    if (committed > 0 && committed < 19_999) expect(rerun.stdout).toContain('resumed after record #');
    const ids = await storedIds();
    expect(ids).toHaveLength(19_999);
    expect(new Set(ids).size).toBe(19_999);
    expect(ids).not.toContain('9000001');
  }, 180_000);
});
