// The audit-log viewer as an LPO's admin uses it: the LPO's own entries and its people's sign-ins,
// newest first, filtered and paged, and a CSV export that a spreadsheet cannot run formulas from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../src/modules/auth/audit-log.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient, TEST_PASSWORD } from './helpers/staff.ts';

let t: TestApp;
let admin: StaffClient;
let officer: StaffClient;

/** Today by the database's clock (audit rows are stamped with now()), as a Stockholm date. */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
}

function rowsOf(body: string): number {
  const table = /<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
  return (table.match(/<tr/g) ?? []).length;
}

beforeAll(async () => {
  t = await createTestApp();
  await createStaffUser(t.app, 'admin@example.se', { globen: ['admin'] });
  await createStaffUser(t.app, 'farsta.admin@example.se', { farsta: ['admin'] });
  const { totpSecret } = await createStaffUser(
    t.app,
    'polis@example.se',
    { globen: ['officer'] },
    { totp: true },
  );
  await createStaffUser(t.app, 'farsta.analys@example.se', { farsta: ['analyst'] });
  // Names that a spreadsheet would take for formulas.
  const auth = t.app.services.auth;
  for (const [email, name] of [
    ['formel@example.se', '=HYPERLINK("http://evil.example","klicka")'],
    ['snabel@example.se', '@SUM(1+1)'],
  ] as const) {
    await auth.createUser({ email, displayName: name, password: TEST_PASSWORD });
    const globen = await t.app.services.areas.findPoliceArea('globen');
    await auth.addMembership(email, globen?.id ?? 0, 'analyst');
    await new StaffClient(t.app).signIn(email);
  }
  await new StaffClient(t.app).signIn('farsta.analys@example.se');

  officer = new StaffClient(t.app);
  await officer.signIn('polis@example.se', totpSecret);
  // More than a page of entries: every look at the case list is audited.
  for (let i = 0; i < 52; i++) await officer.get('/staff/globen/islandsmodellen');
  admin = new StaffClient(t.app);
  await admin.signIn('admin@example.se');
});
afterAll(async () => {
  await t?.close();
});

describe('the audit log page', () => {
  it("lists the LPO's entries and its people's sign-ins, newest first, 50 a page", async () => {
    const page = await admin.get('/staff/globen/logg');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Granskningslogg');
    expect(rowsOf(page.body)).toBe(50);
    expect(page.body).toContain('Sida 1 av 2');
    // Newest first: the admin's own sign-in comes before the officer's list views.
    const table = /<tbody>([\s\S]*?)<\/tbody>/.exec(page.body)?.[1] ?? '';
    expect(table.indexOf('admin (admin@example.se)')).toBeGreaterThanOrEqual(0);
    expect(table.indexOf('admin (admin@example.se)')).toBeLessThan(table.indexOf('iceland.list'));
    expect(page.body).not.toContain('farsta.analys@example.se');

    const second = await admin.get('/staff/globen/logg?sida=2');
    expect(rowsOf(second.body)).toBeGreaterThan(5);
    expect(second.body).toContain('polis (polis@example.se)');
  });

  it('filters by action and by date range', async () => {
    const logins = await admin.get('/staff/globen/logg?handelse=login');
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(logins.body)?.[1] ?? '';
    expect(body).toContain('<code>login</code>');
    expect(body).not.toContain('iceland.list');
    expect(rowsOf(logins.body)).toBe(4);

    const today = await admin.get(`/staff/globen/logg?fran=${dayFromToday(0)}&till=${dayFromToday(0)}`);
    expect(rowsOf(today.body)).toBe(50);
    const tomorrow = await admin.get(`/staff/globen/logg?fran=${dayFromToday(1)}`);
    expect(tomorrow.body).toContain('Inga händelser matchar.');
    const yesterday = await admin.get(`/staff/globen/logg?till=${dayFromToday(-1)}`);
    expect(yesterday.body).toContain('Inga händelser matchar.');

    const bad = await admin.get('/staff/globen/logg?fran=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ange ett datum som ÅÅÅÅ-MM-DD.');
    const backwards = await admin.get('/staff/globen/logg?fran=2026-11-25&till=2026-11-01');
    expect(backwards.body).toContain('Slutdatumet får inte ligga före startdatumet.');
  });

  it("shows another LPO's admin nothing of Globen, and refuses everyone but admins", async () => {
    const farsta = new StaffClient(t.app);
    await farsta.signIn('farsta.admin@example.se');
    expect((await farsta.get('/staff/globen/logg')).statusCode).toBe(403);
    expect((await farsta.get('/staff/globen/logg.csv')).statusCode).toBe(403);
    const own = await farsta.get('/staff/farsta/logg');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('farsta.analys@example.se');
    expect(own.body).not.toContain('polis@example.se');
    expect(own.body).not.toContain('iceland.list');

    expect((await officer.get('/staff/globen/logg')).statusCode).toBe(403);
    expect((await officer.get('/staff/globen/logg.csv')).statusCode).toBe(403);
  });

  it('is in English too', async () => {
    const page = await admin.get('/en/staff/globen/logg?handelse=login');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Audit log');
  });
});

describe('the CSV export', () => {
  it('gives the same filter as a UTF-8 file with a BOM and a header row, and is itself logged', async () => {
    const res = await admin.get('/staff/globen/logg.csv?handelse=login');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="granskningslogg-globen-.*\.csv"$/,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Tid (svensk tid);Namn;E-post;Händelse;Objekt;Objektets id;Skäl;Detaljer');
    expect(lines).toHaveLength(1 + 4);
    expect(lines.slice(1).every((line) => line.split(';')[3] === 'login')).toBe(true);
    const exports = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.export')
      .execute();
    expect(exports).toHaveLength(1);
    expect(exports[0]?.detail).toMatchObject({ action: 'login', rows: 4 });
  });

  it('escapes cells a spreadsheet would run as formulas', async () => {
    const res = await admin.get('/staff/globen/logg.csv');
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"",""klicka"")"`);
    expect(res.body).toContain(";'@SUM(1+1);");
    for (const line of res.body.split('\r\n')) {
      for (const cell of line.split(';')) expect(cell, line).not.toMatch(/^[=+\-@]/);
    }
  });

  it('quotes separators, quotes and line breaks, and prefixes every formula start', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+46')).toBe("'+46");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('\t=x')).toBe("'\t=x");
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('säger "hej"')).toBe('"säger ""hej"""');
    expect(csvCell('rad\nrad')).toBe('"rad\nrad"');
    expect(csvCell('Annat: vanlig text')).toBe('Annat: vanlig text');
    expect(toCsv([['a', 'b']])).toBe('\uFEFFa;b\r\n');
  });
});
