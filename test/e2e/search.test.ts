// Searching from the header on a phone with the keyboard only, in a real Chromium against the demo.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { expectGoodPage, launchBrowser, newPage, PHONE, startServer, tabTo } from './browser.ts';

let testApp: TestApp;
let browser: Browser;
let baseURL: string;
let page: Page;

beforeAll(async () => {
  testApp = await createTestApp();
  baseURL = await startServer(testApp);
  browser = await launchBrowser();
  page = await newPage(browser, { baseURL, ...PHONE });
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await testApp?.close();
});

describe('search from the header', () => {
  it('finds the safety walks commitment from another word form, keyboard only on a phone', async () => {
    await page.goto('/lpo/globen');
    await tabTo(page, '#site-search-q');
    await page.keyboard.type('trygghetsvandring');
    await Promise.all([page.waitForURL(/\/sok\?q=/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('trygghetsvandring');
    expect(await page.locator('h1').textContent()).toBe('Sök');
    const commitments = page.getByRole('region', { name: /Åtaganden/ });
    const link = commitments.getByRole('link', { name: 'Trygghetsvandringar' }).first();
    expect(await link.getAttribute('href')).toBe('/lpo/globen/2026/trygghetsvandringar');
    expect(await commitments.locator('mark').count()).toBeGreaterThan(0);
    await expectGoodPage(page);

    await link.focus();
    await Promise.all([
      page.waitForURL(/\/lpo\/globen\/2026\/trygghetsvandringar$/),
      page.keyboard.press('Enter'),
    ]);
  });

  it('offers the right spelling of a place and follows it', async () => {
    await page.goto('/sok');
    await expectGoodPage(page);
    await tabTo(page, '#q');
    await page.keyboard.type('gullmarsplann');
    await Promise.all([page.waitForURL(/q=gullmarsplann/), page.keyboard.press('Enter')]);
    const status = page.getByRole('status');
    expect(await status.textContent()).toContain('Menade du Gullmarsplan?');
    await expectGoodPage(page);

    await tabTo(page, 'role=status >> role=link');
    await Promise.all([page.waitForURL(/q=Gullmarsplan$/), page.keyboard.press('Enter')]);
    expect(
      await page
        .getByRole('region', { name: /Platser/ })
        .getByRole('link')
        .first()
        .textContent(),
    ).toBe('Gullmarsplan');
  });

  it('tells a visitor in English when nothing matched, and why a long query is refused', async () => {
    await page.goto('/en/search?q=zzqxv');
    expect(await page.getByRole('status').textContent()).toContain('No results for “zzqxv”');
    await expectGoodPage(page);

    const response = await page.goto(`/en/search?q=${'a'.repeat(201)}`);
    expect(response?.status()).toBe(400);
    const field = page.getByRole('searchbox', { name: 'Search for' });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await expectGoodPage(page);
  });
});
