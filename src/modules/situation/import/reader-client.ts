// The importer's side of the reader's worker thread (reader-thread.ts): one worker per import run, files
// read one after the other, each batch asked for as the one before it arrives.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import type { BatchReader, FileEnd, FileJob, ReadBatch, ReaderSetup } from './reader.ts';
import type { FromReader } from './reader-thread.ts';

let threadCode: Promise<string> | undefined;

/**
 * The worker's code: reader-thread.ts and the modules it imports, bundled into one script by esbuild (as
 * tsx compiles every module with it; once per process). Loading them through tsx instead, the worker
 * registered tsx anew and asked tsx's loader thread for each of 34 modules: it read its first batch
 * 0.2 s later, with the database waiting.
 */
export function readerThreadCode(): Promise<string> {
  threadCode ??= build({
    entryPoints: [fileURLToPath(new URL('./reader-thread.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    target: 'node20',
    // A worker given code to evaluate runs it as a CommonJS script.
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  })
    .then((result) => {
      const code = result.outputFiles[0]?.text;
      if (!code) throw new Error('esbuild gave no code for the reader thread');
      return code;
    })
    .catch((error: unknown) => {
      // Tried again by the next import, not failed for the rest of the process.
      threadCode = undefined;
      throw error;
    });
  return threadCode;
}

export class ReaderClient implements BatchReader {
  private readonly worker: Worker;
  private readonly inbox: FromReader[] = [];
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private onBytes: ((bytes: number) => void) | undefined;

  /** `code`: readerThreadCode()'s. */
  constructor(setup: ReaderSetup, code: string) {
    this.worker = new Worker(code, {
      eval: true,
      workerData: setup,
      // Every record is parsed into short-lived objects: a larger young generation collects them in fewer,
      // cheaper scavenges (at 1M events 2 s less CPU in the thread and the collector's helpers).
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    this.worker.on('message', (message: FromReader) => {
      if (message.type === 'bytes') this.onBytes?.(message.bytes);
      else this.deliver(message);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the reader thread stopped (exit code ${code})`)));
  }

  /** The file's batches in order; returns how the file ended. */
  async *read(job: FileJob, onBytes: (bytes: number) => void): AsyncGenerator<ReadBatch, FileEnd> {
    this.onBytes = onBytes;
    this.worker.postMessage({ type: 'read', job });
    for (;;) {
      const message = await this.receive();
      if (message.type === 'end') return message.end;
      if (message.type === 'failed') throw message.error;
      if (message.type === 'batch') {
        // Asked for now, so the worker reads the next batch while this one is written.
        this.worker.postMessage({ type: 'next' });
        yield message.batch;
      }
    }
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private deliver(message: FromReader): void {
    this.inbox.push(message);
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async receive(): Promise<FromReader> {
    for (;;) {
      const message = this.inbox.shift();
      if (message) return message;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}
