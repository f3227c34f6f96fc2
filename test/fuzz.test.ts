// Fuzzing every route with fast-check (see helpers/fuzz.ts): public pages, the API from its OpenAPI
// document, the public forms and every staff route, signed in with valid and invalid CSRF tokens and
// cookies. No answer may be a 5xx, show a stack trace or an internal path, echo injected markup
// unescaped, or lack the security headers. FUZZ_RUNS scales the runs per route (default 1).
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import {
  bodyOf,
  concreteUrl,
  cookieHeader,
  encode,
  type FuzzRequest,
  type GoodValues,
  type OpenApi,
  pathSegment,
  problemsOf,
  type RouteUnderTest,
  requestArbitrary,
  routesOf,
} from './helpers/fuzz.ts';
import { createStaffUser, StaffClient } from './helpers/staff.ts';

const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const RUNS = { get: 10, staffGet: 10, post: 28, randomPaths: 250 };

let t: TestApp;
let routes: RouteUnderTest[];
let good: GoodValues;
let fieldNames: string[];
/** The signed-in staff user's cookie header and a CSRF token of that session. */
let session = { cookie: '', csrf: '' };
let users = 0;

interface Tally {
  route: string;
  requests: number;
  byClass: Record<'2xx' | '3xx' | '4xx' | '5xx', number>;
  failures: string[];
}
const tallies: Tally[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await signIn();
  const openapi = (await t.app.inject('/api/openapi.json')).json() as OpenApi;
  routes = routesOf(t.app, openapi);
  good = await goodValues();
  fieldNames = await formFieldNames();
}, 120_000);

afterAll(async () => {
  printSummary();
  await t?.close();
});

/** A fresh user who may do everything in Globen, signed in; a fuzzed request may sign the last one out. */
async function signIn(): Promise<void> {
  const email = `fuzz${++users}@example.se`;
  const { totpSecret } = await createStaffUser(
    t.app,
    email,
    { globen: ['lead', 'admin', 'social_services'] },
    { totp: true },
  );
  const browser = new StaffClient(t.app);
  await browser.signIn(email, totpSecret);
  const page = await browser.get('/staff/globen/helginsats/ny');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf || !browser.sessionCookie) throw new Error('sign-in for fuzzing failed');
  session = { cookie: `mbl_session=${browser.sessionCookie}`, csrf };
}

async function stillSignedIn(): Promise<boolean> {
  const res = await t.app.inject({ url: '/staff', headers: { cookie: session.cookie } });
  return res.statusCode === 200;
}

/** Values that get a request past routing to the handler: the demo's LPO, year, records. */
async function goodValues(): Promise<GoodValues> {
  const db = t.database.db;
  const promise = await t.app.inject('/api/v1/lpos/globen/promises/2026');
  const keys = (promise.json() as { commitments: { key: string }[] }).commitments.map((c) => c.key);
  const shift = await db.selectFrom('weekend_shift').select('id').limit(1).executeTakeFirst();
  const walk = await db.selectFrom('safety_walk').select('id').limit(1).executeTakeFirst();
  const observation = await db.selectFrom('observation').select('id').limit(1).executeTakeFirst();
  return {
    lpo: ['globen'],
    slug: ['globen'],
    year: ['2026'],
    key: keys,
    id: [String(shift?.id ?? 1), String(walk?.id ?? 1), '1'],
    observationId: [String(observation?.id ?? 1)],
  };
}

/** Every form field name on the pages the app serves, so bodies use the names handlers read. */
async function formFieldNames(): Promise<string[]> {
  const names = new Set<string>();
  const pages = routes.filter((r) => r.method === 'GET' && !/[*]|\.(pdf|csv|json|atom|rss)$/.test(r.url));
  for (const route of pages) {
    const url = concreteUrl(
      route.url,
      Object.fromEntries(Object.entries(good).map(([k, v]) => [k, v[0] ?? '1'])),
    );
    const res = await t.app.inject({ url, headers: route.staff ? { cookie: session.cookie } : {} });
    for (const match of res.body.matchAll(/name="([^"]+)"/g)) if (match[1]) names.add(match[1]);
  }
  names.delete('_csrf');
  return [...names];
}

function send(route: RouteUnderTest, request: FuzzRequest): Promise<LightMyRequestResponse> {
  const path = route.url.includes('*')
    ? route.url.replace('*', request.params['*'] ?? '')
    : concreteUrl(route.url, request.params);
  const query = request.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const headers: Record<string, string> = {};
  const cookie = cookieHeader(request.cookie, session.cookie);
  if (cookie !== undefined) headers.cookie = cookie;
  if (request.body.contentType !== undefined) headers['content-type'] = request.body.contentType;
  if (request.acceptLanguage !== undefined) headers['accept-language'] = request.acceptLanguage;
  if (request.ifNoneMatch !== undefined) headers['if-none-match'] = request.ifNoneMatch;
  const payload = bodyOf(request, session.csrf);
  return t.app.inject({
    method: request.method as 'GET',
    url: `${path}${request.pathSuffix}${query ? `?${query}` : ''}`,
    headers,
    ...(payload === undefined ? {} : { payload }),
  });
}

