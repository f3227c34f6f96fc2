// "Tyck till" as residents, scripts and moderators meet it: the public form, its checks (fields, personal
// data, honeypot, fill time, form token, rate limit), moderation with its roles and audit, and the
// aggregated, suppressed summary. Today is Wednesday 25 November 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormTokens } from '../src/modules/dialogue/form-token.ts';
import { SEND_LIMIT } from '../src/modules/dialogue/routes.tsx';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient } from './helpers/staff.ts';

const SECRET = 'dialogue-test-secret-0123456789abcdef';
let t: TestApp;
let globenId: number;
let lead: StaffClient;
let analyst: StaffClient;
let officer: StaffClient;
let farstaLead: StaffClient;
const tokens = createFormTokens(SECRET);
let clientNumber = 0;

beforeAll(async () => {
  t = await createTestApp({ config: { sessionSecret: SECRET } });
  const globen = await t.app.services.areas.findPoliceArea('globen');
  if (!globen) throw new Error('no Globen');
  globenId = globen.id;
  const users = await Promise.all([
    createStaffUser(t.app, 'chef@example.se', { globen: ['lead'] }, { totp: true }),
    createStaffUser(t.app, 'analytiker@example.se', { globen: ['analyst'] }),
    createStaffUser(t.app, 'polis@example.se', { globen: ['officer'] }, { totp: true }),
    createStaffUser(t.app, 'farsta@example.se', { farsta: ['lead'] }, { totp: true }),
  ]);
  [lead, analyst, officer, farstaLead] = users.map(() => new StaffClient(t.app)) as [
    StaffClient,
    StaffClient,
    StaffClient,
    StaffClient,
  ];
  await Promise.all(
    [lead, analyst, officer, farstaLead].map((client, i) =>
      client.signIn(users[i]?.email ?? '', users[i]?.totpSecret),
    ),
  );
});
afterAll(async () => {
  await t.close();
});

/** A form opened ten seconds ago, as a person fills it in. */
function freshToken(): string {
  return tokens.issue(Date.now() - 10_000);
}

function validInput(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    lpo: 'globen',
    form_token: freshToken(),
    website: '',
    district: 'johanneshov',
    place: 'gullmarsplan',
    weekday: '5',
    time_band: 'night',
    categories: ['drugs', 'groups'],
    free_text: 'Efter klockan 22 samlas ett gäng vid uppgången och det luktar cannabis.',
    age_band: '30-44',
    ...overrides,
  };
}

/** Posts the form as a browser does; each call is a new client unless `ip` is given. */
function send(fields: Record<string, string | string[]>, options: { ip?: string; lang?: 'sv' | 'en' } = {}) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of [value].flat()) body.append(key, v);
  }
  clientNumber++;
  return t.app.inject({
    method: 'POST',
    url: options.lang === 'en' ? '/en/tell-us' : '/tyck-till',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
    remoteAddress: options.ip ?? `192.0.2.${clientNumber % 250}`,
  });
}

async function inputCount(): Promise<number> {
  const row = await t.database.db
    .selectFrom('dialogue_input')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`id="${field}-error">([^<]*)<`).exec(html)?.[1];
}

function decode(html: string): string {
  return html.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}

async function storedBySubmission(location: string) {
  const id = location.split('/').at(-1) ?? '';
  return t.database.db
    .selectFrom('dialogue_input')
    .selectAll()
    .where('submission_id', '=', id)
    .executeTakeFirstOrThrow();
}

