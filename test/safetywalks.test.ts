// Safety walks as staff meet them: plan one, carry it out with its route, log what it found, follow each
// observation up with its owner until fixed, and see the public figures follow. Plus the pure rules.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextStatuses, transitionProblem } from '../src/domain/observation-status.ts';
import { parseRoute, projectToSvg, routeLengthMetres } from '../src/modules/safetywalks/geometry.ts';
import { median } from '../src/modules/safetywalks/service.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient } from './helpers/staff.ts';

const LIST = '/staff/globen/trygghetsvandringar';
const ROUTE = {
  type: 'LineString',
  coordinates: [
    [18.0832, 59.2935],
    [18.0871, 59.2951],
    [18.0905, 59.2942],
  ],
};

let t: TestApp;
let municipality: StaffClient;
let globenDistrict: number;

beforeAll(async () => {
  t = await createTestApp();
  await createStaffUser(t.app, 'sdf@example.se', { globen: ['municipality'] });
  await createStaffUser(t.app, 'analytiker@example.se', { globen: ['analyst'] });
  await createStaffUser(t.app, 'farsta@example.se', { farsta: ['municipality'] });
  await createStaffUser(t.app, 'bada@example.se', { farsta: ['municipality'], globen: ['analyst'] });
  municipality = new StaffClient(t.app);
  await municipality.signIn('sdf@example.se');
  const globen = await t.app.services.areas.findPoliceArea('globen');
  const districts = await t.app.services.areas.districtsOf(globen?.id ?? 0);
  globenDistrict = districts[0]?.id ?? 0;
});
afterAll(async () => {
  await t.close();
});

/** The id at the end of a redirect such as /staff/globen/trygghetsvandringar/12#observation-3. */
function idIn(location: unknown, pattern: RegExp): number {
  const match = pattern.exec(String(location));
  if (!match?.[1]) throw new Error(`no id in ${String(location)}`);
  return Number(match[1]);
}

async function planWalk(
  browser: StaffClient,
  fields: Record<string, string | string[]> = {},
): Promise<{ id: number; submissionId: string }> {
  await browser.get(`${LIST}/ny`);
  const submissionId = randomUUID();
  const res = await browser.post(`${LIST}/ny`, {
    submission_id: submissionId,
    walk_date: '2026-12-10',
    district_id: String(globenDistrict),
    partners: ['district_administration', 'residents'],
    partners_other: 'Trafikförvaltningen',
    ...fields,
  });
  expect(res.statusCode, res.body).toBe(303);
  return { id: idIn(res.headers.location, /trygghetsvandringar\/(\d+)$/), submissionId };
}

async function completeWalk(browser: StaffClient, id: number, route = JSON.stringify(ROUTE)) {
  await browser.get(`${LIST}/${id}`);
  return browser.post(`${LIST}/${id}/genomford`, { done_date: '2026-11-20', route });
}

async function addObservation(browser: StaffClient, walkId: number, fields: Record<string, string> = {}) {
  await browser.get(`${LIST}/${walkId}`);
  return browser.post(`${LIST}/${walkId}/iakttagelser`, {
    submission_id: randomUUID(),
    lat: '59,2940',
    lon: '18,0850',
    place: '',
    category: 'lighting',
    description: 'Trasig gatlykta vid gångtunneln.',
    owner: '',
    ...fields,
  });
}

async function setStatus(browser: StaffClient, observationId: number, fields: Record<string, string>) {
  await browser.get(`/staff/globen/iakttagelser/${observationId}`);
  return browser.post(`/staff/globen/iakttagelser/${observationId}/status`, {
    comment: '',
    owner: '',
    ...fields,
  });
}

async function count(table: 'safety_walk' | 'observation' | 'observation_event'): Promise<number> {
  const rows = await t.database.db.selectFrom(table).select('id').execute();
  return rows.length;
}

async function walksTarget(): Promise<number> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/lpos/globen/promises/2026' });
  const body = JSON.parse(res.body) as {
    commitments: { key: string; targets: { evaluation: { current: number } | null }[] }[];
  };
  return body.commitments.find((c) => c.key === 'trygghetsvandringar')?.targets[0]?.evaluation?.current ?? -1;
}

