// `medborgarlofte db backup|restore`: a whole-database copy in one file.
// PGlite: the data folder as PGlite dumps it (a gzipped tar of PGDATA), restored into a fresh folder.
// PostgreSQL: pg_dump's custom format, restored with pg_restore into the database of DATABASE_URL.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { lockFolder } from './folder-lock.ts';

const DATE_OID = 1082;

export interface BackupTarget {
  /** postgres://…: back up or restore that database with pg_dump / pg_restore. */
  databaseUrl?: string | undefined;
  /** The PGlite data folder (DATA_DIR/pglite); used when databaseUrl is unset. */
  pgliteDir: string;
}

export interface BackupResult {
  kind: 'pglite' | 'postgres';
  file: string;
  bytes: number;
}

export interface RestoreResult {
  kind: 'pglite' | 'postgres';
  /** PGlite with --force: where the previous data folder was moved. */
  movedAside?: string;
}

/** A backup or restore that cannot go ahead; the message says why and what to do. */
export class BackupError extends Error {}

export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupResult> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  if (target.databaseUrl) {
    const connection = splitPassword(target.databaseUrl);
    await runTool(
      'pg_dump',
      ['--format=custom', '--no-owner', '--file', file, connection.url],
      connection.password,
    );
    return { kind: 'postgres', file, bytes: statSync(file).size };
  }
  if (!isNonEmptyDir(target.pgliteDir))
    throw new BackupError(`there is no database in ${target.pgliteDir} to back up`);
  // A copy of a folder another process writes to would be a copy of half-written pages.
  const lock = lockFolder(target.pgliteDir);
  try {
    const pglite = await openPglite(target.pgliteDir);
    try {
      const dump = await pglite.dumpDataDir('gzip');
      const bytes = new Uint8Array(await dump.arrayBuffer());
      await writeFile(file, bytes);
      return { kind: 'pglite', file, bytes: bytes.byteLength };
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

export async function restoreDatabase(
  target: BackupTarget,
  file: string,
  options: { force?: boolean; now?: Date } = {},
): Promise<RestoreResult> {
  checkReadable(file);
  if (target.databaseUrl) {
    if (!(await startsWith(file, 'PGDMP')))
      throw new BackupError(`${file} is not a PostgreSQL backup (made by "db backup" with DATABASE_URL set)`);
    const connection = splitPassword(target.databaseUrl);
    // One transaction: a restore that fails half-way leaves the database as it was.
    await runTool(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', connection.url, file],
      connection.password,
    );
    return { kind: 'postgres' };
  }
  const tarball = await readFile(file);
  checkPgliteDump(file, tarball);
  const dir = path.resolve(target.pgliteDir);
  await mkdir(path.dirname(dir), { recursive: true });
  // The folder is replaced: not under a server that has it open.
  const lock = lockFolder(dir);
  try {
    return await restorePglite(dir, file, tarball, options);
  } finally {
    lock.release();
  }
}

async function restorePglite(
  dir: string,
  file: string,
  tarball: Buffer,
  options: { force?: boolean; now?: Date },
): Promise<RestoreResult> {
  const occupied = isNonEmptyDir(dir);
  if (occupied && !options.force)
    throw new BackupError(
      `${dir} already holds a database; stop the server and add --force to replace it (the old folder is kept)`,
    );
  // Restore beside the target first, so a dump PGlite cannot start from leaves the target untouched.
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const staging = `${dir}.restoring-${stamp}`;
  try {
    const pglite = await openPglite(staging, new Blob([new Uint8Array(tarball)]));
    try {
      await pglite.query('select count(*) from pg_catalog.pg_tables');
    } finally {
      await pglite.close();
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new BackupError(`${file} could not be restored: ${(error as Error).message}`);
  }
  let movedAside: string | undefined;
  if (existsSync(dir)) {
    if (occupied) {
      movedAside = `${dir}.before-restore-${stamp}`;
      renameSync(dir, movedAside);
    } else {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  renameSync(staging, dir);
  return movedAside ? { kind: 'pglite', movedAside } : { kind: 'pglite' };
}

async function openPglite(dir: string, loadDataDir?: Blob): Promise<PGlite> {
  const pglite = new PGlite(dir, {
    parsers: { [DATE_OID]: (value: string) => value },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  await pglite.waitReady;
  return pglite;
}

function isNonEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

function checkReadable(file: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
    accessSync(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError(
      code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file}: ${(error as Error).message}`,
    );
  }
  if (!isFile) throw new BackupError(`${file} is not a file`);
}

async function startsWith(file: string, magic: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(magic.length);
    const { bytesRead } = await handle.read(buffer, 0, magic.length, 0);
    return bytesRead === magic.length && buffer.toString('latin1') === magic;
  } finally {
    await handle.close();
  }
}

/** A PGlite dump is a (gzipped) tar of a PostgreSQL data folder: it has a PG_VERSION file. */
function checkPgliteDump(file: string, bytes: Buffer): void {
  const notADump = new BackupError(
    `${file} is not a PGlite backup (made by "db backup" without DATABASE_URL)`,
  );
  let tar: Buffer;
  try {
    tar = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  } catch {
    throw notADump;
  }
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    if (header.subarray(257, 262).toString('latin1') !== 'ustar') throw notADump;
    const name = cString(header.subarray(0, 100));
    const prefix = cString(header.subarray(345, 500));
    const size = Number.parseInt(cString(header.subarray(124, 136)).trim() || '0', 8);
    if (!Number.isFinite(size)) throw notADump;
    if (`${prefix}/${name}`.split('/').at(-1) === 'PG_VERSION') return;
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw notADump;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}

/** The password goes to the tool through PGPASSWORD, so it does not show in the process list. */
function splitPassword(databaseUrl: string): { url: string; password: string | undefined } {
  const url = new URL(databaseUrl);
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.password = '';
  return { url: url.toString(), password };
}

/** pg_dump / pg_restore on PATH, else the newest in /usr/lib/postgresql/<version>/bin. */
export function findPostgresTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  for (const version of versions) {
    const candidate = path.join(root, version, 'bin', name);
    if (isExecutable(candidate)) return candidate;
  }
  throw new BackupError(
    `${name} was not found on PATH or in ${root}/*/bin; install the PostgreSQL client tools (e.g. postgresql-client)`,
  );
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

async function runTool(
  name: 'pg_dump' | 'pg_restore',
  args: string[],
  password: string | undefined,
): Promise<void> {
  const binary = findPostgresTool(name);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password !== undefined) env.PGPASSWORD = password;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => reject(new BackupError(`could not run ${binary}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${name} failed (exit code ${code}): ${stderr.trim() || 'no message'}`));
    });
  });
}