describe('the form', () => {
  it('first asks for an LPO with a published promise, then offers its districts, places and a map', async () => {
    const start = await t.app.inject({ url: '/tyck-till' });
    expect(start.statusCode).toBe(200);
    expect(start.headers['set-cookie']).toBeUndefined();
    expect(start.body).toContain('<option value="globen">Globen</option>');
    expect(start.body).not.toContain('value="farsta"');

    const form = await t.app.inject({ url: '/tyck-till?lpo=globen' });
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.headers['set-cookie']).toBeUndefined();
    expect(form.body).toContain('<option value="arsta">Årsta</option>');
    expect(form.body).toContain('<option value="gullmarsplan">Gullmarsplan</option>');
    expect(form.body).toContain('<label for="website">Lämna tomt</label>');
    expect(form.body).toMatch(/<div class="dialogue-hp" aria-hidden="true">[\s\S]*?tabindex="-1"/);
    expect(form.body).toContain('Vi sparar ingen IP-adress');
    // The map: each district is a link that fills in the list.
    expect(form.body).toContain('href="/tyck-till?lpo=globen&amp;district=arsta#var" aria-label="Årsta"');
  });

  it('takes a district or place chosen on the map into the lists', async () => {
    const byPlace = await t.app.inject({ url: '/tyck-till?lpo=globen&place=gullmarsplan' });
    expect(byPlace.body).toContain('Du har valt Gullmarsplan på kartan.');
    expect(byPlace.body).toContain('<option value="gullmarsplan" selected>');
    expect(byPlace.body).toContain('<option value="johanneshov" selected>');
    const byDistrict = await t.app.inject({ url: '/en/tell-us?lpo=globen&district=arsta' });
    expect(byDistrict.body).toContain('You chose Årsta on the map.');
    expect(byDistrict.body).toContain('<html lang="en">');
  });

  it('is not found for an unknown LPO, or one without a published promise', async () => {
    expect((await t.app.inject({ url: '/tyck-till?lpo=atlantis' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/tyck-till?lpo=farsta' })).statusCode).toBe(404);
  });
});

describe('sending', () => {
  it('stores the input and shows a receipt of what was sent', async () => {
    const before = await inputCount();
    const res = await send(validInput());
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/tyck-till\/tack\/[0-9a-f-]{36}$/);
    expect(await inputCount()).toBe(before + 1);

    const stored = await storedBySubmission(location);
    expect(stored).toMatchObject({
      police_area_id: globenId,
      weekday: 5,
      time_band: 'night',
      categories: ['drugs', 'groups'],
      age_band: '30-44',
      moderation: 'pending',
      is_demo: false,
    });
    expect(stored.submitted_at.toISOString()).toBe('2026-11-25T12:00:00.000Z');
    // Nothing about the sender: no column holds an address or an agent.
    expect(Object.keys(stored).filter((k) => /ip|addr|agent|host/.test(k))).toEqual([]);

    const receipt = await t.app.inject({ url: location });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['cache-control']).toBe('no-store');
    expect(receipt.body).toContain('Tack! Vi har tagit emot ditt svar till lokalpolisområde Globen.');
    expect(receipt.body).toContain('Gullmarsplan, Johanneshov');
    expect(receipt.body).toContain('fredag, natt (00–06)');
    expect(receipt.body).toContain('Narkotikahandel, Ungdomsgäng eller grupperingar');
    expect(receipt.body).toContain('Din text läses av personal');
    expect(receipt.body).toContain('href="/tyck-till/resultat?lpo=globen"');
  });

  it('stores input without text as not needing moderation, in English too', async () => {
    const res = await send(validInput({ free_text: '  ', age_band: '', weekday: 'varies', place: '' }), {
      lang: 'en',
    });
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/en\/tell-us\/thanks\//);
    const stored = await storedBySubmission(location);
    expect(stored).toMatchObject({
      free_text: null,
      moderation: null,
      weekday: null,
      age_band: null,
      place_id: null,
    });
    const receipt = await t.app.inject({ url: location });
    expect(receipt.body).toContain('Thank you! We have received your answer for local police area Globen.');
    expect(receipt.body).toContain('You wrote no text of your own.');
  });

  it('stores one input when the same form is sent twice', async () => {
    const fields = validInput();
    const before = await inputCount();
    const first = await send(fields);
    const second = await send(fields);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await inputCount()).toBe(before + 1);
  });

  it('answers missing and wrong fields with a message by each, keeps the answers, and stores nothing', async () => {
    const before = await inputCount();
    const res = await send(
      validInput({ district: '', place: '', weekday: '', time_band: '', categories: [], age_band: '99' }),
    );
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'district')).toBe('Välj en stadsdel.');
    expect(fieldError(res.body, 'weekday')).toBe('Välj en veckodag, eller ”varierar”.');
    expect(fieldError(res.body, 'time_band')).toBe('Välj en tid på dygnet, eller ”varierar”.');
    expect(fieldError(res.body, 'categories')).toBe('Välj minst en sak som gör att det känns otryggt.');
    expect(fieldError(res.body, 'age_band')).toBe('Välj en ålder ur listan.');
    expect(res.body).toContain('<a href="#categories">');
    expect(res.body).toContain('Efter klockan 22 samlas ett gäng');
    expect(await inputCount()).toBe(before);

    const elsewhere = await send(validInput({ district: 'arsta', place: 'gullmarsplan' }));
    expect(elsewhere.statusCode).toBe(400);
    expect(fieldError(elsewhere.body, 'place')).toContain('Platsen ligger i en annan stadsdel');
    expect(elsewhere.body).toContain('<option value="arsta" selected>');

    const long = await send(validInput({ free_text: 'Mörkt. '.repeat(200) }), { lang: 'en' });
    expect(long.statusCode).toBe(400);
    expect(fieldError(long.body, 'free_text')).toBe('The text can have at most 1,000 characters.');
    expect(await inputCount()).toBe(before);
  });

  it('refuses personal data in the text, says what and where, and keeps the rest of the answers', async () => {
    const before = await inputCount();
    const cases: [string, string][] = [
      ['Ring mig på 070-123 45 67 så berättar jag mer.', 'ett telefonnummer (070-…)'],
      ['Han som langar heter något, pnr 811218-9876.', 'ett personnummer (8112…)'],
      ['Mejla kalle.svensson@example.se om ni vill veta.', 'en e-postadress (kall…)'],
      ['Samma vita bil, ABC 123, står där varje natt.', 'ett registreringsnummer (ABC …)'],
    ];
    for (const [text, what] of cases) {
      const res = await send(validInput({ free_text: text }));
      expect(res.statusCode, text).toBe(400);
      expect(decode(fieldError(res.body, 'free_text') ?? ''), text).toBe(
        `Texten verkar innehålla ${what}. Ta bort ${what.startsWith('en ') ? 'den' : 'det'} innan du skickar.`,
      );
      expect(res.body).toContain('aria-invalid="true" aria-describedby="free_text-hint free_text-error"');
      expect(res.body).toContain('<option value="gullmarsplan" selected>');
      expect(res.body).toMatch(/id="categories-drugs" name="categories" value="drugs" checked/);
    }
    // Dates, times, bus lines and addresses are not personal data.
    const ordinary = await send(
      validInput({
        free_text: 'Sedan 2026-11-01 är det mörkt vid Arenavägen 41 efter 22.30. Buss 144 stannar där.',
      }),
    );
    expect(ordinary.statusCode).toBe(303);
    expect(await inputCount()).toBe(before + 1);
  });

  it('refuses a filled honeypot, a form sent too fast, and forged or expired tokens, storing nothing', async () => {
    const before = await inputCount();
    const honeypot = await send(validInput({ website: 'http://spam.example' }));
    expect(honeypot.statusCode).toBe(400);
    expect(decode(honeypot.body)).toContain('Fältet ”Lämna tomt” ska vara tomt.');

    const tooFast = await send(validInput({ form_token: tokens.issue() }));
    expect(tooFast.statusCode).toBe(400);
    expect(tooFast.body).toContain('Formuläret skickades väldigt snabbt.');
    // The answers are kept, with a new token, so a person only sends again.
    expect(tooFast.body).toContain('Efter klockan 22 samlas ett gäng');

    const expired = await send(validInput({ form_token: tokens.issue(Date.now() - 5 * 3_600_000) }));
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain('Formuläret hade legat öppet länge.');

    const otherKey = createFormTokens('another-secret-another-secret-123').issue(Date.now() - 10_000);
    const [issued, id] = freshToken().split('.');
    for (const forged of [otherKey, `${issued}.${id}.AAAA`, '', 'x'.repeat(150)]) {
      const res = await send(validInput({ form_token: forged }));
      expect(res.statusCode, forged).toBe(400);
      expect(res.body).toContain('Formuläret gick inte att känna igen.');
    }
    expect(await inputCount()).toBe(before);
  });

  it('answers a post for an unknown LPO or a body no form sends with 400', async () => {
    expect((await send(validInput({ lpo: 'atlantis' }))).statusCode).toBe(400);
    expect((await send(validInput({ free_text: 'x'.repeat(9000) }))).statusCode).toBe(400);
    const huge = await t.app.inject({
      method: 'POST',
      url: '/tyck-till',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `free_text=${'a'.repeat(40_000)}`,
      remoteAddress: '198.51.100.77',
    });
    expect(huge.statusCode).toBe(413);
  });

  it(`limits each client to ${SEND_LIMIT.max} sends in ten minutes, over both languages`, async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < SEND_LIMIT.max; i++) {
      const res = await send(validInput(), { ip, lang: i % 2 === 0 ? 'sv' : 'en' });
      expect(res.statusCode, `send ${i + 1}`).toBe(303);
    }
    const refused = await send(validInput(), { ip });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('För många försök. Vänta en stund och försök igen.');
    const refusedEn = await send(validInput(), { ip, lang: 'en' });
    expect(refusedEn.statusCode).toBe(429);
    expect(refusedEn.body).toContain('Too many attempts');
    // Another client is not affected, and the form itself can still be read.
    expect((await send(validInput(), { ip: '203.0.113.10' })).statusCode).toBe(303);
    expect((await t.app.inject({ url: '/tyck-till?lpo=globen', remoteAddress: ip })).statusCode).toBe(200);
  });
});

