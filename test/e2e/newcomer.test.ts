// A newcomer's first day at Globen, on a phone (390×844) in a real Chromium, as the README's "The staff
// side" tells it: the admin adds Olle Polis as an officer through the web; Olle signs in for the first time
// and sets up his one-time codes; he logs a weekend shift, a safety walk with a route and three observations,
// and an Iceland-model case; the public figures and Globen's public page follow. The demo is loaded and
// today is Wednesday 25 November 2026 (ISO week 48). Every page on the way gets the accessibility check.
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createStaffUser, TEST_PASSWORD } from '../helpers/staff.ts';
import { expectGoodPage, launchBrowser, newPage, PHONE, startServer, tabTo } from './browser.ts';

const ADMIN = 'admin@example.se';
const OLLE = { name: 'Olle Polis', email: 'olle@example.se', password: 'Olles första lösenord 2026' };
/** A short walk in Johanneshov, from Gullmarsplan towards the arenas: [longitude, latitude] (GeoJSON). */
const ROUTE = JSON.stringify({
  type: 'LineString',
  coordinates: [
    [18.0806, 59.2993],
    [18.0829, 59.2981],
    [18.0852, 59.2969],
    [18.0838, 59.2952],
  ],
});

/** The parts of the public API's answers this test reads. */
interface Evaluation {
  current: number;
  goal: number;
  cases?: number;
  statusLabel: string;
}
interface PromiseJson {
  commitments: { key: string; targets: { suppressed: boolean; evaluation: Evaluation | null }[] }[];
}
interface CommitmentJson {
  weekly: { targetIndex: number; points: { week: string; inWeek: number; current: number }[] }[];
}

interface Figures {
  weekend: Evaluation;
  walks: Evaluation;
  iceland: Evaluation;
  /** Qualifying shifts in ISO week 2026-W47, the week of Saturday 21 November. */
  week47Shifts: number;
}

let testApp: TestApp;
let browser: Browser;
let baseURL: string;
const pages: Page[] = [];
/** Olle's phone, from his first sign-in on. */
let olle: Page;
let before: Figures;
/** What a citizen's Globen page said before Olle logged anything. */
let publicWalksDone = '';

beforeAll(async () => {
  testApp = await createTestApp();
  // What the README does with `medborgarlofte user add … --lpo globen --role admin`.
  await createStaffUser(testApp.app, ADMIN, { globen: ['admin'] });
  baseURL = await startServer(testApp);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const page of pages) await page.context().close();
  await browser?.close();
  await testApp?.close();
});

async function phone(): Promise<Page> {
  const page = await newPage(browser, { baseURL, ...PHONE });
  pages.push(page);
  return page;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${baseURL}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

function evaluationOf(promise: PromiseJson, key: string): Evaluation {
  const target = promise.commitments.find((c) => c.key === key)?.targets[0];
  expect(target, `${key}: a first target`).toBeDefined();
  // The demo has more Iceland-model cases than the suppression threshold (5), so nothing is hidden.
  expect(target?.suppressed, `${key}: figures published`).toBe(false);
  if (!target?.evaluation) throw new Error(`${key}: no evaluation`);
  return target.evaluation;
}

async function globenFigures(): Promise<Figures> {
  const promise = await getJson<PromiseJson>('/api/v1/lpos/globen/promises/2026');
  const weekend = await getJson<CommitmentJson>('/api/v1/lpos/globen/promises/2026/commitments/helginsats');
  const week = weekend.weekly.find((w) => w.targetIndex === 0)?.points.find((p) => p.week === '2026-W47');
  if (!week) throw new Error('no weekly point for 2026-W47');
  return {
    weekend: evaluationOf(promise, 'helginsats'),
    walks: evaluationOf(promise, 'trygghetsvandringar'),
    iceland: evaluationOf(promise, 'islandsmodellen'),
    week47Shifts: week.inWeek,
  };
}

/** Moves the focus with Tab until the element has it, as a keyboard user would (at most `limit` presses). */
type UrlMatch = Parameters<Page['waitForURL']>[0];

/**
 * Submits a form with `act` and waits for the page it leads to, which may have the form's own address
 * (post, redirect, get): the POST must be answered with a redirect, else the page's errors are the message.
 */
async function submit(page: Page, act: () => Promise<void>, url: UrlMatch): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().frame() === page.mainFrame()),
    page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }),
    act(),
  ]);
  if (response.status() !== 303) {
    await page.waitForLoadState();
    const errors = await page.locator('.error-summary, .field-error').allTextContents();
    throw new Error(`POST ${response.url()} answered ${response.status()}: ${errors.join(' | ')}`);
  }
  await page.waitForURL(url);
}

