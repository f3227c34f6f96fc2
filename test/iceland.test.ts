// Iceland-model cases as staff meet them: recording, who may open what (a 404 that reveals nothing),
// the stated reason in the audit log before a case is shown, social services' assessment, the checklist,
// and retention that removes details but keeps the public yearly share.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sensitiveContent } from '../src/modules/iceland/rules.ts';
import { createTestApp, TEST_TODAY, type TestApp } from './helpers/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import { createStaffUser, StaffClient } from './helpers/staff.ts';

let t: TestApp;
const browsers: Record<string, StaffClient> = {};
let globenDistrict: string;

const REFERENCE = /^IM-2026-[A-HJ-NP-Z2-9]{8}$/;
const ROLES_BY_USER = {
  anna: { globen: ['officer'] },
  bertil: { globen: ['officer'] },
  chef: { globen: ['lead'] },
  soc: { globen: ['social_services'] },
  analys: { globen: ['analyst'] },
  farsta: { farsta: ['officer'] },
} as const;

beforeAll(async () => {
  t = await createTestApp();
  for (const [name, roles] of Object.entries(ROLES_BY_USER)) {
    const email = `${name}@example.se`;
    const { totpSecret } = await createStaffUser(
      t.app,
      email,
      Object.fromEntries(Object.entries(roles).map(([lpo, list]) => [lpo, [...list]])),
      { totp: true },
    );
    const browser = new StaffClient(t.app);
    await browser.signIn(email, totpSecret);
    browsers[name] = browser;
  }
  const globen = await t.app.services.areas.findPoliceArea('globen');
  const districts = await t.app.services.areas.districtsOf(globen?.id ?? 0);
  globenDistrict = String(districts[0]?.id);
});
afterAll(async () => {
  await t?.close();
});

function as(name: keyof typeof ROLES_BY_USER): StaffClient {
  const browser = browsers[name];
  if (!browser) throw new Error(`no browser for ${name}`);
  return browser;
}

function validCase(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    occurred_on: '2026-11-20',
    district_id: globenDistrict,
    children: '2',
    eligibility: ['witnessed', 'experienced'],
    measures: ['sakerhet', 'samtal', 'socialtjanst'],
    alerted_date: '2026-11-20',
    alerted_time: '21:40',
    arrived_date: '2026-11-20',
    arrived_time: '22:25',
    applied: 'yes',
    not_applied_reason: '',
    ...overrides,
  };
}

/** Opens the new-case form and posts it; gives the response and the form's submission id. */
async function recordCase(
  browser: StaffClient,
  fields: Record<string, string | string[]>,
  lpo = 'globen',
): Promise<{ res: LightMyRequestResponse; submissionId: string }> {
  const form = await browser.get(`/staff/${lpo}/islandsmodellen/nytt`);
  expect(form.statusCode).toBe(200);
  const submissionId = /name="submission_id" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const res = await browser.post(`/staff/${lpo}/islandsmodellen/nytt`, {
    submission_id: submissionId,
    ...fields,
  });
  return { res, submissionId };
}

function referenceOf(res: LightMyRequestResponse): string {
  const reference = /sparat=([A-Z0-9-]+)/.exec(String(res.headers.location))?.[1] ?? '';
  expect(reference).toMatch(REFERENCE);
  return reference;
}

