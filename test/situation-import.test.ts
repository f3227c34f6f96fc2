// The event importer on real files (slices of /work/shared/data in test/fixtures/events) and on broken
// ones: what goes in, what is skipped and why, re-runs, changed records, crashes and dry runs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAreasService } from '../src/modules/areas/service.ts';
import {
  type BadRecord,
  type ImportOptions,
  importEventFiles,
} from '../src/modules/situation/import/importer.ts';
import { rebuildAllRollups } from '../src/modules/situation/rollups.ts';
import { createWeekendService } from '../src/modules/weekend/service.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

const FIXTURES = 'test/fixtures/events';
const SLICE = path.join(FIXTURES, 'polisen-stockholm-slice.json');
const sliceRecords = JSON.parse(readFileSync(SLICE, 'utf8')) as Record<string, unknown>[];

let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), 'mbl-events-'));
  const areas = createAreasService(database.db);
  await areas.importAreaFiles('seed/areas/stockholm-areas.json', 'seed/areas/stockholm-stadsdelar.geo.json');
  const globen = await areas.findPoliceArea('globen');
  if (!globen) throw new Error('no Globen');
  await createWeekendService(database.db).importPlaceFile(globen, 'seed/places/globen.json');
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database.close();
});
beforeEach(async () => {
  await database.db.deleteFrom('event').execute();
  await database.db.deleteFrom('event_centroid').execute();
  await database.db.deleteFrom('event_import_checkpoint').execute();
  await rebuildAllRollups(database.db);
});

/** Every row of the four rollups, in key order. */
async function rollupRows() {
  const db = database.db;
  return {
    month: await db
      .selectFrom('event_rollup_month')
      .selectAll()
      .orderBy('district_id')
      .orderBy('local_month')
      .orderBy('type')
      .execute(),
    weekend: await db
      .selectFrom('event_rollup_weekend')
      .selectAll()
      .orderBy('district_id')
      .orderBy('local_month')
      .orderBy('type_group')
      .execute(),
    areaMonth: await db
      .selectFrom('event_rollup_area_month')
      .selectAll()
      .orderBy('police_area_id')
      .orderBy('local_month')
      .orderBy('type')
      .execute(),
    areaHour: await db
      .selectFrom('event_rollup_area_hour')
      .selectAll()
      .orderBy('police_area_id')
      .orderBy('local_month')
      .orderBy('local_weekday')
      .orderBy('local_hour')
      .execute(),
  };
}

/** The rollups as the importer left them equal the rollups counted afresh from the stored events. */
async function expectRollupsCurrent(): Promise<void> {
  const kept = await rollupRows();
  await rebuildAllRollups(database.db);
  expect(kept).toEqual(await rollupRows());
}

