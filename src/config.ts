// Runtime configuration from the environment. Documented in README.md ("Configuration").
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** postgres://… switches from the embedded PGlite to a PostgreSQL server. */
  databaseUrl: string | undefined;
  /** Where the embedded database lives (PGlite files under `<dataDir>/pglite`). */
  dataDir: string;
  logLevel: string;
  /** Public counts below this are hidden ("färre än 5"). */
  suppressionThreshold: number;
  /** Signs session cookies; at least 32 characters. Unset: a random one kept in DATA_DIR. */
  sessionSecret: string | undefined;
  /** Behind a reverse proxy that terminates TLS: trust its X-Forwarded-* headers (secure cookies). */
  trustProxy: boolean;
  /** The site's address as people reach it, for absolute links in feeds and e-mails (no trailing slash). */
  publicUrl: string;
  /** smtp://user:pass@host:587 (or smtps://…): e-mail subscriptions are offered only when set. */
  smtpUrl: string | undefined;
  /** The From address of the e-mails sent. */
  mailFrom: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = parseInteger(env.PORT, 3000, 'PORT');
  return {
    port,
    host: env.HOST ?? 'localhost',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    logLevel: env.LOG_LEVEL ?? 'info',
    suppressionThreshold: parseInteger(env.SUPPRESSION_THRESHOLD, 5, 'SUPPRESSION_THRESHOLD'),
    sessionSecret: checkSecret(env.SESSION_SECRET),
    trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
    publicUrl: checkPublicUrl(env.PUBLIC_URL, port),
    smtpUrl: checkSmtpUrl(env.SMTP_URL),
    mailFrom: env.MAIL_FROM || 'Medborgarlöfte <no-reply@localhost>',
  };
}

function checkPublicUrl(raw: string | undefined, port: number): string {
  if (raw === undefined || raw === '') return `http://localhost:${port}`;
  const url = parseUrl(raw, 'PUBLIC_URL');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error('PUBLIC_URL must be http(s)://…');
  return raw.replace(/\/+$/, '');
}

function checkSmtpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const url = parseUrl(raw, 'SMTP_URL');
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error('SMTP_URL must be smtp://… or smtps://…');
  return raw;
}

function parseUrl(raw: string, name: string): URL {
  try {
    return new URL(raw);
  } catch {
    // Not echoed: an SMTP URL may hold a password.
    throw new Error(`${name} is not a URL`);
  }
}

function parseInteger(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

function checkSecret(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 32) throw new Error('SESSION_SECRET must have at least 32 characters');
  return raw;
}
