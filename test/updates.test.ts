// Updates (news) as staff and citizens meet them: posting with the right roles, refused input, Markdown
// that can never carry script, the public lists, the feeds (Atom, RSS, JSON Feed) of an LPO and of a
// commitment, and public pages that show a new update at once. Today is Wednesday 25 November 2026.
import { randomUUID } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { renderMarkdown } from '../src/modules/updates/markdown.ts';
import { parseUpdate } from '../src/modules/updates/update-input.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient } from './helpers/staff.ts';

const PUBLIC_URL = 'https://medborgarlofte.example';
const NEWS = '/staff/globen/nyheter';

let t: TestApp;
let officer: StaffClient;
let lead: StaffClient;
let analyst: StaffClient;
let farstaOfficer: StaffClient;
let globenId: number;
let helginsatsId: number;

beforeAll(async () => {
  t = await createTestApp({ config: { publicUrl: PUBLIC_URL } });
  const polis = await createStaffUser(t.app, 'polis@example.se', { globen: ['officer'] }, { totp: true });
  const chef = await createStaffUser(t.app, 'chef@example.se', { globen: ['lead'] }, { totp: true });
  await createStaffUser(t.app, 'analytiker@example.se', { globen: ['analyst'] });
  const farsta = await createStaffUser(t.app, 'farsta@example.se', { farsta: ['officer'] }, { totp: true });
  officer = new StaffClient(t.app);
  await officer.signIn(polis.email, polis.totpSecret);
  lead = new StaffClient(t.app);
  await lead.signIn(chef.email, chef.totpSecret);
  analyst = new StaffClient(t.app);
  await analyst.signIn('analytiker@example.se');
  farstaOfficer = new StaffClient(t.app);
  await farstaOfficer.signIn(farsta.email, farsta.totpSecret);
  const globen = await t.app.services.areas.findPoliceArea('globen');
  if (!globen) throw new Error('no Globen');
  globenId = globen.id;
  const helginsats = await t.app.services.updates.commitment(globenId, 2026, 'helginsats');
  if (!helginsats) throw new Error('no helginsats commitment');
  helginsatsId = helginsats.id;
});
afterAll(async () => {
  await t.close();
});

/** Opens the form (for its CSRF token and submission id) and posts it. */
async function post(
  client: StaffClient,
  fields: Record<string, string>,
  options: { submissionId?: string } = {},
) {
  const form = await client.get(`${NEWS}/ny`);
  const submissionId = options.submissionId ?? /name="submission_id" value="([^"]+)"/.exec(form.body)?.[1];
  return client.post(NEWS, { submission_id: submissionId ?? '', ...fields });
}

function valid(overrides: Record<string, string> = {}) {
  return {
    title: 'Helginsatsen var ute vid arenorna',
    body: 'Vi gjorde **krogtillsyn** och pratade med unga vid Gullmarsplan.',
    published_on: '2026-11-24',
    about: `c${helginsatsId}`,
    intent: 'save',
    ...overrides,
  };
}

async function updateCount(): Promise<number> {
  const row = await t.database.db
    .selectFrom('news_update')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function latestId(): Promise<number> {
  const row = await t.database.db
    .selectFrom('news_update')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`id="${field}-error">([^<]*)<`).exec(html)?.[1];
}

describe('the demo', () => {
  it('has a few updates for Globen, marked as demo text, tied to the commitments', async () => {
    const updates = await t.app.services.updates.latest(globenId, 10);
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates.every((u) => u.isDemo)).toBe(true);
    expect(updates.map((u) => u.commitment?.key)).toEqual(
      expect.arrayContaining(['helginsats', 'trygghetsvandringar', 'islandsmodellen']),
    );
    const page = await t.app.inject({ url: `/lpo/globen/nyheter/${updates[0]?.id}` });
    expect(page.body).toContain('Demotext');
  });
});

