// The rollups as imports leave them: equal to rollups counted afresh from the stored events after new
// events, a corrected event that moves to another month and district, and a re-run; and district × type
// over periods that are not calendar years equal to a count over the events themselves.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWEDISH_MONTHS } from '../src/domain/target-text.ts';
import { createAreasService } from '../src/modules/areas/service.ts';
import { importEventFiles } from '../src/modules/situation/import/importer.ts';
import { districtByType, type PictureFilter } from '../src/modules/situation/picture-repo.ts';
import { rebuildAllRollups } from '../src/modules/situation/rollups.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

let database: TestDatabase;
let dir: string;
let globenDistricts: number[];

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), 'mbl-rollups-'));
  const areas = createAreasService(database.db);
  await areas.importAreaFiles('seed/areas/stockholm-areas.json', 'seed/areas/stockholm-stadsdelar.geo.json');
  const globen = await areas.findPoliceArea('globen');
  if (!globen) throw new Error('no Globen');
  globenDistricts = (await areas.districtsOf(globen.id)).map((d) => d.id);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database.close();
});

// Points inside Johanneshov (by Gullmarsplan) and Liljeholmen; each event a few metres apart, so that no
// point is shared and taken for a municipality's centroid.
const JOHANNESHOV = { lat: 59.2991, lon: 18.081 };
const LILJEHOLMEN = { lat: 59.3106, lon: 18.0227 };
const TYPES = ['Misshandel', 'Rån', 'Stöld', 'Bråk'];

interface PoliceEvent {
  id: number;
  /** Stockholm date, 'YYYY-MM-DD'. */
  date: string;
  type: string;
  at: { lat: number; lon: number };
}

/** The police's public format, published an hour after it happened at 21.30 (winter and summer alike). */
function record(e: PoliceEvent): object {
  const [year, month, day] = e.date.split('-').map(Number) as [number, number, number];
  const offset = month > 3 && month < 11 ? '+02:00' : '+01:00';
  return {
    id: e.id,
    datetime: `${e.date} 22:30:00 ${offset}`,
    name: `${day} ${SWEDISH_MONTHS[month - 1]} 21.30, ${e.type}, Stockholm`,
    summary: `Polisen larmades med anledning av ${e.type.toLowerCase()}.`,
    url: `/aktuellt/handelser/${year}/test/${e.id}/`,
    type: e.type,
    location: {
      name: 'Stockholm',
      gps: `${(e.at.lat + (e.id % 50) * 0.00002).toFixed(6)},${(e.at.lon + (e.id % 7) * 0.00002).toFixed(6)}`,
    },
  };
}

let fileNo = 0;
async function importEvents(events: PoliceEvent[]): Promise<void> {
  const file = path.join(dir, `events-${fileNo++}.json`);
  writeFileSync(file, JSON.stringify(events.map(record)));
  // Small batches: several transactions per file, some months split across batches.
  await importEventFiles(database.db, [file], { batchSize: 7 });
}

/** Every row of every rollup, in key order. */
async function rollupRows() {
  const db = database.db;
  const all = <T extends object>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    month: all(await db.selectFrom('event_rollup_month').selectAll().execute()),
    weekend: all(await db.selectFrom('event_rollup_weekend').selectAll().execute()),
    areaMonth: all(await db.selectFrom('event_rollup_area_month').selectAll().execute()),
    areaHour: all(await db.selectFrom('event_rollup_area_hour').selectAll().execute()),
    yearToDate: all(await db.selectFrom('event_rollup_year_to_date').selectAll().execute()),
  };
}

async function expectRollupsCurrent(): Promise<void> {
  const kept = await rollupRows();
  await rebuildAllRollups(database.db);
  expect(kept).toEqual(await rollupRows());
}

