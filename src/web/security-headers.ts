// The security headers every answer carries, worked out once by helmet at start-up. Our policy has no
// per-request parts (no nonces), so the headers are the same for every request: set as a plain object,
// they cost a fraction of running helmet's middleware chain per request on the hot public pages.
// Two sets: HSTS only on answers that went over TLS (RFC 6797 §7.2: never over plain HTTP).
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

const middleware = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'"],
      scriptSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      // helmet's default also allows fonts from any https: origin; we serve none from elsewhere.
      fontSrc: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
  },
  // HSTS only matters behind TLS; a reverse proxy terminates it (docs/operations.md).
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  // Not sent: headers only browsers long out of use read. Every header costs each answer its validation
  // and bytes and each client its parsing — about a fifth of the work of sending a cached public page
  // (bench/RESULTS.md) — so these protect no one we serve (docs/security.md):
  xFrameOptions: false, // superseded by CSP frame-ancestors, which every current browser obeys
  xXssProtection: false, // "0" switched off an XSS filter browsers have since removed
  xDownloadOptions: false, // Internet Explorer 8
  xPermittedCrossDomainPolicies: false, // Flash and old Acrobat; we publish no cross-domain policy file
});

function collect(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    // helmet removes X-Powered-By, which Fastify never sets.
    removeHeader() {},
  };
  let failure: unknown;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return Object.freeze(headers);
}

const OVER_TLS = collect();
const { 'strict-transport-security': _hsts, ...OVER_PLAIN_HTTP } = OVER_TLS;
Object.freeze(OVER_PLAIN_HTTP);

/** The headers for an answer sent over TLS (directly or, with TRUST_PROXY, by the proxy in front) or not. */
export function securityHeaders(overTls: boolean): Readonly<Record<string, string>> {
  return overTls ? OVER_TLS : OVER_PLAIN_HTTP;
}
