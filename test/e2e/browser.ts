// Shared helpers for the browser tests: a headless Chromium from the system (no downloads), the test app
// on a real port, and the one check every page gets (like Decidim's "behaves like an accessible page").
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { generate } from 'otplib';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { TEST_PASSWORD } from '../helpers/staff.ts';

/** Chromium flags for a machine without internet: no background traffic that would only be refused. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** Listens the app on a free port of 127.0.0.1 and gives its base URL, e.g. 'http://127.0.0.1:41234'. */
export async function startServer(testApp: TestApp): Promise<string> {
  await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const address = testApp.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

interface LoggedProblem {
  text: string;
  /** The URL the message is about (for "Failed to load resource": the resource). */
  url: string;
}

interface PageLog {
  problems: LoggedProblem[];
  /** Documents the main frame loaded with an error status on purpose (e.g. a 404 page under test). */
  errorDocuments: Set<string>;
}

const logs = new WeakMap<Page, PageLog>();

/**
 * A page in a fresh context of its own (options such as viewport or javaScriptEnabled apply to it alone),
 * watched from the start for console errors, uncaught exceptions and CSP violations. Close it with
 * `page.context().close()`.
 */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  // Fail in seconds with the locator in the message, well inside the test's own timeout.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const log: PageLog = { problems: [], errorDocuments: new Set() };
  logs.set(page, log);
  // Chromium reports CSP violations, failed loads and console.error() calls as console errors.
  page.on('console', (message) => {
    if (message.type() === 'error') log.problems.push({ text: message.text(), url: message.location().url });
  });
  page.on('pageerror', (error) => log.problems.push({ text: `Uncaught: ${error.message}`, url: page.url() }));
  page.on('response', (response) => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame() && response.status() >= 400) {
      log.errorDocuments.add(response.url());
    }
  });
  return page;
}

/**
 * Every page test ends here: no axe violations of WCAG 2.1 A/AA, a language on <html>, exactly one <h1>,
 * a <title>, and nothing logged as an error since the page was opened (or since the last check).
 */
export async function expectAccessiblePage(page: Page): Promise<void> {
  const log = logs.get(page);
  if (!log) throw new Error('expectAccessiblePage needs a page from newPage(), which watches the console');

  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map((v) => {
    const targets = v.nodes.map(
      (n) => `      ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary}` : ''}`,
    );
    return `  ${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n${targets.join('\n')}`;
  });
  expect(violations, `axe found violations on ${page.url()}:\n${violations.join('\n')}`).toEqual([]);

  const lang = await page.locator('html').getAttribute('lang');
  expect(lang?.trim() ?? '', `<html lang> on ${page.url()}`).not.toBe('');
  expect(await page.locator('h1').count(), `number of <h1> on ${page.url()}`).toBe(1);
  expect((await page.title()).trim(), `<title> on ${page.url()}`).not.toBe('');

  const problems = log.problems
    .filter((p) => !expectedLoadFailure(p, log))
    .map((p) => `  ${p.text}${p.url ? ` (${p.url})` : ''}`);
  log.problems = [];
  expect(problems, `console errors on ${page.url()}:\n${problems.join('\n')}`).toEqual([]);
}

/**
 * Load failures the page did not cause: the document itself when a test opens an error page on purpose
 * (its status is asserted there).
 */
function expectedLoadFailure(problem: LoggedProblem, log: PageLog): boolean {
  if (!problem.text.startsWith('Failed to load resource')) return false;
  return log.errorDocuments.has(problem.url);
}

/** A phone-sized browser context, for the staff pages officers use on the street. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  // Against the configured width, not window.innerWidth: a mobile browser widens its layout viewport to
  // fit content that overflows, so innerWidth would grow with the very overflow we look for.
  const width = page.viewportSize()?.width ?? 0;
  const { contentWidth, widest } = await page.evaluate((limit) => {
    // The elements that stick out, to say in the failure what to fix (inside a scroll box is fine).
    const sticking = [...document.querySelectorAll('body *')].filter(
      (el) => el.getBoundingClientRect().right > limit + 1 && !el.parentElement?.closest('.table-scroll'),
    );
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`;
    return { contentWidth: document.documentElement.scrollWidth, widest: sticking.slice(-3).map(describe) };
  }, width);
  expect(contentWidth, `sideways scroll on ${page.url()}: ${widest.join(', ')}`).toBeLessThanOrEqual(width);
}

/** Accessible (see expectAccessiblePage) and usable on a narrow screen without scrolling sideways. */
export async function expectGoodPage(page: Page): Promise<void> {
  await expectNoSidewaysScroll(page);
  await expectAccessiblePage(page);
}

/** Tabs forward until the element is focused (at most `limit` presses), as a keyboard user would. */
export async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Signs in through the real form, with the one-time code when the person has a TOTP secret, and waits for
 * `next` (a path). Keyboard only: Enter sends each form.
 */
export async function signIn(
  page: Page,
  person: { email: string; totpSecret?: string | undefined },
  next: string,
): Promise<void> {
  await page.goto(`/staff/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-post').fill(person.email);
  await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
  if (person.totpSecret) {
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/staff/login/code'),
      page.keyboard.press('Enter'),
    ]);
    await page.getByLabel('Kod (6 siffror)').fill(await generate({ secret: person.totpSecret }));
  }
  // By path: the sign-in pages' own addresses end in `next` too (their ?next=).
  await Promise.all([page.waitForURL((url) => url.pathname === next), page.keyboard.press('Enter')]);
}

export interface BrowserSuite {
  /** A new page in a context of its own (a phone by default), on the suite's server; closed after the file. */
  page(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * Registers a test file's beforeAll/afterAll: the test app from `start` (which also creates its users), the
 * app on a real port, and one Chromium; everything is closed after the file.
 */
export function browserSuite(start: () => Promise<TestApp>): BrowserSuite {
  let testApp: TestApp | undefined;
  let browser: Browser | undefined;
  let baseURL = '';
  const pages: Page[] = [];
  beforeAll(async () => {
    testApp = await start();
    baseURL = await startServer(testApp);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await browser?.close();
    await testApp?.close();
  });
  return {
    async page(options: BrowserContextOptions = PHONE) {
      if (!browser) throw new Error('the browser suite has not started');
      const page = await newPage(browser, { baseURL, ...options });
      pages.push(page);
      return page;
    },
  };
}