describe('observation status', () => {
  it('goes open → sent → accepted → fixed, and declined can be sent again', () => {
    expect(nextStatuses('open')).toEqual(['sent']);
    expect(nextStatuses('sent')).toEqual(['accepted', 'declined', 'fixed']);
    expect(nextStatuses('accepted')).toEqual(['fixed', 'declined']);
    expect(nextStatuses('declined')).toEqual(['sent']);
    expect(nextStatuses('fixed')).toEqual([]);
  });

  it('refuses skipping ahead, going back, and sending without an owner', () => {
    expect(transitionProblem('open', 'fixed', 'Stockholmshem')).toBe('not_allowed');
    expect(transitionProblem('accepted', 'sent', 'Stockholmshem')).toBe('not_allowed');
    expect(transitionProblem('fixed', 'open', null)).toBe('not_allowed');
    expect(transitionProblem('open', 'sent', null)).toBe('owner_required');
    expect(transitionProblem('open', 'sent', '  ')).toBe('owner_required');
    expect(transitionProblem('open', 'sent', 'Stockholm stad, trafikkontoret')).toBeUndefined();
    expect(transitionProblem('sent', 'fixed', 'Stockholmshem')).toBeUndefined();
  });
});

describe('a pasted route', () => {
  it('is accepted as a LineString, a Feature or a FeatureCollection of lines', () => {
    expect(parseRoute(JSON.stringify(ROUTE))).toEqual({ ok: true, route: ROUTE });
    const feature = { type: 'Feature', properties: {}, geometry: ROUTE };
    expect(parseRoute(JSON.stringify(feature))).toEqual({ ok: true, route: ROUTE });
    const collection = { type: 'FeatureCollection', features: [feature, feature] };
    const parsed = parseRoute(JSON.stringify(collection));
    expect(parsed.ok && parsed.route.type).toBe('MultiLineString');
  });

  it('drops the altitude and rounds to six decimals', () => {
    const withAltitude = {
      type: 'LineString',
      coordinates: [
        [18.12345678, 59.1, 30],
        [18.2, 59.2, 31],
      ],
    };
    expect(parseRoute(JSON.stringify(withAltitude))).toEqual({
      ok: true,
      route: {
        type: 'LineString',
        coordinates: [
          [18.123457, 59.1],
          [18.2, 59.2],
        ],
      },
    });
  });

  it('says what is wrong with it', () => {
    const problem = (text: string) => {
      const result = parseRoute(text);
      return result.ok ? 'ok' : result.problem;
    };
    expect(problem('{"type": "LineString"')).toBe('not_json');
    expect(problem(JSON.stringify({ type: 'Point', coordinates: [18.08, 59.29] }))).toBe('not_a_line');
    expect(problem(JSON.stringify({ type: 'LineString', coordinates: [[18.08, 59.29]] }))).toBe(
      'too_few_points',
    );
    expect(problem(JSON.stringify({ type: 'LineString', coordinates: [[18.08], [18.09]] }))).toBe(
      'bad_coordinates',
    );
    expect(
      problem(
        JSON.stringify({
          type: 'LineString',
          coordinates: [
            [59.29, 18.08],
            [59.3, 18.09],
          ],
        }),
      ),
    ).toBe('lat_lon_swapped');
    expect(
      problem(
        JSON.stringify({
          type: 'LineString',
          coordinates: [
            [2.35, 48.85],
            [2.36, 48.86],
          ],
        }),
      ),
    ).toBe('outside_sweden');
    expect(problem(' '.repeat(100_001))).toBe('too_large');
  });
});

describe('the route on the map', () => {
  it('fits the route and the points inside the drawing, north up, and measures it', () => {
    const parsed = parseRoute(JSON.stringify(ROUTE));
    if (!parsed.ok) throw new Error('the test route is valid');
    const map = projectToSvg(parsed.route, [[18.085, 59.294]]);
    const xy = [
      ...(map.lines[0]?.split(' ') ?? []).map((p) => p.split(',').map(Number)),
      ...map.points.map((p) => [p.x, p.y]),
    ];
    for (const [x = -1, y = -1] of xy) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(map.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(map.height);
    }
    // The second position is the northernmost: the smallest y.
    expect(Math.min(...xy.slice(0, 3).map(([, y = 0]) => y))).toBe(xy[1]?.[1]);
    // About 284 m and 218 m.
    expect(Math.abs(routeLengthMetres(parsed.route) - 502)).toBeLessThan(5);
  });
});

describe('the median number of days', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 2, 4, 8])).toBe(6);
  });
});

