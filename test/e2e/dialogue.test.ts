import { describe, expect, it } from 'vitest';
import { MIN_FILL_MS } from '../../src/modules/dialogue/form-token.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createStaffUser } from '../helpers/staff.ts';
import { browserSuite, expectGoodPage, signIn, tabTo } from './browser.ts';

let testApp: TestApp;
let leadTotp: string;

const TEXT = 'Gångtunneln mot Västberga är helt mörk på kvällarna och det står ofta ett gäng där.';

const suite = browserSuite(async () => {
  testApp = await createTestApp();
  const lead = await createStaffUser(testApp.app, 'chef@example.se', { globen: ['lead'] }, { totp: true });
  leadTotp = lead.totpSecret ?? '';
  return testApp;
});

/** The server refuses forms sent faster than a person fills them in; a keyboard script can be that fast. */
async function waitForFillTime(openedAt: number): Promise<void> {
  const left = MIN_FILL_MS + 300 - (Date.now() - openedAt);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

function answerCount(text: string): number {
  return Number(/Antal svar: (\d+)/.exec(text.replace(/\s/g, ' '))?.[1]);
}

describe('telling the police where you feel unsafe', () => {
  it('works on a phone with the keyboard only, through moderation to the public results', async () => {
    const page = await suite.page();
    await page.goto('/tyck-till/resultat?lpo=globen');
    const before = answerCount((await page.locator('.dialogue-total').textContent()) ?? '');
    expect(before).toBeGreaterThan(0);

    // The header's link, then the LPO.
    await page.goto('/');
    await tabTo(page, 'header a[href="/tyck-till"]');
    await Promise.all([page.waitForURL('**/tyck-till'), page.keyboard.press('Enter')]);
    await expectGoodPage(page);
    await tabTo(page, '#lpo');
    await page.keyboard.type('Globen');
    await tabTo(page, 'main button[type="submit"]');
    await Promise.all([page.waitForURL('**/tyck-till?lpo=globen'), page.keyboard.press('Enter')]);
    await expectGoodPage(page);

    // The map, opened and used with the keyboard: its first district link fills in the district list.
    await tabTo(page, '.dialogue-map-box summary');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const districtName = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(districtName).toBeTruthy();
    const outline = await page.evaluate(() => {
      const path = document.activeElement?.querySelector('path');
      return path ? getComputedStyle(path).fill : '';
    });
    expect(outline, 'the focused district is drawn in the focus colour').toBe('rgb(255, 191, 71)');
    await Promise.all([page.waitForURL(/district=/), page.keyboard.press('Enter')]);
    const openedAt = Date.now();
    expect(await page.getByRole('status').textContent()).toBe(`Du har valt ${districtName} på kartan.`);
    expect(await page.locator('#district option:checked').textContent()).toBe(districtName);
    await expectGoodPage(page);

    // When and what.
    await tabTo(page, '#weekday');
    await page.keyboard.type('fredag');
    await tabTo(page, '#time_band');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, '#categories-groups');
    await page.keyboard.press('Space');
    await tabTo(page, '#categories-environment');
    await page.keyboard.press('Space');
    await tabTo(page, '#free_text');
    await page.keyboard.type(`${TEXT} Ring mig på 070-123 45 67.`);
    await tabTo(page, 'button.dialogue-send');
    await waitForFillTime(openedAt);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    expect(refused.status()).toBe(400);

    // Told what to remove and where; everything else is still filled in.
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('listitem').allTextContents()).toEqual([
      'Berätta mer (frivilligt): Texten verkar innehålla ett telefonnummer (070-…). Ta bort det innan du skickar.',
    ]);
    const reopenedAt = Date.now();
    expect(await page.locator('#time_band-evening').isChecked()).toBe(true);
    expect(await page.locator('#categories-environment').isChecked()).toBe(true);
    expect(await page.locator('#weekday option:checked').textContent()).toBe('fredag');
    await expectGoodPage(page);

    await summary.getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('free_text');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(TEXT);
    await tabTo(page, 'button.dialogue-send');
    await waitForFillTime(reopenedAt);
    await Promise.all([page.waitForURL(/\/tyck-till\/tack\//), page.keyboard.press('Enter')]);

    expect(await page.getByRole('status').textContent()).toBe(
      'Tack! Vi har tagit emot ditt svar till lokalpolisområde Globen.',
    );
    expect(await page.getByText(`${districtName}`, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('fredag, kväll (18–24)').isVisible()).toBe(true);
    expect(
      await page.getByText('Ungdomsgäng eller grupperingar, Dålig belysning eller miljö').isVisible(),
    ).toBe(true);
    await expectGoodPage(page);

    // The structured answer counts at once; the text waits for a moderator.
    await tabTo(page, 'main a[href="/tyck-till/resultat?lpo=globen"]');
    await Promise.all([page.waitForURL('**/tyck-till/resultat?lpo=globen'), page.keyboard.press('Enter')]);
    expect(answerCount((await page.locator('.dialogue-total').textContent()) ?? '')).toBe(before + 1);
    expect(await page.getByText(TEXT).count()).toBe(0);
    await expectGoodPage(page);

    // A moderator approves the text.
    const moderator = await suite.page();
    await signIn(moderator, { email: 'chef@example.se', totpSecret: leadTotp }, '/staff/globen/tyck-till');
    await expectGoodPage(moderator);
    const item = moderator.locator('article.dialogue-item', { hasText: TEXT });
    await item.getByRole('button', { name: 'Godkänn' }).click();
    await moderator.waitForURL('**/staff/globen/tyck-till?done=approved');
    expect(await moderator.getByRole('status').textContent()).toBe('Texten är godkänd.');
    expect(await moderator.locator('article.dialogue-item', { hasText: TEXT }).count()).toBe(0);
    await expectGoodPage(moderator);

    // The public results now show the resident's words.
    await page.reload();
    expect(await page.getByText(TEXT).isVisible()).toBe(true);
    await expectGoodPage(page);
  });

  it('has accessible English pages and a working page without an LPO chosen', async () => {
    const page = await suite.page();
    for (const path of [
      '/en/tell-us',
      '/en/tell-us?lpo=globen',
      '/en/tell-us/results?lpo=globen',
      '/tyck-till/resultat',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectGoodPage(page);
    }
  });
});
