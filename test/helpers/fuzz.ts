// Request fuzzing: every route the app has (read from its own route table, so new routes are covered the
// day they are added), and fast-check arbitraries for hostile requests to them: wrong types, huge and
// deeply nested bodies, odd Unicode, SQL and HTML injection, path tricks, bad cookies and CSRF tokens,
// odd content types. And the checks every answer must pass.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RouteUnderTest {
  method: string;
  /** Fastify's pattern, e.g. /staff/:lpo/helginsats/:id. */
  url: string;
  staff: boolean;
  /** Query parameter names the OpenAPI document names for it. */
  query: string[];
}

/** Every method × path from Fastify's route tree ("├── /login (GET, HEAD, POST)" lines nested by depth). */
export function routesOf(app: FastifyInstance, openapi: OpenApi): RouteUnderTest[] {
  const staff = new Set(app.staffRoutes.map((r) => `${r.method} ${r.url}`));
  const queryOf = new Map<string, string[]>();
  for (const [apiPath, operations] of Object.entries(openapi.paths)) {
    const url = apiPath.replace(/\{([^}]+)\}/g, ':$1');
    for (const [method, operation] of Object.entries(operations)) {
      const names = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      queryOf.set(`${method.toUpperCase()} ${url}`, names);
    }
  }
  const stack: { depth: number; path: string }[] = [];
  const routes: RouteUnderTest[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│]*)(?:[├└]── )?(\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length;
    while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= depth) stack.pop();
    // A child line holds the rest of its parent's path: "/code" under "/login", ".csv" under "/logg".
    const url = (stack.at(-1)?.path ?? '') + (match[2] ?? '');
    stack.push({ depth, path: url });
    for (const method of (match[3] ?? '').split(', ')) {
      // HEAD is GET without a body; it is sent as a variant of each GET.
      if (method === 'HEAD') continue;
      const key = `${method} ${url}`;
      routes.push({ method, url, staff: staff.has(key), query: queryOf.get(key) ?? [] });
    }
  }
  return routes;
}

export interface OpenApi {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
}

/** Markup that must never come back raw in an HTML page; each starts with what escaping changes. */
export const INJECTED_MARKUP = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(2)</script>',
  '" autofocus onfocus="alert(3)',
  '<iframe src="javascript:alert(4)"></iframe>',
];
/** What, found in an HTML answer, shows that the markup above was echoed unescaped. */
const RAW_MARKUP = [
  '<script>alert(',
  '<img src=x onerror',
  '<svg onload',
  '" autofocus onfocus="alert(',
  '<iframe src="javascript:alert(',
];

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE promise; --",
  '1; SELECT pg_sleep(5)',
  "1' UNION SELECT email, password_hash FROM app_user --",
  '$1',
  "E'\\\\x00'",
];

const ODD_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202egnp.exe',
  'مرحبا بالعالم',
  'e\u0301\u0301\u0301\u0301\u0301\u0301',
  '😀👩‍👩‍👧‍👦',
  '\uFEFF\u200B\u2028\u2029',
  '\r\nSet-Cookie: x=1',
  '%00',
  '%',
  '%zz',
  '%ff%fe',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '{{7*7}}<%= 7*7 %>#{7*7}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'true',
  'NaN',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  '2026-02-30',
  '2026-13-01T25:61',
  '0x1F',
  '[]',
  '{}',
];

/** A hostile or odd string: injection, Unicode oddities, numbers out of range, or random code points. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INJECTED_MARKUP, ...SQL, ...ODD_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 70_000).map((n) => 'å'.repeat(n)) },
);

/** Percent-encodes as a browser would; a lone surrogate (which encodeURIComponent refuses) as raw bytes. */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text]
      .map((ch) => {
        try {
          return encodeURIComponent(ch);
        } catch {
          return '%ED%A0%80';
        }
      })
      .join('');
  }
}

/** Path segments as an attacker would write them: traversal, double encoding, NUL, bad escapes. */
const PATH_TRICKS = [
  '..',
  '%2e%2e',
  '%252e%252e',
  '..%2f..%2f..%2fpackage.json',
  '%2e%2e%5c%2e%2e%5cpackage.json',
  '.%00.',
  '%00',
  '%zz',
  '%',
  '%c0%ae%c0%ae',
  '%E2%80%AE',
  '%F0%9F%98%80',
  '....//....//',
  ';jsessionid=1',
  '~root',
  '.git',
  '.env',
];

export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...PATH_TRICKS) },
  { weight: 3, arbitrary: nastyString.map(encode) },
  { weight: 1, arbitrary: fc.constantFrom(300, 5000).map((n) => 'a'.repeat(n)) },
);

