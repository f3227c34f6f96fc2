// The situation picture (lägesbild): rollups that always equal a direct count, the staff picture and its
// filters and CSV, weekend-operation suggestions a lead can plan, and the public, suppressed picture and
// open data. Today is Wednesday 25 November 2026. Event titles, types and summaries are real police events
// (test/fixtures/polisen-events-sample.json, from polisen.se via the data in SOURCES.md); the times and
// districts are set by each test.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Insertable, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/types.ts';
import { typeGroupOf } from '../src/domain/event-types.ts';
import { addDays, stockholmParts, weekday } from '../src/domain/iso-week.ts';
import type { Role } from '../src/domain/permissions.ts';
import { compareCounts } from '../src/domain/significance.ts';
import { stockholmInstant } from '../src/domain/stockholm-time.ts';
import { protectTable } from '../src/domain/suppression.ts';
import { formatP } from '../src/modules/situation/messages.ts';
import { districtByType, monthlyTrend, weekdayHour } from '../src/modules/situation/picture-repo.ts';
import { createSituationRepo } from '../src/modules/situation/repo.ts';
import { rebuildAllRollups, refreshRollups } from '../src/modules/situation/rollups.ts';
import type { EventTable } from '../src/modules/situation/tables.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient } from './helpers/staff.ts';

interface SampleEvent {
  id: number;
  datetime: string;
  name: string;
  summary: string;
  type: string;
}
const SAMPLE: SampleEvent[] = JSON.parse(
  readFileSync(new URL('./fixtures/polisen-events-sample.json', import.meta.url), 'utf8'),
);
const ofType = (type: string) => SAMPLE.filter((e) => e.type === type);

let t: TestApp;
let db: Kysely<Database>;
let globen: { id: number; districts: Map<string, number> };
let farstaDistricts: Map<string, number>;
let nextId = 1;

/** A realistic event row: a real title and summary, at the given Stockholm time, in the given district. */
function eventRow(
  sample: SampleEvent,
  at: string,
  districtId: number | null,
  extra: Partial<Insertable<EventTable>> = {},
): Insertable<EventTable> {
  const occurred = new Date(at);
  const local = stockholmParts(occurred);
  return {
    source: 'polisen',
    source_id: `test-${nextId++}`,
    occurred_at: occurred,
    local_month: `${local.date.slice(0, 7)}-01`,
    local_weekday: local.weekday,
    local_hour: local.hour,
    type: sample.type,
    title: sample.name,
    summary: sample.summary,
    url: null,
    location_name: 'Stockholm',
    lon: 18.068581,
    lat: 59.329324,
    district_id: districtId,
    place_id: null,
    placement: districtId === null ? 'unplaced' : 'gazetteer',
    placement_confidence: districtId === null ? 'none' : 'medium',
    placement_detail: districtId === null ? 'centroid' : 'i Årsta',
    ...extra,
  };
}

async function insertEvents(rows: Insertable<EventTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('event').values(rows).execute();
    await refreshRollups(
      trx,
      rows.map((r) => String(r.local_month)),
    );
  });
}

async function clearEvents(): Promise<void> {
  await db.deleteFrom('event').execute();
  await rebuildAllRollups(db);
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
  const area = await t.app.services.areas.findPoliceArea('globen');
  const farsta = await t.app.services.areas.findPoliceArea('farsta');
  if (!area || !farsta) throw new Error('no Globen or Farsta');
  const districtsOf = async (id: number) =>
    new Map((await t.app.services.areas.districtsOf(id)).map((d) => [d.slug, d.id]));
  globen = { id: area.id, districts: await districtsOf(area.id) };
  farstaDistricts = await districtsOf(farsta.id);
  await clearEvents();
});
afterAll(async () => {
  await t?.close();
});

function districtId(slug: string): number {
  const id = globen.districts.get(slug) ?? farstaDistricts.get(slug);
  if (id === undefined) throw new Error(`no district ${slug}`);
  return id;
}

