// Site search as a visitor meets it: Swedish word forms, typos in place names, the LPO finder, highlighted
// snippets that never carry stored markup, nothing unpublished, both languages, and bad input.
// Runs the same on PGlite and PostgreSQL (TEST_DATABASE_URL).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_DIR } from '../src/db/seed/index.ts';
import type { PromiseFile } from '../src/modules/promises/schema.ts';
import { buildSearchDocuments } from '../src/modules/search/documents.ts';
import { createSearchRepo } from '../src/modules/search/repo.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let globen2026: PromiseFile;

beforeAll(async () => {
  t = await createTestApp();
  globen2026 = JSON.parse(await readFile(`${SEED_DIR}/promises/globen-2026.json`, 'utf8')) as PromiseFile;
});
afterAll(async () => {
  await t?.close();
});

async function page(url: string) {
  const res = await t.app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.body, headers: res.headers };
}

interface ApiResult {
  kind: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  url: string;
  match: string;
}

async function api(q: string, lang = 'sv') {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/search', query: { q, lang } });
  return {
    status: res.statusCode,
    json: res.json() as { total: number; suggestion: string | null; results: ApiResult[] },
  };
}

/** The result links of one kind's section on a search page, in order. */
function linksIn(html: string, kind: string): string[] {
  const section = new RegExp(`<section aria-labelledby="results-${kind}">(.*?)</section>`, 's').exec(html);
  return [...(section?.[1] ?? '').matchAll(/<h3><a href="([^"]+)"/g)].map((m) => m[1] ?? '');
}

/** A copy of Globen's 2026 promise for another LPO, with changes. */
function promiseFor(lpo: string, changes: Partial<PromiseFile>): PromiseFile {
  return { ...structuredClone(globen2026), lpo, demo: false, ...changes };
}

describe('Swedish full text', () => {
  it('finds "trygghetsvandringar" from "trygghetsvandring" and highlights the word forms', async () => {
    const { status, body } = await page('/sok?q=trygghetsvandring');
    expect(status).toBe(200);
    expect(linksIn(body, 'commitment')).toContain('/lpo/globen/2026/trygghetsvandringar');
    expect(body).toContain('<mark>Trygghetsvandringar</mark>');
    expect(body).toMatch(/<mark>trygghetsvandringar<\/mark>/);
    expect(body).toMatch(/\d+ träffar för ”trygghetsvandring”/);
  });

  it('finds LPO Globen from one of its districts, as the start page did', async () => {
    const { body } = await page('/sok?q=%C3%85rsta');
    expect(linksIn(body, 'lpo')[0]).toBe('/lpo/globen');
    expect(linksIn(body, 'district')).toContain('/lpo/globen');
    // Districts are found by their own name, not by the district area they lie in; no "Farsta" for "Årsta".
    const titles = (await api('Årsta')).json.results.map((r) => r.title);
    expect(titles).toContain('Årsta centrum');
    expect(titles).not.toContain('Johanneshov');
    expect(titles.filter((title) => title.startsWith('Farsta'))).toEqual(['Farsta']);
  });

  it('treats a decomposed "å" (as a Mac types it) like the composed one', async () => {
    const composed = await api('Årsta');
    const decomposed = await api('Årsta'.normalize('NFD'));
    expect(decomposed.json.results.map((r) => r.url)).toEqual(composed.json.results.map((r) => r.url));
  });
});

describe('typos in names', () => {
  it('finds Gullmarsplan from "gullmarsplann" and asks "Menade du Gullmarsplan?"', async () => {
    const { body } = await page('/sok?q=gullmarsplann');
    expect(body).toContain('Menade du <a href="/sok?q=Gullmarsplan" lang="sv">Gullmarsplan</a>?');
    expect(body).toMatch(/<section aria-labelledby="results-place">.*Gullmarsplan/s);
    const { json } = await api('gullmarsplann');
    expect(json.suggestion).toBe('Gullmarsplan');
    expect(json.results.some((r) => r.kind === 'place' && r.title === 'Gullmarsplan')).toBe(true);
  });

  it('finds Skarpnäck from "skarpnek" without the dots', async () => {
    const { json } = await api('skarpnek');
    const skarpnack = json.results.find((r) => r.title === 'Skarpnäck' && r.kind === 'district');
    expect(skarpnack?.match).toBe('name');
    expect(json.suggestion).toBe('Skarpnäck');
  });

  it('suggests nothing when the words themselves were found', async () => {
    const { body } = await page('/sok?q=Gullmarsplan');
    expect(body).not.toContain('Menade du');
  });
});