describe('moderation', () => {
  const QUEUE = '/staff/globen/tyck-till';

  async function pendingInput(text: string): Promise<number> {
    const res = await send(validInput({ free_text: text }));
    const stored = await storedBySubmission(String(res.headers.location));
    return stored.id;
  }

  async function auditRows(entityId: number) {
    return t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'dialogue_input')
      .where('entity_id', '=', String(entityId))
      .execute();
  }

  it('shows the lead the pending texts, oldest first, with suspected personal data marked', async () => {
    // Demo data written before the scanner existed could hold such text; mark it for the moderator.
    await t.database.db
      .updateTable('dialogue_input')
      .set({ free_text: 'Ring 08-123 456 78 om det händer igen.' })
      .where('id', '=', await pendingInput('tillfällig text'))
      .execute();
    const res = await lead.get(QUEUE);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tyck till: granska texter');
    expect(res.body).toMatch(/Väntar: \d+\. Godkända: \d+\. Avvisade: \d+\./);
    expect(res.body).toContain('<mark>08-123 456 78</mark>');
    expect(res.body).toContain('texten kan innehålla personuppgifter');
    const shown = [...res.body.matchAll(/<h3 id="input-(\d+)">/g)].map((m) => Number(m[1]));
    const oldestFirst = await t.database.db
      .selectFrom('dialogue_input')
      .select('id')
      .where('police_area_id', '=', globenId)
      .where('moderation', '=', 'pending')
      .orderBy('submitted_at')
      .orderBy('id')
      .limit(shown.length)
      .execute();
    expect(shown.length).toBeGreaterThan(1);
    expect(shown).toEqual(oldestFirst.map((r) => r.id));
    const english = await lead.get('/en/staff/globen/tell-us');
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('Tell us: review texts');
  });

  it('lets the lead approve and the analyst reject, each decision audited, and shows only approved text', async () => {
    const approvedText = 'Gångtunneln vid Sofiaskolan är mörk varje kväll sedan oktober.';
    const rejectedText = 'Det här är en text som moderatorn inte vill visa offentligt.';
    const approveId = await pendingInput(approvedText);
    const rejectId = await pendingInput(rejectedText);
    const pendingText = 'En text som ingen har granskat ännu, vid Globen.';
    await pendingInput(pendingText);

    const before = await t.app.inject({ url: '/tyck-till/resultat?lpo=globen' });
    expect(before.body).not.toContain(approvedText);

    await lead.get(QUEUE);
    const approved = await lead.post(`${QUEUE}/${approveId}`, { decision: 'approve', note: '' });
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe(`${QUEUE}?done=approved`);
    expect((await lead.get(String(approved.headers.location))).body).toContain('Texten är godkänd.');

    await analyst.get(QUEUE);
    const rejected = await analyst.post(`${QUEUE}/${rejectId}`, { decision: 'reject', note: 'Utpekande.' });
    expect(rejected.statusCode).toBe(303);

    const rows = await t.database.db
      .selectFrom('dialogue_input')
      .select(['id', 'moderation', 'moderated_by', 'moderation_note'])
      .where('id', 'in', [approveId, rejectId])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.moderation, r.moderation_note])).toEqual([
      ['approved', null],
      ['rejected', 'Utpekande.'],
    ]);
    expect(rows.every((r) => r.moderated_by !== null)).toBe(true);
    const [approveAudit] = await auditRows(approveId);
    expect(approveAudit).toMatchObject({ action: 'dialogue.moderate', detail: { decision: 'approved' } });
    const [rejectAudit] = await auditRows(rejectId);
    expect(rejectAudit).toMatchObject({ reason: 'Utpekande.', detail: { decision: 'rejected' } });

    // The public page shows the approved text at once (the cache was cleared), never the others.
    const after = await t.app.inject({ url: '/tyck-till/resultat?lpo=globen' });
    expect(after.body).toContain(approvedText);
    expect(after.body).not.toContain(rejectedText);
    expect(after.body).not.toContain(pendingText);
  });

  it('decides a text once: a second decision says it was already reviewed and changes nothing', async () => {
    const id = await pendingInput('Det är stökigt vid spärrarna på lördagar.');
    await lead.get(QUEUE);
    await lead.post(`${QUEUE}/${id}`, { decision: 'approve' });
    await analyst.get(QUEUE);
    const again = await analyst.post(`${QUEUE}/${id}`, { decision: 'reject' });
    expect(again.headers.location).toBe(`${QUEUE}?done=already`);
    expect((await analyst.get(String(again.headers.location))).body).toContain('redan granskad');
    expect((await auditRows(id)).length).toBe(1);
  });

  it('keeps officers out, and another LPO’s lead cannot decide Globen’s input', async () => {
    const id = await pendingInput('Mörkt och öde vid Skarpnäcks gård på kvällarna.');
    expect((await officer.get(QUEUE)).statusCode).toBe(403);
    await officer.get('/staff');
    expect((await officer.post(`${QUEUE}/${id}`, { decision: 'approve' })).statusCode).toBe(403);

    await farstaLead.get('/staff/farsta/tyck-till');
    const other = await farstaLead.post(`/staff/farsta/tyck-till/${id}`, { decision: 'approve' });
    expect(other.statusCode).toBe(404);
    expect((await farstaLead.post(`${QUEUE}/${id}`, { decision: 'approve' })).statusCode).toBe(403);
    const row = await t.database.db
      .selectFrom('dialogue_input')
      .select('moderation')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.moderation).toBe('pending');
    expect((await auditRows(id)).length).toBe(0);
  });

  it('refuses a note that is too long, and a decision no form sends', async () => {
    const id = await pendingInput('Det är bråk vid busshållplatsen varje fredag.');
    await lead.get(QUEUE);
    const long = await lead.post(`${QUEUE}/${id}`, { decision: 'reject', note: 'x'.repeat(501) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Anteckningen får vara högst 500 tecken.');
    await lead.get(QUEUE);
    expect((await lead.post(`${QUEUE}/${id}`, { decision: 'publish' })).statusCode).toBe(400);
    expect((await auditRows(id)).length).toBe(0);
  });
});

