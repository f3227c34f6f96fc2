import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createStaffUser } from '../helpers/staff.ts';
import { browserSuite, expectAccessiblePage, expectNoSidewaysScroll, signIn, tabTo } from './browser.ts';

let testApp: TestApp;
let totpSecret: string;

const suite = browserSuite(async () => {
  testApp = await createTestApp();
  const officer = await createStaffUser(
    testApp.app,
    'polis@example.se',
    { globen: ['officer'] },
    { totp: true },
  );
  totpSecret = officer.totpSecret ?? '';
  return testApp;
});

async function signedInPhone(): Promise<Page> {
  const page = await suite.page();
  await signIn(page, { email: 'polis@example.se', totpSecret }, '/staff/globen');
  return page;
}

describe('logging a shift on a phone', () => {
  it('goes from the LPO page to the shift page, the form, a refused note and the saved shift', async () => {
    const page = await signedInPhone();
    await Promise.all([
      page.waitForURL('**/staff/globen/helginsats'),
      page.getByRole('link', { name: 'Helginsatsen: pass' }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toBe('Helginsatsen: pass');
    expect(await page.getByText(/av 53 ISO-veckor 2026 är bemannade hittills/).isVisible()).toBe(true);
    expect(await page.getByText('Vecka 48 (den här veckan) är inte bemannad ännu.').isVisible()).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectAccessiblePage(page);

    await Promise.all([
      page.waitForURL('**/staff/globen/helginsats/ny'),
      page.getByRole('link', { name: 'Logga ett nytt pass' }).click(),
    ]);
    expect(await page.getByText(/Skriv inga personuppgifter/).isVisible()).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectAccessiblePage(page);

    // The date and time pickers are filled as a phone's picker would; the rest with the keyboard.
    await page.getByLabel('Datum då passet började').fill('2026-11-21');
    await page.getByLabel('Starttid').fill('21:00');
    await page.getByLabel('Sluttid').fill('03:00');
    await tabTo(page, '#officers');
    await page.keyboard.type('4');
    await tabTo(page, '#place-avicii-arena');
    await page.keyboard.press('Space');
    await tabTo(page, '#place-gullmarsplan');
    await page.keyboard.press('Space');
    await tabTo(page, '#premises_inspected');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('2');
    await tabTo(page, '#note');
    await page.keyboard.type('Kontroll av 850709-1234 vid spärrarna.');
    await tabTo(page, 'button.primary');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    expect(refused.status()).toBe(400);

    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('personnummer'),
    ]);
    expect(await page.locator('#note').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#place-avicii-arena').isChecked()).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectAccessiblePage(page);

    // The summary's link takes the keyboard to the note.
    await summary.getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('note');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Lugnt vid spärrarna.');
    await tabTo(page, 'button.primary');
    await Promise.all([
      page.waitForURL(/\/staff\/globen\/helginsats\/\d+\?saved=1$/),
      page.keyboard.press('Enter'),
    ]);

    expect(await page.getByRole('status').textContent()).toBe('Passet är sparat.');
    expect(await page.getByText('lördag 21 november 2026, 21:00–03:00 (dagen efter)').isVisible()).toBe(true);
    expect(await page.getByText('Avicii Arena (Globen)').isVisible()).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectAccessiblePage(page);
  });

  it('has accessible English pages', async () => {
    const page = await signedInPhone();
    for (const path of ['/en/staff/globen/helginsats', '/en/staff/globen/helginsats/ny']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await expectNoSidewaysScroll(page);
      await expectAccessiblePage(page);
    }
  });
});