/** Good values for parameters by name, so most requests get past routing into the handler. */
export type GoodValues = Record<string, string[]>;

export function concreteUrl(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => values[name] ?? '1');
}

export type CsrfMode = 'valid' | 'missing' | 'forged' | 'empty' | 'array';
export type CookieMode = 'session' | 'none' | 'garbage' | 'tampered' | 'malformed' | 'huge';
export type BodyKind =
  | 'form'
  | 'form-raw'
  | 'json'
  | 'json-deep'
  | 'json-garbage'
  | 'text'
  | 'multipart'
  | 'huge'
  | 'none';

export interface FuzzRequest {
  method: string;
  params: Record<string, string>;
  pathSuffix: string;
  query: [string, string][];
  body: { kind: BodyKind; fields: [string, string | string[]][]; contentType: string | undefined };
  csrf: CsrfMode;
  cookie: CookieMode;
  acceptLanguage: string | undefined;
  ifNoneMatch: string | undefined;
}

const CONTENT_TYPES: Record<BodyKind, fc.Arbitrary<string | undefined>> = {
  form: fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=ISO-8859-1',
    'APPLICATION/X-WWW-FORM-URLENCODED',
  ),
  'form-raw': fc.constant('application/x-www-form-urlencoded'),
  json: fc.constantFrom('application/json', 'application/json; charset=utf-16', 'application/vnd.api+json'),
  'json-deep': fc.constant('application/json'),
  'json-garbage': fc.constantFrom('application/json', 'application/x-www-form-urlencoded'),
  text: fc.constantFrom('text/plain', 'text/html', 'application/xml', 'application/octet-stream', 'x/y; z'),
  multipart: fc.constant('multipart/form-data; boundary=----fuzz'),
  huge: fc.constantFrom('application/x-www-form-urlencoded', 'application/json'),
  none: fc.constantFrom(undefined, 'application/json', 'application/x-www-form-urlencoded', ''),
};

export function requestArbitrary(
  route: RouteUnderTest,
  good: GoodValues,
  fieldNames: string[],
): fc.Arbitrary<FuzzRequest> {
  const names = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] ?? '');
  const params = fc.record(
    Object.fromEntries(
      names.map((name) => [
        name,
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...(good[name] ?? ['1'])) },
          { weight: 2, arbitrary: pathSegment },
        ),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const field = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...fieldNames) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'a[b][c]', 'x.y', '') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: nastyString },
    { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 4 }) },
  );
  const isWrite = route.method !== 'GET';
  const bodyKind: fc.Arbitrary<BodyKind> = isWrite
    ? fc.oneof(
        { weight: 5, arbitrary: fc.constant<BodyKind>('form') },
        {
          weight: 5,
          arbitrary: fc.constantFrom<BodyKind>(
            'form-raw',
            'json',
            'json-deep',
            'json-garbage',
            'text',
            'multipart',
            'huge',
            'none',
          ),
        },
      )
    : fc.constant<BodyKind>('none');
  const body = bodyKind.chain((kind) =>
    fc.record({
      kind: fc.constant(kind),
      fields: fc.array(fc.tuple(field, value), { maxLength: kind === 'none' ? 0 : 8 }),
      contentType: isWrite ? CONTENT_TYPES[kind] : fc.constant(undefined),
    }),
  );
  return fc.record({
    method: isWrite ? fc.constant(route.method) : fc.constantFrom('GET', 'GET', 'GET', 'HEAD'),
    params,
    pathSuffix: fc.oneof(
      { weight: 8, arbitrary: fc.constant('') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('/', '//', '/.', '/..', '%2F..', '/%2e%2e/%2e%2e/package.json'),
      },
      { weight: 1, arbitrary: pathSegment.map((s) => `/${s}`) },
    ),
    query: fc.array(
      fc.tuple(
        fc.oneof(
          {
            weight: 2,
            arbitrary: fc.constantFrom(...route.query, 'lang', 'next', 'saved', 'q', 'page', 'year'),
          },
          { weight: 1, arbitrary: fc.constantFrom('__proto__', 'a[b]', 'constructor[prototype][x]') },
        ),
        nastyString,
      ),
      { maxLength: 4 },
    ),
    body,
    // Mostly a valid session and token, so most requests get through to the handler and its checks.
    csrf: fc.oneof(
      { weight: 5, arbitrary: fc.constant<CsrfMode>('valid') },
      { weight: 3, arbitrary: fc.constantFrom<CsrfMode>('missing', 'forged', 'empty', 'array') },
    ),
    cookie: route.staff
      ? fc.oneof(
          { weight: 5, arbitrary: fc.constant<CookieMode>('session') },
          {
            weight: 4,
            arbitrary: fc.constantFrom<CookieMode>('none', 'garbage', 'tampered', 'malformed', 'huge'),
          },
        )
      : fc.constantFrom<CookieMode>('none', 'none', 'garbage', 'malformed', 'huge'),
    acceptLanguage: fc.option(fc.constantFrom('sv', 'en-GB,en;q=0.9', '*', 'x'.repeat(2000), ';;;q=x'), {
      nil: undefined,
    }),
    ifNoneMatch: fc.option(fc.constantFrom('*', '"x"', 'W/"abc"', '"a", "b"', '\u0000'), { nil: undefined }),
  });
}

