// Logging weekend-operation (helginsats) shifts as officers meet it: the form, its checks, double submits,
// other LPOs, and the public progress that follows. Today is Wednesday 25 November 2026 (ISO week 48).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/db/seed/index.ts';
import { addDays, isoWeekKey, isoWeekOf, isoWeekStart } from '../src/domain/iso-week.ts';
import {
  containsPersonalNumber,
  parseShift,
  type ShiftForm,
  shiftSpan,
} from '../src/modules/weekend/shift-input.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient } from './helpers/staff.ts';

let t: TestApp;
let officer: StaffClient;
let analyst: StaffClient;
let farstaOfficer: StaffClient;
let globenId: number;

beforeAll(async () => {
  t = await createTestApp();
  const polis = await createStaffUser(t.app, 'polis@example.se', { globen: ['officer'] }, { totp: true });
  await createStaffUser(t.app, 'analytiker@example.se', { globen: ['analyst'] });
  const farsta = await createStaffUser(t.app, 'farsta@example.se', { farsta: ['officer'] }, { totp: true });
  officer = new StaffClient(t.app);
  await officer.signIn(polis.email, polis.totpSecret);
  analyst = new StaffClient(t.app);
  await analyst.signIn('analytiker@example.se');
  farstaOfficer = new StaffClient(t.app);
  await farstaOfficer.signIn(farsta.email, farsta.totpSecret);
  const globen = await t.app.services.areas.findPoliceArea('globen');
  if (!globen) throw new Error('no Globen');
  globenId = globen.id;
});
afterAll(async () => {
  await t.close();
});

const NEW_FORM = '/staff/globen/helginsats/ny';
const SHIFTS = '/staff/globen/helginsats';

/** A valid night shift on Saturday 21 November 2026 (week 47), ending after midnight. */
function validShift(overrides: Partial<Record<keyof ShiftForm, string | string[]>> = {}) {
  return {
    start_date: '2026-11-21',
    start_time: '21:00',
    end_time: '03:00',
    officers: '4',
    places: ['avicii-arena', 'gullmarsplan', 'krogar-globen-city'],
    premises_inspected: '3',
    youth_contacts: '12',
    note: 'Lugnt efter matchen, mycket folk vid Gullmarsplan.',
    ...overrides,
  };
}

/** Opens the form (for its CSRF token) and posts it with a fresh or given submission id. */
async function submit(
  browser: StaffClient,
  fields: Record<string, string | string[]>,
  options: { lang?: 'sv' | 'en'; submissionId?: string } = {},
) {
  const prefix = options.lang === 'en' ? '/en' : '';
  const form = await browser.get(`${prefix}${NEW_FORM}`);
  const submissionId = options.submissionId ?? submissionIdOf(form.body);
  return browser.post(`${prefix}${SHIFTS}`, { submission_id: submissionId, ...fields });
}

function submissionIdOf(html: string): string {
  const id = /name="submission_id" value="([^"]+)"/.exec(html)?.[1];
  if (!id) throw new Error('the form has no submission id');
  return id;
}

function shiftIdOf(location: unknown): number {
  const match = /\/helginsats\/(\d+)\?saved=1$/.exec(String(location));
  if (!match) throw new Error(`not a shift page: ${String(location)}`);
  return Number(match[1]);
}

async function shiftCount(): Promise<number> {
  const row = await t.database.db
    .selectFrom('weekend_shift')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The text of the error shown next to a field. */
function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`id="${field}-error">([^<]*)<`).exec(html)?.[1];
}

