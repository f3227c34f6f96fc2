// One process at a time on a PGlite folder. PGlite runs PostgreSQL inside the process, with no server to
// share the folder: a second process opening it (a CLI command beside the running server, a second server)
// would write over the first one's pages. A lock file beside the folder names the process that holds it;
// a lock whose process is gone (killed, crashed) is taken over, as PostgreSQL does with postmaster.pid.
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/** The folder is open in another process; the message names it and says what to do. */
export class DatabaseInUseError extends Error {}

export interface FolderLock {
  /** Removes the lock file, if it is still this process's. */
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

// A lock file without a holder written into it yet is being made by another process, unless it is older.
const BEING_WRITTEN_MS = 5_000;

/** Locks `dir` for this process, or throws DatabaseInUseError. */
export function lockFolder(dir: string): FolderLock {
  const file = `${path.resolve(dir)}.lock`;
  // Twice at most: once more after removing the lock of a process that is gone.
  for (let attempt = 0; attempt < 2; attempt++) {
    const created = tryCreate(file);
    if (created) return created;
    const holder = readHolder(file);
    if (holder ? isRunning(holder) : isFresh(file))
      throw new DatabaseInUseError(inUseMessage(dir, file, holder));
    rmSync(file, { force: true });
  }
  throw new DatabaseInUseError(inUseMessage(dir, file, readHolder(file)));
}

function tryCreate(file: string): FolderLock | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  const holder: Holder = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(1).join(' '),
    since: new Date().toISOString(),
  };
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  const release = () => {
    process.off('exit', release);
    if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
  };
  // A process that ends without closing the database (an error) leaves no lock behind; one killed by a
  // signal does, and the next process takes it over.
  process.on('exit', release);
  return { release };
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    if (typeof holder.pid !== 'number' || typeof holder.host !== 'string') return undefined;
    return {
      pid: holder.pid,
      host: holder.host,
      command: String(holder.command ?? ''),
      since: String(holder.since ?? ''),
    };
  } catch {
    return undefined;
  }
}

/** A process on another machine (a shared folder) cannot be checked: it counts as running. */
function isRunning(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isFresh(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < BEING_WRITTEN_MS;
  } catch {
    return false;
  }
}

function inUseMessage(dir: string, file: string, holder: Holder | undefined): string {
  const who = holder
    ? `process ${holder.pid} on ${holder.host} (${holder.command || 'unknown command'}, since ${holder.since})`
    : 'another process';
  return (
    `the embedded database in ${dir} is in use by ${who}. It serves one process at a time: stop that ` +
    `process first, or run on PostgreSQL (DATABASE_URL) to use the server and the command side by side. ` +
    `If no such process runs, remove ${file}.`
  );
}