async function run(files: string | string[], options: ImportOptions = {}) {
  const bad: BadRecord[] = [];
  const report = await importEventFiles(database.db, Array.isArray(files) ? files : [files], {
    onBadRecord: (b) => bad.push(b),
    ...options,
  });
  return { report, file: report.files[0], bad };
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function eventCount(): Promise<number> {
  const row = await database.db
    .selectFrom('event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function eventById(sourceId: string) {
  return database.db
    .selectFrom('event')
    .leftJoin('district', 'district.id', 'event.district_id')
    .leftJoin('place', 'place.id', 'event.place_id')
    .select([
      'event.occurred_at',
      'event.published_at',
      'event.local_month',
      'event.local_weekday',
      'event.local_hour',
      'event.type',
      'event.summary',
      'event.url',
      'event.placement',
      'event.placement_confidence',
      'event.placement_detail',
      'event.is_demo',
      'district.name as district',
      'place.name as place',
    ])
    .where('event.source', '=', 'polisen')
    .where('event.source_id', '=', sourceId)
    .executeTakeFirstOrThrow();
}

const polisenRecord = (id: number, overrides: Record<string, unknown> = {}) => ({
  id,
  datetime: '2026-08-22 8:13:44 +02:00',
  name: '22 augusti 03.47, Misshandel, Stockholm',
  summary: 'Bråk vid Gullmarsplan.',
  url: `/aktuellt/handelser/2026/augusti/22/${id}/`,
  type: 'Misshandel',
  location: { name: 'Stockholm', gps: '59.329324,18.068581' },
  ...overrides,
});

describe('importing the real police events', () => {
  it('imports a real slice cleanly, in Stockholm time, placed by the text', async () => {
    const { report, file } = await run(SLICE);
    expect(report.clean).toBe(true);
    expect(file).toMatchObject({ format: 'polisen', read: 82, inserted: 82, skipped: 0, broken: null });
    expect(await eventCount()).toBe(82);

    // Published "2026-08-22 8:13:44 +02:00" (single-digit hour); it happened at 03.47 by its title.
    const misshandel = await eventById('650271');
    expect(misshandel.occurred_at.toISOString()).toBe('2026-08-22T01:47:00.000Z');
    expect(misshandel.published_at?.toISOString()).toBe('2026-08-22T06:13:44.000Z');
    expect(misshandel).toMatchObject({
      local_month: '2026-08-01',
      local_weekday: 6,
      local_hour: 3,
      is_demo: false,
    });
    expect(misshandel.url).toBe(
      'https://polisen.se/aktuellt/handelser/2026/augusti/22/22-augusti-03.47-misshandel-stockholm/',
    );

    expect(await eventById('643362')).toMatchObject({
      placement: 'gazetteer',
      placement_detail: 'vid Gullmarsplan',
      place: 'Gullmarsplan',
      district: 'Johanneshov',
    });
    expect(await eventById('614624')).toMatchObject({
      placement_detail: 'i Skarpnäck',
      district: 'Skarpnäcks gård',
    });
    expect(await eventById('648933')).toMatchObject({ placement_detail: 'i Årsta', district: 'Årsta' });
    expect(await eventById('568382')).toMatchObject({ placement: 'unplaced', placement_detail: 'centroid' });
    // The two centroids of the file were learnt, so no event is placed by the Stockholm centroid's point.
    const centroids = await database.db.selectFrom('event_centroid').select(['location_name']).execute();
    expect(centroids.map((c) => c.location_name).sort()).toEqual(['Stockholm', 'Stockholms län']);
    const byPoint = await database.db
      .selectFrom('event')
      .select('source_id')
      .where('placement', '=', 'point')
      .execute();
    expect(byPoint).toEqual([]);
  });

  it('adds nothing on a second run', async () => {
    await run(SLICE);
    const { file } = await run(SLICE);
    expect(file).toMatchObject({ read: 82, inserted: 0, updated: 0, unchanged: 82 });
    expect(await eventCount()).toBe(82);
  });

  it('updates a changed record and moves its count in the rollups from the old version to the new', async () => {
    // The first published versions of five events the police later corrected (revisions file).
    const first = await run(path.join(FIXTURES, 'polisen-first-versions.json'));
    expect(first.file).toMatchObject({ inserted: 8 });
    const before = await eventById('647006');
    expect(before.type).toBe('Mord/dråp, försök');

    const { file } = await run(SLICE);
    expect(file).toMatchObject({ inserted: 74, updated: 5, unchanged: 3 });
    expect((await eventById('647006')).type).toBe('Mord/dråp');
    // Some of the corrected events lie in a district, so a count left at an old version would show.
    const placed = await database.db
      .selectFrom('event')
      .select('type')
      .where('source_id', 'in', ['647006', '626090', '624003', '622668', '616001'])
      .where('district_id', 'is not', null)
      .execute();
    expect(placed.length).toBeGreaterThan(0);
    await expectRollupsCurrent();
  });

  it('counts a record changed in any one stored field as updated, and the same record again as unchanged', async () => {
    const original = polisenRecord(1);
    let files = 0;
    const importRecord = async (record: Record<string, unknown>) =>
      (await run(write(`version-${++files}.json`, JSON.stringify([record])))).file;
    expect(await importRecord(original)).toMatchObject({ inserted: 1 });
    // The same numbers written otherwise are the same point.
    const samePoint = { location: { name: 'Stockholm', gps: '59.3293240, 18.068581' } };
    expect(await importRecord({ ...original, ...samePoint })).toMatchObject({ updated: 0, unchanged: 1 });
    const changes: Record<string, unknown>[] = [
      { datetime: '2026-08-22 8:14:44 +02:00' },
      { name: '22 augusti 03.48, Misshandel, Stockholm' },
      { summary: 'Bråk vid Gullmarsplan!' },
      { summary: '' },
      { type: 'Rån' },
      { url: '/aktuellt/handelser/2026/augusti/22/2/' },
      { url: null },
      { location: { name: 'Stockholms län', gps: '59.329324,18.068581' } },
      { location: { name: 'Stockholm', gps: '59.329325,18.068581' } },
      { location: { name: 'Stockholm', gps: '59.329324,18.068582' } },
      { location: { name: 'Stockholm' } },
    ];
    for (const change of changes) {
      const changed = { ...original, ...change };
      const what = JSON.stringify(change);
      expect(await importRecord(changed), what).toMatchObject({ updated: 1, unchanged: 0 });
      expect(await importRecord(changed), what).toMatchObject({ updated: 0, unchanged: 1 });
      expect(await importRecord(original), what).toMatchObject({ updated: 1, unchanged: 0 });
    }
    await expectRollupsCurrent();
  });

  it('keeps the rollups equal to a fresh count at the end of every committed batch', async () => {
    const ends: number[] = [];
    await run(SLICE, {
      batchSize: 30,
      afterBatch: async ({ recordsDone }) => {
        ends.push(recordsDone);
        await expectRollupsCurrent();
      },
    });
    // The file runs newest first. Its 60 events of August 2026 fill two batches; the third ends half full
    // before record 76, the first of November 2025, a month it has no event of.
    expect(ends).toEqual([30, 60, 75, 82]);
    const { month } = await rollupRows();
    expect(month.reduce((a, r) => a + r.events, 0)).toBeGreaterThan(0);
    // Importing the same file again changes nothing.
    const kept = await rollupRows();
    await database.db.deleteFrom('event_import_checkpoint').execute();
    await run(SLICE);
    expect(await rollupRows()).toEqual(kept);
  });

  it('puts the last month of a file in time order in a batch of its own', async () => {
    // 21,000 events in January, then 3,000 in February, oldest first.
    const records = Array.from({ length: 24_000 }, (_, i) => {
      const day = i < 21_000 ? `2026-01-${String(1 + (i % 28)).padStart(2, '0')}` : '2026-02-10';
      return polisenRecord(i + 1, { datetime: `${day} 21:15:00 +01:00`, name: 'Misshandel, Stockholm' });
    });
    const ends: number[] = [];
    const { file } = await run(write('two-months.json', JSON.stringify(records)), {
      batchSize: 16_000,
      afterBatch: ({ recordsDone }) => {
        ends.push(recordsDone);
      },
    });
    expect(file).toMatchObject({ inserted: 24_000, skipped: 0 });
    // Batches of 5,000 and 10,000, then up to 16,000: the third would take February in too, being under
    // half full when it starts, but it holds more of the file than is left.
    expect(ends).toEqual([5_000, 15_000, 21_000, 24_000]);
    await expectRollupsCurrent();
  });

  it('writes nothing in a dry run but says what it would do', async () => {
    const { report, file } = await run(SLICE, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(file).toMatchObject({ read: 82, inserted: 82 });
    expect(await eventCount()).toBe(0);
    expect(await database.db.selectFrom('event_import_checkpoint').selectAll().execute()).toEqual([]);
    expect(await database.db.selectFrom('event_centroid').selectAll().execute()).toEqual([]);
    expect((await rollupRows()).month).toEqual([]);
  });

  it('resumes after a crash: the second run finishes the job and every record is there once', async () => {
    const crash = new Error('simulated crash after two batches');
    await expect(
      run(SLICE, {
        batchSize: 10,
        afterBatch: ({ number }) => {
          if (number === 2) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect(await eventCount()).toBe(20);
    const { file } = await run(SLICE, { batchSize: 10 });
    expect(file).toMatchObject({ resumedAfter: 20, read: 62, inserted: 62, skipped: 0 });
    const ids = await database.db.selectFrom('event').select('source_id').execute();
    expect(ids.map((r) => r.source_id).sort()).toEqual(sliceRecords.map((r) => String(r.id)).sort());
    expect(await database.db.selectFrom('event_import_checkpoint').selectAll().execute()).toEqual([]);
  });
});

describe('Brottsplatskartan files', () => {
  it('imports them, reporting the record whose two publication times disagree', async () => {
    const { report, bad } = await run([
      path.join(FIXTURES, 'brottsplatskartan-mango.json'),
      path.join(FIXTURES, 'brottsplatskartan-orange1-slice.json'),
    ]);
    expect(report.files.map((f) => [f.format, f.inserted, f.skipped])).toEqual([
      ['brottsplatskartan', 22, 1],
      ['brottsplatskartan', 40, 0],
    ]);
    expect(bad).toEqual([
      expect.objectContaining({
        record: 2,
        sourceId: '152074',
        reason: expect.stringContaining('pubdate_iso8601 (2020-03-25T12:29:32+0100) and pubdate_unix'),
      }),
    ]);
    expect(report.clean).toBe(false);
  });
});

describe('broken files and bad records', () => {
  it('keeps the complete records of a truncated file and says where it broke', async () => {
    const text = readFileSync(SLICE, 'utf8');
    const cut = text.indexOf('"id": 647006');
    const file = write('truncated.json', text.slice(0, cut + 40));
    const before = sliceRecords.findIndex((r) => r.id === 647006);
    const { report, file: result } = await run(file);
    expect(result?.inserted).toBe(before);
    expect(result?.broken).toMatchObject({
      byte: Buffer.byteLength(text.slice(0, cut + 40)),
      reason: expect.stringContaining(`record #${before + 1}`),
    });
    expect(result?.broken?.line).toBe(text.slice(0, cut + 40).split('\n').length);
    expect(report.clean).toBe(false);
  });

  it('skips records with wrong types and bad dates, naming the record and the reason', async () => {
    const file = write(
      'bad-records.json',
      JSON.stringify([
        polisenRecord(1),
        polisenRecord(2, { id: 'abc' }),
        polisenRecord(3, { datetime: 1692680024 }),
        polisenRecord(4, { datetime: '2026-02-30 10:00:00 +01:00' }),
        polisenRecord(5, { location: { name: 'Stockholm', gps: 'near Globen' } }),
        polisenRecord(6, { type: '' }),
        42,
        polisenRecord(7, { summary: ['a list'] }),
        polisenRecord(8),
      ]),
    );
    const { file: result, bad } = await run(file);
    expect(result).toMatchObject({ read: 9, inserted: 2, skipped: 7 });
    expect(bad.map((b) => [b.record, b.reason])).toEqual([
      [2, 'id must be a whole number, not the text "abc"'],
      [3, 'datetime must be text, not number 1692680024'],
      [4, 'datetime "2026-02-30 10:00:00 +01:00" is not a date and time with an offset'],
      [5, 'location.gps "near Globen" is not "lat,lon"'],
      [6, 'type is empty'],
      [7, 'a record must be an object, not number 42'],
      [8, 'summary must be text, not a list'],
    ]);
    expect(bad[2]?.sourceId).toBe('4');
  });

  it('skips a later record with an id already in the file, in the same batch or a later one', async () => {
    const file = write(
      'duplicates.json',
      JSON.stringify([
        polisenRecord(1),
        polisenRecord(2),
        polisenRecord(1, { type: 'Rån' }),
        polisenRecord(2),
      ]),
    );
    const { file: result, bad } = await run(file, { batchSize: 2 });
    expect(result).toMatchObject({ inserted: 2, skipped: 2 });
    expect(bad.map((b) => [b.record, b.sourceId])).toEqual([
      [3, '1'],
      [4, '2'],
    ]);
    expect((await eventById('1')).type).toBe('Misshandel');
    const inBatch = await run(write('dup-batch.json', JSON.stringify([polisenRecord(9), polisenRecord(9)])));
    expect(inBatch.bad[0]?.reason).toBe('duplicate id: record #1 has it too');
  });

  it('rejects a 5 MB summary with a reason and imports the rest', async () => {
    const huge = polisenRecord(2, { summary: 'x'.repeat(5 * 1024 * 1024) });
    const file = write('huge.json', JSON.stringify([polisenRecord(1), huge, polisenRecord(3)]));
    const { file: result, bad } = await run(file);
    expect(result).toMatchObject({ inserted: 2, skipped: 1 });
    expect(bad[0]).toMatchObject({
      record: 2,
      reason: expect.stringContaining('larger than the limit of 1048576'),
    });
  });

  it('skips a record with a syntax error inside it, with its line and byte, and reads on', async () => {
    const good = JSON.stringify(polisenRecord(1));
    const text = `[\n${good},\n{"id": 2, "type": tru},\n${JSON.stringify(polisenRecord(3))}\n]`;
    const { file: result, bad } = await run(write('syntax.json', text));
    expect(result).toMatchObject({ inserted: 2, skipped: 1, broken: null });
    expect(bad[0]).toMatchObject({ record: 2, line: 3, byte: Buffer.byteLength(good) + 4 });
    expect(bad[0]?.reason).toMatch(/^invalid JSON: /);
  });

  it('reports a file that is not an array, and an empty file, as broken', async () => {
    const notArray = await run(write('object.json', JSON.stringify({ events: [polisenRecord(1)] })));
    expect(notArray.file?.broken?.reason).toBe(
      'the file is not a JSON array of events (it starts with an object)',
    );
    const empty = await run(write('empty.json', ''));
    expect(empty.file?.broken?.reason).toContain('the file is empty');
    expect(await eventCount()).toBe(0);
  });
});

describe('CSV import', () => {
  const header = 'occurred_at,type,lat,lng,place,title,summary,id';

  it('imports good rows, places them, and skips bad rows with their line', async () => {
    const file = write(
      'incidents.csv',
      [
        header,
        '2026-11-20T22:15:00+01:00,Misshandel,59.3005,18.0505,,Misshandel i Årsta,,a1',
        '2026-11-21 01:30,Rån,,,Gullmarsplan,Rån,"Rån av en ung man, vid spärrarna",',
        '2026-11-21 01:30,,,,,Utan typ,,a3',
        'igår,Rån,,,,,,a4',
        '2026-11-22 10:00,Rån,59.3,,,,,a5',
        '2026-11-22 10:00,Rån',
        '2026-11-23 23:59,Skadegörelse,,,,Klotter i Skarpnäck,,a7',
      ].join('\n'),
    );
    const { file: result, bad } = await run(file);
    expect(result).toMatchObject({ format: 'csv', read: 7, inserted: 3, skipped: 4 });
    expect(bad.map((b) => [b.line, b.reason])).toEqual([
      [4, 'type is empty'],
      [5, expect.stringContaining('occurred_at "igår" is neither')],
      [6, 'lat and lng must be given together'],
      [7, 'the row has 2 fields, the header 8'],
    ]);
    const rows = await database.db
      .selectFrom('event')
      .leftJoin('district', 'district.id', 'event.district_id')
      .select([
        'source_id',
        'local_hour',
        'local_weekday',
        'placement',
        'placement_detail',
        'district.name as district',
      ])
      .orderBy('occurred_at')
      .execute();
    expect(rows).toEqual([
      {
        source_id: 'a1',
        local_hour: 22,
        local_weekday: 5,
        placement: 'point',
        placement_detail: 'Årsta',
        district: 'Årsta',
      },
      {
        source_id: expect.stringMatching(/^row-[0-9a-f]{20}$/),
        local_hour: 1,
        local_weekday: 6,
        placement: 'gazetteer',
        placement_detail: 'Gullmarsplan',
        district: 'Johanneshov',
      },
      {
        source_id: 'a7',
        local_hour: 23,
        local_weekday: 1,
        placement: 'gazetteer',
        placement_detail: 'i Skarpnäck',
        district: 'Skarpnäcks gård',
      },
    ]);
    const again = await run(file);
    expect(again.file).toMatchObject({ inserted: 0, unchanged: 3, skipped: 4 });
  });

  it('refuses a header without the required columns', async () => {
    const { file } = await run(write('wrong.csv', 'when,what\n2026-11-20 10:00,Rån\n'));
    expect(file?.broken?.reason).toContain('the header lacks occurred_at, type');
    expect(await eventCount()).toBe(0);
  });
});

describe('what is stored', () => {
  it('stores text with tabs, line breaks and backslashes unchanged through COPY', async () => {
    const summary = 'Rån i Årsta.\tTvå män\nflydde mot C:\\tunnelbanan.';
    const file = write(
      'escapes.json',
      JSON.stringify([
        polisenRecord(1, { summary, location: { name: 'Stockholm', gps: '59.3005,18.0505' } }),
        polisenRecord(2, { summary: '', url: null, location: { name: 'Stockholm' } }),
      ]),
    );
    expect((await run(file)).file).toMatchObject({ inserted: 2, skipped: 0 });
    const rows = await database.db
      .selectFrom('event')
      .select(['source_id', 'summary', 'url', 'lat', 'placement', 'placement_detail'])
      .orderBy('source_id')
      .execute();
    expect(rows).toEqual([
      {
        source_id: '1',
        summary,
        url: 'https://polisen.se/aktuellt/handelser/2026/augusti/22/1/',
        lat: 59.3005,
        placement: 'point',
        placement_detail: 'Årsta',
      },
      {
        source_id: '2',
        summary: '',
        url: null,
        lat: null,
        placement: 'unplaced',
        placement_detail: 'no-position',
      },
    ]);
    expect((await run(file)).file).toMatchObject({ inserted: 0, unchanged: 2 });
  });

  it('stores times before 2000 and past 2038, and text outside the basic plane, exactly', async () => {
    const file = write(
      'times.csv',
      'occurred_at,type,summary,id\n' +
        '1995-05-05 13:45,Rån,Väskan 👜 togs,t1\n' +
        '1999-12-31 23:59,Bråk,,t2\n' +
        '2038-01-19T03:14:08Z,Misshandel,,t3\n',
    );
    expect((await run(file)).file).toMatchObject({ inserted: 3, skipped: 0 });
    const rows = await database.db
      .selectFrom('event')
      .select(['source_id', 'occurred_at', 'local_month', 'local_weekday', 'local_hour', 'summary'])
      .orderBy('source_id')
      .execute();
    expect(rows).toEqual([
      {
        source_id: 't1',
        occurred_at: new Date('1995-05-05T11:45:00Z'),
        local_month: '1995-05-01',
        local_weekday: 5,
        local_hour: 13,
        summary: 'Väskan 👜 togs',
      },
      {
        source_id: 't2',
        occurred_at: new Date('1999-12-31T22:59:00Z'),
        local_month: '1999-12-01',
        local_weekday: 5,
        local_hour: 23,
        summary: '',
      },
      {
        source_id: 't3',
        occurred_at: new Date('2038-01-19T03:14:08Z'),
        local_month: '2038-01-01',
        local_weekday: 2,
        local_hour: 4,
        summary: '',
      },
    ]);
  });

  it('keeps the raw local month even for events outside every LPO', async () => {
    await run(SLICE);
    const outside = await sql<{ n: number }>`
      select count(*)::int as n from event e
      where e.district_id is not null
        and not exists (select 1 from police_area_district pad where pad.district_id = e.district_id)`.execute(
      database.db,
    );
    // Events in e.g. Södermalm are kept with their district; LPO views filter them out.
    expect(outside.rows[0]?.n).toBeGreaterThan(0);
  });
});