describe('the place list', () => {
  it('is loaded once as the seed step globen-places, with coordinates in Globen', async () => {
    const places = await t.app.services.promises.weekend.places(globenId);
    const slugs = places.map((p) => p.slug);
    for (const slug of [
      'avicii-arena',
      '3arena',
      'hovet',
      'gullmarsplan',
      'globen-t-bana',
      'skarmarbrink',
      'skarpnack-t-bana',
      'bagarmossen-centrum',
      'hammarbyhojden',
      'liljeholmen',
      'arsta-centrum',
      'alvsjo-station',
      'vastertorp',
    ]) {
      expect(slugs).toContain(slug);
    }
    for (const place of places) {
      expect(place.lon, place.slug).toBeGreaterThan(17.9);
      expect(place.lon, place.slug).toBeLessThan(18.2);
      expect(place.lat, place.slug).toBeGreaterThan(59.25);
      expect(place.lat, place.slug).toBeLessThan(59.33);
    }
    const services = { areas: t.app.services.areas, promises: t.app.services.promises };
    const again = await loadDemo(t.database.db, services);
    expect(again.skipped).toContain('globen-places');
    expect((await t.app.services.promises.weekend.places(globenId)).length).toBe(places.length);
  });

  it('names places on the public page, not their slugs', async () => {
    const page = await t.app.inject({ url: '/lpo/globen' });
    const recent = /<ul class="recent">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '';
    expect(recent).not.toBe('');
    expect(recent).not.toMatch(/[a-z0-9]+-[a-z0-9-]+/);
  });
});