/** The raw body for a request: the form or JSON as a client would send it, or something hostile. */
export function bodyOf(request: FuzzRequest, csrfToken: string): string | undefined {
  const { kind, fields } = request.body;
  const csrf = csrfField(request.csrf, csrfToken);
  const all: [string, string | string[]][] = csrf === undefined ? fields : [['_csrf', csrf], ...fields];
  switch (kind) {
    case 'none':
      return undefined;
    case 'form': {
      const form = new URLSearchParams();
      for (const [k, v] of all) for (const one of [v].flat()) form.append(k, one);
      return form.toString();
    }
    case 'form-raw':
      // Bad escapes and separators that URLSearchParams would never produce.
      return `${all.map(([k, v]) => `${k}=${[v].flat().join('%')}`).join('&')}&%zz=%ff&&=&a==b`;
    case 'json':
      return JSON.stringify(Object.fromEntries(all));
    case 'json-deep': {
      const depth = 5000;
      return `{"_csrf":${JSON.stringify(csrf ?? '')},"a":${'['.repeat(depth)}1${']'.repeat(depth)},"b":${'{"c":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    }
    case 'json-garbage':
      return `{"_csrf": "${csrf ?? ''}", "a": [1, 2,, }{ \u0000 "__proto__": {"x": 1}`;
    case 'text':
      return all.map(([k, v]) => `${k}: ${[v].flat().join(',')}`).join('\n');
    case 'multipart':
      return [
        '------fuzz',
        'Content-Disposition: form-data; name="_csrf"',
        '',
        csrf ?? '',
        '------fuzz',
        'Content-Disposition: form-data; name="file"; filename="../../x.sh"',
        'Content-Type: application/octet-stream',
        '',
        '#!/bin/sh',
        '------fuzz--',
      ].join('\r\n');
    case 'huge':
      return `_csrf=${encode([csrf ?? ''].flat()[0] ?? '')}&note=${'x'.repeat(1_100_000)}`;
  }
}

function csrfField(mode: CsrfMode, token: string): string | string[] | undefined {
  switch (mode) {
    case 'valid':
      return token;
    case 'missing':
      return undefined;
    case 'forged':
      return `${token.slice(0, -4)}AAAA`;
    case 'empty':
      return '';
    case 'array':
      return [token, 'forged'];
  }
}

export function cookieHeader(mode: CookieMode, session: string): string | undefined {
  switch (mode) {
    case 'session':
      return session;
    case 'none':
      return undefined;
    case 'garbage':
      return 'mbl_session=not-a-session; other=1';
    case 'tampered':
      // The real session id with a signature that does not match it.
      return session.replace(/\.[^.;]*$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    case 'malformed':
      return ';;=;mbl_session;=%zz; mbl_session=%E0%A4%A; \u00ff=\u00ff';
    case 'huge':
      return `mbl_session=${'a'.repeat(8000)}`;
  }
}

export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

const STACK_FRAME = /^\s+at .+[(\s/].*:\d+:\d+\)?$/m;
const INTERNAL_ERROR_TEXT = /Cannot read properties of|is not a function|is not defined|Maximum call stack/;

/** What is wrong with an answer: a 5xx, an internal detail, or injected markup echoed raw. */
export function problemsOf(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.statusCode >= 500) problems.push(`status ${answer.statusCode}`);
  const body = answer.body;
  if (STACK_FRAME.test(body)) problems.push('a stack trace in the body');
  if (body.includes(ROOT) || body.includes('node_modules')) problems.push('an internal path in the body');
  if (INTERNAL_ERROR_TEXT.test(body)) problems.push('an internal error message in the body');
  if (body.includes('"devDependencies"') || body.includes('root:x:0:0'))
    problems.push('a file outside static');
  const type = String(answer.headers['content-type'] ?? '');
  if (type.startsWith('text/html')) {
    for (const raw of RAW_MARKUP) if (body.includes(raw)) problems.push(`raw markup echoed: ${raw}`);
  }
  if (!answer.headers['content-security-policy']) problems.push('no Content-Security-Policy');
  if (answer.headers['x-content-type-options'] !== 'nosniff') problems.push('no X-Content-Type-Options');
  return problems;
}
