#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so there is no build step between `npm ci` and `npm start`.
// The tsconfig is named explicitly: the command may run from any folder, and JSX needs its settings.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
