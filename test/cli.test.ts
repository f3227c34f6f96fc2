// The `medborgarlofte` command as an administrator uses it, on its own data folder (or a fresh
// PostgreSQL database when TEST_DATABASE_URL is set).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