describe('the summary', () => {
  it('counts every answer and hides counts under the threshold, and any that would give one away', async () => {
    // A quiet month before the demo data: 6 answers in Årsta, 2 in Bagarmossen.
    const districts = await t.app.services.areas.districtsOf(globenId);
    const id = (slug: string) => districts.find((d) => d.slug === slug)?.id ?? 0;
    const at = (day: number) => new Date(`2025-01-${String(day).padStart(2, '0')}T18:00:00Z`);
    const row = (district: string, day: number, extra: Record<string, unknown> = {}) => ({
      submission_id: crypto.randomUUID(),
      police_area_id: globenId,
      district_id: id(district),
      weekday: 5,
      time_band: 'evening' as const,
      categories: JSON.stringify(['drugs']),
      submitted_at: at(day),
      ...extra,
    });
    await t.database.db
      .insertInto('dialogue_input')
      .values([
        row('arsta', 3, { free_text: 'Godkänd text om Årsta.', moderation: 'approved' }),
        row('arsta', 4, { free_text: 'Väntande text om Årsta.', moderation: 'pending' }),
        row('arsta', 5, { free_text: 'Avvisad text om Årsta.', moderation: 'rejected' }),
        row('arsta', 6),
        row('arsta', 7, { categories: JSON.stringify(['drugs', 'traffic']) }),
        row('arsta', 8, { weekday: 6 }),
        row('bagarmossen', 9),
        row('bagarmossen', 10, { categories: JSON.stringify(['violence']) }),
      ])
      .execute();
    const january = { from: '2025-01-01', to: '2025-01-31' };
    const summary = await t.app.services.dialogue.summary(globenId, january, 5);
    expect(summary.total).toEqual({ value: 8, suppressed: false });
    expect(summary.demo).toBe(false);
    // Bagarmossen's 2 are hidden, and so are Årsta's 6: otherwise 8 − 6 would give Bagarmossen away.
    expect(summary.byDistrict).toEqual([
      { slug: 'bagarmossen', name: 'Bagarmossen', count: { value: null, suppressed: true } },
      { slug: 'arsta', name: 'Årsta', count: { value: null, suppressed: true } },
    ]);
    const category = (key: string) => summary.byCategory.find((c) => c.category === key)?.count;
    expect(category('drugs')).toEqual({ value: 7, suppressed: false });
    expect(category('traffic')).toEqual({ value: null, suppressed: true });
    expect(category('violence')).toEqual({ value: null, suppressed: true });
    const when = (weekday: number | null, band: string) =>
      summary.byWhen.find((w) => w.weekday === weekday && w.timeBand === band)?.count;
    expect(when(5, 'evening')).toEqual({ value: 7, suppressed: false });
    expect(when(6, 'evening')).toEqual({ value: null, suppressed: true });
    expect(summary.byWhen).toHaveLength(8 * 5);
    expect(summary.quotes.map((q) => q.text)).toEqual(['Godkänd text om Årsta.']);

    // With a higher threshold even the total is hidden.
    const stricter = await t.app.services.dialogue.summary(globenId, january, 10);
    expect(stricter.total).toEqual({ value: null, suppressed: true });
  });

  it('shows new input on the public page at once, with demo data labelled, in both languages', async () => {
    const count = (html: string) => Number(/Antal svar: <strong>(\d+)<\/strong>/.exec(html)?.[1]);
    const before = await t.app.inject({ url: '/tyck-till/resultat?lpo=globen' });
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Demodata: svaren som visas här är genererade');
    expect(before.body).toContain('<h1>Vad invånarna har sagt</h1>');
    expect(before.body).toMatch(/<td>(färre än 5|\d+)<\/td>/);
    const cached = await t.app.inject({
      url: '/tyck-till/resultat?lpo=globen',
      headers: { 'if-none-match': String(before.headers.etag) },
    });
    expect(cached.statusCode).toBe(304);

    await send(validInput({ free_text: '' }));
    const after = await t.app.inject({ url: '/tyck-till/resultat?lpo=globen' });
    expect(count(after.body)).toBe(count(before.body) + 1);

    const english = await t.app.inject({ url: '/en/tell-us/results?lpo=globen' });
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('What residents have said');
    expect((await t.app.inject({ url: '/tyck-till/resultat' })).body).toContain(
      'href="/tyck-till/resultat?lpo=globen"',
    );
    expect((await t.app.inject({ url: '/tyck-till/resultat?lpo=atlantis' })).statusCode).toBe(404);
  });

  it('keeps a receipt for a day only', async () => {
    const res = await send(validInput());
    const location = String(res.headers.location);
    await t.database.db
      .updateTable('dialogue_input')
      .set({ submitted_at: new Date('2026-11-23T12:00:00Z') })
      .where('submission_id', '=', location.split('/').at(-1) ?? '')
      .execute();
    const gone = await t.app.inject({ url: location });
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('Kvittot finns inte, eller har gått ut');
  });
});
