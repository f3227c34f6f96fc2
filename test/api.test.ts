// The public JSON API and its OpenAPI document, over the Globen demo.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/lpos', () => {
  it('lists Globen, Farsta and Skärholmen with the district areas they cover', async () => {
    const res = await t.app.inject('/api/v1/lpos');
    expect(res.statusCode).toBe(200);
    const lpos = res.json<{ slug: string; districtAreas: string[]; currentYear: number | null }[]>();
    expect(lpos.map((l) => l.slug).sort()).toEqual(['farsta', 'globen', 'skarholmen']);
    const globen = lpos.find((l) => l.slug === 'globen');
    expect(globen?.districtAreas.sort()).toEqual(['Enskede-Årsta-Vantör', 'Hägersten-Älvsjö', 'Skarpnäck']);
    expect(globen?.currentYear).toBe(2026);
  });
});

describe('GET /api/v1/lpos/:slug', () => {
  it('puts Vantör (Bandhagen and its probable neighbours) in Farsta, not Globen', async () => {
    const globen = (await t.app.inject('/api/v1/lpos/globen')).json<{ districts: { name: string }[] }>();
    const farsta = (await t.app.inject('/api/v1/lpos/farsta')).json<{
      districts: { name: string; confidence: string }[];
    }>();
    const globenNames = globen.districts.map((d) => d.name);
    expect(globenNames).toContain('Årsta');
    expect(globenNames).toContain('Skarpnäcks gård');
    expect(globenNames).toContain('Älvsjö');
    expect(globenNames).not.toContain('Bandhagen');
    expect(globenNames).not.toContain('Högdalen');
    expect(farsta.districts.find((d) => d.name === 'Bandhagen')?.confidence).toBe('confirmed');
    expect(farsta.districts.find((d) => d.name === 'Högdalen')?.confidence).toBe('probable');
  });

  it('answers 404 in JSON for an unknown LPO and 400 for a malformed slug', async () => {
    const missing = await t.app.inject('/api/v1/lpos/atlantis');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ message: string }>().message).toContain('atlantis');
    const bad = await t.app.inject('/api/v1/lpos/DROP%20TABLE');
    expect(bad.statusCode).toBe(400);
  });
});

describe('GET /api/v1/lpos/globen/promises/2026', () => {
  it('gives the three targets with live progress from the logged work', async () => {
    const res = await t.app.inject('/api/v1/lpos/globen/promises/2026');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      demo: boolean;
      today: string;
      commitments: {
        key: string;
        targets: {
          suppressed: boolean;
          evaluation: { status: string; goal: number; intervalsInPeriod?: number };
        }[];
      }[];
    }>();
    expect(body.demo).toBe(true);
    expect(body.today).toBe('2026-11-25');
    const byKey = Object.fromEntries(body.commitments.map((c) => [c.key, c.targets[0]?.evaluation]));
    expect(byKey.helginsats?.goal).toBe(40);
    expect(byKey.helginsats?.intervalsInPeriod).toBe(53);
    expect(byKey.trygghetsvandringar?.goal).toBe(3);
    expect(byKey.islandsmodellen?.goal).toBe(100);
    for (const evaluation of Object.values(byKey)) {
      expect(['achieved', 'on_track', 'at_risk', 'missed', 'not_started']).toContain(evaluation?.status);
    }
  });

  it('explains progress in English with ?lang=en', async () => {
    const res = await t.app.inject('/api/v1/lpos/globen/promises/2026?lang=en');
    const body = res.json<{
      commitments: { targets: { evaluation: { statusLabel: string; explanation: string } }[] }[];
    }>();
    const labels = body.commitments.map((c) => c.targets[0]?.evaluation.statusLabel);
    expect(
      labels.every((l) => ['Achieved', 'On track', 'At risk', 'Missed', 'Not started'].includes(l ?? '')),
    ).toBe(true);
  });

  it('sends an ETag and answers a matching If-None-Match with 304', async () => {
    const first = await t.app.inject('/api/v1/lpos/globen/promises/2026');
    const etag = first.headers.etag;
    expect(typeof etag).toBe('string');
    const second = await t.app.inject({
      url: '/api/v1/lpos/globen/promises/2026',
      headers: { 'if-none-match': String(etag) },
    });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
  });

  it('answers 404 for a year without a promise', async () => {
    const res = await t.app.inject('/api/v1/lpos/globen/promises/1999');
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('GET /api/v1/lpos/globen/promises/2026/commitments/:key', () => {
  it('gives the value at the end of every week so far', async () => {
    const res = await t.app.inject('/api/v1/lpos/globen/promises/2026/commitments/helginsats');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ weekly: { points: { week: string; current: number }[] }[] }>();
    const points = body.weekly[0]?.points ?? [];
    expect(points[0]?.week).toBe('2026-W01');
    expect(points.at(-1)?.week).toBe('2026-W48');
    // Staffed weeks only ever add up.
    for (let i = 1; i < points.length; i++)
      expect(points[i]?.current).toBeGreaterThanOrEqual(points[i - 1]?.current ?? 0);
  });
});

describe('OpenAPI', () => {
  it('is an OpenAPI 3 document that covers every API route', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    const validation = await new Validator().validate(doc);
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);
    const documented = Object.keys(doc.paths);
    const apiRoutes = registeredPaths(t.app.printRoutes({ commonPrefix: false })).filter(
      (p) => (p.startsWith('/api/') && p !== '/api/openapi.json') || p === '/healthz',
    );
    expect(apiRoutes.length).toBeGreaterThanOrEqual(6);
    for (const route of apiRoutes) expect(documented).toContain(route.replace(/:(\w+)/g, '{$1}'));
  });

  it('publishes the promise JSON Schema', async () => {
    const res = await t.app.inject('/api/schemas/promise.json');
    const schema = res.json<{ required: string[]; properties: Record<string, unknown> }>();
    expect(schema.required).toContain('commitments');
    expect(Object.keys(schema.properties)).toContain('validFrom');
  });
});

describe('/healthz', () => {
  it('reports the database it checked', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind });
  });
});

/** Full paths from Fastify's route tree ("└── /:year (GET, HEAD)" lines nested by indentation). */
function registeredPaths(tree: string): string[] {
  const stack: { depth: number; path: string }[] = [];
  const paths: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([\s│]*)[├└]── (\S+)/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length;
    while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= depth) stack.pop();
    const parent = stack.at(-1)?.path ?? '';
    const segment = match[2] ?? '';
    const path = parent.endsWith('/') || segment.startsWith('/') ? parent + segment : `${parent}/${segment}`;
    stack.push({ depth, path });
    paths.push(path);
  }
  return paths;
}

describe('security headers', () => {
  it('sends a CSP without unsafe-inline that forbids framing, on pages and API alike', async () => {
    for (const url of ['/lpo/globen', '/api/v1/lpos', '/lpo/okand']) {
      const res = await t.app.inject(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});
