// Signed, time-limited tokens for public forms that have no session (no CSRF cookie): a form carries one
// issued when its page was drawn, and a post without a valid, recent token is refused. The token names
// the hour it was issued (so a cached page keeps one token for the hour) and is bound to the form's
// purpose with an HMAC of the app's session secret.
import { createHmac, timingSafeEqual } from 'node:crypto';

const HOUR_MS = 3_600_000;

export interface FormTokens {
  /** A token for the form named `purpose`. */
  issue(purpose: string): string;
  /** True when the token was issued for `purpose` by this app within the validity. */
  verify(purpose: string, token: string | undefined): boolean;
}

export function createFormTokens(
  secret: string,
  options: { clock: () => Date; validityHours?: number },
): FormTokens {
  const validity = options.validityHours ?? 24;
  const currentHour = () => Math.floor(options.clock().getTime() / HOUR_MS);
  // A key of its own, derived from the secret: a token never reveals anything signed with the secret itself.
  const key = createHmac('sha256', secret).update('medborgarlofte:public-form-token').digest();
  const mac = (purpose: string, hour: number) =>
    createHmac('sha256', key).update(`${purpose}:${hour}`).digest('base64url');

  return {
    issue(purpose) {
      const hour = currentHour();
      return `${hour}.${mac(purpose, hour)}`;
    },
    verify(purpose, token) {
      const match = /^(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
      if (!match) return false;
      const hour = Number(match[1]);
      const age = currentHour() - hour;
      if (age < 0 || age > validity) return false;
      const expected = Buffer.from(mac(purpose, hour));
      const given = Buffer.from(match[2] ?? '');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