describe('rollups', () => {
  const TYPES = ['Misshandel', 'Rån', 'Bråk', 'Stöld', 'Brand'];
  const MONTHS = ['2026-01-01', '2026-02-01', '2026-03-01'];

  it('equal a direct count over the events, whatever the events are', async () => {
    const districts = [districtId('arsta'), districtId('liljeholmen'), districtId('farsta')];
    const arbitraryEvent = fc.record({
      district: fc.constantFrom(...districts),
      month: fc.constantFrom(...MONTHS),
      weekday: fc.integer({ min: 1, max: 7 }),
      hour: fc.integer({ min: 0, max: 23 }),
      type: fc.constantFrom(...TYPES),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryEvent, { maxLength: 40 }), async (events) => {
        await clearEvents();
        const sample = SAMPLE[0] as SampleEvent;
        await insertEvents(
          events.map((e) => ({
            ...eventRow(sample, `${e.month.slice(0, 8)}10T12:00:00Z`, e.district),
            local_month: e.month,
            local_weekday: e.weekday,
            local_hour: e.hour,
            type: e.type,
          })),
        );
        const filter = { districtIds: districts.slice(0, 2), from: '2026-01-01', to: '2026-03-01' };
        const inFilter = events.filter(
          (e) => filter.districtIds.includes(e.district) && e.month >= filter.from && e.month < filter.to,
        );
        const trend = await monthlyTrend(db, filter);
        expect(trend.reduce((a, r) => a + r.events, 0)).toBe(inFilter.length);
        for (const row of trend) {
          expect(row.events).toBe(
            inFilter.filter((e) => e.month === row.month && e.type === row.type).length,
          );
        }
        const byDistrict = await districtByType(db, { ...filter, types: ['Rån', 'Misshandel'] });
        for (const row of byDistrict) {
          const direct = inFilter.filter((e) => e.district === row.districtId && e.type === row.type);
          expect(row.events).toBe(direct.length);
        }
        const heat = await weekdayHour(db, filter);
        expect(heat.reduce((a, r) => a + r.events, 0)).toBe(inFilter.length);
        for (const row of heat) {
          const direct = inFilter.filter((e) => e.weekday === row.weekday && e.hour === row.hour);
          expect(row.events).toBe(direct.length);
        }
        // A choice of districts is counted from the events, for whole groups as for a single type.
        const robbery = await weekdayHour(db, {
          ...filter,
          types: ['Rån', 'Rån väpnat', 'Rån övrigt', 'Rån, försök'],
        });
        expect(robbery.reduce((a, r) => a + r.events, 0)).toBe(
          inFilter.filter((e) => e.type === 'Rån').length,
        );
        const fights = await weekdayHour(db, { ...filter, types: ['Bråk'] });
        expect(fights.reduce((a, r) => a + r.events, 0)).toBe(
          inFilter.filter((e) => e.type === 'Bråk').length,
        );
        // The weekend operation's nights (Friday 18 to Sunday 06), from their own rollup.
        const weekendNights = await createSituationRepo(db).weekendHoursByDistrict(filter, '2026-02-01');
        const inNights = inFilter.filter(
          (e) => (e.weekday === 5 && e.hour >= 18) || e.weekday === 6 || (e.weekday === 7 && e.hour < 6),
        );
        expect(weekendNights.reduce((a, r) => a + r.events, 0)).toBe(inNights.length);
        for (const row of weekendNights) {
          const direct = inNights.filter(
            (e) =>
              e.district === row.districtId &&
              e.weekday === row.weekday &&
              e.hour === row.hour &&
              typeGroupOf(e.type) === row.group &&
              e.month >= '2026-02-01' === row.current,
          );
          expect(row.events).toBe(direct.length);
        }

        // The whole LPO (Globen) from its own rollups: the same counts as over all of its districts.
        const lpo = { districtIds: [...globen.districts.values()], from: filter.from, to: filter.to };
        const inLpo = events.filter(
          (e) => lpo.districtIds.includes(e.district) && e.month >= lpo.from && e.month < lpo.to,
        );
        const withArea = { ...lpo, policeAreaId: globen.id };
        expect(await monthlyTrend(db, withArea)).toEqual(await monthlyTrend(db, lpo));
        expect((await monthlyTrend(db, withArea)).reduce((a, r) => a + r.events, 0)).toBe(inLpo.length);
        const lpoHeat = await weekdayHour(db, withArea);
        expect(lpoHeat).toEqual(await weekdayHour(db, lpo));
        for (const row of lpoHeat) {
          const direct = inLpo.filter((e) => e.weekday === row.weekday && e.hour === row.hour);
          expect(row.events).toBe(direct.length);
        }
        const lpoRobbery = await weekdayHour(db, {
          ...withArea,
          types: ['Rån', 'Rån väpnat', 'Rån övrigt', 'Rån, försök'],
        });
        expect(lpoRobbery.reduce((a, r) => a + r.events, 0)).toBe(
          inLpo.filter((e) => e.type === 'Rån').length,
        );
        const lpoMonthRån = await monthlyTrend(db, { ...withArea, types: ['Rån'] });
        expect(lpoMonthRån.reduce((a, r) => a + r.events, 0)).toBe(
          inLpo.filter((e) => e.type === 'Rån').length,
        );
      }),
      { numRuns: 12 },
    );
  });
});

