// Security properties not covered elsewhere (auth.test.ts covers lockout, the login rate limit, CSRF on
// sign-in and Secure + HSTS behind a proxy; authorization.test.ts CSRF on every staff form): the same
// security headers on every kind of answer, a session id planted before sign-in, cookie flags, and
// that one client's throttling does not lock out another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient, TEST_PASSWORD } from './helpers/staff.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await createStaffUser(t.app, 'analytiker@example.se', { globen: ['analyst'] });
});
afterAll(async () => {
  await t.close();
});

function expectSecurityHeaders(res: { headers: Record<string, unknown> }, what: string): void {
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp, what).toContain("default-src 'self'");
  // No framing (clickjacking); this supersedes X-Frame-Options, which is not sent (docs/security.md).
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("form-action 'self'");
  expect(csp, what).not.toContain('unsafe-inline');
  expect(csp, what).not.toContain('unsafe-eval');
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['referrer-policy'], what).toBe('no-referrer');
  expect(res.headers['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(res.headers['x-powered-by'], what).toBeUndefined();
  // These answers went over plain HTTP, where HSTS must not be sent (RFC 6797 §7.2); auth.test.ts checks
  // it is sent behind a TLS-terminating proxy.
  expect(res.headers['strict-transport-security'], what).toBeUndefined();
}

describe('security headers', () => {
  it('are on every kind of answer: pages, API, 304, 404, errors, static files, redirects and staff pages', async () => {
    const page = await t.app.inject('/lpo/globen');
    const answers = {
      'public page': page,
      'English page': await t.app.inject('/en/lpo/globen'),
      'HEAD of a page': await t.app.inject({ method: 'HEAD', url: '/lpo/globen' }),
      'API JSON': await t.app.inject('/api/v1/lpos'),
      '304 Not Modified': await t.app.inject({
        url: '/lpo/globen',
        headers: { 'if-none-match': String(page.headers.etag) },
      }),
      'page 404': await t.app.inject('/lpo/finns-inte'),
      'API 404': await t.app.inject('/api/v1/finns-inte'),
      'API 400': await t.app.inject('/api/v1/lpos/GLOBEN!'),
      'malformed URL 400': await t.app.inject('/lpo/%zz'),
      'overlong parameter 400': await t.app.inject(`/lpo/${'a'.repeat(500)}`),
      'static file': await t.app.inject('/static/style.css'),
      'redirect to sign-in': await t.app.inject('/staff/globen/helginsats'),
      'sign-in page': await t.app.inject('/staff/login'),
      'CSRF refusal 403': await t.app.inject({
        method: 'POST',
        url: '/staff/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=a%40b.se&password=x',
      }),
      'unsupported media type 415': await t.app.inject({
        method: 'POST',
        url: '/staff/login',
        headers: { 'content-type': 'application/xml' },
        payload: '<a/>',
      }),
    };
    const statuses = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.statusCode]));
    expect(statuses).toEqual({
      'public page': 200,
      'English page': 200,
      'HEAD of a page': 200,
      'API JSON': 200,
      '304 Not Modified': 304,
      'page 404': 404,
      'API 404': 404,
      'API 400': 400,
      'malformed URL 400': 400,
      'overlong parameter 400': 400,
      'static file': 200,
      'redirect to sign-in': 303,
      'sign-in page': 200,
      'CSRF refusal 403': 403,
      'unsupported media type 415': 415,
    });
    for (const [what, res] of Object.entries(answers)) expectSecurityHeaders(res, what);

    const browser = new StaffClient(t.app);
    await browser.signIn('analytiker@example.se');
    const staffPage = await browser.get('/staff/globen/helginsats');
    expect(staffPage.statusCode).toBe(200);
    expectSecurityHeaders(staffPage, 'staff page');
    expect(staffPage.headers['cache-control']).toBe('no-store');
  });

  it('answer a malformed URL with the error page in the page’s language, not a framework message', async () => {
    const sv = await t.app.inject('/lpo/%E0%A4%A');
    expect(sv.headers['content-type']).toContain('text/html');
    expect(sv.body).toContain('Förfrågan gick inte att tolka');
    expect(sv.body).not.toContain('FST_ERR');
    const en = await t.app.inject('/en/lpo/%zz');
    expect(en.body).toContain('The request could not be understood');
    const api = await t.app.inject('/api/v1/lpos/%zz');
    expect(api.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Malformed URL' });
  });
});

