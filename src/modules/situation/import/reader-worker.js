// Starts the reader's worker thread: a worker does not inherit the TypeScript loader of the thread that
// starts it, so it registers tsx itself, as bin/medborgarlofte.js does.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url)) });
await import('./reader-thread.ts');
