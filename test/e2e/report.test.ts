// A citizen reads Globen's yearly report in a real Chromium, on a phone and on a desktop, and downloads the
// PDF from the report and from the promise page. Today is 25 November 2026: the 2026 report is "so far".
import { readFile } from 'node:fs/promises';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { browserSuite, expectGoodPage, PHONE } from './browser.ts';

const suite = browserSuite(() => createTestApp());

function open(options: BrowserContextOptions = {}): Promise<Page> {
  return suite.page({ acceptDownloads: true, ...options });
}

/** Clicks a download link and gives the file's name and first bytes. */
async function download(page: Page, name: string): Promise<{ file: string; start: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const path = await file.path();
  return { file: file.suggestedFilename(), start: (await readFile(path)).subarray(0, 5).toString('latin1') };
}

describe('the yearly report page', () => {
  it('reads well on a phone, with the charts, their tables and every section', async () => {
    const page = await open(PHONE);
    await page.goto('/lpo/globen/2026/rapport');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Årsrapport 2026');
    await expect(page.getByText('Hittills, per 25 november 2026').isVisible()).resolves.toBe(true);
    for (const heading of [
      'Vad vi lovade och vad vi gjorde',
      'Åtagandena',
      'Arbetet som gjorts',
      'Vad medborgarna sa',
      'Vad som ändras 2027',
    ]) {
      await expect(page.getByRole('heading', { level: 2, name: heading }).count()).resolves.toBe(1);
    }
    await expect(page.locator('svg.weekly-chart').count()).resolves.toBe(2);
    await expect(page.getByRole('table', { name: 'helgbemanning: vecka för vecka' }).count()).resolves.toBe(
      1,
    );
    await expectGoodPage(page);
  });

  it('is accessible on a desktop too, in English', async () => {
    const page = await open({ viewport: { width: 1200, height: 900 } });
    await page.goto('/en/lpo/globen/2026/report');
    await expect(page.getByText('So far, as of 25 November 2026').isVisible()).resolves.toBe(true);
    await expectGoodPage(page);
    await page.goto('/lpo/globen/2026/rapport');
    await expectGoodPage(page);
  });

  it('downloads the PDF from the report and from the promise page', async () => {
    const page = await open(PHONE);
    await page.goto('/lpo/globen/2026/rapport');
    await expect(download(page, 'Ladda ner rapporten som PDF')).resolves.toEqual({
      file: 'arsrapport-globen-2026.pdf',
      start: '%PDF-',
    });
    await page.goto('/lpo/globen/2026');
    await expect(download(page, 'Årsrapport 2026 (PDF)')).resolves.toEqual({
      file: 'arsrapport-globen-2026.pdf',
      start: '%PDF-',
    });
    await Promise.all([
      page.waitForURL('**/lpo/globen/2026/rapport'),
      page.getByRole('link', { name: 'Årsrapport 2026 på webben' }).click(),
    ]);
    await expectGoodPage(page);
  });
});