/** Follows a link by its accessible name with the keyboard: focus it, then Enter. */
async function follow(page: Page, name: string, url: string | RegExp): Promise<void> {
  await page.getByRole('main').getByRole('link', { name, exact: true }).focus();
  await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
}

/** Signs in with the keyboard; returns on the page the password leads to. */
async function signInWithPassword(page: Page, email: string, password: string, url: string): Promise<void> {
  await page.goto('/staff/login');
  expect(await page.locator('h1').textContent()).toBe('Logga in som personal');
  await expectGoodPage(page);
  await page.getByLabel('E-post').focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await submit(page, () => page.keyboard.press('Enter'), url);
}

/** The public card of one commitment on Globen's page. */
function card(page: Page, key: string) {
  return page.locator('article.commitment', { has: page.locator(`h3#c-${key}`) });
}

function walksDoneFigure(page: Page) {
  return card(page, 'trygghetsvandringar')
    .locator('.figures > div', { has: page.locator('dt', { hasText: 'Genomförda trygghetsvandringar' }) })
    .locator('dd');
}

describe('a newcomer’s first day at Globen, on a phone', () => {
  it('the admin signs in, adds Olle Polis as an officer, and signs out', async () => {
    const page = await phone();
    await signInWithPassword(page, ADMIN, TEST_PASSWORD, '**/staff');
    expect(await page.locator('h1').textContent()).toBe('Översikt för personal');
    expect(await page.getByText('Roller: administratör').isVisible()).toBe(true);
    await expectGoodPage(page);

    await follow(page, 'Lokalpolisområde Globen', '**/staff/globen');
    await expectGoodPage(page);
    await follow(page, 'Personal och roller', '**/staff/globen/personal');
    expect(await page.locator('h1').textContent()).toBe('Personal och roller');
    await expectGoodPage(page);

    await page.getByLabel('E-post').focus();
    await page.keyboard.type(OLLE.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(OLLE.name);
    await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'polis' });
    await page.getByLabel('Lösenord för en ny person (minst 12 tecken)').focus();
    await page.keyboard.type(OLLE.password);
    await submit(
      page,
      () => page.getByRole('button', { name: 'Lägg till person eller roll' }).click(),
      '**/staff/globen/personal',
    );
    const row = page.getByRole('row', { name: new RegExp(OLLE.name) });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      OLLE.email,
      'polis',
      'Stäng av: Olle Polis',
    ]);
    await expectGoodPage(page);

    await submit(
      page,
      () => page.getByRole('button', { name: 'Logga ut', exact: true }).click(),
      `${baseURL}/`,
    );
    expect(await page.getByRole('button', { name: 'Logga ut', exact: true }).count()).toBe(0);
    await expectGoodPage(page);
  });

  it('Olle signs in for the first time and sets up his one-time codes', async () => {
    olle = await phone();
    await signInWithPassword(olle, OLLE.email, OLLE.password, '**/staff/login/setup?**');
    expect(await olle.locator('h1').textContent()).toBe('Ställ in tvåstegsverifiering');
    await expectGoodPage(olle);

    // What he would type into his authenticator app: the key, shown in groups of four.
    const secret = ((await olle.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await olle.getByLabel('Kod (6 siffror)').focus();
    await olle.keyboard.type(await generate({ secret }));
    await submit(olle, () => olle.keyboard.press('Enter'), '**/staff');
    expect(await olle.locator('h1').textContent()).toBe('Översikt för personal');
    expect(await olle.getByText('Inloggad som Olle Polis').isVisible()).toBe(true);
    expect(await olle.getByText('Roller: polis').isVisible()).toBe(true);
    await expectGoodPage(olle);

    await follow(olle, 'Lokalpolisområde Globen', '**/staff/globen');
    const sections = await olle.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
    expect(sections).toEqual([
      'Lägesbild',
      'Helginsatsen: pass',
      'Trygghetsvandringar',
      'Islandsmodellen: ärenden',
      'Nyheter',
    ]);
    await expectGoodPage(olle);
  });

  it('before Olle logs anything, the public figures are read', async () => {
    before = await globenFigures();
    // The demo's numbers: the weekend target and the Iceland model have data, safety walks are short of 3.
    expect(before.walks.current).toBeLessThan(before.walks.goal);
    expect(before.iceland.cases ?? 0).toBeGreaterThanOrEqual(5);

    const citizen = await phone();
    await citizen.goto('/lpo/globen');
    publicWalksDone = ((await walksDoneFigure(citizen).textContent()) ?? '').trim();
    expect(publicWalksDone).toMatch(/^\d+$/);
    expect(await card(citizen, 'trygghetsvandringar').locator('.progress-line').textContent()).toContain(
      `${before.walks.current} av ${before.walks.goal} trygghetsvandringar`,
    );
    await expectGoodPage(citizen);
  });

  it('Olle logs a weekend shift for Saturday 21 November', async () => {
    await follow(olle, 'Helginsatsen: pass', '**/staff/globen/helginsats');
    expect(await olle.locator('h1').textContent()).toBe('Helginsatsen: pass');
    await expectGoodPage(olle);
    await follow(olle, 'Logga ett nytt pass', '**/staff/globen/helginsats/ny');
    expect(await olle.locator('h1').textContent()).toBe('Logga ett pass');
    await expectGoodPage(olle);

    // Date and time pickers are filled as a phone's picker would; the rest with the keyboard.
    await olle.getByLabel('Datum då passet började').fill('2026-11-21');
    await olle.getByLabel('Starttid').fill('19:00');
    await olle.getByLabel('Sluttid').fill('02:00');
    await tabTo(olle, '#officers');
    await olle.keyboard.type('3');
    await tabTo(olle, '#place-gullmarsplan');
    await olle.keyboard.press('Space');
    await tabTo(olle, '#place-avicii-arena');
    await olle.keyboard.press('Space');
    await tabTo(olle, '#premises_inspected');
    await olle.keyboard.press('Control+a');
    await olle.keyboard.type('2');
    await tabTo(olle, '#youth_contacts');
    await olle.keyboard.press('Control+a');
    await olle.keyboard.type('6');
    await tabTo(olle, '#note');
    await olle.keyboard.type('Lugnt kring Gullmarsplan, mycket folk efter evenemanget.');
    await tabTo(olle, 'form.shift-form button.primary');
    await submit(olle, () => olle.keyboard.press('Enter'), /\/staff\/globen\/helginsats\/\d+\?saved=1$/);

    expect(await olle.getByRole('status').textContent()).toBe('Passet är sparat.');
    expect(await olle.getByText('lördag 21 november 2026, 19:00–02:00 (dagen efter)').isVisible()).toBe(true);
    expect(await olle.getByText('Passet räknas för veckans bemanning.').isVisible()).toBe(true);
    await expectGoodPage(olle);
  });

  it('Olle plans a safety walk in Johanneshov, marks it done with a route and logs three observations', async () => {
    await olle.goto('/staff/globen');
    await follow(olle, 'Trygghetsvandringar', '**/staff/globen/trygghetsvandringar');
    expect(await olle.locator('h1').textContent()).toBe('Trygghetsvandringar');
    await expectGoodPage(olle);
    await follow(olle, 'Planera en trygghetsvandring', '**/staff/globen/trygghetsvandringar/ny');
    await expectGoodPage(olle);

    await olle.getByLabel('Datum', { exact: true }).fill('2026-11-23');
    await olle.getByLabel('Stadsdel', { exact: true }).selectOption({ label: 'Johanneshov' });
    await tabTo(olle, '#partners-0');
    await olle.keyboard.press('Space');
    await tabTo(olle, '#partners-1');
    await olle.keyboard.press('Space');
    await tabTo(olle, 'form.walk-form button.primary');
    await submit(olle, () => olle.keyboard.press('Enter'), /\/staff\/globen\/trygghetsvandringar\/\d+$/);
    expect(await olle.locator('h1').textContent()).toBe('Trygghetsvandring 23 november 2026');
    expect(await olle.getByText('Stadsdelsförvaltningen, Bostadsbolag').isVisible()).toBe(true);
    await expectGoodPage(olle);
    const walkUrl = olle.url();
    const walkPath = new URL(walkUrl).pathname;

    // Done the day it was planned (the date offered), with the route pasted from a map app.
    expect(await olle.getByLabel('Datum då den genomfördes').inputValue()).toBe('2026-11-23');
    await olle.getByLabel('Rutt (GeoJSON)').fill(ROUTE);
    await tabTo(olle, 'form[action$="/genomford"] button.primary');
    await submit(olle, () => olle.keyboard.press('Enter'), walkUrl);
    expect(await olle.locator('.walk-facts').textContent()).toContain('Genomförd');
    expect(await olle.locator('.walk-map svg polyline').count()).toBe(1);
    await expectGoodPage(olle);

    const observations: { where: { lat: string; lon: string } | { place: string }; category: string }[] = [
      { where: { lat: '59,2990', lon: '18,0810' }, category: 'lighting' },
      { where: { lat: '59,2975', lon: '18,0845' }, category: 'vegetation' },
      { where: { place: 'Mitten av Johanneshov' }, category: 'litter' },
    ];
    const descriptions = [
      'Två gatlyktor ur funktion vid trappan ner mot Gullmarsplan.',
      'Buskarna skymmer gångvägen mot arenorna.',
      'Mycket skräp och krossat glas vid busshållplatsen.',
    ];
    for (const [i, observation] of observations.entries()) {
      const form = olle.locator('form[action$="/iakttagelser"]');
      if ('place' in observation.where) {
        await form.getByLabel('Eller närmaste plats').selectOption({ label: observation.where.place });
      } else {
        await form.getByLabel('Latitud').focus();
        await olle.keyboard.type(observation.where.lat);
        await olle.keyboard.press('Tab');
        await olle.keyboard.type(observation.where.lon);
      }
      await form.getByLabel('Kategori').selectOption(observation.category);
      await form.getByLabel('Beskrivning').focus();
      await olle.keyboard.type(descriptions[i] ?? '');
      await tabTo(olle, 'form[action$="/iakttagelser"] button.primary');
      // Back on the walk, at the new observation.
      await submit(
        olle,
        () => olle.keyboard.press('Enter'),
        (url) => url.pathname === walkPath && /^#observation-\d+$/.test(url.hash),
      );
      expect(await olle.locator('.observation-list > li').count()).toBe(i + 1);
      await expectGoodPage(olle);
    }
    expect(await olle.locator('.observation-list .observation-head strong').allTextContents()).toEqual([
      '1. Belysning',
      '2. Vegetation',
      '3. Nedskräpning',
    ]);
    expect(await olle.locator('.walk-map-point').count()).toBe(3);

    await follow(olle, 'Trygghetsvandringar', '**/staff/globen/trygghetsvandringar');
    const done = olle.getByRole('region', { name: 'Genomförda' });
    expect(await done.getByRole('link', { name: '23 november 2026 – Johanneshov' }).isVisible()).toBe(true);
    await expectGoodPage(olle);
  });

  it('Olle records an Iceland-model case', async () => {
    await olle.goto('/staff/globen');
    await follow(olle, 'Islandsmodellen: ärenden', '**/staff/globen/islandsmodellen');
    expect(await olle.getByText('Du ser de ärenden som du själv har registrerat.').isVisible()).toBe(true);
    await expectGoodPage(olle);
    await follow(olle, 'Registrera ett nytt ärende', '**/staff/globen/islandsmodellen/nytt');
    await expectGoodPage(olle);

    await olle.getByLabel('Datum för händelsen').fill('2026-11-24');
    await olle.getByLabel('Stadsdel', { exact: true }).selectOption({ label: 'Johanneshov' });
    await tabTo(olle, '#children');
    await olle.keyboard.type('1');
    await tabTo(olle, '#eligibility-0');
    await olle.keyboard.press('Space');
    await tabTo(olle, '#measures-0');
    await olle.keyboard.press('Space');
    await tabTo(olle, '#measures-1');
    await olle.keyboard.press('Space');
    await olle.locator('#alerted_date').fill('2026-11-24');
    await olle.locator('#alerted_time').fill('21:40');
    await olle.locator('#arrived_date').fill('2026-11-24');
    await olle.locator('#arrived_time').fill('22:25');
    // Tab enters the radio group on its first button, "Ja"; Space picks it.
    await tabTo(olle, '#applied-yes');
    await olle.keyboard.press('Space');
    expect(await olle.locator('#applied-yes').isChecked()).toBe(true);
    await tabTo(olle, 'form.iceland-form button.primary');
    await submit(olle, () => olle.keyboard.press('Enter'), '**/staff/globen/islandsmodellen?sparat=*');

    const notice = (await olle.locator('.notice[role=status]').textContent()) ?? '';
    const reference = /IM-2026-[A-Z0-9]{8}/.exec(notice)?.[0] ?? '';
    expect(reference, notice).not.toBe('');
    const row = olle.getByRole('row', { name: new RegExp(reference) });
    expect(await row.getByRole('cell', { name: 'Tillämpad', exact: true }).isVisible()).toBe(true);
    await expectGoodPage(olle);
  });

  it('shows on Globen’s public figures and page', async () => {
    const after = await globenFigures();
    // Safety walks count on the day they were done (23 November 2026), in the promise's year.
    expect(after.walks.current).toBe(before.walks.current + 1);
    // The share of decided cases is public from 5 cases on; the demo has more, so the count shows.
    expect(after.iceland.cases).toBe((before.iceland.cases ?? 0) + 1);
    // Week 47 may already have been staffed in the demo: one more qualifying shift, and one more staffed
    // week only if it had none.
    expect(after.week47Shifts).toBe(before.week47Shifts + 1);
    expect(after.weekend.current).toBe(before.weekend.current + (before.week47Shifts === 0 ? 1 : 0));

    // A citizen's fresh phone (nothing cached from before).
    const citizen = await phone();
    const response = await citizen.goto('/lpo/globen');
    expect(response?.status()).toBe(200);
    const walks = card(citizen, 'trygghetsvandringar');
    expect(await walks.locator('.progress-line').textContent()).toContain(
      `${after.walks.current} av ${after.walks.goal} trygghetsvandringar`,
    );
    expect(await walks.locator('.status').first().textContent()).toBe(after.walks.statusLabel);
    expect(((await walksDoneFigure(citizen).textContent()) ?? '').trim()).toBe(
      String(Number(publicWalksDone) + 1),
    );
    expect(await walks.getByText('23 november 2026, Johanneshov – genomförd (3 iakttagelser)').count()).toBe(
      1,
    );
    expect(await card(citizen, 'islandsmodellen').locator('.progress-line').textContent()).toMatch(
      new RegExp(`av ${after.iceland.cases} ärenden`),
    );
    await expectGoodPage(citizen);
  });
});