describe('latest events', () => {
  it('are the newest of the chosen districts, period and types, and the latest time is theirs', async () => {
    const districts = [districtId('arsta'), districtId('liljeholmen'), districtId('farsta')];
    // Few distinct times, so events share them and the order of their keys decides.
    const times = [
      '2025-12-31T23:30:00Z',
      '2026-01-15T08:00:00Z',
      '2026-01-31T22:59:59Z',
      '2026-02-01T10:00:00Z',
    ];
    const arbitraryEvent = fc.record({
      district: fc.constantFrom(...districts),
      at: fc.constantFrom(...times),
      type: fc.constantFrom('Misshandel', 'Rån', 'Stöld'),
    });
    const repo = createSituationRepo(db);
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryEvent, { minLength: 12, maxLength: 40 }), async (events) => {
        await clearEvents();
        const rows = events.map((e) =>
          eventRow(ofType(e.type)[0] ?? (SAMPLE[0] as SampleEvent), e.at, e.district),
        );
        await insertEvents(rows);
        // Stockholm-local months: 23:30 UTC on 31 December is January there.
        const filter = { districtIds: districts.slice(0, 2), from: '2026-01-01', to: '2026-02-01' };
        for (const types of [undefined, ['Rån', 'Stöld']]) {
          const expected = rows
            .filter(
              (r) =>
                filter.districtIds.includes(Number(r.district_id)) &&
                String(r.local_month) >= filter.from &&
                String(r.local_month) < filter.to &&
                (!types || types.includes(r.type)),
            )
            .sort(
              (a, b) =>
                Number(b.occurred_at) - Number(a.occurred_at) ||
                (b.source_id > a.source_id ? 1 : b.source_id < a.source_id ? -1 : 0),
            )
            .slice(0, 5)
            .map((r) => ({ sourceId: r.source_id, occurredAt: r.occurred_at, districtId: r.district_id }));
          const latest = await repo.latestEvents({ ...filter, ...(types ? { types } : {}) }, 5);
          expect(
            latest.map((e) => ({ sourceId: e.sourceId, occurredAt: e.occurredAt, districtId: e.districtId })),
          ).toEqual(expected);
        }
        const inDistricts = rows.filter((r) => filter.districtIds.includes(Number(r.district_id)));
        const latestAt = inDistricts.length
          ? Math.max(...inDistricts.map((r) => Number(r.occurred_at)))
          : undefined;
        expect((await repo.latestEventAt(filter.districtIds))?.getTime()).toBe(latestAt);
      }),
      { numRuns: 15 },
    );
  });
});