describe('what is indexed', () => {
  it('finds a promise published after the index was built, and shows its stored markup as text', async () => {
    await api('helginsatsen'); // builds the index before the change
    const doc = promiseFor('farsta', {
      title: 'Farstas löfte <img src=x onerror=alert(1)> om nattvandringar',
      introduction: 'Vi ordnar <script>alert(2)</script> nattvandringar med föreningarna & skolorna.',
    });
    await t.app.services.promises.importPromise(doc, 'published');

    const { body } = await page('/sok?q=nattvandring');
    expect(linksIn(body, 'promise')).toContain('/lpo/farsta/2026');
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('<script>alert(2)');
    expect(body).toContain('&lt;img src=x onerror=alert(1)> om <mark>nattvandringar</mark>');
    expect(body).toContain(
      '&lt;script>alert(2)&lt;/script> <mark>nattvandringar</mark> med föreningarna &amp; skolorna',
    );

    const { json } = await api('nattvandring');
    const promise = json.results.find((r) => r.kind === 'promise');
    expect(promise?.titleHtml).toBe(
      'Farstas löfte &lt;img src=x onerror=alert(1)&gt; om <mark>nattvandringar</mark>',
    );
    expect(promise?.snippetHtml).toContain(
      '&lt;script&gt;alert(2)&lt;/script&gt; <mark>nattvandringar</mark>',
    );
  });

  it('never finds a draft, nor a staff note', async () => {
    const draft = promiseFor('skarholmen', { introduction: 'Ett utkast om hemligprojektet i Skärholmen.' });
    await t.app.services.promises.importPromise(draft, 'draft');
    const globen = await t.app.services.areas.findPoliceArea('globen');
    await t.database.db
      .updateTable('weekend_shift')
      .set({ note: 'Personalanteckning om hemligprojektet' })
      .where('police_area_id', '=', globen?.id ?? 0)
      .execute();
    const { json } = await api('hemligprojektet');
    expect(json.total).toBe(0);
  });

  it('finds an update from its day on, with its Markdown as plain text', async () => {
    const globen = await t.app.services.areas.findPoliceArea('globen');
    const base = { police_area_id: globen?.id ?? 0, commitment_id: null, district_id: null };
    const [today, tomorrow] = await t.database.db
      .insertInto('news_update')
      .values([
        {
          ...base,
          title: 'Lyckad cykelkontroll vid Gullmarsplan',
          body: 'Vi gjorde en **cykelkontroll** av [cyklar](https://example.se) och <b>pratade</b> med folk.',
          published_on: '2026-11-25',
        },
        {
          ...base,
          title: 'Cykelkontroll igen i december',
          body: 'Mer om cyklar.',
          published_on: '2026-11-26',
        },
      ])
      .returning('id')
      .execute();
    const { json } = await api('cykelkontroll');
    const updates = json.results.filter((r) => r.kind === 'update');
    expect(updates.map((u) => u.url)).toEqual([`/lpo/globen/nyheter/${today?.id}`]);
    expect(updates.map((u) => u.url)).not.toContain(`/lpo/globen/nyheter/${tomorrow?.id}`);
    expect(updates[0]?.titleHtml).toBe('Lyckad <mark>cykelkontroll</mark> vid Gullmarsplan');
    expect(updates[0]?.snippetHtml).toBe(
      'Vi gjorde en <mark>cykelkontroll</mark> av cyklar och &lt;b&gt;pratade&lt;/b&gt; med folk.',
    );
    const english = await api('cykelkontroll', 'en');
    expect(english.json.results.find((r) => r.kind === 'update')?.url).toBe(
      `/en/lpo/globen/updates/${today?.id}`,
    );
  });
});

