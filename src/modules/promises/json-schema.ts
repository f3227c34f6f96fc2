import { PromiseFile } from './schema.ts';

/** The published JSON Schema of the promise file format (served, printed by the CLI, and in schemas/). */
export function promiseJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...JSON.parse(JSON.stringify(PromiseFile)),
  };
}