describe('refreshRollups', () => {
  it('follows events that are corrected or deleted', async () => {
    await clearEvents();
    const arsta = districtId('arsta');
    const filter = { districtIds: [arsta], from: '2026-01-01', to: '2026-04-01' };
    const robbery = ofType('Rån')[0] as SampleEvent;
    await insertEvents([
      eventRow(robbery, '2026-01-10T21:00:00Z', arsta),
      eventRow(robbery, '2026-01-11T21:00:00Z', arsta),
    ]);
    expect(await monthlyTrend(db, filter)).toEqual([{ month: '2026-01-01', type: 'Rån', events: 2 }]);

    // A corrected record moves to another month and type: both months are refreshed.
    const [moved] = await db.selectFrom('event').select('source_id').limit(1).execute();
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('event')
        .set({ local_month: '2026-03-01', type: 'Misshandel' })
        .where('source_id', '=', String(moved?.source_id))
        .execute();
      await refreshRollups(trx, ['2026-01-01', '2026-03-01']);
    });
    expect(await monthlyTrend(db, filter)).toEqual([
      { month: '2026-01-01', type: 'Rån', events: 1 },
      { month: '2026-03-01', type: 'Misshandel', events: 1 },
    ]);

    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('event').where('local_month', '=', '2026-01-01').execute();
      await refreshRollups(trx, ['2026-01-01']);
    });
    expect(await monthlyTrend(db, filter)).toEqual([{ month: '2026-03-01', type: 'Misshandel', events: 1 }]);
    expect(await weekdayHour(db, filter)).toHaveLength(1);
    const lpo = { ...filter, districtIds: [...globen.districts.values()], policeAreaId: globen.id };
    expect(await monthlyTrend(db, lpo)).toEqual([{ month: '2026-03-01', type: 'Misshandel', events: 1 }]);
    expect(await weekdayHour(db, lpo)).toHaveLength(1);
  });
});

/** Stockholm local date and time to an ISO instant. */
function local(date: string, time: string): string {
  return stockholmInstant(date, time).toISOString();
}

/** The n-th date on the weekday (1 = Monday) from `start` on. */
function nthWeekday(start: string, isoWeekday: number, n: number): string {
  const first = addDays(start, (isoWeekday - weekday(start) + 7) % 7);
  return addDays(first, 7 * n);
}

const GULLMARSPLAN = { lon: 18.081, lat: 59.2991 };

/**
 * Globen, January–June 2026: 30 assaults in Årsta on Friday nights, 12 robberies by Gullmarsplan on
 * Saturday nights, 3 thefts in Liljeholmen, one event whose title starts with "="; the half year before
 * had 8 assaults. Outside Globen: 10 assaults in Farsta, 5 robberies placed nowhere.
 */
async function loadScenario(): Promise<void> {
  await clearEvents();
  const arsta = districtId('arsta');
  const assaults = ofType('Misshandel');
  const robberies = ofType('Rån');
  const pick = (list: SampleEvent[], i: number) => list[i % list.length] as SampleEvent;
  const rows: Insertable<EventTable>[] = [];
  for (let i = 0; i < 30; i++) {
    const date = nthWeekday('2026-01-01', 5, i % 26);
    rows.push(eventRow(pick(assaults, i), local(date, i < 26 ? '22:05' : '22:40'), arsta));
  }
  for (let i = 0; i < 8; i++) {
    rows.push(eventRow(pick(assaults, i), local(nthWeekday('2025-07-01', 5, i * 3), '22:05'), arsta));
  }
  for (let i = 0; i < 12; i++) {
    rows.push(
      eventRow(
        pick(robberies, i),
        local(nthWeekday('2026-02-01', 6, i), '23:15'),
        districtId('johanneshov'),
        {
          placement: 'point',
          placement_confidence: 'high',
          placement_detail: 'Johanneshov',
          ...GULLMARSPLAN,
        },
      ),
    );
  }
  for (let i = 0; i < 3; i++) {
    rows.push(
      eventRow(
        pick(ofType('Stöld'), i),
        local(nthWeekday('2026-03-01', 2, i), '14:00'),
        districtId('liljeholmen'),
      ),
    );
  }
  rows.push({
    ...eventRow(pick(ofType('Skadegörelse'), 0), local('2026-06-10', '12:00'), arsta),
    title: '=HYPERLINK("http://example.com","klicka")',
  });
  for (let i = 0; i < 10; i++) {
    rows.push(
      eventRow(pick(assaults, i), local(nthWeekday('2026-03-01', 5, i % 4), '23:00'), districtId('farsta')),
    );
  }
  for (let i = 0; i < 5; i++) rows.push(eventRow(pick(robberies, i), local('2026-03-14', '23:30'), null));
  await insertEvents(rows);
}

