// A PostgreSQL database for the benchmark: a fresh database on BENCH_DATABASE_URL's server, or a throwaway
// cluster (initdb + pg_ctl as the postgres user, as .ci/run does) when the server binaries are installed.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../test/helpers/server-child.ts';

const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface BenchPostgres {
  /** The server, for `create database` (and H1's situation bench). */
  serverUrl: string;
  /** A fresh database on it for the app. */
  databaseUrl: string;
  /** How it was obtained, for RESULTS.md. */
  describe: string;
  /** PIDs of the server's processes, to read their memory. */
  serverPids(): number[];
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<BenchPostgres | undefined> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return withDatabase(given, 'BENCH_DATABASE_URL', async () => {});
  if (!existsSync(path.join(PG_BIN, 'initdb'))) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'mbl-bench-pg-'));
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  const port = await freePort();
  const data = path.join(dir, 'data');
  const asPostgres = (command: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, command), ...args], {
      cwd: dir,
      stdio: 'ignore',
      timeout: 120_000,
    });
  asPostgres('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C.UTF-8']);
  asPostgres('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-k /tmp -p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    'start',
  ]);
  return withDatabase(
    `postgres://postgres@127.0.0.1:${port}/postgres`,
    'a throwaway PostgreSQL 15 cluster',
    async () => {
      asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  );
}

async function withDatabase(
  serverUrl: string,
  describe: string,
  stopServer: () => Promise<void>,
): Promise<BenchPostgres> {
  const name = `mbl_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const version =
    (await admin.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? '?';
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    serverUrl,
    databaseUrl: url.toString(),
    describe: `${describe} (server ${version})`,
    serverPids: () => postgresPids(url.port),
    async stop() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      await stopServer();
    },
  };
}

/** The postmaster listening on the port and its children (backends, writer, checkpointer…), from ps. */
function postgresPids(port: string): number[] {
  const lines = execFileSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' }).split('\n');
  // pid, ppid, then the whole command line (split's limit would drop its rest).
  const rows = lines.flatMap((l) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l);
    return m ? [[m[1], m[2], m[3]]] : [];
  });
  const master = rows.find((r) => /postgres/.test(r[2] ?? '') && (r[2] ?? '').includes(`-p ${port}`));
  if (!master) return [];
  return [Number(master[0]), ...rows.filter((r) => r[1] === master[0]).map((r) => Number(r[0]))];
}
