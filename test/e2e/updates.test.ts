import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createStaffUser } from '../helpers/staff.ts';
import { browserSuite, expectGoodPage, signIn } from './browser.ts';

let testApp: TestApp;
let totpSecret: string;

const suite = browserSuite(async () => {
  testApp = await createTestApp({ config: { smtpUrl: 'smtp://127.0.0.1:9' } });
  const lead = await createStaffUser(testApp.app, 'chef@example.se', { globen: ['lead'] }, { totp: true });
  totpSecret = lead.totpSecret ?? '';
  return testApp;
});

async function signedInPhone(): Promise<Page> {
  const page = await suite.page();
  await signIn(page, { email: 'chef@example.se', totpSecret }, '/staff/globen');
  return page;
}

describe('posting an update on a phone', () => {
  it('goes from the staff page to the form, a preview, the published update and the public page', async () => {
    const page = await signedInPhone();
    await Promise.all([
      page.waitForURL('**/staff/globen/nyheter'),
      page.getByRole('link', { name: 'Nyheter' }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toBe('Nyheter');
    await expectGoodPage(page);

    await Promise.all([
      page.waitForURL('**/staff/globen/nyheter/ny'),
      page.getByRole('link', { name: 'Skriv en nyhet' }).click(),
    ]);
    await expectGoodPage(page);
    await page.getByLabel('Rubrik').fill('Helginsatsen vid arenorna i helgen');
    await page
      .getByLabel('Text')
      .fill('Vi gör **krogtillsyn** och pratar med unga.\n\n- Globen City\n- Gullmarsplan');
    await page
      .getByLabel('Nyheten handlar om')
      .selectOption({ label: 'Åtagande: Insatser för att öka tryggheten – helginsatsen' });
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    const preview = page.locator('.update-preview');
    await preview.waitFor();
    expect(await preview.locator('strong').textContent()).toBe('krogtillsyn');
    expect(await page.getByLabel('Rubrik').inputValue()).toBe('Helginsatsen vid arenorna i helgen');
    await expectGoodPage(page);

    await Promise.all([
      page.waitForURL('**/staff/globen/nyheter?saved=new**'),
      page.getByRole('button', { name: 'Publicera' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('Nyheten är publicerad.');
    await expectGoodPage(page);

    const visitor = await suite.page();
    await visitor.goto('/lpo/globen');
    const news = visitor.locator('section.news');
    expect(await news.getByRole('link', { name: 'Helginsatsen vid arenorna i helgen' }).isVisible()).toBe(
      true,
    );
    await Promise.all([
      visitor.waitForURL(/\/lpo\/globen\/nyheter\/\d+$/),
      news.getByRole('link', { name: 'Helginsatsen vid arenorna i helgen' }).click(),
    ]);
    expect(await visitor.locator('h1').textContent()).toBe('Helginsatsen vid arenorna i helgen');
    expect(await visitor.locator('.update-body li').allTextContents()).toEqual([
      'Globen City',
      'Gullmarsplan',
    ]);
    await expectGoodPage(visitor);
  });
});

describe('accessible pages', () => {
  it('passes axe on the staff pages in English, with errors shown', async () => {
    const page = await signedInPhone();
    for (const path of ['/en/staff/globen/updates', '/en/staff/globen/updates/new']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectGoodPage(page);
    }
    await page.getByLabel('Title').fill('A title');
    await page.getByLabel('Text', { exact: true }).fill('Some text.');
    await page.getByLabel('Date', { exact: true }).fill('2030-01-01');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Publish' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('#published_on').getAttribute('aria-invalid')).toBe('true');
    await expectGoodPage(page);
  });

  it('passes axe on the public pages with the follow form, in both languages', async () => {
    const page = await suite.page();
    for (const path of [
      '/lpo/globen',
      '/en/lpo/globen',
      '/lpo/globen/2026/helginsats',
      '/en/lpo/globen/2026/trygghetsvandringar',
      '/lpo/globen/nyheter',
      '/en/lpo/globen/updates',
      '/folj?lpo=globen',
      '/en/follow?lpo=globen&year=2026&key=helginsats',
      '/folj/skickat',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectGoodPage(page);
    }
    const first = page.locator('.news-list a').first();
    await page.goto('/lpo/globen');
    await Promise.all([page.waitForURL(/\/nyheter\/\d+$/), first.click()]);
    await expectGoodPage(page);
    // A refused address: the error is tied to the field and listed first.
    await page.goto('/folj?lpo=globen');
    await page.getByLabel('Din e-postadress').fill('inte@adress');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Följ med e-post' }).click(),
    ]);
    expect(await page.locator('#follow-email').getAttribute('aria-invalid')).toBe('true');
    await expectGoodPage(page);
  });
});