describe('planning a safety walk', () => {
  it('lists this year’s planned and carried-out walks, with a link to plan one', async () => {
    const res = await municipality.get(LIST);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<h1>Trygghetsvandringar</h1>');
    expect(res.body).toContain(`${LIST}/ny`);
    // The demo: walks in April and September done, one planned in December.
    expect(res.body).toContain('3 december 2026');
    expect(res.body).toContain('21 april 2026');
  });

  it('offers the LPO’s districts and the partners as checkboxes', async () => {
    const res = await municipality.get(`${LIST}/ny`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Skarpnäcks gård');
    expect(res.body).not.toContain('Farsta strand');
    expect(res.body).toContain('name="submission_id"');
    expect(res.body).toMatch(/type="checkbox"[^>]*value="housing_company"/);
  });

  it('refuses a missing date and a district of another LPO, with messages by the fields, writing nothing', async () => {
    const before = await count('safety_walk');
    const farsta = await t.app.services.areas.findPoliceArea('farsta');
    const farstaDistrict = (await t.app.services.areas.districtsOf(farsta?.id ?? 0))[0]?.id ?? 0;
    await municipality.get(`${LIST}/ny`);
    const res = await municipality.post(`${LIST}/ny`, {
      submission_id: randomUUID(),
      walk_date: '',
      district_id: String(farstaDistrict),
      partners_other: 'Föreningen Trygga gator',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('error-summary');
    expect(res.body).toContain('id="walk_date-error"');
    expect(res.body).toContain('Välj en av lokalpolisområdets stadsdelar.');
    // What was typed stays in the form.
    expect(res.body).toContain('value="Föreningen Trygga gator"');
    expect(await count('safety_walk')).toBe(before);
  });

  it('creates one walk for a double submit and sends to it', async () => {
    const before = await count('safety_walk');
    const { id, submissionId } = await planWalk(municipality);
    const again = await municipality.post(`${LIST}/ny`, {
      submission_id: submissionId,
      walk_date: '2026-12-10',
      district_id: String(globenDistrict),
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`${LIST}/${id}`);
    expect(await count('safety_walk')).toBe(before + 1);
    const page = await municipality.get(`${LIST}/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Stadsdelsförvaltningen, Boende, Trafikförvaltningen');
    expect(page.body).toContain('Markera som genomförd');
  });
});

describe('carrying out a walk', () => {
  it('refuses a route that is not a line in Sweden and keeps the walk planned', async () => {
    const { id } = await planWalk(municipality);
    const swapped = JSON.stringify({
      type: 'LineString',
      coordinates: [
        [59.29, 18.08],
        [59.3, 18.09],
      ],
    });
    const res = await completeWalk(municipality, id, swapped);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="route-error"');
    expect(res.body).toContain('longituden först');
    const walk = await t.database.db
      .selectFrom('safety_walk')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    expect(walk?.status).toBe('planned');
  });

  it('refuses a route over 100 kB with a message, not an error page', async () => {
    const { id } = await planWalk(municipality);
    const long = {
      type: 'LineString',
      coordinates: Array.from({ length: 4000 }, (_, i) => [18.08 + i / 1e5, 59.29 + i / 1e5]),
    };
    const res = await completeWalk(municipality, id, JSON.stringify(long));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('större än 100 kB');
  });

  it('refuses a date after today', async () => {
    const { id } = await planWalk(municipality);
    await municipality.get(`${LIST}/${id}`);
    const res = await municipality.post(`${LIST}/${id}/genomford`, { done_date: '2026-11-26', route: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Datumet får inte ligga efter i dag.');
  });

  it('counts toward the public target once done, and draws the route', async () => {
    const before = await walksTarget();
    const { id } = await planWalk(municipality);
    expect(await walksTarget()).toBe(before);
    const res = await completeWalk(municipality, id);
    expect(res.statusCode).toBe(303);
    expect(await walksTarget()).toBe(before + 1);
    const page = await municipality.get(`${LIST}/${id}`);
    expect(page.body).toContain('<polyline');
    expect(page.body).toMatch(/Rutten är 0,\d km lång/);
    expect(page.body).toContain('Lägg till en iakttagelse');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'safety_walk')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['safety_walk.complete', 'safety_walk.create']);
  });
});

describe('observations', () => {
  let walkId: number;
  beforeAll(async () => {
    walkId = (await planWalk(municipality)).id;
    await completeWalk(municipality, walkId);
  });

  it('need a place: coordinates in Sweden or a district', async () => {
    const before = await count('observation');
    const none = await addObservation(municipality, walkId, { lat: '', lon: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Ange latitud och longitud, eller välj en plats i listan.');
    const paris = await addObservation(municipality, walkId, { lat: '48,85', lon: '2,35' });
    expect(paris.statusCode).toBe(400);
    expect(paris.body).toContain('Platsen ligger utanför Sverige.');
    const words = await addObservation(municipality, walkId, { lat: 'norr', lon: '18' });
    expect(words.body).toContain('id="lat-error"');
    expect(await count('observation')).toBe(before);
  });

  it('need a category and a description of at most 1000 characters', async () => {
    const res = await addObservation(municipality, walkId, { category: '', description: 'x'.repeat(1001) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Välj en kategori.');
    expect(res.body).toContain('Skriv högst 1');
  });

  it('are added once for a double submit, and can take the centre of a district', async () => {
    const before = await count('observation');
    await municipality.get(`${LIST}/${walkId}`);
    const fields = {
      submission_id: randomUUID(),
      lat: '',
      lon: '',
      place: String(globenDistrict),
      category: 'vegetation',
      description: 'Buskage skymmer sikten vid busshållplatsen.',
      owner: 'Stockholmshem',
    };
    const first = await municipality.post(`${LIST}/${walkId}/iakttagelser`, fields);
    const second = await municipality.post(`${LIST}/${walkId}/iakttagelser`, fields);
    expect(first.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await count('observation')).toBe(before + 1);
    const id = idIn(first.headers.location, /#observation-(\d+)$/);
    const row = await t.database.db
      .selectFrom('observation')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    const district = await t.database.db
      .selectFrom('district')
      .select('centroid')
      .where('id', '=', globenDistrict)
      .executeTakeFirst();
    expect([row?.lon, row?.lat]).toEqual(district?.centroid);
    expect(row?.status).toBe('open');
  });

  it('cannot be added to a walk that has not been carried out', async () => {
    const { id } = await planWalk(municipality);
    const page = await municipality.get(`${LIST}/${id}`);
    expect(page.body).not.toContain('Lägg till en iakttagelse');
    const res = await addObservation(municipality, id);
    expect(res.statusCode).toBe(404);
  });

  it('are followed up: sent to an owner, accepted, fixed, each change kept with its date', async () => {
    const added = await addObservation(municipality, walkId);
    const id = idIn(added.headers.location, /#observation-(\d+)$/);

    const skip = await setStatus(municipality, id, { status: 'fixed', at: '2026-11-21' });
    expect(skip.statusCode).toBe(400);
    expect(skip.body).toContain('Den statusen går inte att välja nu.');

    const noOwner = await setStatus(municipality, id, { status: 'sent', at: '2026-11-21' });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.body).toContain('Ange vem iakttagelsen skickas till.');

    const early = await setStatus(municipality, id, {
      status: 'sent',
      at: '2026-11-19',
      owner: 'Trafikkontoret',
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('före förra ändringen (20 november 2026)');

    const sent = await setStatus(municipality, id, {
      status: 'sent',
      at: '2026-11-21',
      owner: 'Stockholm stad, trafikkontoret',
    });
    expect(sent.statusCode).toBe(303);
    // A double click on the same change changes nothing more.
    const again = await municipality.post(`/staff/globen/iakttagelser/${id}/status`, {
      status: 'sent',
      at: '2026-11-21',
      owner: 'Stockholm stad, trafikkontoret',
      comment: '',
    });
    expect(again.statusCode).toBe(303);
    expect((await setStatus(municipality, id, { status: 'accepted', at: '2026-11-22' })).statusCode).toBe(
      303,
    );
    const fixed = await setStatus(municipality, id, {
      status: 'fixed',
      at: '2026-11-24',
      comment: 'Lampan bytt.',
    });
    expect(fixed.statusCode).toBe(303);

    const page = await municipality.get(`/staff/globen/iakttagelser/${id}`);
    expect(page.statusCode).toBe(200);
    for (const text of [
      'Öppen',
      'Skickad',
      'Accepterad',
      'Åtgärdad',
      'Lampan bytt.',
      'Stockholm stad, trafikkontoret',
    ])
      expect(page.body).toContain(text);
    expect(page.body).not.toContain('Spara status');
    const events = await t.database.db
      .selectFrom('observation_event')
      .select(['status', 'at'])
      .where('observation_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { status: 'open', at: '2026-11-20' },
      { status: 'sent', at: '2026-11-21' },
      { status: 'accepted', at: '2026-11-22' },
      { status: 'fixed', at: '2026-11-24' },
    ]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'observation')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'observation.create',
      'observation.status',
      'observation.status',
      'observation.status',
    ]);
  });
});

describe('the public figures', () => {
  async function publicSection(): Promise<string> {
    const res = await t.app.inject({ method: 'GET', url: '/lpo/globen/2026/trygghetsvandringar' });
    expect(res.statusCode).toBe(200);
    return res.body;
  }

  it('show how many observations were fixed, and the median days only from five fixed', async () => {
    const walkId = (await planWalk(municipality)).id;
    await completeWalk(municipality, walkId);
    const before = await publicSection();
    expect(before).toContain('Åtgärdade iakttagelser');
    expect(before).toContain('Mediantiden till åtgärd visas när minst 5 iakttagelser är åtgärdade.');

    for (const fixedOn of ['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']) {
      const added = await addObservation(municipality, walkId, { description: 'Klotter på elskåpet.' });
      const id = idIn(added.headers.location, /#observation-(\d+)$/);
      await setStatus(municipality, id, { status: 'sent', at: '2026-11-20', owner: 'Ellevio' });
      expect((await setStatus(municipality, id, { status: 'fixed', at: fixedOn })).statusCode).toBe(303);
    }
    const after = await publicSection();
    expect(after).not.toContain('Mediantiden till åtgärd visas');
    // Fixed 1–5 days after the walk of 20 November, and one 4 days after it above: 1 2 3 4 4 5.
    expect(after).toMatch(/Åtgärdade iakttagelser<\/dt><dd>6</);
    expect(after).toMatch(/Mediantid till åtgärd<\/dt><dd>3,5 dagar/);
    // Counts only: never what an observation says.
    expect(after).not.toContain('Klotter på elskåpet');
    expect(after).not.toContain('Trasig gatlykta');
  });
});

describe('who may do what', () => {
  it('lets an analyst read walks but not plan or change them', async () => {
    const { id } = await planWalk(municipality);
    const analyst = new StaffClient(t.app);
    await analyst.signIn('analytiker@example.se');
    const page = await analyst.get(`${LIST}/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Markera som genomförd');
    expect((await analyst.get(LIST)).body).not.toContain(`${LIST}/ny`);
    expect((await analyst.get(`${LIST}/ny`)).statusCode).toBe(403);
    const res = await analyst.post(`${LIST}/${id}/genomford`, { done_date: '2026-11-20', route: '' });
    expect(res.statusCode).toBe(403);
  });

  it('never shows or changes a Globen walk or observation through another LPO', async () => {
    const { id } = await planWalk(municipality);
    await completeWalk(municipality, id);
    const added = await addObservation(municipality, id);
    const observationId = idIn(added.headers.location, /#observation-(\d+)$/);

    const farsta = new StaffClient(t.app);
    await farsta.signIn('farsta@example.se');
    expect((await farsta.get(`${LIST}/${id}`)).statusCode).toBe(403);
    expect((await farsta.get(`/staff/farsta/trygghetsvandringar/${id}`)).statusCode).toBe(404);
    expect((await farsta.get(`/staff/farsta/iakttagelser/${observationId}`)).statusCode).toBe(404);
    await farsta.get('/staff/farsta/trygghetsvandringar');
    const change = await farsta.post(`/staff/farsta/iakttagelser/${observationId}/status`, {
      status: 'sent',
      at: '2026-11-21',
      owner: 'Någon',
    });
    expect(change.statusCode).toBe(404);
    const done = await farsta.post(`/staff/farsta/trygghetsvandringar/${id}/genomford`, {
      done_date: '2026-11-21',
      route: '',
    });
    expect(done.statusCode).toBe(404);
    const observe = await farsta.post(`/staff/farsta/trygghetsvandringar/${id}/iakttagelser`, {
      submission_id: randomUUID(),
      lat: '59,29',
      lon: '18,08',
      category: 'litter',
      description: 'Skräp',
    });
    expect(observe.statusCode).toBe(404);

    // Someone with roles in both LPOs still reaches a record only through its own LPO.
    const both = new StaffClient(t.app);
    await both.signIn('bada@example.se');
    expect((await both.get(`/staff/farsta/trygghetsvandringar/${id}`)).statusCode).toBe(404);
    expect((await both.get(`${LIST}/${id}`)).statusCode).toBe(200);

    const row = await t.database.db
      .selectFrom('observation')
      .select('status')
      .where('id', '=', observationId)
      .executeTakeFirst();
    expect(row?.status).toBe('open');
  });

  it('shows the pages in English too', async () => {
    const list = await municipality.get('/en/staff/globen/trygghetsvandringar');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<h1>Safety walks</h1>');
    const form = await municipality.get('/en/staff/globen/trygghetsvandringar/ny');
    expect(form.body).toContain('Plan a safety walk');
    expect(form.body).toContain('Housing companies');
  });
});
