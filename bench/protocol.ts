// What bench/run.ts and its server child (bench/server.ts) share.

export type ServerMode = 'app' | 'baseline';

/** Sent by the child over IPC once it listens. */
export interface ServerMessage {
  type: 'listening';
  port: number;
}

/** The one route of the baseline server. */
export const BASELINE_PATH = '/baseline';