describe('the shift page', () => {
  it('shows the year’s staffed weeks, whether this week is staffed, the rule and the latest shifts', async () => {
    const res = await officer.get(SHIFTS);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatch(/\d+ av 53 ISO-veckor 2026 är bemannade hittills\./);
    // The demo stops on Wednesday of week 48: its weekend is still ahead.
    expect(res.body).toContain('Vecka 48 (den här veckan) är inte bemannad ännu.');
    expect(res.body).toContain('börjar fredag–söndag har minst 2 poliser');
    expect(res.body).toContain(`href="${NEW_FORM}"`);
    const list = /<ul class="shift-list">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '';
    expect(list).toMatch(/\d poliser/);
    // Stored as slugs, shown by name.
    expect(list).toMatch(/Gullmarsplan|Hovet|Liljeholmen|Västertorp|Årsta centrum|Avicii Arena/);
    expect(list).not.toMatch(/avicii-arena|globen-t-bana|alvsjo-station|krogar-/);
  });

  it('is in English under /en', async () => {
    const res = await officer.get(`/en${SHIFTS}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toMatch(/of the 53 ISO weeks of 2026 are staffed so far\./);
    expect(res.body).toContain('Week 48 (this week) is not staffed yet.');
  });

  it('lets an analyst read but not log shifts', async () => {
    const list = await analyst.get(SHIFTS);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(`href="${NEW_FORM}"`);
    expect((await analyst.get(NEW_FORM)).statusCode).toBe(403);
    const before = await shiftCount();
    const res = await analyst.post(SHIFTS, { submission_id: randomUUID(), ...validShift() });
    expect(res.statusCode).toBe(403);
    expect(await shiftCount()).toBe(before);
  });
});

describe('the shift form', () => {
  it('offers the LPO’s places grouped by kind, a personal-data warning and today’s date', async () => {
    const res = await officer.get(NEW_FORM);
    expect(res.statusCode).toBe(200);
    for (const legend of ['När', 'Platser ni besökte', 'Kollektivtrafik', 'Krogar', 'Arenor']) {
      expect(res.body).toContain(`<legend>${legend}</legend>`);
    }
    expect(res.body).toContain('id="place-avicii-arena" name="places" value="avicii-arena"');
    expect(res.body).toContain('Skriv inga personuppgifter');
    expect(res.body).toContain('aria-describedby="note-hint"');
    expect(res.body).toContain('name="start_date" type="date" value="2026-11-25"');
    expect(res.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect(submissionIdOf(res.body)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('saves a night shift, shows it, records who logged it and audits it', async () => {
    const res = await submit(officer, validShift());
    expect(res.statusCode).toBe(303);
    const id = shiftIdOf(res.headers.location);

    const page = await officer.get(String(res.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Passet är sparat.');
    expect(page.body).toContain('lördag 21 november 2026, 21:00–03:00 (dagen efter)');
    expect(page.body).toContain('ISO-vecka 47');
    expect(page.body).toContain('Avicii Arena (Globen)');
    expect(page.body).toContain('Krogarna vid Globen City och Arenatorget');
    expect(page.body).toContain('Lugnt efter matchen');
    expect(page.body).toContain('Passet räknas för veckans bemanning.');

    const row = await t.database.db
      .selectFrom('weekend_shift')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.places).toEqual(['avicii-arena', 'gullmarsplan', 'krogar-globen-city']);
    expect(row.starts_at.toISOString()).toBe('2026-11-21T20:00:00.000Z');
    expect(row.ends_at.toISOString()).toBe('2026-11-22T02:00:00.000Z');
    expect(row.is_demo).toBe(false);
    const user = await t.app.services.auth.userByEmail('polis@example.se');
    expect(row.created_by).toBe(user?.id);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'shift.create')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.police_area_id).toBe(globenId);
    expect(audit[0]?.user_id).toBe(user?.id);
  });

  it('creates one shift when the same form is sent twice', async () => {
    const form = await officer.get(NEW_FORM);
    const submissionId = submissionIdOf(form.body);
    const before = await shiftCount();
    const first = await officer.post(SHIFTS, { submission_id: submissionId, ...validShift() });
    const second = await officer.post(SHIFTS, { submission_id: submissionId, ...validShift() });
    expect(first.statusCode).toBe(303);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await shiftCount()).toBe(before + 1);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'shift.create')
      .where('entity_id', '=', String(shiftIdOf(first.headers.location)))
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('accepts a shift without places, with empty counts as none', async () => {
    const res = await submit(officer, validShift({ places: [], premises_inspected: '', youth_contacts: '' }));
    expect(res.statusCode).toBe(303);
    const page = await officer.get(String(res.headers.location));
    expect(page.body).toMatch(/<dt>Platser<\/dt><dd>Inga<\/dd>/);
  });

  const invalid: {
    name: string;
    fields: Record<string, string | string[]>;
    field: string;
    message: string;
  }[] = [
    {
      name: 'a date that does not exist',
      fields: { start_date: '2026-02-30' },
      field: 'start_date',
      message: 'Ange ett riktigt datum',
    },
    {
      name: 'a date in the future',
      fields: { start_date: '2026-11-27' },
      field: 'start_date',
      message: 'Datumet kan inte ligga i framtiden.',
    },
    {
      name: 'a time that is not one',
      fields: { start_time: '25:00' },
      field: 'start_time',
      message: 'TT:MM',
    },
    {
      name: 'an end equal to the start',
      fields: { start_time: '20:00', end_time: '20:00' },
      field: 'end_time',
      message: 'Sluttiden måste vara efter starttiden.',
    },
    { name: 'no officers', fields: { officers: '0' }, field: 'officers', message: 'från 1 till 200' },
    { name: 'too many officers', fields: { officers: '201' }, field: 'officers', message: 'från 1 till 200' },
    {
      name: 'a count over 1000',
      fields: { premises_inspected: '1001' },
      field: 'premises_inspected',
      message: 'från 0 till 1',
    },
    {
      name: 'a negative count',
      fields: { youth_contacts: '-1' },
      field: 'youth_contacts',
      message: 'heltal',
    },
    {
      name: 'a place not in the LPO’s list',
      fields: { places: ['avicii-arena', 'farsta-centrum'] },
      field: 'places',
      message: 'Välj bara platser ur lokalpolisområdets lista.',
    },
    {
      name: 'a note over 500 characters',
      fields: { note: 'a'.repeat(501) },
      field: 'note',
      message: 'högst 500 tecken',
    },
    {
      name: 'a personal identity number in the note',
      fields: { note: 'Kontroll av 850709-1234 vid spärrarna' },
      field: 'note',
      message: 'personnummer',
    },
    {
      name: 'a 12-digit personal identity number in the note',
      fields: { note: 'pnr 19850709-1234' },
      field: 'note',
      message: 'personnummer',
    },
  ];

  for (const { name, fields, field, message } of invalid) {
    it(`refuses ${name}: 400, the message next to the field, nothing written`, async () => {
      const before = await shiftCount();
      const res = await submit(officer, validShift(fields));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Passet kunde inte sparas');
      expect(res.body).toContain(`href="#${field}"`);
      expect(fieldError(res.body, field)).toContain(message);
      expect(await shiftCount()).toBe(before);
    });
  }

  it('keeps what was entered, including the checked places and the form’s submission id', async () => {
    const form = await officer.get(NEW_FORM);
    const submissionId = submissionIdOf(form.body);
    const res = await officer.post(SHIFTS, {
      submission_id: submissionId,
      ...validShift({ officers: '0', note: 'Kort notering' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('value="avicii-arena" checked');
    expect(res.body).toContain('value="21:00"');
    expect(res.body).toContain('>Kort notering</textarea>');
    expect(submissionIdOf(res.body)).toBe(submissionId);
    const fixed = await officer.post(SHIFTS, { submission_id: submissionId, ...validShift() });
    expect(fixed.statusCode).toBe(303);
  });

  it('gives the messages in English on the English form', async () => {
    const res = await submit(officer, validShift({ note: 'ring 8507091234' }), { lang: 'en' });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'note')).toContain('personal identity number');
  });

  it('refuses a form without a submission id', async () => {
    await officer.get(NEW_FORM);
    const before = await shiftCount();
    const res = await officer.post(SHIFTS, validShift());
    expect(res.statusCode).toBe(400);
    expect(await shiftCount()).toBe(before);
  });
});

describe('another LPO', () => {
  it('cannot read a Globen shift by id, in its own LPO or in Globen', async () => {
    const saved = await submit(officer, validShift());
    const id = shiftIdOf(saved.headers.location);
    expect((await farstaOfficer.get(`/staff/farsta/helginsats/${id}`)).statusCode).toBe(404);
    expect((await farstaOfficer.get(`${SHIFTS}/${id}`)).statusCode).toBe(403);
    expect((await farstaOfficer.get(SHIFTS)).statusCode).toBe(403);
  });

  it('cannot log a shift in Globen, nor use Globen’s places in Farsta', async () => {
    const before = await shiftCount();
    await farstaOfficer.get('/staff/farsta/helginsats/ny');
    const inGloben = await farstaOfficer.post(SHIFTS, { submission_id: randomUUID(), ...validShift() });
    expect(inGloben.statusCode).toBe(403);
    const form = await farstaOfficer.get('/staff/farsta/helginsats/ny');
    const inFarsta = await farstaOfficer.post('/staff/farsta/helginsats', {
      submission_id: submissionIdOf(form.body),
      ...validShift(),
    });
    expect(inFarsta.statusCode).toBe(400);
    expect(fieldError(inFarsta.body, 'places')).toContain('Välj bara platser');
    expect(await shiftCount()).toBe(before);
  });

  it('gets 404 for an id that is not a number or does not exist', async () => {
    expect((await officer.get(`${SHIFTS}/abc`)).statusCode).toBe(404);
    expect((await officer.get(`${SHIFTS}/999999`)).statusCode).toBe(404);
  });
});

describe('public progress', () => {
  async function staffedWeeks(): Promise<number> {
    const res = await t.app.inject({ url: '/api/v1/lpos/globen/promises/2026' });
    const body = res.json() as {
      commitments: { key: string; targets: { evaluation: { current: number } | null }[] }[];
    };
    const weekend = body.commitments.find((c) => c.key === 'helginsats');
    return weekend?.targets[0]?.evaluation?.current ?? Number.NaN;
  }

  /** The Saturday of a 2026 week the demo left unstaffed, before this week. */
  async function unstaffedSaturday(): Promise<string> {
    const today = t.app.services.promises.today();
    const staffed = new Set(
      (await t.app.services.promises.weekend.occurrences(globenId, { from: '2025-12-29', to: today })).map(
        (o) => isoWeekKey(o.date),
      ),
    );
    for (let week = isoWeekOf(today).week - 1; week >= 1; week--) {
      const saturday = addDays(isoWeekStart(2026, week), 5);
      if (!staffed.has(isoWeekKey(saturday))) return saturday;
    }
    throw new Error('the demo staffed every week');
  }

  it('counts a newly staffed week at once, on the API and on the shift page', async () => {
    const before = await staffedWeeks();
    const listBefore = await officer.get(SHIFTS);
    const saturday = await unstaffedSaturday();
    const res = await submit(officer, validShift({ start_date: saturday, officers: '2' }));
    expect(res.statusCode).toBe(303);
    expect(await staffedWeeks()).toBe(before + 1);
    const listAfter = await officer.get(SHIFTS);
    const count = (html: string) => Number(/(\d+) av 53 ISO-veckor/.exec(html)?.[1]);
    expect(count(listAfter.body)).toBe(count(listBefore.body) + 1);
  });

  it('does not count a shift of one officer', async () => {
    const before = await staffedWeeks();
    const saturday = await unstaffedSaturday();
    const res = await submit(officer, validShift({ start_date: saturday, officers: '1' }));
    expect(res.statusCode).toBe(303);
    const page = await officer.get(String(res.headers.location));
    expect(page.body).toContain('Passet räknas inte för veckans bemanning.');
    expect(await staffedWeeks()).toBe(before);
  });
});

describe('this week', () => {
  let sunday: TestApp;

  beforeAll(async () => {
    // Sunday 29 November 2026, evening: the demo's own week-48 shifts are removed to start from none.
    sunday = await createTestApp({ now: new Date('2026-11-29T19:00:00Z') });
    await sunday.database.db
      .deleteFrom('weekend_shift')
      .where('starts_at', '>=', new Date('2026-11-23'))
      .execute();
  });
  afterAll(async () => {
    await sunday.close();
  });

  it('says the current week is staffed once a qualifying shift is logged', async () => {
    const user = await createStaffUser(sunday.app, 'helg@example.se', { globen: ['lead'] }, { totp: true });
    const lead = new StaffClient(sunday.app);
    await lead.signIn(user.email, user.totpSecret);
    expect((await lead.get(SHIFTS)).body).toContain('Vecka 48 (den här veckan) är inte bemannad ännu.');
    const form = await lead.get(NEW_FORM);
    const res = await lead.post(SHIFTS, {
      submission_id: submissionIdOf(form.body),
      ...validShift({ start_date: '2026-11-27', start_time: '20:00', end_time: '02:00', officers: '3' }),
    });
    expect(res.statusCode).toBe(303);
    expect((await lead.get(SHIFTS)).body).toContain('Vecka 48 (den här veckan) är redan bemannad.');
  });
});

describe('the rules behind the form', () => {
  const context = { placeSlugs: new Set(['hovet']), today: '2026-11-25' };
  const form: ShiftForm = {
    start_date: '2026-10-24',
    start_time: '22.30',
    end_time: '04:30',
    officers: '2',
    places: ['hovet', 'hovet'],
    premises_inspected: '0',
    youth_contacts: '0',
    note: '  ',
  };

  it('takes a Swedish dot time, drops repeated places and treats a blank note as none', () => {
    const parsed = parseShift(form, context);
    expect(parsed.ok && parsed.value.places).toEqual(['hovet']);
    expect(parsed.ok && parsed.value.note).toBeNull();
  });

  it('counts the real hours across the autumn clock change', () => {
    // 24–25 October 2026: clocks go back at 03:00, so 22:30–04:30 lasts seven hours.
    const span = shiftSpan('2026-10-24', '22:30', '04:30');
    expect('error' in span).toBe(false);
    if (!('error' in span)) expect(span.endsAt.getTime() - span.startsAt.getTime()).toBe(7 * 3_600_000);
  });

  it('recognises personal identity numbers but not dates, times or counts', () => {
    for (const text of ['850709-1234', '19850709-1234', '850709+1234', 'nr 8507091234.', 'x 200001011234']) {
      expect(containsPersonalNumber(text), text).toBe(true);
    }
    // The last: digits inside a longer code (here a UUID) are not a personal number, though they look like one.
    const notNumbers = ['2026-11-21', '21:00-03:00', '12 ungdomar, 3 krogar', '123456-7', 'vecka 47 2026'];
    for (const text of [...notNumbers, 'ärende 9a840823-7895-414d-ab95-448989074dc0']) {
      expect(containsPersonalNumber(text), text).toBe(false);
    }
  });
});
