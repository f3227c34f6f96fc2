// A signed-in browser for app.inject: keeps cookies, reads the CSRF token from the last page, and posts
// forms the way a browser does (application/x-www-form-urlencoded).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import type { Role } from '../../src/domain/permissions.ts';

export const TEST_PASSWORD = 'korrekt häst batteri zebra';

export class StaffClient {
  private cookies = new Map<string, string>();
  private csrf = '';
  private static clients = 0;
  /** Each client is its own address, as separate devices are (rate limits are per client). */
  private readonly remoteAddress =
    `10.0.${Math.floor(StaffClient.clients / 250)}.${(StaffClient.clients++ % 250) + 1}`;

  constructor(private readonly app: FastifyInstance) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: this.headers(),
      remoteAddress: this.remoteAddress,
    });
    this.remember(res);
    return res;
  }

  /** Posts fields as a form; adds the CSRF token from the last page unless `_csrf` is given. */
  async post(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    if (!('_csrf' in fields)) body.append('_csrf', this.csrf);
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
      remoteAddress: this.remoteAddress,
    });
    this.remember(res);
    return res;
  }

  /** Signs in with password, and with a fresh one-time code when the role needs one. */
  async signIn(email: string, totpSecret?: string): Promise<LightMyRequestResponse> {
    await this.get('/staff/login');
    const res = await this.post('/staff/login', { email, password: TEST_PASSWORD });
    const location = String(res.headers.location ?? '');
    if (!location.startsWith('/staff/login/code')) return res;
    if (!totpSecret) throw new Error(`${email} needs a one-time code`);
    await this.get(location);
    return this.post('/staff/login/code', { code: await generate({ secret: totpSecret }) });
  }

  get sessionCookie(): string | undefined {
    return this.cookies.get('mbl_session');
  }

  private headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie } : {};
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token?.[1]) this.csrf = token[1];
  }
}

/** Creates a user with the given roles (LPO slug → roles) and, if asked, an active second factor. */
export async function createStaffUser(
  app: FastifyInstance,
  email: string,
  roles: Record<string, Role[]>,
  options: { totp?: boolean } = {},
): Promise<{ email: string; totpSecret: string | undefined }> {
  const auth = app.services.auth;
  await auth.createUser({ email, displayName: email.split('@')[0] ?? email, password: TEST_PASSWORD });
  for (const [slug, list] of Object.entries(roles)) {
    const area = await app.services.areas.findPoliceArea(slug);
    if (!area) throw new Error(`no LPO ${slug}`);
    for (const role of list) await auth.addMembership(email, area.id, role);
  }
  if (!options.totp) return { email, totpSecret: undefined };
  const user = await auth.userByEmail(email);
  if (!user) throw new Error('user vanished');
  const { secret } = await auth.startTotpSetup(user.id);
  await auth.confirmTotp(user.id, await generate({ secret }));
  return { email, totpSecret: secret };
}
