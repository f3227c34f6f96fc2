// Staff sign-in as people meet it: password, one-time code, lockout, CSRF, session fixation, sign-out.
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeNext } from '../src/modules/auth/routes.tsx';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient, TEST_PASSWORD } from './helpers/staff.ts';

let t: TestApp;
let officerSecret: string | undefined;

beforeAll(async () => {
  t = await createTestApp();
  await createStaffUser(t.app, 'analytiker@example.se', { globen: ['analyst'] });
  officerSecret = (await createStaffUser(t.app, 'polis@example.se', { globen: ['officer'] }, { totp: true }))
    .totpSecret;
  await createStaffUser(t.app, 'ny.polis@example.se', { globen: ['officer'] });
  await createStaffUser(t.app, 'lasbar@example.se', { globen: ['analyst'] });
});
afterAll(async () => {
  await t.close();
});

describe('signing in', () => {
  it('takes an analyst with the right password to the staff home, with a new session id', async () => {
    const browser = new StaffClient(t.app);
    await browser.get('/staff/login');
    const before = browser.sessionCookie;
    const res = await browser.post('/staff/login', {
      email: 'Analytiker@Example.se ',
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/staff');
    expect(browser.sessionCookie).toBeDefined();
    expect(browser.sessionCookie).not.toBe(before);
    const home = await browser.get('/staff');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Lokalpolisområde Globen');
    expect(home.headers['cache-control']).toBe('no-store');
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const browser = new StaffClient(t.app);
    await browser.get('/staff/login');
    const res = await browser.post('/staff/login', {
      email: 'analytiker@example.se',
      password: TEST_PASSWORD,
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('refuses a wrong password with the same message as an unknown e-mail', async () => {
    const browser = new StaffClient(t.app);
    await browser.get('/staff/login');
    const wrong = await browser.post('/staff/login', {
      email: 'analytiker@example.se',
      password: 'fel lösenord här',
    });
    const unknown = await browser.post('/staff/login', {
      email: 'ingen@example.se',
      password: 'fel lösenord här',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('Fel e-post eller lösenord.');
    expect(unknown.body).toContain('Fel e-post eller lösenord.');
  });

  it('locks an account after five wrong passwords, even for the right one', async () => {
    const browser = new StaffClient(t.app);
    await browser.get('/staff/login');
    for (let i = 0; i < 5; i++)
      await browser.post('/staff/login', { email: 'lasbar@example.se', password: `fel${i}-lösenord!` });
    const res = await browser.post('/staff/login', { email: 'lasbar@example.se', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Kontot är låst');
  });

  it('slows down a client that keeps trying: 429 after ten attempts a minute', async () => {
    const browser = new StaffClient(t.app);
    await browser.get('/staff/login');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await browser.post('/staff/login', { email: `gissning${i}@example.se`, password: 'fel' }))
          .statusCode,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('rejects a form without a valid CSRF token', async () => {
    const browser = new StaffClient(t.app);
    await browser.get('/staff/login');
    const res = await browser.post('/staff/login', {
      _csrf: 'forged',
      email: 'analytiker@example.se',
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Formuläret hade gått ut');
  });

  it('asks an officer for the one-time code and accepts only a right one', async () => {
    const browser = new StaffClient(t.app);
    await browser.get('/staff/login');
    const res = await browser.post('/staff/login', { email: 'polis@example.se', password: TEST_PASSWORD });
    expect(res.headers.location).toMatch(/^\/staff\/login\/code/);
    // Not signed in yet: the staff home still sends to sign-in.
    expect((await browser.get('/staff')).statusCode).toBe(303);
    await browser.get(String(res.headers.location));
    expect((await browser.post('/staff/login/code', { code: '000000' })).statusCode).toBe(401);
    const ok = await browser.post('/staff/login/code', {
      code: await generate({ secret: officerSecret ?? '' }),
    });
    expect(ok.statusCode).toBe(303);
    expect((await browser.get('/staff')).statusCode).toBe(200);
  });

  it('makes an officer without a second factor set one up before getting in', async () => {
    const browser = new StaffClient(t.app);
    await browser.get('/staff/login');
    const res = await browser.post('/staff/login', { email: 'ny.polis@example.se', password: TEST_PASSWORD });
    expect(res.headers.location).toMatch(/^\/staff\/login\/setup/);
    const setup = await browser.get(String(res.headers.location));
    const secret = /<code class="secret">([^<]+)<\/code>/.exec(setup.body)?.[1]?.replace(/\s/g, '') ?? '';
    expect(secret.length).toBeGreaterThan(10);
    const ok = await browser.post('/staff/login/setup', { code: await generate({ secret }) });
    expect(ok.statusCode).toBe(303);
    expect((await browser.get('/staff')).statusCode).toBe(200);
  });
});

describe('the second factor set-up', () => {
  it('keeps the same key across reloads and says so when a code is wrong', async () => {
    await createStaffUser(t.app, 'omladdning@example.se', { globen: ['officer'] });
    const browser = new StaffClient(t.app);
    await browser.get('/staff/login');
    const res = await browser.post('/staff/login', {
      email: 'omladdning@example.se',
      password: TEST_PASSWORD,
    });
    const keyOf = (html: string) => /<code class="secret">([^<]+)<\/code>/.exec(html)?.[1];
    const first = await browser.get(String(res.headers.location));
    const again = await browser.get(String(res.headers.location));
    expect(keyOf(first.body)).toBeDefined();
    expect(keyOf(again.body)).toBe(keyOf(first.body));
    expect(first.body).toContain('src="data:image/svg+xml;base64,');
    const wrong = await browser.post('/staff/login/setup', { code: '123456' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Koden stämmer inte');
    expect(keyOf(wrong.body)).toBe(keyOf(first.body));
  });
});

describe("changing one's own password", () => {
  it('needs the current one, keeps this session and ends the others', async () => {
    await createStaffUser(t.app, 'bytare@example.se', { globen: ['analyst'] });
    const phone = new StaffClient(t.app);
    const desktop = new StaffClient(t.app);
    await phone.signIn('bytare@example.se');
    await desktop.signIn('bytare@example.se');
    await desktop.get('/staff/losenord');
    const wrong = await desktop.post('/staff/losenord', {
      current: 'fel',
      password: 'ett helt nytt lösenord',
      repeat: 'ett helt nytt lösenord',
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await desktop.post('/staff/losenord', {
      current: TEST_PASSWORD,
      password: 'ett helt nytt lösenord',
      repeat: 'ett helt nytt lösenord',
    });
    expect(ok.statusCode).toBe(303);
    expect((await desktop.get('/staff')).statusCode).toBe(200);
    expect((await phone.get('/staff')).statusCode).toBe(303);
    const again = new StaffClient(t.app);
    await again.get('/staff/login');
    const signIn = await again.post('/staff/login', {
      email: 'bytare@example.se',
      password: 'ett helt nytt lösenord',
    });
    expect(signIn.statusCode).toBe(303);
  });
});

describe('signing out', () => {
  it('ends the session', async () => {
    const browser = new StaffClient(t.app);
    await browser.signIn('analytiker@example.se');
    await browser.get('/staff');
    expect((await browser.post('/staff/logout', {})).statusCode).toBe(303);
    expect((await browser.get('/staff')).statusCode).toBe(303);
  });

  it('"everywhere" ends the sessions on other devices too', async () => {
    const phone = new StaffClient(t.app);
    const desktop = new StaffClient(t.app);
    await phone.signIn('analytiker@example.se');
    await desktop.signIn('analytiker@example.se');
    await phone.get('/staff');
    await phone.post('/staff/logout-everywhere', {});
    expect((await desktop.get('/staff')).statusCode).toBe(303);
  });

  it('writes sign-ins and sign-outs to the audit log', async () => {
    const actions = await t.database.db.selectFrom('audit_log').select('action').execute();
    const names = new Set(actions.map((a) => a.action));
    for (const action of [
      'login',
      'login.failed',
      'login.locked',
      'logout',
      'logout.everywhere',
      'totp.enabled',
    ]) {
      expect(names).toContain(action);
    }
  });
});

describe('the guard on staff pages of an LPO', () => {
  it('sends a guest to sign in, a user of another LPO away with 403, and an unknown LPO to 404', async () => {
    const guest = new StaffClient(t.app);
    const redirect = await guest.get('/staff/globen');
    expect(redirect.statusCode).toBe(303);
    expect(redirect.headers.location).toBe('/staff/login?next=%2Fstaff%2Fgloben');

    await createStaffUser(t.app, 'farsta@example.se', { farsta: ['analyst'] });
    const farsta = new StaffClient(t.app);
    await farsta.signIn('farsta@example.se');
    expect((await farsta.get('/staff/farsta')).statusCode).toBe(200);
    const denied = await farsta.get('/staff/globen');
    expect(denied.statusCode).toBe(403);
    expect(denied.body).toContain('Åtkomst nekad');
    expect((await farsta.get('/en/staff/globen')).body).toContain('Access denied');
    expect((await farsta.get('/staff/atlantis')).statusCode).toBe(404);
  });

  it('shows each role only the sections it may open', async () => {
    const analyst = new StaffClient(t.app);
    await analyst.signIn('analytiker@example.se');
    const page = await analyst.get('/staff/globen');
    expect(page.body).toContain('/staff/globen/helginsats');
    expect(page.body).not.toContain('/staff/globen/islandsmodellen');
    expect(page.body).not.toContain('/staff/globen/logg');
  });
});

describe('where to go after signing in', () => {
  it('only ever returns to a staff page on this site', () => {
    expect(safeNext('/staff/globen/helginsats', 'sv')).toBe('/staff/globen/helginsats');
    expect(safeNext('https://evil.example/staff', 'sv')).toBe('/staff');
    expect(safeNext('//evil.example/staff', 'sv')).toBe('/staff');
    expect(safeNext('/staff/../admin', 'en')).toBe('/en/staff');
    expect(safeNext(undefined, 'en')).toBe('/en/staff');
  });
});

describe('an admin managing the people of an LPO', () => {
  it('adds a person with a role who can then sign in, and disables an account', async () => {
    await createStaffUser(t.app, 'admin@example.se', { globen: ['admin'] });
    const admin = new StaffClient(t.app);
    await admin.signIn('admin@example.se');
    const page = await admin.get('/staff/globen/personal');
    expect(page.statusCode).toBe(200);
    const bad = await admin.post('/staff/globen/personal', {
      email: 'inte-en-adress',
      name: '',
      role: 'analyst',
      password: 'kort',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ange en e-postadress.');
    const added = await admin.post('/staff/globen/personal', {
      email: 'ny.analytiker@example.se',
      name: 'Ny Analytiker',
      role: 'analyst',
      password: TEST_PASSWORD,
    });
    expect(added.statusCode).toBe(303);
    const newcomer = new StaffClient(t.app);
    await newcomer.signIn('ny.analytiker@example.se');
    expect((await newcomer.get('/staff/globen')).statusCode).toBe(200);

    await admin.get('/staff/globen/personal');
    expect(
      (await admin.post('/staff/globen/personal/avaktivera', { email: 'ny.analytiker@example.se' }))
        .statusCode,
    ).toBe(303);
    expect((await newcomer.get('/staff/globen')).statusCode).toBe(303);
    // Someone of another LPO cannot be disabled from Globen's page.
    await admin.get('/staff/globen/personal');
    expect(
      (await admin.post('/staff/globen/personal/avaktivera', { email: 'farsta@example.se' })).statusCode,
    ).toBe(400);
  });
});

describe('behind a TLS-terminating proxy', () => {
  it('marks the session cookie Secure and sends HSTS', async () => {
    const behindProxy = await createTestApp({ demo: false, config: { trustProxy: true } });
    try {
      const login = await behindProxy.app.inject({
        url: '/staff/login',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(String(login.headers['strict-transport-security'])).toContain('max-age=31536000');
      const token = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? '';
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      expect(String(login.headers['set-cookie'])).toContain('Secure');
      const res = await behindProxy.app.inject({
        method: 'POST',
        url: '/staff/login',
        headers: {
          'x-forwarded-proto': 'https',
          cookie,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ _csrf: token, email: 'ingen@example.se', password: 'fel' }).toString(),
      });
      expect(res.statusCode).toBe(401);
    } finally {
      await behindProxy.close();
    }
  });
});
