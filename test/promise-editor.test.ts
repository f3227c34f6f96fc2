// The lead edits and publishes the promise; the public page follows, and every change is in the history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient } from './helpers/staff.ts';

let t: TestApp;
let lead: StaffClient;

beforeAll(async () => {
  t = await createTestApp();
  // The lead's role can open Iceland-model cases, so it signs in with a one-time code.
  const { totpSecret } = await createStaffUser(
    t.app,
    'chef@example.se',
    { globen: ['lead'] },
    { totp: true },
  );
  await createStaffUser(t.app, 'analytiker@example.se', { globen: ['analyst'] });
  lead = new StaffClient(t.app);
  await lead.signIn('chef@example.se', totpSecret);
});
afterAll(async () => {
  await t.close();
});

async function publicGoal(key: string): Promise<number | undefined> {
  const body = (await t.app.inject('/api/v1/lpos/globen/promises/2026')).json<{
    commitments: { key: string; targets: { evaluation: { goal: number } | null }[] }[];
  }>();
  return body.commitments.find((c) => c.key === key)?.targets[0]?.evaluation?.goal;
}

function formOf(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
    fields[m[1] ?? ''] = decode(m[2] ?? '');
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    fields[m[1] ?? ''] = decode(m[2] ?? '');
  return fields;
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('editing the published promise', () => {
  it('changes the public target at once and records what changed, when and by whom', async () => {
    expect(await publicGoal('trygghetsvandringar')).toBe(3);
    const page = await lead.get('/staff/globen/lofte/2026');
    expect(page.statusCode).toBe(200);
    const fields = formOf(page.body);
    const valueField = Object.keys(fields).find((k) => k.endsWith('_value') && fields[k] === '3');
    expect(valueField).toBeDefined();
    const { document: _json, ...form } = fields;
    const res = await lead.post('/staff/globen/lofte/2026', { ...form, [valueField ?? '']: '4' });
    expect(res.statusCode).toBe(303);
    expect(await publicGoal('trygghetsvandringar')).toBe(4);
    const after = await lead.get('/staff/globen/lofte/2026?sparat=1');
    expect(after.body).toContain('commitments[trygghetsvandringar].targets[0].value: 3 → 4');
    expect(after.body).toContain('chef');
    const publicPage = await t.app.inject('/lpo/globen');
    expect(publicPage.body).toContain('Ändringar sedan löftet publicerades');
    expect(publicPage.body).toContain('3 → 4');
    expect(publicPage.body).not.toContain('chef@');
  });

  it('refuses a wrong date or number with the field named, and changes nothing', async () => {
    const page = await lead.get('/staff/globen/lofte/2026');
    const { document: _json, ...form } = formOf(page.body);
    const res = await lead.post('/staff/globen/lofte/2026', { ...form, validTo: '2026-13-40' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Ange ett riktigt datum');
    expect(res.body).toContain('aria-invalid="true"');
    expect(await publicGoal('trygghetsvandringar')).toBe(4);
  });

  it('reports schema errors from the JSON editor by field', async () => {
    await lead.get('/staff/globen/lofte/2026');
    const res = await lead.post('/staff/globen/lofte/2026/json', { document: '{"title": 5}' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('title');
  });
});

describe('a new year', () => {
  it('starts as a draft the public cannot see, and is public once published', async () => {
    await lead.get('/staff/globen/lofte');
    const created = await lead.post('/staff/globen/lofte', { year: '2027' });
    expect(created.statusCode).toBe(303);
    expect((await t.app.inject('/api/v1/lpos/globen/promises/2027')).statusCode).toBe(404);
    await lead.get('/staff/globen/lofte/2027');
    expect((await lead.post('/staff/globen/lofte/2027/publicera', {})).statusCode).toBe(303);
    const published = await t.app.inject('/api/v1/lpos/globen/promises/2027');
    expect(published.statusCode).toBe(200);
    expect(published.json<{ validFrom: string }>().validFrom).toBe('2027-01-01');
  });

  it('refuses a year that already has a promise', async () => {
    await lead.get('/staff/globen/lofte');
    const res = await lead.post('/staff/globen/lofte', { year: '2026' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Det finns redan ett löfte för det året.');
  });
});

describe('who may edit', () => {
  it('is the lead of that LPO only', async () => {
    const analyst = new StaffClient(t.app);
    await analyst.signIn('analytiker@example.se');
    expect((await analyst.get('/staff/globen/lofte/2026')).statusCode).toBe(403);
    const farsta = new StaffClient(t.app);
    await createStaffUser(t.app, 'farsta.analys@example.se', { farsta: ['analyst'] });
    await farsta.signIn('farsta.analys@example.se');
    expect((await farsta.get('/staff/globen/lofte/2026')).statusCode).toBe(403);
  });
});
