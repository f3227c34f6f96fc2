// Promises as data: the shipped Globen file, 11 real promises from across Sweden, and bad input.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createAreasService } from '../src/modules/areas/service.ts';
import { promiseJsonSchema } from '../src/modules/promises/json-schema.ts';
import { createPromisesService, PromiseImportError } from '../src/modules/promises/service.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

const FIXTURES = path.resolve('test/fixtures/promises');
const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const readFixture = (file: string) =>
  JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as Record<string, unknown>;
const globen2026 = () =>
  JSON.parse(readFileSync('seed/promises/globen-2026.json', 'utf8')) as Record<string, unknown> & {
    commitments: Record<string, unknown>[];
  };

let database: TestDatabase;
let promises: ReturnType<typeof createPromisesService>;
const today = new Date('2026-11-25T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  const areas = createAreasService(database.db);
  // Every fixture's LPO as a police area without districts: how an LPO outside Stockholm starts out.
  const lpos = [...new Set(fixtureFiles.map((f) => String(readFixture(f).lpo))), 'globen'];
  await areas.importAreas(
    {
      municipality: 'Test',
      districtAreas: [],
      policeAreas: lpos.map((slug) => ({ slug, name: slug, region: 'Test', districtAreas: [] })),
    },
    JSON.parse(readFileSync('seed/areas/stockholm-stadsdelar-simplified.geo.json', 'utf8')),
  );
  promises = createPromisesService(database.db, { areas, clock: () => today, suppressionThreshold: 5 });
});
afterAll(async () => {
  await database.close();
});

describe('the 11 published promises as fixtures', () => {
  it('has all 11', () => {
    expect(fixtureFiles).toHaveLength(11);
  });

  it.each(fixtureFiles)('%s imports and its progress can be evaluated', async (file) => {
    const doc = readFixture(file);
    const result = await promises.importPromise(doc);
    expect(result.lpo).toBe(doc.lpo);
    const progress = await promises.progress(String(doc.lpo), Number(doc.year));
    expect(progress?.commitments).toHaveLength((doc.commitments as unknown[]).length);
    for (const item of progress?.commitments ?? []) {
      // A commitment without a number is shown as such: no targets, never an invented one.
      expect(item.targets).toHaveLength(item.commitment.targets.length);
      for (const tp of item.targets) expect(tp.evaluation.goal).toBeGreaterThanOrEqual(0);
    }
  });

  it('covers every kind of target the engine knows, and commitments with no number', () => {
    const rules = new Set<string>();
    let unmeasured = 0;
    for (const file of fixtureFiles) {
      for (const c of readFixture(file).commitments as { targets: { rule: string }[] }[]) {
        for (const t of c.targets) rules.add(t.rule);
        if (c.targets.length === 0) unmeasured++;
      }
    }
    expect([...rules].sort()).toEqual(
      ['count', 'max_gap', 'milestone', 'on_request', 'recurring', 'response_time', 'share'].sort(),
    );
    expect(unmeasured).toBeGreaterThan(10);
  });

  it('re-importing replaces rather than duplicates', async () => {
    const doc = readFixture('heby-2024.json');
    const again = await promises.importPromise(doc);
    expect(again.created).toBe(false);
    const rows = await database.db.selectFrom('promise').selectAll().where('year', '=', 2024).execute();
    expect(rows.filter((r) => (r.document as { lpo: string }).lpo === 'heby')).toHaveLength(1);
  });
});

describe('bad promise files', () => {
  async function errorsOf(doc: unknown): Promise<{ field: string; message: string }[]> {
    try {
      await promises.importPromise(doc);
    } catch (error) {
      if (error instanceof PromiseImportError) return error.errors;
      throw error;
    }
    throw new Error('expected the import to fail');
  }

  it('names the field and the reason', async () => {
    const doc = globen2026();
    const first = doc.commitments[0] as { targets: Record<string, unknown>[] };
    (first.targets[0] as Record<string, unknown>).minIntervals = 'forty';
    const errors = await errorsOf(doc);
    expect(errors.some((e) => e.field.startsWith('commitments[0].targets[0]'))).toBe(true);
  });

  it('rejects unknown fields, impossible dates, a year that is not validFrom’s and repeated keys', async () => {
    expect(await errorsOf({ ...globen2026(), colour: 'blue' })).toContainEqual({
      field: '',
      message: 'unknown field(s): colour',
    });
    expect((await errorsOf({ ...globen2026(), validTo: '2026-02-30' })).map((e) => e.field)).toContain(
      'validTo',
    );
    expect((await errorsOf({ ...globen2026(), year: 2027 })).map((e) => e.field)).toContain('year');
    const doc = globen2026();
    doc.commitments.push({ ...doc.commitments[0] });
    expect((await errorsOf(doc)).map((e) => e.field)).toContain('commitments[3].key');
  });

  it('rejects an unknown LPO and leaves nothing written', async () => {
    const before = await database.db.selectFrom('commitment').select('id').execute();
    const errors = await errorsOf({ ...globen2026(), lpo: 'atlantis' });
    expect(errors).toEqual([{ field: 'lpo', message: 'unknown local police area "atlantis"' }]);
    expect(await database.db.selectFrom('commitment').select('id').execute()).toHaveLength(before.length);
  });

  it('rejects what is not an object at all', async () => {
    for (const input of [null, 42, 'promise', [], { lpo: 'globen' }]) {
      expect((await errorsOf(input)).length).toBeGreaterThan(0);
    }
  });
});

describe('config', () => {
  it('refuses a PORT that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});

describe('the published JSON Schema', () => {
  it('in schemas/ is the one the code validates with (regenerate: medborgarlofte promise schema)', () => {
    const published = JSON.parse(readFileSync('schemas/promise.schema.json', 'utf8'));
    expect(published).toEqual(promiseJsonSchema());
  });
});