/** District × type counted over the stored events themselves. */
async function countedFromEvents(filter: PictureFilter) {
  const rows = await database.db
    .selectFrom('event')
    .select(['district_id', 'type'])
    .select((eb) => eb.fn.countAll<string>().as('events'))
    .where('district_id', 'in', filter.districtIds)
    .where('local_month', '>=', filter.from)
    .where('local_month', '<', filter.to)
    .groupBy(['district_id', 'type'])
    .execute();
  return rows
    .map((r) => ({ districtId: Number(r.district_id), type: r.type, events: Number(r.events) }))
    .sort((a, b) => a.districtId - b.districtId || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

/** Events from `from` on, one every `stepDays` days, types and districts taking turns. */
function series(firstId: number, count: number, from: string, stepDays: number): PoliceEvent[] {
  const start = Date.parse(`${from}T12:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({
    id: firstId + i,
    date: new Date(start + i * stepDays * 86_400_000).toISOString().slice(0, 10),
    type: TYPES[i % TYPES.length] as string,
    at: i % 3 === 0 ? LILJEHOLMEN : JOHANNESHOV,
  }));
}

/**
 * One event an hour, 24 November to 14 December 2025 (Stockholm, all at +01:00), types and districts
 * taking turns: every hour of the week, three times, and a change of month.
 */
function everyHour(firstId: number): object[] {
  const start = Date.parse('2025-11-24T00:15:00+01:00');
  return Array.from({ length: 21 * 24 }, (_, i) => {
    const local = new Date(start + i * 3_600_000 + 3_600_000);
    const [date = '', time = ''] = local.toISOString().slice(0, 16).split('T');
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const type = TYPES[i % TYPES.length] as string;
    const at = i % 3 === 0 ? LILJEHOLMEN : JOHANNESHOV;
    // Every point its own, so that none is taken for a municipality's centroid.
    const gps = `${(at.lat + (i % 50) * 0.00002).toFixed(6)},${(at.lon + Math.floor(i / 50) * 0.00002).toFixed(6)}`;
    return {
      id: firstId + i,
      datetime: `${date} ${time}:00 +01:00`,
      name: `${day} ${SWEDISH_MONTHS[month - 1]} ${time.replace(':', '.')}, ${type}, Stockholm`,
      summary: `Polisen larmades med anledning av ${type.toLowerCase()}.`,
      url: `/aktuellt/handelser/${year}/test/${firstId + i}/`,
      type,
      location: { name: 'Stockholm', gps },
    };
  });
}

describe('the rollups after imports', () => {
  it('add up, batch by batch, to what a fresh count gives, for events at every hour of the week', async () => {
    const file = path.join(dir, 'every-hour.json');
    writeFileSync(file, JSON.stringify(everyHour(10_000)));
    let batches = 0;
    const report = await importEventFiles(database.db, [file], {
      batchSize: 50,
      afterBatch: async () => {
        batches++;
        await expectRollupsCurrent();
      },
    });
    expect(report.files[0]?.inserted).toBe(504);
    expect(batches).toBeGreaterThan(10);
    // Friday 18:00 to Sunday 06:00 is 36 hours a week: three weeks of them, all in the two districts.
    const weekend = await sql<{ events: string }>`
      select sum(e) as events from event_rollup_weekend cross join lateral unnest(events) e`.execute(
      database.db,
    );
    expect(Number(weekend.rows[0]?.events)).toBe(3 * 36);
  });

  it('take in rows that another import wrote meanwhile in months that had none', async () => {
    await database.db.deleteFrom('event').execute();
    await rebuildAllRollups(database.db);
    // Another import's LPO hour row for Mondays 01:00–02:00 in November 2025, a month without district
    // rows: the plain INSERT for such months fails on it, and the counts are added to the rows instead.
    const globen = await createAreasService(database.db).findPoliceArea('globen');
    if (!globen) throw new Error('no Globen');
    const mondayOne = {
      police_area_id: globen.id,
      local_month: '2025-11-01',
      local_weekday: 1,
      local_hour: 1,
    };
    await database.db
      .insertInto('event_rollup_area_hour')
      .values({ ...mondayOne, violence_public: 1000, robbery: 0, other: 0 })
      .execute();
    const file = path.join(dir, 'every-hour-again.json');
    writeFileSync(file, JSON.stringify(everyHour(20_000)));
    const report = await importEventFiles(database.db, [file], { batchSize: 50 });
    expect(report.files[0]?.inserted).toBe(504);
    // Monday 24 November 01:15 is the file's second event: a robbery in Johanneshov.
    const row = await database.db
      .selectFrom('event_rollup_area_hour')
      .select(['violence_public', 'robbery', 'other'])
      .where('police_area_id', '=', globen.id)
      .where('local_month', '=', '2025-11-01')
      .where('local_weekday', '=', 1)
      .where('local_hour', '=', 1)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ violence_public: 1000, robbery: 1, other: 0 });
    await database.db.deleteFrom('event').execute();
    await rebuildAllRollups(database.db);
  });

  it('equal rollups counted afresh; district × type over any period equals a count of events', async () => {
    // November 2024 to February 2026 in time order; then older events, February 2024 to January 2025.
    await importEvents(series(1, 60, '2024-11-03', 8));
    await expectRollupsCurrent();
    await importEvents(series(100, 20, '2024-02-05', 17));
    await expectRollupsCurrent();
    // After two months without events (March and April 2026).
    await importEvents(series(300, 3, '2026-05-10', 3));
    await expectRollupsCurrent();

    // A corrected record: from Johanneshov in March 2025 to Liljeholmen in August 2025, and another type.
    const moved = { id: 200, date: '2025-03-12', type: 'Rån', at: JOHANNESHOV };
    await importEvents([moved]);
    const before = await database.db
      .selectFrom('event')
      .select(['district_id', 'local_month'])
      .where('source_id', '=', '200')
      .executeTakeFirstOrThrow();
    await importEvents([{ ...moved, date: '2025-08-20', type: 'Misshandel', at: LILJEHOLMEN }]);
    const after = await database.db
      .selectFrom('event')
      .select(['district_id', 'local_month'])
      .where('source_id', '=', '200')
      .executeTakeFirstOrThrow();
    expect(after.local_month).toBe('2025-08-01');
    expect(after.district_id).not.toBe(before.district_id);
    await expectRollupsCurrent();

    // A re-run of the first file changes nothing.
    const file = path.join(dir, 'events-0.json');
    const rerun = await importEventFiles(database.db, [file], { batchSize: 7 });
    expect(rerun.files[0]?.inserted).toBe(0);
    await expectRollupsCurrent();

    // The default window: the 12 months up to a November, across two years.
    const latestYear = { districtIds: globenDistricts, from: '2024-12-01', to: '2025-12-01' };
    const periods = [
      latestYear,
      { from: '2025-03-01', to: '2025-04-01' },
      { from: '2024-02-01', to: '2026-03-01' },
      // Ending in a month without events, running past the last month with events, and wholly after it.
      { from: '2025-05-01', to: '2026-05-01' },
      { from: '2025-06-01', to: '2026-08-01' },
      { from: '2026-07-01', to: '2026-09-01' },
    ];
    for (const period of periods) {
      const filter = { districtIds: globenDistricts, ...period };
      const expected = await countedFromEvents(filter);
      expect(await districtByType(database.db, filter), JSON.stringify(period)).toEqual(expected);
    }
    expect((await districtByType(database.db, latestYear)).length).toBeGreaterThan(0);
    const robbery = { ...latestYear, types: ['Rån'] };
    expect(await districtByType(database.db, robbery)).toEqual(
      (await countedFromEvents(robbery)).filter((r) => r.type === 'Rån'),
    );
  });
});
