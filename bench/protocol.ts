// What bench/run.ts and its children (bench/server.ts, bench/loader.ts) send each other over IPC.

export type ServerMode = 'app' | 'baseline';

/** Sent by a server child once it listens. */
export interface ServerMessage {
  type: 'listening';
  port: number;
}

/** The one route of the baseline server. */
export const BASELINE_PATH = '/baseline';

/** One autocannon run, asked of the loader child. */
export interface LoadRequest {
  type: 'load';
  id: number;
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** Load on the same connections before measuring: their set-up and the server's warm-up are not measured. */
  warmupSeconds: number;
  seconds: number;
  expectStatus: number;
  /** The server under test, whose CPU time the loader reads over the measured window. */
  serverPid?: number;
}

/** What the loader child measured. */
export interface LoadResult {
  type: 'result';
  id: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  /** Connection errors, timeouts and answers with another status than expected. */
  errors: number;
  /** CPU time the loader used during the measured window, in % of one core. */
  loaderCpuPct: number;
  /** CPU time the server used during the measured window, in % of one core (when serverPid was given). */
  serverCpuPct?: number;
}

export interface LoadFailure {
  type: 'error';
  id: number;
  message: string;
}