function failuresFrom(first: number): string[] {
  return tallies.slice(first).flatMap((r) => r.failures.map((f) => `${r.route}: ${f}`));
}

function classOf(status: number): keyof Tally['byClass'] {
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  return status >= 300 ? '3xx' : '2xx';
}

/** fast-check runs the property; a failing request is recorded (not shrunk) and the route moves on. */
async function fuzz(
  label: string,
  arbitrary: fc.Arbitrary<FuzzRequest>,
  route: RouteUnderTest,
  runs: number,
) {
  const tally: Tally = {
    route: label,
    requests: 0,
    byClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
    failures: [],
  };
  tallies.push(tally);
  const property = fc.asyncProperty(arbitrary, async (request) => {
    const res = await send(route, request);
    tally.requests++;
    tally.byClass[classOf(res.statusCode)]++;
    const problems = problemsOf({ statusCode: res.statusCode, headers: res.headers, body: res.body });
    if (problems.length > 0) {
      tally.failures.push(`${problems.join(', ')} for ${summarize(request)}: ${res.body.slice(0, 300)}`);
      return false;
    }
    return true;
  });
  const result = await fc.check(property, {
    numRuns: Math.max(1, Math.round(runs * SCALE)),
    seed: SEED,
    endOnFailure: true,
  });
  if (result.failed && tally.failures.length === 0) tally.failures.push(String(result.errorInstance));
}

function summarize(request: FuzzRequest): string {
  return JSON.stringify(request, (_k, v) =>
    typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v,
  );
}

function printSummary(): void {
  const header = ['Route', 'Requests', '2xx', '3xx', '4xx', '5xx', 'Failures'];
  const rows = tallies.map((r) => [
    r.route,
    String(r.requests),
    String(r.byClass['2xx']),
    String(r.byClass['3xx']),
    String(r.byClass['4xx']),
    String(r.byClass['5xx']),
    String(r.failures.length),
  ]);
  const sum = (i: number) => String(rows.reduce((n, row) => n + Number(row[i]), 0));
  rows.push(['Total', sum(1), sum(2), sum(3), sum(4), sum(5), sum(6)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log([`fuzzing (${t.database.kind}, seed ${SEED}):`, line(header), ...rows.map(line)].join('\n'));
}

describe('fuzzing every route', () => {
  it('finds the routes: public pages, the API, public forms and every staff route', () => {
    const staff = routes.filter((r) => r.staff);
    expect(staff.length).toBe(t.app.staffRoutes.length);
    expect(routes.some((r) => r.url === '/api/v1/lpos/:slug/promises/:year')).toBe(true);
    expect(routes.some((r) => r.method === 'POST' && !r.staff)).toBe(true);
  });

  it('answers hostile requests to public pages, the API and public forms without a 5xx, leak or raw markup', async () => {
    for (const route of routes.filter((r) => !r.staff)) {
      const arbitrary = route.url.includes('*')
        ? requestArbitrary(route, good, fieldNames).chain((request) =>
            fc.array(pathSegment, { minLength: 1, maxLength: 4 }).map((segments) => ({
              ...request,
              params: { '*': `static/${segments.join('/')}` },
            })),
          )
        : requestArbitrary(route, good, fieldNames);
      await fuzz(
        `${route.method} ${route.url}`,
        arbitrary,
        route,
        route.method === 'GET' ? RUNS.get : RUNS.post,
      );
    }
    expect(failuresFrom(0)).toEqual([]);
  }, 300_000);

  it('answers hostile requests to every staff route, signed in or not, with or without CSRF, the same way', async () => {
    const first = tallies.length;
    for (const route of routes.filter((r) => r.staff)) {
      await fuzz(
        `${route.method} ${route.url}`,
        requestArbitrary(route, good, fieldNames),
        route,
        route.method === 'GET' ? RUNS.staffGet : RUNS.post,
      );
      // Signing out, or out everywhere, with a valid token is one of the things a fuzzed form may do.
      if (!(await stillSignedIn())) await signIn();
    }
    expect(failuresFrom(first)).toEqual([]);
  }, 300_000);

  it('answers made-up paths with path tricks the same way', async () => {
    const route: RouteUnderTest = { method: 'GET', url: '/*', staff: false, query: [] };
    const arbitrary = requestArbitrary(route, good, fieldNames).chain((request) =>
      fc
        .tuple(
          fc.constantFrom('', '/en', '/staff', '/api/v1', '/lpo/globen', '/static'),
          fc.array(pathSegment, { minLength: 1, maxLength: 6 }),
        )
        .map(([prefix, segments]) => ({
          ...request,
          params: { '*': `${prefix}/${segments.join('/')}`.slice(1) },
        })),
    );
    const first = tallies.length;
    await fuzz('GET (made-up paths)', arbitrary, route, RUNS.randomPaths);
    expect(failuresFrom(first)).toEqual([]);
  }, 120_000);
});