let lead: StaffClient;
let officer: StaffClient;
let analyst: StaffClient;
let farstaOfficer: StaffClient;

describe('the staff picture', () => {
  beforeAll(async () => {
    await loadScenario();
    const signedIn = async (email: string, roles: Record<string, Role[]>, totp: boolean) => {
      const user = await createStaffUser(t.app, email, roles, { totp });
      const client = new StaffClient(t.app);
      await client.signIn(user.email, user.totpSecret);
      return client;
    };
    lead = await signedIn('chef@example.se', { globen: ['lead'] }, true);
    officer = await signedIn('polis@example.se', { globen: ['officer'] }, true);
    analyst = await signedIn('analytiker@example.se', { globen: ['analyst'] }, false);
    farstaOfficer = await signedIn('farsta@example.se', { farsta: ['officer'] }, true);
  });

  const PERIOD = 'fran=2026-01&till=2026-06';

  it('counts Globen’s events for the period and says whether the change is larger than chance', async () => {
    const res = await officer.get(`/staff/globen/lagesbild?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    const text = plain(res.body);
    // 30 + 12 + 3 + 1 in Globen; Farsta's 10 and the 5 placed nowhere are not counted.
    expect(text).toContain('46 händelser under perioden');
    const expected = compareCounts(46, 8);
    expect(expected.significant).toBe(true);
    expect(text).toContain('Jämfört med föregående period (juli 2025–december 2025): 46 mot 8 händelser.');
    expect(text).toContain(`Ökningen är större än slumpen förklarar (${formatP(expected.p, 'sv')}).`);
    expect(text).toContain(
      'Jämfört med samma period året före (januari 2025–juni 2025): 46 mot 0 händelser.',
    );
    // Friday 22–23 holds the 30 assaults; the heatmap table says so.
    expect(cellsOfRow(res.body, 'fredag')[22]).toBe('30');
    expect(cellsOfRow(res.body, 'lördag')[23]).toBe('12');
    // 42 of 46 in the evening or at night; 12 on Saturday nights and 30 on Friday nights: 42 at weekends.
    expect(text).toContain(
      '91,3 % av händelserna skedde på kvällar och nätter (18–06) och 91,3 % under helger',
    );
    expect(cellsOfRow(res.body, 'Gullmarsplan')).toEqual([
      'Kollektivtrafik',
      '12',
      '12',
      expect.stringMatching(/^ja \(p [<=] /),
    ]);
    expect(cellsOfRow(res.body, 'Årsta').at(-1)).toBe('31');
    expect(text).not.toContain('Farsta');
    expect(text).toContain('Placerad via koordinaterna: inom Johanneshov (säkerhet: hög).');
    expect(res.body).toContain('<svg class="situation-chart situation-map"');
  });

  it('filters by district and type, and names the field when a filter is wrong', async () => {
    const res = await analyst.get(`/staff/globen/lagesbild?${PERIOD}&stadsdel=johanneshov&typ=grupp:robbery`);
    expect(res.statusCode).toBe(200);
    expect(plain(res.body)).toContain('12 händelser under perioden');
    const oneType = await analyst.get(`/staff/globen/lagesbild?${PERIOD}&typ=Stöld`);
    expect(plain(oneType.body)).toContain('3 händelser under perioden');
    expect(cellsOfRow(oneType.body, 'tisdag')[14]).toBe('3');

    const bad = await analyst.get('/staff/globen/lagesbild?fran=2026-13&till=2026-06&stadsdel=farsta');
    expect(bad.statusCode).toBe(400);
    expect(plain(bad.body)).toContain('Från och med månad: Ange en månad som ÅÅÅÅ-MM');
    expect(plain(bad.body)).toContain('Stadsdel: Välj en av lokalpolisområdets stadsdelar.');
    const english = await analyst.get('/en/staff/globen/situation?fran=2026-06&till=2026-01');
    expect(english.statusCode).toBe(400);
    expect(plain(english.body)).toContain(
      'To month (inclusive): The to month cannot be before the from month.',
    );
  });

  it('downloads each table as CSV with the same filter, formula cells made harmless', async () => {
    const months = await officer.get(`/staff/globen/lagesbild.csv?${PERIOD}&typ=grupp:violence_public`);
    expect(months.statusCode).toBe(200);
    expect(months.headers['content-type']).toContain('text/csv');
    const lines = months.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('månad;stadsdel;typ;händelser');
    const total = lines.slice(1).reduce((sum, line) => sum + Number(line.split(';')[3]), 0);
    expect(total).toBe(30);
    expect(lines).toContain('2026-01;Årsta;Misshandel;9');

    const events = await officer.get(`/staff/globen/lagesbild.csv?${PERIOD}&tabell=handelser`);
    expect(events.body).toContain(`;'=HYPERLINK(""http://example.com"",""klicka"")"`.replace(`;'=`, `;"'=`));
    expect(events.body).not.toMatch(/;=HYPERLINK/);
    const hours = await officer.get(`/staff/globen/lagesbild.csv?${PERIOD}&tabell=veckodag-timme`);
    expect(hours.body).toContain('5;fredag;22;30;ja;ja');
  });

  it('ranks weekend windows by violence and robbery, and the lead plans a shift from one', async () => {
    const page = await lead.get(`/staff/globen/lagesbild/helginsats?${PERIOD}`);
    expect(page.statusCode).toBe(200);
    const text = plain(page.body);
    expect(text).toMatch(
      /lördag 18–00 vid Gullmarsplan Våld och rån i fönstret 12 Andel av alla händelser i fönstret 100 %/,
    );
    expect(text).toMatch(/fredag 18–00 i Årsta Våld och rån i fönstret 30/);
    const key = /name="forslag" value="(place:gullmarsplan:[^"]+)"/.exec(page.body)?.[1] ?? '';
    const submissionId = /name="submission_id" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    expect(key).toBe('place:gullmarsplan:sat-18');

    const before = plain((await lead.get('/staff/globen/helginsats')).body);
    const res = await lead.post('/staff/globen/lagesbild/helginsats', {
      submission_id: submissionId,
      forslag: key,
      poliser: '4',
    });
    expect(res.statusCode).toBe(303);
    const shiftUrl = String(res.headers.location);
    expect(shiftUrl).toMatch(/^\/staff\/globen\/helginsats\/\d+\?saved=1$/);
    const shift = plain((await lead.get(shiftUrl)).body);
    expect(shift).toContain('Pass 28 november 2026');
    expect(shift).toContain('lördag 28 november 2026, 18:00–00:00');
    expect(shift).toContain('Passet är planerat utifrån lägesbilden.');
    expect(shift).toContain('Planerat utifrån lägesbilden: lördag 18–00 vid Gullmarsplan.');

    // Submitting the same form again finds the same shift.
    await lead.get('/staff/globen/lagesbild/helginsats');
    const again = await lead.post('/staff/globen/lagesbild/helginsats', {
      submission_id: submissionId,
      forslag: key,
      poliser: '4',
    });
    expect(again.headers.location).toBe(shiftUrl);

    // Planned is not staffed: the week and the year's count stay as they were.
    const after = plain((await lead.get('/staff/globen/helginsats')).body);
    expect(after).toContain('Vecka 48 (den här veckan) är inte bemannad ännu.');
    expect(after.match(/\d+ av 53 ISO-veckor 2026/)?.[0]).toBe(
      before.match(/\d+ av 53 ISO-veckor 2026/)?.[0],
    );
    expect(after).toContain('planerat, inte genomfört ännu');
    const audit = await db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'shift.plan')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses a suggestion that is not the LPO’s, or a wrong number of officers, and writes nothing', async () => {
    const count = async () =>
      (await db.selectFrom('weekend_shift').select(db.fn.countAll<string>().as('n')).executeTakeFirst())?.n;
    const before = await count();
    for (const [forslag, poliser, message] of [
      ['place:farsta-centrum:sat-21', '2', 'Förslaget finns inte längre.'],
      ['district:farsta:fri-21', '2', 'Förslaget finns inte längre.'],
      ['place:gullmarsplan:sat-21', '0', 'Ange antalet poliser som ett heltal från 1 till 200.'],
    ] as const) {
      const page = await lead.get('/staff/globen/lagesbild/helginsats');
      const submissionId = /name="submission_id" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const res = await lead.post('/staff/globen/lagesbild/helginsats', {
        submission_id: submissionId,
        forslag,
        poliser,
      });
      expect(res.statusCode, forslag).toBe(400);
      expect(plain(res.body)).toContain(message);
    }
    expect(await count()).toBe(before);
  });

  it('lets an analyst read but not plan, and keeps Farsta’s staff out of Globen’s picture', async () => {
    const page = await analyst.get('/staff/globen/lagesbild/helginsats');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="forslag"');
    expect(plain(page.body)).toContain(
      'Bara lokalpolisområdeschefen kan göra ett förslag till ett planerat pass.',
    );
    const post = await analyst.post('/staff/globen/lagesbild/helginsats', {
      submission_id: randomUUID(),
      forslag: 'place:gullmarsplan:sat-21',
      poliser: '2',
    });
    expect(post.statusCode).toBe(403);
    expect((await farstaOfficer.get('/staff/globen/lagesbild')).statusCode).toBe(403);
    expect((await farstaOfficer.get('/staff/globen/lagesbild.csv')).statusCode).toBe(403);
    expect((await farstaOfficer.get('/staff/farsta/lagesbild')).statusCode).toBe(200);
  });

  it('is linked from the LPO’s staff page in both languages', async () => {
    expect((await officer.get('/staff/globen')).body).toContain('href="/staff/globen/lagesbild"');
    expect((await officer.get('/en/staff/globen')).body).toContain('href="/en/staff/globen/situation"');
  });
});

