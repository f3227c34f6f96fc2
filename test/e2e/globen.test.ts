// What a citizen sees of Globen's promise, in a real Chromium against the app with the demo loaded
// (today fixed at Wednesday 25 November 2026, ISO week 48).
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { browserSuite, expectAccessiblePage } from './browser.ts';

const COMMITMENTS = [
  { key: 'helginsats', title: /helginsatsen/ },
  { key: 'islandsmodellen', title: /Islandsmodellen/ },
  { key: 'trygghetsvandringar', title: /Trygghetsvandringar/ },
] as const;

const STATUS_SV = /^(Uppnått|I fas|I riskzonen|Ej uppnått|Ej påbörjat)$/;
const STATUS_EN = /^(Achieved|On track|At risk|Missed|Not started)$/;

const suite = browserSuite(() => createTestApp());

function open(options: BrowserContextOptions = {}): Promise<Page> {
  return suite.page({ ...options });
}

async function expectCommitments(page: Page, statusWords: RegExp): Promise<void> {
  for (const { key, title } of COMMITMENTS) {
    const card = page.locator('article.commitment', { has: page.locator(`h3#c-${key}`) });
    expect(await card.count(), `${key}: one card`).toBe(1);
    expect(await card.locator('h3').textContent()).toMatch(title);
    expect(await card.locator('.target-text').count(), `${key}: a target`).toBeGreaterThan(0);
    expect(await card.locator('.status').count(), `${key}: a status`).toBeGreaterThan(0);
    const status = (await card.locator('.status').first().textContent())?.trim() ?? '';
    expect(status, `${key}: status word`).toMatch(statusWords);
    const bar = card.locator('progress').first();
    expect(await bar.isVisible(), `${key}: progress bar visible`).toBe(true);
    const value = Number(await bar.getAttribute('value'));
    expect(value >= 0 && value <= 1, `${key}: progress value ${value} in 0..1`).toBe(true);
  }
}

