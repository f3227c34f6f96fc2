// `npm start` as a user runs it: the real command in a child process, on a fresh data folder (or a
// fresh PostgreSQL database when TEST_DATABASE_URL is set): start, serve, stop on SIGTERM, start again
// without loading the demo twice, and open the data again after kill -9.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

let dataDir: string;
let database: TestDatabase | undefined;
const port = 31000 + Math.floor(Math.random() * 2000);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mbl-serve-'));
  if (process.env.TEST_DATABASE_URL) database = await createTestDatabase();
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await database?.close();
});

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  if (database?.url) env.DATABASE_URL = database.url;
  const child = spawn(process.execPath, ['bin/medborgarlofte.js', 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes(`Open http://127.0.0.1:${port}/`)) {
        clearInterval(timer);
        resolve({ child, output: () => output, exited });
      }
    }, 100);
    exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

describe('medborgarlofte serve', () => {
  it('starts on a fresh database, loads the demo, serves Globen and stops cleanly on SIGTERM', async () => {
    const server = await start();
    expect(server.output()).toContain('Loaded demo data: areas, globen-promises, globen-demo-work');
    const res = await fetch(`http://127.0.0.1:${port}/lpo/globen`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Medborgarlöfte för lokalpolisområde Globen 2026');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('adds nothing on a second start', async () => {
    const server = await start();
    expect(server.output()).not.toContain('Loaded demo data');
    const lpos = (await (await fetch(`http://127.0.0.1:${port}/api/v1/lpos`)).json()) as unknown[];
    expect(lpos).toHaveLength(3);
    server.child.kill('SIGKILL');
    await server.exited;
  });

  it('opens the data again after kill -9', async () => {
    const server = await start();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/lpos/globen/promises/2026`);
    expect(res.status).toBe(200);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });
});