describe('the session cookie', () => {
  it('planted by an attacker before sign-in is replaced at sign-in and never becomes signed in', async () => {
    // The attacker gets a real, signed session id of their own and plants it in the victim's browser.
    const attacker = new StaffClient(t.app);
    await attacker.get('/staff/login');
    const planted = attacker.sessionCookie;
    expect(planted).toBeDefined();
    const login = await t.app.inject({ url: '/staff/login', headers: { cookie: `mbl_session=${planted}` } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? '';
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/staff/login',
      headers: { cookie: `mbl_session=${planted}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf,
        email: 'analytiker@example.se',
        password: TEST_PASSWORD,
      }).toString(),
    });
    expect(signIn.statusCode).toBe(303);
    const issued = signIn.cookies.find((c) => c.name === 'mbl_session')?.value;
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    // The victim is in with the new id; the planted one still leads to the sign-in page.
    const victim = await t.app.inject({ url: '/staff', headers: { cookie: `mbl_session=${issued}` } });
    expect(victim.statusCode).toBe(200);
    const withPlanted = await t.app.inject({ url: '/staff', headers: { cookie: `mbl_session=${planted}` } });
    expect(withPlanted.statusCode).toBe(303);
    expect(withPlanted.headers.location).toContain('/staff/login');
  });

  it('is HttpOnly, SameSite=Lax, for the whole site, and lasts at most a working day', async () => {
    const browser = new StaffClient(t.app);
    await browser.get('/staff/login');
    const res = await browser.post('/staff/login', {
      email: 'analytiker@example.se',
      password: TEST_PASSWORD,
    });
    const cookie = res.cookies.find((c) => c.name === 'mbl_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const lifetimeMs = (cookie?.expires?.getTime() ?? Number.POSITIVE_INFINITY) - Date.now();
    expect(lifetimeMs).toBeGreaterThan(0);
    expect(lifetimeMs).toBeLessThanOrEqual(8 * 3_600_000);
    // Without TLS in front (no trusted x-forwarded-proto) it cannot be Secure; auth.test.ts covers TLS.
    expect(cookie?.secure).toBeFalsy();
  });

  it('is never set by public pages or the API, so a proxy may cache them', async () => {
    for (const url of ['/', '/lpo/globen', '/en/lpo/globen', '/api/v1/lpos', '/lpo/finns-inte']) {
      const res = await t.app.inject(url);
      expect(res.headers['set-cookie'], url).toBeUndefined();
    }
  });

  it('signed with another secret (a forged id) is ignored', async () => {
    const browser = new StaffClient(t.app);
    await browser.signIn('analytiker@example.se');
    const [id] = String(browser.sessionCookie).split('.');
    const forged = await t.app.inject({
      url: '/staff',
      headers: { cookie: `mbl_session=${id}.AAAAAAAAAAAAAAAA` },
    });
    expect(forged.statusCode).toBe(303);
  });
});

describe('login throttling', () => {
  it('slows down the client that guesses, not everyone: another client still signs in', async () => {
    const guesser = new StaffClient(t.app);
    await guesser.get('/staff/login');
    let last = 0;
    for (let i = 0; i < 11; i++)
      last = (await guesser.post('/staff/login', { email: `gissning${i}@example.se`, password: 'fel' }))
        .statusCode;
    expect(last).toBe(429);
    const colleague = new StaffClient(t.app);
    const res = await colleague.signIn('analytiker@example.se');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/staff');
  });
});