describe('the page', () => {
  it('is in English at /en/search, linking to English pages', async () => {
    const { status, body } = await page('/en/search?q=trygghetsvandring');
    expect(status).toBe(200);
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('<h1>Search</h1>');
    expect(body).toMatch(/\d+ results for “trygghetsvandring”/);
    expect(linksIn(body, 'commitment')).toContain('/en/lpo/globen/2026/trygghetsvandringar');
    expect(body).toContain('hreflang="sv" href="/sok?q=trygghetsvandring"');
  });

  it('helps with an empty query and when nothing is found', async () => {
    const empty = await page('/sok');
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('href="/sok?q=trygghetsvandring"');
    const none = await page('/sok?q=zzqxv');
    expect(none.status).toBe(200);
    expect(none.body).toContain('Inga träffar för ”zzqxv”');
    expect(none.body).toContain('Kontrollera stavningen.');
  });

  it('refuses a query longer than 200 characters with a message tied to the field', async () => {
    const long = 'a'.repeat(201);
    const res = await page(`/sok?q=${long}`);
    expect(res.status).toBe(400);
    expect(res.body).toContain('Sökningen får vara högst 200 tecken');
    expect(res.body).toMatch(/aria-describedby="q-hint q-error"/);
    expect((await page(`/en/search?q=${long}`)).body).toContain('at most 200 characters');
    expect((await api(long)).status).toBe(400);
    expect((await page(`/sok?q=${'a'.repeat(200)}`)).status).toBe(200);
  });

  it('answers a repeat with 304 when nothing changed', async () => {
    const first = await page('/sok?q=helginsats');
    const etag = String(first.headers.etag);
    const again = await t.app.inject({
      method: 'GET',
      url: '/sok?q=helginsats',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('is described in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const spec = res.json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/api/v1/search');
  });
});

describe('keeping the index current', () => {
  it('counts a write made while the index is being rebuilt, so the next search rebuilds again', async () => {
    const repo = createSearchRepo(t.database.db);
    const globen = await t.app.services.areas.findPoliceArea('globen');
    // Any write to a source marks the index stale, even one that changes nothing.
    await t.database.db
      .updateTable('place')
      .set({ name: 'Gullmarsplan' })
      .where('slug', '=', 'gullmarsplan')
      .execute();
    expect(await repo.isStale()).toBe(true);
    let write: Promise<unknown> | undefined;
    const rebuilt = await repo.rebuild((sources) => {
      // Another writer, after this rebuild read the sources and before it commits.
      write = t.database.db
        .insertInto('news_update')
        .values({
          police_area_id: globen?.id ?? 0,
          title: 'Sent',
          body: 'Skrivet under bygget.',
          published_on: '2026-11-25',
        })
        .execute();
      return buildSearchDocuments(sources);
    });
    expect(rebuilt).toBe(true);
    await write;
    expect(await repo.isStale()).toBe(true);
    expect((await api('bygget')).json.total).toBe(1);
    expect(await repo.isStale()).toBe(false);
    // Only Globen was rebuilt; Farsta's documents from before are still there.
    expect((await api('nattvandring')).json.results.map((r) => r.url)).toContain('/lpo/farsta/2026');
  });

  it('rebuilds everything once when the app builds documents another way (an upgrade)', async () => {
    const repo = createSearchRepo(t.database.db);
    await repo.rebuild(buildSearchDocuments);
    expect(await repo.isStale()).toBe(false);
    await t.database.db.updateTable('search_state').set({ version: 0 }).execute();
    expect(await repo.isStale()).toBe(true);
    expect((await api('trygghetsvandring')).json.total).toBeGreaterThan(0);
    expect(await repo.isStale()).toBe(false);
  });
});
