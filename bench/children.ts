// Starting the server under test as a child process, reading its memory from outside, and stopping it.
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadFailure, LoadRequest, LoadResult, ServerMessage, ServerMode } from './protocol.ts';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH_DIR);
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ServerChild {
  mode: ServerMode;
  pid: number;
  origin: string;
  stop(): Promise<void>;
}

/** Every child still running: killed (SIGKILL, by pid) if the benchmark exits without stopping them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) if (child.pid !== undefined) killQuietly(child.pid, 'SIGKILL');
});
// A signal's default action skips 'exit' handlers: exit explicitly so the children are killed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/**
 * Which core each side gets: with two or more cores and taskset, servers on core 0 and the load generator
 * on core 1, so neither takes the other's CPU; otherwise (one core, no taskset) unpinned.
 */
export const PINNING = pinningPlan();

function pinningPlan(): { server: string; loader: string } | undefined {
  if (os.availableParallelism() < 2) return undefined;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return { server: '0', loader: '1' };
  } catch {
    return undefined;
  }
}

/** Pins every thread of the process to the cores (threads it starts later inherit it). */
function pin(pid: number, cores: string | undefined): void {
  if (cores !== undefined) execFileSync('taskset', ['-a', '-pc', cores, String(pid)], { stdio: 'ignore' });
}

export async function startServer(mode: ServerMode, env: Record<string, string> = {}): Promise<ServerChild> {
  const child = fork(path.join(BENCH_DIR, 'server.ts'), [mode], {
    cwd: ROOT,
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp'] : []),
    ],
    env: { ...process.env, ...env },
    // stdout (request logs when BENCH_LOG_LEVEL is set) is discarded; errors still show.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start the ${mode} server`);
  try {
    pin(pid, PINNING?.server);
    const port = await waitForPort(child, mode);
    return { mode, pid, origin: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

export interface Loader {
  pid: number;
  load(request: Omit<LoadRequest, 'type' | 'id'>): Promise<LoadResult>;
  stop(): Promise<void>;
}

/** The autocannon child (bench/loader.ts), pinned to its own core. */
export function startLoader(): Loader {
  const child = fork(path.join(BENCH_DIR, 'loader.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const pid = child.pid;
  if (pid === undefined) throw new Error('Could not start the load generator');
  pin(pid, PINNING?.loader);
  let next = 0;
  return {
    pid,
    load(request) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        const onMessage = (message: LoadResult | LoadFailure) => {
          if (message.id !== id) return;
          child.off('message', onMessage);
          if (message.type === 'result') resolve(message);
          else reject(new Error(`load generator: ${message.message}`));
        };
        child.on('message', onMessage);
        child.send({ type: 'load', id, ...request } satisfies LoadRequest);
      });
    },
    stop: () => stopChild(child),
  };
}

function waitForPort(child: ChildProcess, mode: ServerMode): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`The ${mode} server did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const onMessage = (message: ServerMessage) => {
      if (message.type !== 'listening') return;
      cleanup();
      resolve(message.port);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`The ${mode} server exited before listening (code ${code}, signal ${signal})`));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** SIGTERM by pid, then SIGKILL if it has not exited within STOP_TIMEOUT_MS. */
async function stopChild(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  killQuietly(pid, 'SIGTERM');
  if (!(await exited)) killQuietly(pid, 'SIGKILL');
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

export interface Memory {
  /** Resident set size now, in KiB. */
  rssKiB: number;
  /** Peak resident set size so far (VmHWM), in KiB. */
  peakKiB: number;
}

/** The memory of a process as its kernel reports it (/proc/<pid>/status), so from outside the process. */
export function readMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match?.[1]) throw new Error(`No ${name} in /proc/${pid}/status`);
    return Number(match[1]);
  };
  return { rssKiB: field('VmRSS'), peakKiB: field('VmHWM') };
}

let clockTicks: number | undefined;

/** CPU time (user + system, all threads) a process has used so far, in milliseconds, from /proc/<pid>/stat. */
export function readCpuMs(pid: number): number {
  clockTicks ??= ticksPerSecond();
  const fields = statFields(pid);
  if (!fields) throw new Error(`No /proc/${pid}/stat`);
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/**
 * CPU time of a PostgreSQL server on this machine so far, in milliseconds: the postmaster's own and its
 * exited children's (reaped), and that of every live child (backends, WAL writer, checkpointer…).
 */
export function readServerCpuMs(postmasterPid: number): number {
  clockTicks ??= ticksPerSecond();
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (!fields) continue;
    if (Number(entry) === postmasterPid)
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    else if (Number(fields[1]) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / clockTicks;
}

/** The parent of a process, or undefined when it cannot be read (not on this machine, or gone). */
export function parentPid(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}

/**
 * The fields of /proc/<pid>/stat after the command name, which is in parentheses and may hold spaces:
 * state is [0], ppid [1], utime and stime [11] and [12], the reaped children's cutime and cstime [13], [14].
 */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function ticksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5000 }).trim());
    if (Number.isInteger(value) && value > 0) return value;
  } catch {
    // Fall through to Linux's usual value.
  }
  return 100;
}
