// The `medborgarlofte` command as an administrator uses it, on its own data folder (or a fresh
// PostgreSQL database when TEST_DATABASE_URL is set).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

const run = promisify(execFile);
let dir: string;
let database: TestDatabase | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mbl-cli-'));
  if (process.env.TEST_DATABASE_URL) database = await createTestDatabase();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database?.close();
});

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, 'data') };
  if (database?.url) env.DATABASE_URL = database.url;
  return runIn(env, args);
}

async function runIn(env: NodeJS.ProcessEnv, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/medborgarlofte.js', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('medborgarlofte', () => {
  it('imports the areas, then a promise, and says what it did', async () => {
    const areas = await cli('areas', 'import');
    expect(areas.stdout).toContain('Imported 3 police areas, 5 district areas, 117 districts.');
    const first = await cli('promise', 'import', 'seed/promises/globen-2026.json');
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('Imported the promise of globen for 2026.');
    const again = await cli('promise', 'import', 'seed/promises/globen-2026.json');
    expect(again.stdout).toContain('Updated the promise of globen for 2026.');
  });

  it('rejects a bad promise file with the field and the reason, and exit code 1', async () => {
    const doc = JSON.parse(readFileSync('seed/promises/globen-2026.json', 'utf8'));
    doc.commitments[0].targets[0].minIntervals = -4;
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(doc));
    const result = await cli('promise', 'import', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('commitments[0].targets[0]');
  });

  it('rejects a file that is not JSON', async () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{"lpo": "globen",');
    const result = await cli('promise', 'import', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not valid JSON/);
  });

  it('prints the promise JSON Schema', async () => {
    const result = await cli('promise', 'schema');
    expect(JSON.parse(result.stdout).title).toBe('Medborgarlöfte');
  });
});

// Whatever TEST_DATABASE_URL says: the lock is the embedded database's.
describe('the embedded database, one process at a time', () => {
  const dataDir = () => path.join(dir, 'embedded');
  const pgliteDir = () => path.join(dataDir(), 'pglite');
  const embedded = (...args: string[]) => {
    const { DATABASE_URL: _unused, ...env } = process.env;
    return runIn({ ...env, DATA_DIR: dataDir() }, args);
  };

  it('refuses a command while another process has the folder open, and runs once it is closed', async () => {
    const handle = openDatabase({ pgliteDir: pgliteDir() });
    await handle.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    const backupFile = path.join(dir, 'while-open.tar.gz');
    try {
      for (const args of [
        ['import', 'events', 'seed/events/polisen_events_stockholm.json'],
        ['db', 'backup', backupFile],
        ['areas', 'import'],
      ]) {
        const refused = await embedded(...args);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`is in use by process ${process.pid} on ${hostname()}`);
        expect(refused.stderr).toContain('stop that process first');
      }
      expect(existsSync(backupFile)).toBe(false);
    } finally {
      await handle.db.destroy();
    }
    expect(existsSync(`${pgliteDir()}.lock`)).toBe(false);
    const areas = await embedded('areas', 'import');
    expect(areas).toMatchObject({ code: 0 });
    expect(existsSync(`${pgliteDir()}.lock`)).toBe(false);
  });

  it('takes over the lock of a process that is gone (killed, crashed)', async () => {
    const gone = await run(process.execPath, ['-e', 'console.log(process.pid)']);
    const pid = Number(gone.stdout.trim());
    const lock = {
      pid,
      host: hostname(),
      command: 'bin/medborgarlofte.js serve',
      since: '2026-11-26T06:00:00Z',
    };
    writeFileSync(`${pgliteDir()}.lock`, JSON.stringify(lock));
    const areas = await embedded('areas', 'import');
    expect(areas).toMatchObject({ code: 0 });
    expect(existsSync(`${pgliteDir()}.lock`)).toBe(false);
  });
});