describe('the public picture', () => {
  it('shows monthly counts per district and type, hiding counts under 5', async () => {
    const res = await t.app.inject('/lpo/globen/lagesbild');
    expect(res.statusCode).toBe(200);
    const text = plain(res.body);
    expect(text).toContain('Publicerade polishändelser, inte brottsstatistik');
    expect(res.body).toContain('href="https://polisen.se/aktuellt/handelser/"');
    expect(text).toContain('november 2025–oktober 2026');
    // Liljeholmen had 3 thefts: shown as "färre än 5", never as 3, in its row and in its total.
    const liljeholmen = cellsOfRow(res.body, 'Liljeholmen');
    expect(liljeholmen).toEqual(['färre än 5', 'färre än 5', 'färre än 5', 'färre än 5']);
    // Johanneshov's 12 robberies are shown; its zeros are hidden like any count under 5.
    expect(cellsOfRow(res.body, 'Johanneshov')).toEqual(['färre än 5', '12', 'färre än 5', '12']);
    expect(text).not.toContain('Farsta');
    expect(res.headers.etag).toBeDefined();
    const english = await t.app.inject('/en/lpo/globen/situation');
    expect(plain(english.body)).toContain('Published police events, not crime statistics');
    expect(cellsOfRow(english.body, 'Liljeholmen')[0]).toBe('fewer than 5');
  });

  it('never lets a hidden count be worked out from a total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 12 }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (cells) => {
          const table = protectTable(cells, 5);
          const lines = [
            ...table.cells.map((row, i) => ({ cells: row, total: table.rowTotals[i] })),
            ...[0, 1, 2].map((j) => ({
              cells: table.cells.map((row) => row[j] ?? null),
              total: table.columnTotals[j],
            })),
          ];
          for (const line of lines) {
            if (line.total !== null) expect(line.cells.filter((c) => c === null).length).not.toBe(1);
          }
          for (const row of table.cells)
            for (const c of row) if (c !== null) expect(c).toBeGreaterThanOrEqual(5);
        },
      ),
    );
  });

  it('publishes the same figures as JSON and CSV, with the licence and the same suppression', async () => {
    const res = await t.app.inject('/api/v1/lpos/globen/situation');
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      licence: { events: string; aggregation: string };
      districts: { slug: string }[];
      monthly: {
        month: string;
        district: string;
        group: string;
        events: number | null;
        suppressed: boolean;
      }[];
      weekdayBands: { weekday: number; band: string; events: number | null }[];
    };
    expect(body.licence.events).toContain('2010:566');
    expect(body.licence.aggregation).toContain('CC0');
    expect(body.districts.map((d) => d.slug)).not.toContain('farsta');
    const theft = body.monthly.find(
      (c) => c.month === '2026-03' && c.district === 'liljeholmen' && c.group === 'other',
    );
    expect(theft).toEqual({
      month: '2026-03',
      district: 'liljeholmen',
      group: 'other',
      events: null,
      suppressed: true,
    });
    for (const cell of [...body.monthly, ...body.weekdayBands]) {
      if (cell.events !== null) expect(cell.events).toBeGreaterThanOrEqual(5);
    }
    // Friday evenings: the 30 assaults of 2026 and 2 of November–December 2025.
    expect(body.weekdayBands.find((c) => c.weekday === 5 && c.band === 'evening')?.events).toBe(32);
    const openapi = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/api/v1/lpos/{slug}/situation');

    const csv = await t.app.inject('/lpo/globen/lagesbild.csv');
    expect(csv.statusCode).toBe(200);
    const rows = csv.body
      .replace('\uFEFF', '')
      .trim()
      .split('\r\n')
      .slice(2)
      .map((line) => line.split(';'));
    expect(rows.length).toBe(body.monthly.length);
    expect(
      rows.find((r) => r[0] === '2026-03' && r[1] === 'Liljeholmen' && r[2] === 'Övriga händelser')?.[3],
    ).toBe('färre än 5');
    for (const row of rows) expect(row[3]).not.toMatch(/^[0-4]$/);
  });

  it('is linked from the promise page', async () => {
    const res = await t.app.inject('/lpo/globen');
    expect(res.body).toContain('href="/lpo/globen/lagesbild"');
  });
});

/** The page's text without tags, whitespace collapsed. */
function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,:)])/g, '$1');
}

/** The data cells of the first table row whose header is `header`. */
function cellsOfRow(html: string, header: string): string[] {
  const rows = html.match(/<tr>.*?<\/tr>/gs) ?? [];
  const row = rows.find((r) => new RegExp(`<th scope="row"[^>]*>${header}</th>`).test(r));
  if (!row) throw new Error(`no row ${header}`);
  return [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;|\u00a0/g, ' ')
      .replace(/&lt;/g, '<'),
  );
}
