// Every staff route × every role × own and other LPO, against the one permission table in
// src/domain/permissions.ts. Routes are taken from the app itself, so a new route is covered the day it
// is added; a route without an action must be one of the few public staff routes (sign-in).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, type Role, roleMay } from '../src/domain/permissions.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient } from './helpers/staff.ts';

let t: TestApp;
const browsers = new Map<Role, StaffClient>();

/** Staff routes anyone may reach: signing in and out, and the list of one's own LPOs. */
const OPEN_ROUTES = new Set([
  '/staff/login',
  '/staff/login/code',
  '/staff/login/setup',
  '/staff/logout',
  '/staff/logout-everywhere',
  '/staff/losenord',
  '/staff',
]);

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) {
    const email = `${role}@example.se`;
    const { totpSecret } = await createStaffUser(t.app, email, { globen: [role] }, { totp: true });
    const browser = new StaffClient(t.app);
    await browser.signIn(email, totpSecret);
    browsers.set(role, browser);
  }
});
afterAll(async () => {
  await t.close();
});

/** A concrete URL for a route pattern: the LPO given, other parameters filled with harmless values. */
function urlFor(pattern: string, lpo: string): string {
  return pattern
    .replace(':lpo', lpo)
    .replace(/:year\b/, '2026')
    .replace(/:[A-Za-z]+/g, 'x1');
}

async function request(browser: StaffClient, method: string, url: string): Promise<number> {
  if (method === 'GET') return (await browser.get(url)).statusCode;
  // Load a page first so the form carries a valid CSRF token, as a browser's would.
  await browser.get('/staff');
  return (await browser.post(url, {})).statusCode;
}

describe('the staff routes', () => {
  it('each name an action from the permission table, apart from signing in and out', () => {
    expect(t.app.staffRoutes.length).toBeGreaterThan(OPEN_ROUTES.size);
    for (const route of t.app.staffRoutes) {
      const path = route.url.replace(/^\/en/, '');
      if (route.action === undefined) expect(OPEN_ROUTES, `${route.method} ${route.url}`).toContain(path);
      else expect(Object.keys(PERMISSIONS)).toContain(route.action);
    }
  });

  it('answer every role in its own LPO as the table says, and 403 in another LPO', async () => {
    const failures: string[] = [];
    const guarded = t.app.staffRoutes.filter((r) => r.action !== undefined && r.url.includes(':lpo'));
    for (const route of guarded) {
      const action = route.action;
      if (!action) continue;
      for (const role of ROLES) {
        const browser = browsers.get(role);
        if (!browser) throw new Error(`no browser for ${role}`);
        const own = await request(browser, route.method, urlFor(route.url, 'globen'));
        const other = await request(browser, route.method, urlFor(route.url, 'farsta'));
        const expected = roleMay(role, action);
        if (expected ? own === 403 : own !== 403) {
          failures.push(`${role} ${route.method} ${route.url} in own LPO: ${own} (may: ${expected})`);
        }
        if (other !== 403) failures.push(`${role} ${route.method} ${route.url} in another LPO: ${other}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuse every state-changing request without the form’s CSRF token, even from a role that may', async () => {
    const posts = t.app.staffRoutes.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(10);
    for (const route of posts) {
      const role = ROLES.find((r) => route.action === undefined || roleMay(r, route.action)) ?? 'admin';
      const browser = browsers.get(role);
      if (!browser) throw new Error(`no browser for ${role}`);
      await browser.get('/staff');
      const res = await browser.post(urlFor(route.url, 'globen'), { _csrf: 'forged' });
      expect(res.statusCode, `${role} POST ${route.url}`).toBe(403);
    }
  });

  it('send a guest to sign in (GET) or refuse the form (POST)', async () => {
    const guest = new StaffClient(t.app);
    for (const route of t.app.staffRoutes.filter((r) => r.action !== undefined)) {
      const status = await request(guest, route.method, urlFor(route.url, 'globen'));
      expect([303, 403], `${route.method} ${route.url}`).toContain(status);
    }
  });
});