describe('Globen in Swedish', () => {
  it('shows the promise, its three commitments with progress, and where to follow it', async () => {
    const page = await open();
    const response = await page.goto('/lpo/globen');
    expect(response?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');

    const h1 = (await page.locator('h1').textContent()) ?? '';
    expect(h1).toMatch(/Globen/);
    expect(h1).toMatch(/[Mm]edborgarlöfte/);
    expect(h1).toMatch(/2026/);

    expect(await page.locator('article.commitment').count()).toBe(COMMITMENTS.length);
    await expectCommitments(page, STATUS_SV);

    // 2026 is an ISO year of 53 weeks, while the promise speaks of "the year's 52 weeks".
    expect(await page.getByText(/53 ISO-veckor/).isVisible()).toBe(true);
    const notice = page.locator('.notice', { hasText: 'Demodata' });
    expect(await notice.isVisible()).toBe(true);

    const follow = page.getByRole('region', { name: 'Följ med i hur det går!' });
    expect(await follow.getByRole('heading', { level: 2 }).isVisible()).toBe(true);
    expect(await follow.getByRole('link').count()).toBeGreaterThan(0);

    await expectAccessiblePage(page);
  });

  it('can be used with the keyboard only: skip link, commitment links, the weekly figures', async () => {
    const page = await open();
    await page.goto('/lpo/globen');

    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip-link');
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.y >= 0, 'the focused skip link is on screen').toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

    // From main on, Tab reaches every commitment's link to its weeks, in order, without the header.
    const reached: string[] = [];
    for (let i = 0; i < 40 && reached.length < COMMITMENTS.length; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return {
          inMain: el?.closest('main') !== null,
          href: el instanceof HTMLAnchorElement ? el.getAttribute('href') : null,
          text: el?.textContent ?? '',
        };
      });
      expect(focused.inMain, `Tab ${i + 1} stays in main`).toBe(true);
      if (
        focused.href?.startsWith('/lpo/globen/2026/') &&
        focused.text.startsWith('Se veckorna och siffrorna')
      ) {
        reached.push(focused.href);
      }
    }
    expect(reached).toEqual(COMMITMENTS.map((c) => `/lpo/globen/2026/${c.key}`));

    // Back to the weekend operation's link, and follow it.
    for (let i = 0; i < 40; i++) {
      const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      if (href === '/lpo/globen/2026/helginsats') break;
      await page.keyboard.press('Shift+Tab');
    }
    await Promise.all([page.waitForURL('**/lpo/globen/2026/helginsats'), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/lpo/globen/2026/helginsats');

    expect(await page.locator('h1').textContent()).toMatch(/helginsatsen/);
    const chart = page.locator('svg[role="img"]');
    expect(await chart.count()).toBe(1);
    const chartName = await chart.evaluate((el) =>
      (el.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(chartName).toMatch(/helgbemanning/);
    // One row per ISO week so far: 25 November 2026 is in week 48.
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(48);
    expect(await rows.last().locator('th').textContent()).toMatch(/v\. 48/);
    await expectAccessiblePage(page);
  });
});

describe('English, the start page and search', () => {
  it('shows Globen in English', async () => {
    const page = await open();
    const response = await page.goto('/en/lpo/globen');
    expect(response?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 2, name: 'Our commitments' }).isVisible()).toBe(true);
    await expectCommitments(page, STATUS_EN);
    expect(await page.getByText(/has 53 ISO weeks/).isVisible()).toBe(true);
    await expectAccessiblePage(page);
  });

  it('lists the three police areas and finds Globen by one of its districts', async () => {
    const page = await open();
    await page.goto('/');
    const areas = page.locator('ul.area-list > li h3');
    const names = await areas.allTextContents();
    for (const name of ['Globen', 'Farsta', 'Skärholmen']) {
      expect(names.some((n) => n.includes(name))).toBe(true);
    }
    await expectAccessiblePage(page);

    // The header's search (/sok) lists the police areas first.
    const search = page.getByRole('search');
    await search.getByRole('searchbox', { name: /Sök/ }).fill('Årsta');
    await Promise.all([page.waitForURL(/\/sok\?q=/), search.getByRole('button', { name: 'Sök' }).click()]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Årsta');
    const areasFound = page.getByRole('region', { name: /Lokalpolisområden/ });
    expect(await areasFound.getByRole('link', { name: 'Globen' }).getAttribute('href')).toBe('/lpo/globen');
    await expectAccessiblePage(page);

    // The start page's own finder still filters the list.
    await page.goto('/?q=%C3%85rsta');
    const found = await page.locator('ul.area-list > li h3').allTextContents();
    expect(found.some((n) => n.includes('Globen'))).toBe(true);
    expect(
      await page
        .getByRole('link', { name: /Globen/ })
        .first()
        .getAttribute('href'),
    ).toBe('/lpo/globen');
    await expectAccessiblePage(page);
  });
});

describe('Any device', () => {
  it('does not scroll sideways on a phone', async () => {
    const page = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto('/lpo/globen');
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await expectAccessiblePage(page);
  });

  it('reflows at 320 CSS pixels, weekly table included (WCAG 1.4.10)', async () => {
    const page = await open({ viewport: { width: 320, height: 640 } });
    for (const path of ['/lpo/globen', '/lpo/globen/2026/helginsats', '/en/lpo/globen/2026/helginsats']) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `sideways scroll on ${path}`).toBeLessThanOrEqual(0);
    }
  });

  it('works without JavaScript', async () => {
    const page = await open({ javaScriptEnabled: false });
    const response = await page.goto('/lpo/globen');
    expect(response?.status()).toBe(200);
    expect(await page.locator('article.commitment').count()).toBe(COMMITMENTS.length);
    await expectCommitments(page, STATUS_SV);
  });
});

describe('Unknown police area', () => {
  it('gives a helpful 404 page in Swedish', async () => {
    const page = await open();
    const response = await page.goto('/lpo/okand');
    expect(response?.status()).toBe(404);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.locator('h1').textContent()).toBe('Sidan finns inte');
    expect(await page.locator('main').textContent()).toMatch(/inget lokalpolisområde med adressen ”okand”/);
    expect(await page.getByRole('main').getByRole('link', { name: 'Alla lokalpolisområden' }).count()).toBe(
      1,
    );
    await expectAccessiblePage(page);
  });

  it('gives it in English under /en', async () => {
    const page = await open();
    const response = await page.goto('/en/lpo/unknown');
    expect(response?.status()).toBe(404);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).not.toBe('Sidan finns inte');
    expect(await page.getByRole('main').getByRole('link', { name: 'All local police areas' }).count()).toBe(
      1,
    );
    await expectAccessiblePage(page);
  });
});
