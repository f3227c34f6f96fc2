// Tokens in e-mail links. Confirmation: random, only its SHA-256 is stored, gone once used. Unsubscribe: an
// HMAC of the subscription, so every mail can carry a working link without storing a secret per address.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function unsubscribeToken(secret: string, subscription: { id: number; email: string }): string {
  return `${subscription.id}.${unsubscribeMac(secret, subscription)}`;
}

/** The subscription id the token is for, if the token is well formed (check it with verify). */
export function unsubscribeTokenId(token: string): number | undefined {
  const match = /^(\d{1,9})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match ? Number(match[1]) : undefined;
}

export function verifyUnsubscribeToken(
  secret: string,
  token: string,
  subscription: { id: number; email: string },
): boolean {
  const given = Buffer.from(token);
  const expected = Buffer.from(unsubscribeToken(secret, subscription));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function unsubscribeMac(secret: string, subscription: { id: number; email: string }): string {
  const key = createHmac('sha256', secret).update('medborgarlofte:unsubscribe-link').digest();
  return createHmac('sha256', key).update(`${subscription.id}:${subscription.email}`).digest('base64url');
}
