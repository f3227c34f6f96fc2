// A signed, time-limited token in the public form instead of a session: it proves the post comes from a
// form this server handed out (not a page elsewhere posting to us), no sooner than a person can fill it
// in and not days later. Its random id doubles as the submission id, so sending one form twice stores
// one input.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** Faster than this is a script, not a person reading the form. */
export const MIN_FILL_MS = 3_000;
/** A form left open longer than this is sent again with a fresh token (the input is kept). */
export const MAX_AGE_MS = 4 * 3_600_000;

export type TokenCheck =
  | { ok: true; submissionId: string }
  | { ok: false; problem: 'invalid' | 'expired' | 'too_fast' };

export interface FormTokens {
  issue(now?: number): string;
  check(token: string, now?: number): TokenCheck;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Tokens signed with a key derived from the app's secret (never the session key itself). */
export function createFormTokens(secret: string): FormTokens {
  const key = createHmac('sha256', secret).update('medborgarlofte:dialogue-form-token').digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    issue(now = Date.now()) {
      const payload = `${now}.${randomUUID()}`;
      return `${payload}.${sign(payload)}`;
    },
    check(token, now = Date.now()) {
      const [issuedAt = '', id = '', signature = ''] = token.split('.');
      const expected = Buffer.from(sign(`${issuedAt}.${id}`));
      const given = Buffer.from(signature);
      const valid =
        /^\d{13}$/.test(issuedAt) &&
        UUID.test(id) &&
        given.length === expected.length &&
        timingSafeEqual(given, expected);
      if (!valid) return { ok: false, problem: 'invalid' };
      const age = now - Number(issuedAt);
      if (age < MIN_FILL_MS) return { ok: false, problem: 'too_fast' };
      if (age > MAX_AGE_MS) return { ok: false, problem: 'expired' };
      return { ok: true, submissionId: id };
    },
  };
}
