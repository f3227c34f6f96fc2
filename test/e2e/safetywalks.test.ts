// A district administration officer on a phone (390×844) in a real Chromium: signs in, plans a safety
// walk, marks it carried out with a pasted route, logs an observation and sends it to its owner. Every
// staff page on the way must pass the accessibility check.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createStaffUser, TEST_PASSWORD } from '../helpers/staff.ts';
import { expectAccessiblePage, launchBrowser, newPage, PHONE, startServer } from './browser.ts';

const ROUTE = JSON.stringify({
  type: 'LineString',
  coordinates: [
    [18.0832, 59.2935],
    [18.0871, 59.2951],
    [18.0905, 59.2942],
  ],
});

let testApp: TestApp;
let browser: Browser;
let baseURL: string;
let page: Page;

beforeAll(async () => {
  testApp = await createTestApp();
  await createStaffUser(testApp.app, 'sdf@example.se', { globen: ['municipality'] });
  baseURL = await startServer(testApp);
  browser = await launchBrowser();
  page = await newPage(browser, { baseURL, ...PHONE });
});

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await testApp?.close();
});

/** Moves the focus with Tab until the element has it, as a keyboard user would. */
async function tabTo(target: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.locator(target).evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

async function submitWith(button: string): Promise<void> {
  await tabTo(button);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe('safety walks on a phone', () => {
  it('signs in and lists this year’s walks', async () => {
    await page.goto('/staff/login?next=%2Fstaff%2Fgloben%2Ftrygghetsvandringar');
    await page.locator('#email').focus();
    await page.keyboard.type('sdf@example.se');
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await Promise.all([page.waitForURL('**/staff/globen/trygghetsvandringar'), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Trygghetsvandringar');
    expect(await page.getByRole('heading', { name: 'Planerade', level: 2 }).isVisible()).toBe(true);
    await expectAccessiblePage(page);
  });

  it('plans a walk with the keyboard, after a clear error for a date too far ahead', async () => {
    await tabTo('a[href$="/trygghetsvandringar/ny"]');
    await Promise.all([page.waitForURL('**/trygghetsvandringar/ny'), page.keyboard.press('Enter')]);
    await expectAccessiblePage(page);

    await page.locator('#walk_date').fill('2030-01-01');
    await page.locator('#district_id').selectOption({ label: 'Skarpnäcks gård' });
    await tabTo('#partners-0');
    await page.keyboard.press('Space');
    await tabTo('#partners-2');
    await page.keyboard.press('Space');
    await submitWith('button.primary');
    expect(await page.locator('.error-summary').isVisible()).toBe(true);
    expect(await page.locator('#walk_date-error').textContent()).toMatch(/^Ange ett datum från/);
    // The choices made are still there.
    expect(await page.locator('#partners-2').isChecked()).toBe(true);
    await expectAccessiblePage(page);

    await page.locator('#walk_date').fill('2026-11-23');
    await submitWith('button.primary');
    expect(page.url()).toMatch(/\/trygghetsvandringar\/\d+$/);
    expect(await page.locator('h1').textContent()).toBe('Trygghetsvandring 23 november 2026');
    expect(await page.getByText('Stadsdelsförvaltningen, Boende').isVisible()).toBe(true);
    await expectAccessiblePage(page);
  });

  it('marks the walk carried out with a pasted route and shows it on the map', async () => {
    await page.locator('#route').fill(ROUTE);
    await submitWith('button.primary');
    expect(await page.locator('.walk-map svg polyline').count()).toBe(1);
    const box = await page.locator('.walk-map svg').boundingBox();
    expect(box?.width ?? 999).toBeLessThanOrEqual(390);
    await expectAccessiblePage(page);
  });

  it('logs an observation at typed coordinates and follows it up', async () => {
    await page.locator('#lat').focus();
    await page.keyboard.type('59,2940');
    await page.keyboard.press('Tab');
    await page.keyboard.type('18,0850');
    await page.locator('#category').selectOption('lighting');
    await page.locator('#description').focus();
    await page.keyboard.type('Trasig gatlykta vid gångtunneln.');
    await submitWith('form[action$="/iakttagelser"] button.primary');
    expect(await page.locator('.observation-list li').count()).toBe(1);
    expect(await page.locator('.walk-map-point').count()).toBe(1);
    await expectAccessiblePage(page);

    await tabTo('.observation-list a');
    await Promise.all([page.waitForURL('**/staff/globen/iakttagelser/*'), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Iakttagelse: Belysning');
    await expectAccessiblePage(page);

    await page.locator('#owner').fill('Stockholm stad, trafikkontoret');
    await page.locator('#comment').fill('Skickad via felanmälan.');
    await submitWith('button.primary');
    expect(await page.locator('.walk-facts .observation-status').textContent()).toBe('Skickad');
    expect(await page.locator('.observation-history li').count()).toBe(2);
    await expectAccessiblePage(page);
  });

  it('fits the phone and reads the same in English', async () => {
    await page.goto('/en/staff/globen/trygghetsvandringar');
    expect(await page.locator('h1').textContent()).toBe('Safety walks');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await expectAccessiblePage(page);
  });
});
