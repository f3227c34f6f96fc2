// The situation picture in a real Chromium on a phone: the staff picture and its filter form used with the
// keyboard, the weekend-operation suggestions, and the public lägesbild, each accessible (axe) in Swedish
// and English. Events are real police event texts placed in Globen's districts by the test.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { stockholmParts } from '../../src/domain/iso-week.ts';
import { stockholmInstant } from '../../src/domain/stockholm-time.ts';
import { rebuildAllRollups, refreshRollups } from '../../src/modules/situation/rollups.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createStaffUser } from '../helpers/staff.ts';
import { browserSuite, expectGoodPage, signIn, tabTo } from './browser.ts';

interface SampleEvent {
  id: number;
  name: string;
  summary: string;
  type: string;
}
const SAMPLE: SampleEvent[] = JSON.parse(
  readFileSync(new URL('../fixtures/polisen-events-sample.json', import.meta.url), 'utf8'),
);

let testApp: TestApp;

/** Every sample event once in 2026, on a Friday or Saturday night, in Årsta, Johanneshov or Liljeholmen. */
async function loadEvents(): Promise<void> {
  const db = testApp.database.db;
  const districts = await testApp.app.services.areas.districtsOf(
    (await testApp.app.services.areas.findPoliceArea('globen'))?.id ?? 0,
  );
  const ids = ['arsta', 'johanneshov', 'liljeholmen'].map(
    (slug) => districts.find((d) => d.slug === slug)?.id ?? null,
  );
  const rows = SAMPLE.map((sample, i) => {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 6)).padStart(2, '0');
    const occurred = stockholmInstant(`2026-${month}-${day}`, i % 2 === 0 ? '22:30' : '01:15');
    const local = stockholmParts(occurred);
    return {
      source: 'polisen',
      source_id: String(sample.id),
      occurred_at: occurred,
      local_month: `${local.date.slice(0, 7)}-01`,
      local_weekday: local.weekday,
      local_hour: local.hour,
      type: sample.type,
      title: sample.name,
      summary: sample.summary,
      district_id: ids[i % 3] ?? null,
      placement: 'gazetteer' as const,
      placement_confidence: 'medium' as const,
      placement_detail: 'i Årsta',
    };
  });
  // Only these events: whatever the demo loaded goes, rollups and all.
  await db.deleteFrom('event').execute();
  await rebuildAllRollups(db);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('event').values(rows).execute();
    await refreshRollups(
      trx,
      rows.map((r) => r.local_month),
    );
  });
}

const suite = browserSuite(async () => {
  testApp = await createTestApp();
  await loadEvents();
  await createStaffUser(testApp.app, 'analytiker@example.se', { globen: ['analyst'] });
  return testApp;
});

async function signedInPhone(): Promise<Page> {
  const page = await suite.page();
  await signIn(page, { email: 'analytiker@example.se' }, '/staff/globen/lagesbild');
  return page;
}

describe('the staff picture on a phone', () => {
  it('shows the picture, and the keyboard changes the filter', async () => {
    const page = await signedInPhone();
    expect(await page.locator('h1').textContent()).toBe('Lägesbild');
    expect(await page.getByText('Publicerade polishändelser, inte brottsstatistik.').isVisible()).toBe(true);
    expect(await page.getByText(`${SAMPLE.length} händelser under perioden`).isVisible()).toBe(true);
    await expectGoodPage(page);

    // Choose the robbery group by typing on the focused list, then send the form with Enter.
    await tabTo(page, '#typ');
    await page.keyboard.type('Rån');
    expect(await page.locator('#typ').inputValue()).toBe('grupp:robbery');
    await tabTo(page, '.situation-filter button.primary');
    await Promise.all([page.waitForURL(/typ=grupp%3Arobbery/), page.keyboard.press('Enter')]);
    const robberies = SAMPLE.filter((e) => e.type.startsWith('Rån')).length;
    expect(await page.getByText(`${robberies} händelser under perioden`).isVisible()).toBe(true);
    expect(await page.locator('#typ').inputValue()).toBe('grupp:robbery');
    await expectGoodPage(page);

    // A wrong month is refused with the message by the field.
    await page.goto('/staff/globen/lagesbild?fran=2026-13&till=2026-06');
    expect(await page.locator('#fran').getAttribute('aria-invalid')).toBe('true');
    await expectGoodPage(page);
  });

  it('has accessible suggestions and English pages', async () => {
    const page = await signedInPhone();
    for (const path of [
      '/staff/globen/lagesbild/helginsats',
      '/en/staff/globen/situation',
      '/en/staff/globen/situation/weekend',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectGoodPage(page);
    }
  });
});

describe('the public lägesbild on a phone', () => {
  it('is accessible in both languages and hides small counts', async () => {
    const page = await suite.page();
    for (const path of ['/lpo/globen/lagesbild', '/en/lpo/globen/situation']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectGoodPage(page);
    }
    await page.goto('/lpo/globen/lagesbild');
    expect(await page.getByText('färre än 5').first().isVisible()).toBe(true);
    await page.goto('/lpo/globen');
    await Promise.all([
      page.waitForURL('**/lpo/globen/lagesbild'),
      page.getByRole('link', { name: 'Lägesbilden: publicerade polishändelser' }).click(),
    ]);
  });
});
