import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/permissions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createStaffUser } from '../helpers/staff.ts';
import { browserSuite, expectGoodPage, signIn, tabTo } from './browser.ts';

let testApp: TestApp;
const secrets = new Map<string, string | undefined>();
let reference = '';

const suite = browserSuite(async () => {
  testApp = await createTestApp();
  for (const [email, role] of [
    ['polis@example.se', 'officer'],
    ['soc@example.se', 'social_services'],
    ['chef@example.se', 'lead'],
    ['admin@example.se', 'admin'],
  ] as [string, Role][]) {
    const user = await createStaffUser(testApp.app, email, { globen: [role] }, { totp: role !== 'admin' });
    secrets.set(email, user.totpSecret);
  }
  return testApp;
});

async function signedInPhone(email: string): Promise<Page> {
  const page = await suite.page();
  await signIn(page, { email, totpSecret: secrets.get(email) }, '/staff/globen');
  return page;
}

async function submitWithEnter(page: Page): Promise<number> {
  await tabTo(page, 'form.iceland-form button.primary');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.keyboard.press('Enter'),
  ]);
  await page.waitForLoadState();
  return response.status();
}

describe('an Iceland-model case on a phone', () => {
  it('is recorded by an officer: a refused reason, then the saved case under a random reference', async () => {
    const page = await signedInPhone('polis@example.se');
    await Promise.all([
      page.waitForURL('**/staff/globen/islandsmodellen'),
      page.getByRole('link', { name: 'Islandsmodellen: ärenden' }).click(),
    ]);
    expect(await page.getByText('Du ser de ärenden som du själv har registrerat.').isVisible()).toBe(true);
    await expectGoodPage(page);

    await Promise.all([
      page.waitForURL('**/staff/globen/islandsmodellen/nytt'),
      page.getByRole('link', { name: 'Registrera ett nytt ärende' }).click(),
    ]);
    await expectGoodPage(page);

    // Date and time pickers are filled as a phone's picker would; the rest with the keyboard.
    await page.getByLabel('Datum för händelsen').fill('2026-11-22');
    await page.getByLabel('Stadsdel', { exact: true }).selectOption({ index: 1 });
    await tabTo(page, '#children');
    await page.keyboard.type('2');
    await tabTo(page, '#eligibility-0');
    await page.keyboard.press('Space');
    await tabTo(page, '#measures-0');
    await page.keyboard.press('Space');
    await tabTo(page, '#measures-3');
    await page.keyboard.press('Space');
    await page.locator('#alerted_date').fill('2026-11-22');
    await page.locator('#alerted_time').fill('23:10');
    await page.locator('#arrived_date').fill('2026-11-22');
    await page.locator('#arrived_time').fill('23:55');
    // Tab enters the radio group on its first button; the arrow key moves to and picks "Nej".
    await tabTo(page, '#applied-yes');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#applied-no').isChecked()).toBe(true);
    await tabTo(page, '#not_applied_reason');
    await page.keyboard.type('Pappan 850709-1234 vägrade');
    expect(await submitWithEnter(page)).toBe(400);

    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('personnummer'),
    ]);
    expect(await page.locator('#not_applied_reason').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#measures-3').isChecked()).toBe(true);
    await expectGoodPage(page);

    await page.locator('#not_applied_reason').fill('Barnen sov hos en släkting och var inte hemma');
    expect(await submitWithEnter(page)).toBe(303);
    await page.waitForURL('**/staff/globen/islandsmodellen?sparat=*');
    const notice = (await page.locator('.notice[role=status]').textContent()) ?? '';
    reference = /IM-2026-[A-Z0-9]{8}/.exec(notice)?.[0] ?? '';
    expect(reference).not.toBe('');
    expect(await page.getByRole('cell', { name: 'Inte tillämpad' }).first().isVisible()).toBe(true);
    await expectGoodPage(page);
  });

  it('is opened only after the officer says why, and then shows the case', async () => {
    const page = await signedInPhone('polis@example.se');
    await page.goto('/staff/globen/islandsmodellen');
    await Promise.all([
      page.waitForURL(`**/islandsmodellen/${reference}`),
      page.getByRole('link', { name: reference }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toBe(`Öppna ärende ${reference}`);
    await expectGoodPage(page);

    await tabTo(page, '#purpose-uppfoljning');
    await page.keyboard.press('Space');
    expect(await submitWithEnter(page)).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(`Ärende ${reference}`);
    expect(await page.getByText('Öppnat för: Uppföljning.', { exact: false }).isVisible()).toBe(true);
    expect(await page.getByText('45 minuter efter larmet', { exact: false }).isVisible()).toBe(true);
    await expectGoodPage(page);
  });

  it('is assessed by social services', async () => {
    const page = await signedInPhone('soc@example.se');
    await page.goto(`/staff/globen/islandsmodellen/${reference}`);
    await page.getByLabel('Skyddsbedömning', { exact: true }).check();
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Öppna ärendet' }).click()]);
    await expectGoodPage(page);
    const form = page.locator('section', {
      has: page.getByRole('heading', { name: 'Registrera skyddsbedömningen' }),
    });
    await form.getByLabel('Ja', { exact: true }).check();
    await form.getByLabel('Datum').fill('2026-11-23');
    await form.getByLabel('Klockslag').fill('09:30');
    await Promise.all([
      page.waitForURL('**/staff/globen/islandsmodellen?sparat=*'),
      form.getByRole('button', { name: 'Spara skyddsbedömningen' }).click(),
    ]);
    const row = page.getByRole('row', { name: new RegExp(reference) });
    expect(await row.getByRole('cell', { name: 'Gjord' }).isVisible()).toBe(true);
    await expectGoodPage(page);
  });
});

describe('the lead and the admin', () => {
  it('the lead edits the checklist of initial measures', async () => {
    const page = await signedInPhone('chef@example.se');
    await page.goto('/staff/globen/islandsmodellen');
    await Promise.all([
      page.waitForURL('**/islandsmodellen/atgarder'),
      page.getByRole('link', { name: 'Ändra checklistan för initiala åtgärder' }).click(),
    ]);
    await expectGoodPage(page);
    await page.locator('#label_sv-new').fill('Erbjudit barnen stöd på plats');
    await page.locator('#label_en-new').fill('Offered the children support on site');
    await Promise.all([
      page.waitForURL('**/atgarder?sparat=1'),
      page.getByRole('button', { name: 'Spara checklistan' }).click(),
    ]);
    expect(await page.getByText('Checklistan är sparad.').isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: 'Erbjudit barnen stöd på plats' }).isVisible()).toBe(true);
    await expectGoodPage(page);
  });

  it('the admin reads who opened the case and why', async () => {
    const page = await signedInPhone('admin@example.se');
    await Promise.all([
      page.waitForURL('**/staff/globen/logg'),
      page.getByRole('link', { name: 'Granskningslogg' }).click(),
    ]);
    await expectGoodPage(page);
    await page.getByLabel('Händelse', { exact: true }).selectOption('iceland.read');
    await Promise.all([
      page.waitForURL('**/logg?handelse=iceland.read**'),
      page.getByRole('button', { name: 'Visa' }).click(),
    ]);
    const rows = page.locator('table.audit-log tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('Skyddsbedömning');
    expect(await rows.last().textContent()).toContain('Uppföljning');
    expect(await rows.last().textContent()).toContain(reference);
    await expectGoodPage(page);
  });
});
