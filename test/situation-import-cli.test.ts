// `medborgarlofte import events` as an administrator runs it: summaries, exit codes, and a run killed
// with SIGKILL half-way that the next run finishes (on its own data folder, or a fresh PostgreSQL
// database when TEST_DATABASE_URL is set).
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.ts';
import { READER_THREAD_BYTES } from '../src/modules/situation/import/importer.ts';
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
    // Two bad records: #2 in the first batch, #12000 well inside the file. Reading runs at most a batch or
    // two ahead of the commits, so when #12000 is reported, earlier batches are committed and later
    // records are still to come: the kill lands half-way however fast the machine is.
    const records = Array.from({ length: 20_000 }, (_, i) => ({
      id: 9_000_000 + i,
      datetime: `2026-0${1 + (i % 9)}-1${i % 10} ${i % 24}:15:00 +01:00`,
      name: `1${i % 10} januari 00.10, Misshandel, Stockholm`,
      summary: `Händelse ${i} i Årsta.`,
      url: `/aktuellt/handelser/${i}/`,
      type: i === 1 || i === 11_999 ? 17 : 'Misshandel',
      location: { name: 'Stockholm', gps: '59.329324,18.068581' },
    }));
    const file = path.join(dir, 'many.json');
    writeFileSync(file, JSON.stringify(records, null, 1));
    // Large enough to be read in the worker thread, as real bulk loads are.
    expect(statSync(file).size).toBeGreaterThan(READER_THREAD_BYTES);

    const child = spawn(
      process.execPath,
      ['bin/medborgarlofte.js', 'import', 'events', '--batch-size', '500', file],
      {
        env: env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('record #12000,')) child.kill('SIGKILL');
    });
    await exited;
    const committed = await storedIds();
    expect(committed.length).toBeGreaterThan(0);
    expect(committed.length).toBeLessThan(19_998);

    const rerun = await cli('import', 'events', '--batch-size', '500', file);
    expect(rerun.stdout).toContain('resumed after record #');
    // A bad record in a committed batch is not read again; #12000 is, unless its batch got committed.
    expect(rerun.stderr).not.toContain('record #2,');
    const pastBad = committed.some((id) => Number(id) > 9_011_999);
    expect(rerun.code).toBe(pastBad ? 0 : 1);
    const ids = await storedIds();
    expect(ids).toHaveLength(19_998);
    expect(new Set(ids).size).toBe(19_998);
    expect(ids).not.toContain('9000001');
    expect(ids).not.toContain('9011999');
  }, 180_000);
});
