// The reader's worker thread (bundled and started by reader-client.ts): reads one file at a time into batches,
// each on request, so it reads the next batch while the importer writes the last one, and no further.
import { parentPort, workerData } from 'node:worker_threads';
import { EventReader, type FileEnd, type FileJob, type ReadBatch, type ReaderSetup } from './reader.ts';

/** From the importer: start a file (its first batch), or the next batch of the file. */
export type ToReader = { type: 'read'; job: FileJob } | { type: 'next' };

export type FromReader =
  | { type: 'bytes'; bytes: number }
  | { type: 'batch'; batch: ReadBatch }
  | { type: 'end'; end: FileEnd }
  | { type: 'failed'; error: unknown };

const port = parentPort;
if (!port) throw new Error('reader-thread.ts runs as a worker thread');
const setup = workerData as ReaderSetup;
const reader = new EventReader(setup);
let reading: AsyncGenerator<ReadBatch, FileEnd> | undefined;

const post = (message: FromReader, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', async (message: ToReader) => {
  try {
    if (message.type === 'read')
      reading = reader.read(message.job, (bytes) => post({ type: 'bytes', bytes }));
    if (!reading) throw new Error('no file is being read');
    const next = await reading.next();
    if (next.done) {
      reading = undefined;
      post({ type: 'end', end: next.value });
      return;
    }
    const batch = next.value;
    // Moved, not copied: the rows are most of a batch's bytes.
    post({ type: 'batch', batch }, [batch.rows, batch.records, batch.lines, batch.bytes].map(buffer));
  } catch (error) {
    post({ type: 'failed', error });
  }
});

function buffer(array: Uint8Array | Float64Array): ArrayBuffer {
  return array.buffer as ArrayBuffer;
}
