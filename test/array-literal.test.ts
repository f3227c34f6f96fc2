// Array literals the importer sends as one parameter (the rollup rows of a batch) read back as the same
// values in PostgreSQL, whatever the strings hold.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayLiteral } from '../src/db/array-literal.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function readBack<T>(literal: string, type: 'text' | 'int'): Promise<T[]> {
  const result = await sql<{ values: T[] }>`select ${literal}::${sql.raw(type)}[] as values`.execute(
    database.db,
  );
  return result.rows[0]?.values ?? [];
}

describe('arrayLiteral', () => {
  it('reads back as the same strings, quotes, backslashes, commas, braces and NULL included', async () => {
    // PostgreSQL's text holds any character but NUL.
    const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes('\u0000'));
    const special = fc.constantFrom('NULL', '', ' ', '"', '\\', ',', '{}', 'Rån, försök', 'a"b\\c');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(text, special), { maxLength: 20 }), async (values) => {
        expect(await readBack<string>(arrayLiteral(values), 'text')).toEqual(values);
      }),
      { numRuns: 60 },
    );
  });

  it('reads back as the same whole numbers', async () => {
    const values = [0, -1, 2_147_483_647, -2_147_483_648, 42];
    expect(await readBack<number>(arrayLiteral(values), 'int')).toEqual(values);
    expect(await readBack<number>(arrayLiteral([]), 'int')).toEqual([]);
  });
});