describe('posting an update', () => {
  it('is refused to roles without update.publish and to another LPO’s staff', async () => {
    const before = await updateCount();
    expect((await analyst.get(NEWS)).statusCode).toBe(403);
    expect((await analyst.post(NEWS, { submission_id: randomUUID(), ...valid() })).statusCode).toBe(403);
    expect((await farstaOfficer.get(NEWS)).statusCode).toBe(403);
    expect((await farstaOfficer.post(NEWS, { submission_id: randomUUID(), ...valid() })).statusCode).toBe(
      403,
    );
    const anonymous = await t.app.inject({ url: NEWS });
    expect(anonymous.statusCode).toBe(303);
    expect(await updateCount()).toBe(before);
  });

  it('offers this year’s commitments and the LPO’s districts, with today as the date', async () => {
    const form = await officer.get(`${NEWS}/ny`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="published_on" type="date" value="2026-11-25"');
    expect(form.body).toContain(`value="c${helginsatsId}"`);
    expect(form.body).toContain('Åtagande: Trygghetsvandringar');
    expect(form.body).toMatch(/Stadsdel: Skarpnäcks gård/);
    expect(form.body).toContain('Hela lokalpolisområdet');
  });

  it('publishes, shows it on the LPO page, the commitment page and its own page, and audits it', async () => {
    const res = await post(officer, valid());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/staff/globen/nyheter?saved=new&queued=0');
    const id = await latestId();
    const list = await officer.get(String(res.headers.location));
    expect(list.body).toContain('Nyheten är publicerad.');
    expect(list.body).toContain('Helginsatsen var ute vid arenorna');

    const lpo = await t.app.inject({ url: '/lpo/globen' });
    expect(lpo.body).toContain('<h2 id="news-heading">Nyheter</h2>');
    expect(lpo.body).toContain(`href="/lpo/globen/nyheter/${id}"`);
    const commitment = await t.app.inject({ url: '/lpo/globen/2026/helginsats' });
    expect(commitment.body).toContain('Nyheter om åtagandet');
    expect(commitment.body).toContain(`href="/lpo/globen/nyheter/${id}"`);
    const other = await t.app.inject({ url: '/lpo/globen/2026/trygghetsvandringar' });
    expect(other.body).not.toContain(`href="/lpo/globen/nyheter/${id}"`);

    const page = await t.app.inject({ url: `/lpo/globen/nyheter/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>krogtillsyn</strong>');
    expect(page.body).toContain('24 november 2026');
    expect(page.body).toContain('href="/lpo/globen/2026/helginsats"');
    const english = await t.app.inject({ url: `/en/lpo/globen/updates/${id}` });
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('24 November 2026');

    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'news_update')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['update.publish']);
  });

  it('stores one update when the same form is sent twice', async () => {
    const submissionId = randomUUID();
    const before = await updateCount();
    const first = await post(officer, valid({ title: 'Två gånger' }), { submissionId });
    const second = await post(officer, valid({ title: 'Två gånger' }), { submissionId });
    expect(first.statusCode).toBe(303);
    expect(second.statusCode).toBe(303);
    expect(await updateCount()).toBe(before + 1);
  });

  it('refuses bad input with a message by each field, and writes nothing', async () => {
    const before = await updateCount();
    const res = await post(
      officer,
      valid({ title: '  ', body: '', published_on: '2026-12-01', about: 'c999999' }),
    );
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'title')).toBe('Skriv en rubrik.');
    expect(fieldError(res.body, 'body')).toBe('Skriv en text.');
    expect(fieldError(res.body, 'published_on')).toBe('Datumet får inte ligga i framtiden.');
    expect(fieldError(res.body, 'about')).toBe('Välj ett av alternativen.');
    expect(res.body).toContain('class="error-summary"');

    const personal = await post(officer, valid({ body: 'Vi grep 850709-1234 vid spärrarna.' }));
    expect(personal.statusCode).toBe(400);
    expect(fieldError(personal.body, 'body')).toContain('personnummer');

    const english = await officer.get(`/en${NEWS.replace('nyheter', 'updates')}/new`);
    const submissionId = /name="submission_id" value="([^"]+)"/.exec(english.body)?.[1] ?? '';
    const en = await officer.post('/en/staff/globen/updates', {
      submission_id: submissionId,
      ...valid({ title: '' }),
    });
    expect(en.statusCode).toBe(400);
    expect(fieldError(en.body, 'title')).toBe('Write a title.');

    // A commitment of another LPO cannot be chosen.
    const farsta = await t.app.services.areas.findPoliceArea('farsta');
    const foreign = await t.database.db
      .selectFrom('commitment')
      .select('id')
      .where('id', 'not in', [helginsatsId])
      .orderBy('id', 'desc')
      .executeTakeFirst();
    expect(farsta).toBeDefined();
    if (foreign) {
      const options = await t.app.services.updates.aboutOptions(
        farsta ?? { id: 0, slug: 'farsta', name: '', region: '', created_at: new Date() },
      );
      expect(options.commitments.map((c) => c.id)).not.toContain(helginsatsId);
    }
    expect((await post(officer, valid({ about: 'c' }))).statusCode).toBe(400);
    expect((await officer.post(NEWS, valid())).statusCode).toBe(400);
    expect(await updateCount()).toBe(before);
  });
});

describe('Markdown', () => {
  const attack = [
    '<script>alert(1)</script>',
    '[klicka](javascript:alert(1))',
    '[data](data:text/html;base64,PHNjcmlwdD4=)',
    '<img src=x onerror=alert(1)>',
    '![bild](https://example.com/spion.png)',
    '<b onclick="alert(1)">rå html</b>',
    '[ok](https://polisen.se/)',
  ].join('\n\n');

  it('renders only the safe subset', () => {
    const html = renderMarkdown(attack);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/href="(javascript|data):/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://polisen.se/" rel="nofollow noopener noreferrer">ok</a>');
    expect(renderMarkdown('# Rubrik')).not.toContain('<h1');
  });

  it('never reaches the public page, the preview or the feeds as markup', async () => {
    const before = await updateCount();
    const preview = await post(
      officer,
      valid({ title: 'Säkerhet <script>', body: attack, intent: 'preview' }),
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Förhandsvisning');
    expect(await updateCount()).toBe(before);
    const res = await post(officer, valid({ title: 'Säkerhet <script>alert(1)</script>', body: attack }));
    expect(res.statusCode).toBe(303);
    const id = await latestId();
    for (const url of [`/lpo/globen/nyheter/${id}`, '/lpo/globen/nyheter', '/lpo/globen', preview.body]) {
      const body = url.startsWith('/') ? (await t.app.inject({ url })).body : url;
      expect(body).not.toContain('<script>alert');
      expect(body).not.toMatch(/<img[^>]*(spion|onerror)/);
      expect(body).not.toMatch(/href="(javascript|data):/i);
      expect(body).not.toContain('<b onclick');
    }
    const page = await t.app.inject({ url: `/lpo/globen/nyheter/${id}` });
    expect(page.body).toContain('rel="nofollow noopener noreferrer"');
    for (const format of ['atom', 'rss']) {
      const feed = await t.app.inject({ url: `/lpo/globen/feed.${format}` });
      expect(feed.body).not.toContain('<script>alert');
      expect(feed.body).toContain('Säkerhet &lt;script&gt;');
      expect(feed.body).not.toMatch(/href="javascript:/i);
    }
    // JSON Feed titles are plain text; the HTML content is the safe rendering.
    const json = JSON.parse((await t.app.inject({ url: '/lpo/globen/feed.json' })).body);
    const item = json.items.find((i: { title: string }) => i.title.startsWith('Säkerhet'));
    expect(item.title).toBe('Säkerhet <script>alert(1)</script>');
    expect(item.content_html).not.toContain('<script');
    expect(item.content_html).not.toMatch(/href="javascript:/i);
  });
});

describe('editing and deleting', () => {
  it('edits within the LPO only, and the public page shows the change', async () => {
    await post(officer, valid({ title: 'Före ändringen' }));
    const id = await latestId();
    const form = await lead.get(`${NEWS}/${id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Före ändringen"');
    expect((await farstaOfficer.get(`/staff/farsta/nyheter/${id}`)).statusCode).toBe(404);
    const res = await lead.post(`${NEWS}/${id}`, valid({ title: 'Efter ändringen' }));
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject({ url: `/lpo/globen/nyheter/${id}` });
    expect(page.body).toContain('Efter ändringen');
    const bad = await lead.post(`${NEWS}/${id}`, valid({ published_on: 'igår' }));
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'published_on')).toBe('Ange ett datum som ÅÅÅÅ-MM-DD.');
  });

  it('deletes after a confirmation page, and the update is gone from every public page', async () => {
    await post(officer, valid({ title: 'Ska tas bort' }));
    const id = await latestId();
    const confirm = await officer.get(`${NEWS}/${id}/ta-bort`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Ta bort nyheten?');
    await farstaOfficer.get('/staff/farsta/nyheter');
    expect((await farstaOfficer.post(`/staff/farsta/nyheter/${id}/ta-bort`, {})).statusCode).toBe(404);
    const res = await officer.post(`${NEWS}/${id}/ta-bort`, {});
    expect(res.statusCode).toBe(303);
    expect((await t.app.inject({ url: `/lpo/globen/nyheter/${id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/lpo/globen' })).body).not.toContain('Ska tas bort');
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(id))
      .where('entity', '=', 'news_update')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['update.publish', 'update.delete']);
  });
});

describe('the public pages', () => {
  it('show a new update at once, though the pages are cached', async () => {
    const first = await t.app.inject({ url: '/lpo/globen' });
    const again = await t.app.inject({
      url: '/lpo/globen',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const feed = await t.app.inject({ url: '/lpo/globen/feed.atom' });
    await post(officer, valid({ title: 'Alldeles ny nyhet' }));
    const after = await t.app.inject({
      url: '/lpo/globen',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('Alldeles ny nyhet');
    expect((await t.app.inject({ url: '/lpo/globen/feed.atom' })).body).not.toBe(feed.body);
  });

  it('advertise the feeds in <head> and offer them, with the LPO’s channels as plain links', async () => {
    const lpo = await t.app.inject({ url: '/lpo/globen' });
    for (const [type, format] of [
      ['application/atom+xml', 'atom'],
      ['application/rss+xml', 'rss'],
      ['application/feed+json', 'json'],
    ] as const) {
      expect(lpo.body).toContain(`<link rel="alternate" type="${type}" href="/lpo/globen/feed.${format}"`);
    }
    expect(lpo.body).toContain('Polisen Globen på Facebook');
    expect(lpo.body).toContain('Polisen Globen på Instagram');
    expect(lpo.body).not.toMatch(/<iframe|<script|connect\.facebook|instagram\.com\/embed/);
    // Without SMTP there is no e-mail form.
    expect(lpo.body).not.toContain('name="email"');
    const commitment = await t.app.inject({ url: '/lpo/globen/2026/helginsats' });
    expect(commitment.body).toContain('href="/lpo/globen/2026/helginsats/feed.atom"');
    expect(commitment.body).toContain('Följ åtagandet');
    const english = await t.app.inject({ url: '/en/lpo/globen' });
    expect(english.body).toContain('href="/en/lpo/globen/feed.rss"');
    const list = await t.app.inject({ url: '/lpo/globen/nyheter' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<h1>Nyheter från Lokalpolisområde Globen</h1>');
    expect((await t.app.inject({ url: '/en/lpo/globen/updates' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/lpo/finns-inte/nyheter' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/lpo/globen/nyheter/999999' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/folj?lpo=globen' })).statusCode).toBe(404);
    const post = await t.app.inject({
      method: 'POST',
      url: '/folj',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'lpo=globen&email=a%40example.se',
    });
    expect(post.statusCode).toBe(404);
  });
});

describe('the feeds', () => {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
  const RFC_822 =
    /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
  const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  const scopes = [
    { name: 'the LPO', base: '/lpo/globen', page: `${PUBLIC_URL}/lpo/globen` },
    {
      name: 'a commitment',
      base: '/lpo/globen/2026/helginsats',
      page: `${PUBLIC_URL}/lpo/globen/2026/helginsats`,
    },
  ];
  const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

  for (const scope of scopes) {
    it(`of ${scope.name}: Atom 1.0 with the required elements and absolute links`, async () => {
      const res = await t.app.inject({ url: `${scope.base}/feed.atom` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(XMLValidator.validate(res.body)).toBe(true);
      const feed = xml.parse(res.body).feed;
      expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
      expect(feed.id).toBe(`${PUBLIC_URL}${scope.base}/feed.atom`);
      expect(String(feed.title['#text'] ?? feed.title)).not.toBe('');
      expect(feed.updated).toMatch(ISO);
      const links = list<Record<string, string>>(feed.link);
      expect(links).toContainEqual(
        expect.objectContaining({ '@rel': 'self', '@href': `${PUBLIC_URL}${scope.base}/feed.atom` }),
      );
      expect(links).toContainEqual(expect.objectContaining({ '@rel': 'alternate', '@href': scope.page }));
      expect(feed.author?.name).toBe('Lokalpolisområde Globen');
      const entries = list<Record<string, unknown>>(feed.entry);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(String(entry.id)).toMatch(new RegExp(`^${PUBLIC_URL}/lpo/globen/nyheter/\\d+$`));
        expect(entry.title).toBeDefined();
        expect(String(entry.updated)).toMatch(ISO);
        expect(entry.content ?? entry.summary).toBeDefined();
        expect(list<Record<string, string>>(entry.link as never)[0]?.['@href']).toMatch(/^https:\/\//);
      }
      if (scope.name === 'a commitment') {
        const titles = entries.map((e) => JSON.stringify(e.title));
        expect(titles.some((x) => x.includes('Trygghetsvandringar med'))).toBe(false);
      }
    });

    it(`of ${scope.name}: RSS 2.0 with channel and item elements and RFC 822 dates`, async () => {
      const res = await t.app.inject({ url: `${scope.base}/feed.rss` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      expect(XMLValidator.validate(res.body)).toBe(true);
      const rss = xml.parse(res.body).rss;
      expect(rss['@version']).toBe('2.0');
      const channel = rss.channel;
      expect(String(channel.title)).not.toBe('');
      expect(channel.link).toBe(scope.page);
      expect(String(channel.description)).not.toBe('');
      const items = list<Record<string, unknown>>(channel.item);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const guid = item.guid as Record<string, string> | string;
        expect(typeof guid === 'string' ? guid : guid['#text']).toMatch(/^https:\/\//);
        expect(item.title).toBeDefined();
        expect(String(item.pubDate)).toMatch(RFC_822);
        expect(String(item.link)).toMatch(/^https:\/\//);
      }
    });

    it(`of ${scope.name}: JSON Feed 1.1 with the required fields`, async () => {
      const res = await t.app.inject({ url: `${scope.base}/feed.json` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
      const feed = JSON.parse(res.body);
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(typeof feed.title).toBe('string');
      expect(feed.home_page_url).toBe(scope.page);
      expect(feed.feed_url).toBe(`${PUBLIC_URL}${scope.base}/feed.json`);
      expect(feed.items.length).toBeGreaterThan(0);
      for (const item of feed.items) {
        expect(typeof item.id).toBe('string');
        expect(typeof (item.content_html ?? item.content_text)).toBe('string');
        expect(item.url).toMatch(/^https:\/\//);
        expect(item.date_published).toMatch(ISO);
      }
    });
  }

  it('answers 404 for an unknown LPO or commitment', async () => {
    expect((await t.app.inject({ url: '/lpo/finns-inte/feed.atom' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/lpo/globen/2026/finns-inte/feed.json' })).statusCode).toBe(404);
  });
});

describe('the settings', () => {
  it('give absolute links a public address, and offer e-mail only with an SMTP URL', () => {
    expect(loadConfig({ PORT: '4100' })).toMatchObject({
      publicUrl: 'http://localhost:4100',
      smtpUrl: undefined,
    });
    expect(loadConfig({ PUBLIC_URL: 'https://lofte.example.se/' }).publicUrl).toBe(
      'https://lofte.example.se',
    );
    expect(loadConfig({ SMTP_URL: 'smtp://u:p@mail.example:587' }).smtpUrl).toBe(
      'smtp://u:p@mail.example:587',
    );
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://u:hemligt@' })).toThrow(/^SMTP_URL is not a URL$/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
  });
});

describe('the input rules', () => {
  const context = { commitmentIds: new Set([1]), districtIds: new Set([7]), today: '2026-11-25' };
  const form = { title: 'Rubrik', body: 'Text', published_on: '2026-11-25', about: '' };
  it('ties an update to a commitment, a district or the LPO', () => {
    expect(parseUpdate({ ...form, about: 'c1' }, context)).toMatchObject({
      ok: true,
      value: { commitmentId: 1 },
    });
    expect(parseUpdate({ ...form, about: 'd7' }, context)).toMatchObject({
      ok: true,
      value: { districtId: 7 },
    });
    expect(parseUpdate(form, context)).toMatchObject({
      ok: true,
      value: { commitmentId: null, districtId: null },
    });
    expect(parseUpdate({ ...form, about: 'd1' }, context)).toMatchObject({
      ok: false,
      errors: { about: 'about_unknown' },
    });
  });
  it('refuses control characters, over-long texts and impossible dates', () => {
    expect(parseUpdate({ ...form, title: 'a\u0007b' }, context)).toMatchObject({
      errors: { title: 'control_characters' },
    });
    expect(parseUpdate({ ...form, title: 'x'.repeat(151) }, context)).toMatchObject({
      errors: { title: 'title_too_long' },
    });
    expect(parseUpdate({ ...form, body: 'x'.repeat(10_001) }, context)).toMatchObject({
      errors: { body: 'body_too_long' },
    });
    expect(parseUpdate({ ...form, published_on: '2026-02-30' }, context)).toMatchObject({
      errors: { published_on: 'date_invalid' },
    });
    expect(parseUpdate({ ...form, body: 'rad 1\r\nrad 2' }, context)).toMatchObject({
      ok: true,
      value: { body: 'rad 1\nrad 2' },
    });
  });
});
