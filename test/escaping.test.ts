// Text that staff type is shown as text everywhere it appears: markup in a note, a description, an owner,
// a name or a promise title never reaches a page as markup.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient, TEST_PASSWORD } from './helpers/staff.ts';

const ATTACK = '<script>alert(1)</script><img src=x onerror=alert(2)>';
// Preact escapes every '<' in text (a '>' alone opens nothing).
const ESCAPED = '&lt;script>alert(1)&lt;/script>&lt;img src=x onerror=alert(2)>';

let t: TestApp;
let officer: StaffClient;
let admin: StaffClient;
let lead: StaffClient;
let districtId = '';

beforeAll(async () => {
  t = await createTestApp();
  const globen = await t.app.services.areas.findPoliceArea('globen');
  districtId = String((await t.app.services.areas.districtsOf(globen?.id ?? 0))[0]?.id ?? '');
  const officerUser = await createStaffUser(
    t.app,
    'polis@example.se',
    { globen: ['officer'] },
    { totp: true },
  );
  const leadUser = await createStaffUser(t.app, 'chef@example.se', { globen: ['lead'] }, { totp: true });
  await createStaffUser(t.app, 'admin@example.se', { globen: ['admin'] });
  officer = new StaffClient(t.app);
  await officer.signIn('polis@example.se', officerUser.totpSecret);
  lead = new StaffClient(t.app);
  await lead.signIn('chef@example.se', leadUser.totpSecret);
  admin = new StaffClient(t.app);
  await admin.signIn('admin@example.se');
});
afterAll(async () => {
  await t.close();
});

function expectEscaped(html: string): void {
  expect(html).not.toContain('<script>alert(1)');
  expect(html).not.toContain('<img src=x');
  expect(html).toContain(ESCAPED);
}

describe('markup typed by staff', () => {
  it('is text in a weekend shift note', async () => {
    await officer.get('/staff/globen/helginsats/ny');
    const res = await officer.post('/staff/globen/helginsats', {
      submission_id: randomUUID(),
      start_date: '2026-11-21',
      start_time: '21:00',
      end_time: '03:00',
      officers: '3',
      places: ['gullmarsplan'],
      premises_inspected: '1',
      youth_contacts: '2',
      note: ATTACK,
    });
    expect(res.statusCode).toBe(303);
    expectEscaped((await officer.get(String(res.headers.location))).body);
  });

  it('is text in a safety walk, its observation and its owner', async () => {
    await officer.get('/staff/globen/trygghetsvandringar/ny');
    const planned = await officer.post('/staff/globen/trygghetsvandringar/ny', {
      submission_id: randomUUID(),
      walk_date: '2026-11-20',
      district_id: districtId,
      partners: ['residents'],
      partners_other: ATTACK,
    });
    expect(planned.statusCode, planned.body).toBe(303);
    const walk = String(planned.headers.location);
    expectEscaped((await officer.get(walk)).body);
    await officer.post(`${walk}/genomford`, { done_date: '2026-11-20', route: '' });
    await officer.get(walk);
    const added = await officer.post(`${walk}/iakttagelser`, {
      submission_id: randomUUID(),
      lat: '59,2940',
      lon: '18,0850',
      place: '',
      category: 'other',
      description: ATTACK,
      owner: ATTACK,
    });
    expect(added.statusCode, added.body).toBe(303);
    const walkPage = (await officer.get(walk)).body;
    expectEscaped(walkPage);
    const observation = /href="(\/staff\/globen\/iakttagelser\/\d+)"/.exec(walkPage)?.[1];
    expect(observation).toBeDefined();
    expectEscaped((await officer.get(String(observation))).body);
  });

  it('is text in a person’s name on the staff list', async () => {
    await admin.get('/staff/globen/personal');
    const res = await admin.post('/staff/globen/personal', {
      email: 'namn@example.se',
      name: ATTACK,
      role: 'analyst',
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    expectEscaped((await admin.get('/staff/globen/personal')).body);
  });

  it('is text in a promise title, in the editor and on the public page', async () => {
    const editor = await lead.get('/staff/globen/lofte/2026');
    const json = /<textarea[^>]*name="document"[^>]*>([^<]*)<\/textarea>/.exec(editor.body)?.[1] ?? '';
    const doc = JSON.parse(
      json
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    );
    const res = await lead.post('/staff/globen/lofte/2026/json', {
      document: JSON.stringify({ ...doc, title: ATTACK }),
    });
    expect(res.statusCode, res.body).toBe(303);
    expectEscaped((await lead.get('/staff/globen/lofte/2026')).body);
    expectEscaped((await t.app.inject('/lpo/globen')).body);
  });
});