async function caseCount(): Promise<number> {
  const row = await t.database.db
    .selectFrom('iceland_case')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function auditRows(action: string, entityId?: string) {
  let query = t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (entityId) query = query.where('entity_id', '=', entityId);
  return query.orderBy('id').execute();
}

async function icelandEvaluation(year: number) {
  const res = await t.app.inject(`/api/v1/lpos/globen/promises/${year}`);
  const body = res.json() as {
    commitments: {
      kind: string;
      targets: { suppressed: boolean; evaluation: { cases: number; current: number } }[];
    }[];
  };
  const target = body.commitments.find((c) => c.kind === 'iceland_model')?.targets[0];
  if (!target) throw new Error('no Iceland-model target');
  return target;
}

describe('recording a case', () => {
  it('stores it under a random pseudonymous reference and shows it in the officer’s list', async () => {
    const before = await caseCount();
    const { res } = await recordCase(as('anna'), validCase());
    expect(res.statusCode).toBe(303);
    const reference = referenceOf(res);
    expect(await caseCount()).toBe(before + 1);
    const stored = await t.database.db
      .selectFrom('iceland_case')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ children: 2, applied: true, eligibility: ['witnessed', 'experienced'] });
    expect(stored.measures).toEqual(['sakerhet', 'samtal', 'socialtjanst']);

    const list = await as('anna').get(String(res.headers.location));
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`Ärendet ${reference} är sparat.`);
    expect(list.body).toContain(`/staff/globen/islandsmodellen/${reference}`);
    expect(list.body).toContain('Tillämpad');
    expect((await auditRows('iceland.create', reference)).length).toBe(1);
    expect((await auditRows('iceland.list')).length).toBeGreaterThan(0);
  });

  it('gives each case its own reference, not one that follows from the last', async () => {
    const first = referenceOf((await recordCase(as('anna'), validCase())).res);
    const second = referenceOf((await recordCase(as('anna'), validCase())).res);
    expect(first).not.toBe(second);
    expect(first.slice(-8)).not.toBe(second.slice(-8));
  });

  it('creates one case when the same form is sent twice', async () => {
    const browser = as('anna');
    const { res, submissionId } = await recordCase(browser, validCase());
    const count = await caseCount();
    await browser.get('/staff/globen/islandsmodellen/nytt');
    const again = await browser.post('/staff/globen/islandsmodellen/nytt', {
      submission_id: submissionId,
      ...validCase(),
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(res.headers.location);
    expect(await caseCount()).toBe(count);
  });

  it('answers bad input with 400 and the message beside each field, and writes nothing', async () => {
    const before = await caseCount();
    const { res } = await recordCase(
      as('anna'),
      validCase({ children: '0', eligibility: [], occurred_on: '2026-12-24', arrived_time: '' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Ange ett heltal från 1 till 20.');
    expect(res.body).toContain('Kryssa i minst ett skäl.');
    expect(res.body).toContain('Datumet får inte ligga i framtiden.');
    expect(res.body).toContain('Ange både datum och klockslag, eller inget av dem.');
    expect(res.body).toContain('id="children-error"');
    // The entered values are kept.
    expect(res.body).toContain('value="2026-12-24"');
    expect(await caseCount()).toBe(before);
  });

  it('rejects personal identity numbers, phone numbers and e-mail addresses in the not-applied reason', async () => {
    const before = await caseCount();
    for (const [text, message] of [
      ['Pappan 19850412-1234 ville inte', 'ser ut att innehålla ett personnummer'],
      ['Ring mamman på 070-123 45 67', 'ser ut att innehålla ett telefonnummer'],
      ['Kontakt: familjen@example.se', 'ser ut att innehålla en e-postadress'],
    ] as const) {
      const { res } = await recordCase(as('anna'), validCase({ applied: 'no', not_applied_reason: text }));
      expect(res.statusCode, text).toBe(400);
      expect(res.body).toContain(message);
    }
    const tooLong = await recordCase(
      as('anna'),
      validCase({ applied: 'no', not_applied_reason: 'x'.repeat(301) }),
    );
    expect(tooLong.res.body).toContain('Högst 300 tecken.');
    const noReason = await recordCase(as('anna'), validCase({ applied: 'no' }));
    expect(noReason.res.body).toContain('Skriv varför modellen inte tillämpades.');
    expect(await caseCount()).toBe(before);
  });

  it('counts a decided case on the public page at once (yearly share only)', async () => {
    const before = await icelandEvaluation(2026);
    expect(before.suppressed).toBe(false);
    const { res } = await recordCase(
      as('anna'),
      validCase({ applied: 'no', not_applied_reason: 'Barnen var inte hemma när polisen kom' }),
    );
    expect(res.statusCode).toBe(303);
    const after = await icelandEvaluation(2026);
    expect(after.evaluation.cases).toBe(before.evaluation.cases + 1);
    expect(after.evaluation.current).toBeLessThan(before.evaluation.current);
    const json = JSON.stringify(await (await t.app.inject('/api/v1/lpos/globen/promises/2026')).json());
    expect(json).not.toContain('IM-2026');
    expect(json).not.toContain('Barnen var inte hemma');
  });
});

describe('who may open a case', () => {
  let annasCase: string;
  let farstaCase: string;

  beforeAll(async () => {
    annasCase = referenceOf((await recordCase(as('anna'), validCase())).res);
    const farstaArea = await t.app.services.areas.findPoliceArea('farsta');
    const farstaDistricts = await t.app.services.areas.districtsOf(farstaArea?.id ?? 0);
    farstaCase = referenceOf(
      (await recordCase(as('farsta'), validCase({ district_id: String(farstaDistricts[0]?.id) }), 'farsta'))
        .res,
    );
  });

  it("answers another officer of Globen 404 for Anna's case, and leaves it out of his list", async () => {
    const bertil = as('bertil');
    const page = `/staff/globen/islandsmodellen/${annasCase}`;
    // A page of his own first, so his forms carry a valid CSRF token as a browser's would.
    await bertil.get('/staff/globen');
    expect((await bertil.get(page)).statusCode).toBe(404);
    expect((await bertil.post(page, { purpose: 'uppfoljning' })).statusCode).toBe(404);
    expect((await bertil.post(`${page}/utfall`, validCase())).statusCode).toBe(404);
    const list = await bertil.get('/staff/globen/islandsmodellen');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(annasCase);
    expect(list.body).toContain('Du ser de ärenden som du själv har registrerat.');
    // A reference that does not exist looks the same.
    expect((await bertil.get('/staff/globen/islandsmodellen/IM-2026-AAAAAAAA')).statusCode).toBe(404);
  });

  it('keeps every Farsta case from a Globen officer, by LPO and by reference', async () => {
    const anna = as('anna');
    expect((await anna.get(`/staff/farsta/islandsmodellen/${farstaCase}`)).statusCode).toBe(403);
    expect((await anna.get('/staff/farsta/islandsmodellen')).statusCode).toBe(403);
    expect((await anna.get(`/staff/globen/islandsmodellen/${farstaCase}`)).statusCode).toBe(404);
    expect((await as('chef').get(`/staff/globen/islandsmodellen/${farstaCase}`)).statusCode).toBe(404);
    expect((await as('farsta').get(`/staff/globen/islandsmodellen/${annasCase}`)).statusCode).toBe(403);
  });

  it('asks for the reason first, and writes the open with its reason to the audit log', async () => {
    const anna = as('anna');
    const page = `/staff/globen/islandsmodellen/${annasCase}`;
    const form = await anna.get(page);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Varför öppnar du ärendet?');
    // The form shows nothing of the case.
    expect(form.body).not.toContain('Säkerställt barnens säkerhet');
    expect(await auditRows('iceland.read', annasCase)).toHaveLength(0);

    const opened = await anna.post(page, {
      purpose: 'annat',
      purpose_text: 'Kontroll inför uppföljningsmöte',
    });
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(opened.body).toContain(`Ärende ${annasCase}`);
    expect(opened.body).toContain('Säkerställt barnens säkerhet');
    expect(opened.body).toContain('45 minuter efter larmet');
    const rows = await auditRows('iceland.read', annasCase);
    expect(rows).toHaveLength(1);
    const annaUser = await t.app.services.auth.userByEmail('anna@example.se');
    expect(rows[0]).toMatchObject({
      user_id: annaUser?.id,
      reason: 'Annat: Kontroll inför uppföljningsmöte',
      detail: { purpose: 'annat' },
    });

    await anna.get(page);
    await anna.post(page, { purpose: 'uppfoljning' });
    expect((await auditRows('iceland.read', annasCase)).map((r) => r.reason)).toEqual([
      'Annat: Kontroll inför uppföljningsmöte',
      'Uppföljning',
    ]);
  });

  it('refuses a reason with a personal identity number, and shows nothing', async () => {
    const anna = as('anna');
    const page = `/staff/globen/islandsmodellen/${annasCase}`;
    const before = (await auditRows('iceland.read', annasCase)).length;
    await anna.get(page);
    const res = await anna.post(page, { purpose: 'annat', purpose_text: 'Gäller 121212-1212' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('ser ut att innehålla ett personnummer');
    expect(res.body).not.toContain('Säkerställt barnens säkerhet');
    const noReason = await anna.post(page, { purpose: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Välj varför du öppnar ärendet.');
    expect(await auditRows('iceland.read', annasCase)).toHaveLength(before);
  });

  it('lets social services open and assess every Globen case, but not record or change one', async () => {
    const soc = as('soc');
    const list = await soc.get('/staff/globen/islandsmodellen');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(annasCase);
    expect(list.body).not.toContain('/staff/globen/islandsmodellen/nytt');
    const page = `/staff/globen/islandsmodellen/${annasCase}`;
    await soc.get(page);
    const opened = await soc.post(page, { purpose: 'skyddsbedomning' });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Registrera skyddsbedömningen');
    expect(opened.body).not.toContain('Spara utfallet');

    const missingTime = await soc.post(`${page}/skyddsbedomning`, {
      purpose: 'skyddsbedomning',
      assessment_done: 'yes',
    });
    expect(missingTime.statusCode).toBe(400);
    expect(missingTime.body).toContain('Ange när skyddsbedömningen gjordes.');

    const saved = await soc.post(`${page}/skyddsbedomning`, {
      assessment_done: 'yes',
      assessed_date: '2026-11-21',
      assessed_time: '10:15',
    });
    expect(saved.statusCode).toBe(303);
    const stored = await t.database.db
      .selectFrom('iceland_case')
      .select(['protection_assessment_done', 'protection_assessment_at'])
      .where('reference', '=', annasCase)
      .executeTakeFirstOrThrow();
    expect(stored.protection_assessment_done).toBe(true);
    expect(stored.protection_assessment_at?.toISOString()).toBe('2026-11-21T09:15:00.000Z');
    expect(await auditRows('iceland.assess', annasCase)).toHaveLength(1);

    expect((await soc.get('/staff/globen/islandsmodellen/nytt')).statusCode).toBe(403);
    expect((await soc.post('/staff/globen/islandsmodellen/nytt', validCase())).statusCode).toBe(403);
    expect((await soc.post(`${page}/utfall`, validCase())).statusCode).toBe(403);
  });

  it('refuses the analyst role everything about cases with 403', async () => {
    const analyst = as('analys');
    expect((await analyst.get('/staff/globen/islandsmodellen')).statusCode).toBe(403);
    expect((await analyst.get(`/staff/globen/islandsmodellen/${annasCase}`)).statusCode).toBe(403);
    expect(
      (await analyst.post(`/staff/globen/islandsmodellen/${annasCase}`, { purpose: 'annat' })).statusCode,
    ).toBe(403);
    expect((await analyst.get('/staff/globen/islandsmodellen/nytt')).statusCode).toBe(403);
  });

  it('lets the officer and the lead update the outcome, and shows the lead every case', async () => {
    const anna = as('anna');
    const page = `/staff/globen/islandsmodellen/${annasCase}`;
    const bad = await anna.post(`${page}/utfall`, {
      purpose: 'komplettering',
      ...validCase({ arrived_time: '20:00' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Socialtjänsten kan inte ha kommit innan den larmades.');

    const ok = await anna.post(`${page}/utfall`, {
      ...validCase({ applied: 'undecided', measures: ['sakerhet', 'trygg-vuxen'] }),
    });
    expect(ok.statusCode).toBe(303);
    const chef = as('chef');
    const list = await chef.get('/staff/globen/islandsmodellen');
    expect(list.body).toContain(annasCase);
    await chef.get(page);
    const opened = await chef.post(page, { purpose: 'uppfoljning' });
    expect(opened.body).toContain('Sett till att barnen har en trygg vuxen');
    expect(opened.body).toContain('Inte beslutat');
    const byLead = await chef.post(`${page}/utfall`, validCase({ applied: 'yes' }));
    expect(byLead.statusCode).toBe(303);
    expect(await auditRows('iceland.update', annasCase)).toHaveLength(2);
  });

  it('works in English too', async () => {
    const anna = as('anna');
    const list = await anna.get('/en/staff/globen/islandsmodellen');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Iceland model: cases');
    const form = await anna.get(`/en/staff/globen/islandsmodellen/${annasCase}`);
    expect(form.body).toContain('Why are you opening the case?');
  });
});

describe('the checklist of initial measures', () => {
  it('starts with the method support’s measures and lets the lead add and retire measures', async () => {
    const chef = as('chef');
    const page = await chef.get('/staff/globen/islandsmodellen/atgarder');
    expect(page.statusCode).toBe(200);
    for (const measure of [
      'Säkerställt barnens säkerhet',
      'Pratat med barnen enskilt',
      'Larmat socialtjänsten',
    ])
      expect(page.body).toContain(measure);

    const measures = await t.app.services.promises.iceland.measures(
      (await t.app.services.areas.findPoliceArea('globen'))?.id ?? 0,
    );
    const fields: Record<string, string | string[]> = {
      active: measures.filter((m) => m.key !== 'information').map((m) => m.key),
      'label_sv-new': 'Erbjudit barnen stöd på plats',
      'label_en-new': 'Offered the children support on site',
      'position-new': '5',
    };
    for (const m of measures) {
      fields[`label_sv-${m.key}`] = m.label_sv;
      fields[`label_en-${m.key}`] = m.label_en;
      fields[`position-${m.key}`] = String(m.position);
    }
    const bad = await chef.post('/staff/globen/islandsmodellen/atgarder', { ...fields, 'label_en-new': '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Fyll i texten på båda språken.');

    const saved = await chef.post('/staff/globen/islandsmodellen/atgarder', fields);
    expect(saved.statusCode).toBe(303);
    const form = await chef.get('/staff/globen/islandsmodellen/nytt');
    expect(form.body).toContain('Erbjudit barnen stöd på plats');
    expect(form.body).not.toContain('Berättat för barnen vad som händer nu');
    expect(form.body.indexOf('Erbjudit barnen')).toBeLessThan(form.body.indexOf('Säkerställt barnens'));
    expect(await auditRows('iceland.checklist')).toHaveLength(1);

    expect((await as('anna').get('/staff/globen/islandsmodellen/atgarder')).statusCode).toBe(403);
  });
});

describe('what counts as identifying text', () => {
  it('finds personal identity numbers, phone numbers and e-mail addresses, not dates and times', () => {
    expect(sensitiveContent('850412-1234')).toBe('personalNumber');
    expect(sensitiveContent('198504121234')).toBe('personalNumber');
    expect(sensitiveContent('19850412+1234')).toBe('personalNumber');
    expect(sensitiveContent('+46 70 123 45 67')).toBe('phoneNumber');
    expect(sensitiveContent('08-123 456 78')).toBe('phoneNumber');
    expect(sensitiveContent('namn.efternamn@example.se')).toBe('email');
    expect(sensitiveContent('Larmet kom 2026-11-20 kl 21:40, 3 barn')).toBeUndefined();
    expect(sensitiveContent('Händelsen 05-01-2026 kl. 08.30')).toBeUndefined();
  });
});

describe('retention', () => {
  let r: TestApp;
  beforeAll(async () => {
    r = await createTestApp();
  });
  afterAll(async () => {
    await r?.close();
  });

  async function evaluation2025() {
    const res = await r.app.inject('/api/v1/lpos/globen/promises/2025');
    const body = res.json() as { commitments: { kind: string; targets: unknown[] }[] };
    return body.commitments.find((c) => c.kind === 'iceland_model')?.targets[0];
  }

  it('removes old case details but keeps the yearly share on the public API', async () => {
    const iceland = r.app.services.promises.iceland;
    const before = await evaluation2025();
    const oldCases = () =>
      r.database.db.selectFrom('iceland_case').select('id').where('occurred_on', '<', '2025-11-25').execute();
    const old = (await oldCases()).length;
    expect(old).toBeGreaterThan(5);

    const dry = await iceland.retention({ olderThanMonths: 12, now: TEST_TODAY, dryRun: true });
    expect(dry).toMatchObject({ cutoff: '2025-11-25', dryRun: true, removed: old });
    expect(await oldCases()).toHaveLength(old);

    const report = await iceland.retention({ olderThanMonths: 12, now: TEST_TODAY, dryRun: false });
    expect(report.removed).toBe(old);
    expect(await oldCases()).toHaveLength(0);
    const yearly = await r.database.db.selectFrom('iceland_yearly').selectAll().execute();
    expect(yearly).toHaveLength(1);
    expect(yearly[0]).toMatchObject({ year: 2025, cases: old, applied: old - 1 });

    r.app.services.promises.invalidate();
    const after = await evaluation2025();
    expect(after).toEqual(before);

    // A second run finds nothing more and counts nothing twice.
    expect((await iceland.retention({ olderThanMonths: 12, now: TEST_TODAY, dryRun: false })).removed).toBe(
      0,
    );
    expect(await evaluation2025()).toEqual(before);
    const audit = await r.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'iceland.retention')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toMatchObject({ cutoff: '2025-11-25', removed: old });
  });

  it('is a command an administrator runs, with a dry run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mbl-iceland-'));
    const database = process.env.TEST_DATABASE_URL ? await createTestDatabase() : undefined;
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, 'data') };
    if (database?.url) env.DATABASE_URL = database.url;
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['bin/medborgarlofte.js', 'iceland', 'retention', ...args], {
        env,
      });
    try {
      const { stdout } = await run('--older-than-months', '24', '--dry-run');
      expect(stdout).toMatch(/^No case happened before \d{4}-\d{2}-\d{2}: nothing to remove\./);
      await expect(run('--older-than-months', 'soon')).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('--older-than-months must be a whole number'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await database?.close();
    }
  });
});
