// Users, passwords (argon2id), the second factor (TOTP), lockout and the audit trail.
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Database, Role } from '../../db/types.ts';
import { type Action, requiresSecondFactor, rolesMay } from '../../domain/permissions.ts';
import { createAuditLog } from './audit-log.ts';
import { createAuthRepo } from './repo.ts';

declare module 'fastify' {
  interface Session {
    userId?: number;
    /** Password accepted, second factor still to give. */
    pendingUserId?: number;
  }
}

/** After this many wrong passwords in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const MIN_PASSWORD_LENGTH = 12;

export class AuthError extends Error {
  constructor(
    readonly code: 'bad_credentials' | 'locked' | 'disabled' | 'weak_password' | 'unknown_user' | 'exists',
    message: string,
  ) {
    super(message);
  }
}

export interface StaffMembership {
  role: Role;
  policeAreaId: number;
  slug: string;
  name: string;
}

export interface MemberRow {
  id: number;
  email: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
}

export interface StaffUser {
  id: number;
  email: string;
  displayName: string;
  totpEnabled: boolean;
  memberships: StaffMembership[];
}

export function createAuthService(db: Kysely<Database>, clock: () => Date = () => new Date()) {
  const repo = createAuthRepo(db);

  async function loadUser(id: number): Promise<StaffUser | undefined> {
    // Every staff request loads the user: one query, not two (PGlite runs one query at a time).
    const rows = await repo.userWithMemberships(id);
    const user = rows[0];
    if (!user || user.disabled_at) return undefined;
    const memberships: StaffMembership[] = [];
    for (const { role, policeAreaId, slug, name } of rows) {
      if (role !== null && policeAreaId !== null && slug !== null && name !== null)
        memberships.push({ role, policeAreaId, slug, name });
    }
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      totpEnabled: user.totp_enabled,
      memberships,
    };
  }

  return {
    loadUser,
    audit: (entry: AuditEntry) => recordAudit(db, entry),
    /** Reading the audit trail of an LPO (the log viewer). */
    auditLog: createAuditLog(db),
    userByEmail: repo.findUserByEmail,

    /** The people of an LPO with their roles there. */
    async membersOf(policeAreaId: number): Promise<MemberRow[]> {
      const rows = await repo.membersOf(policeAreaId);
      const byId = new Map<number, MemberRow>();
      for (const row of rows) {
        const member = byId.get(row.id) ?? {
          id: row.id,
          email: row.email,
          displayName: row.display_name,
          roles: [],
          disabled: row.disabled_at !== null,
        };
        member.roles.push(row.role);
        byId.set(row.id, member);
      }
      return [...byId.values()];
    },

    async createUser(input: { email: string; displayName: string; password: string }): Promise<number> {
      checkPasswordStrength(input.password);
      if (await repo.findUserByEmail(input.email))
        throw new AuthError('exists', `${input.email} already exists`);
      return repo.insertUser({ ...input, passwordHash: await hash(input.password) });
    },

    async addMembership(email: string, policeAreaId: number, role: Role): Promise<void> {
      const user = await repo.findUserByEmail(email);
      if (!user) throw new AuthError('unknown_user', `no user ${email}`);
      await repo.addMembership(user.id, policeAreaId, role);
    },

    async setPassword(email: string, password: string): Promise<void> {
      checkPasswordStrength(password);
      const user = await repo.findUserByEmail(email);
      if (!user) throw new AuthError('unknown_user', `no user ${email}`);
      await repo.updateUser(user.id, {
        password_hash: await hash(password),
        failed_logins: 0,
        locked_until: null,
      });
      await repo.deleteSessionsOf(user.id);
    },

    /** A signed-in person's own new password, after the current one; ends their other sessions. */
    async changeOwnPassword(userId: number, current: string, next: string): Promise<'ok' | 'wrong' | 'weak'> {
      const user = await repo.findUser(userId);
      if (!user || !(await verify(user.password_hash, current))) return 'wrong';
      if (next.length < MIN_PASSWORD_LENGTH) return 'weak';
      await repo.updateUser(userId, { password_hash: await hash(next) });
      await repo.deleteSessionsOf(userId);
      await repo.insertAudit({
        userId,
        policeAreaId: null,
        action: 'password.change',
        entity: 'app_user',
        entityId: String(userId),
      });
      return 'ok';
    },

    async disable(email: string): Promise<void> {
      const user = await repo.findUserByEmail(email);
      if (!user) throw new AuthError('unknown_user', `no user ${email}`);
      await repo.updateUser(user.id, { disabled_at: clock() });
      await repo.deleteSessionsOf(user.id);
    },

    /** The user id when email and password match; counts failures and locks the account. */
    async checkPassword(email: string, password: string): Promise<number> {
      const user = await repo.findUserByEmail(email.trim());
      // Hash anyway for an unknown e-mail, so the answer takes as long and says nothing.
      if (!user) {
        await verify(DUMMY_HASH, password).catch(() => false);
        throw new AuthError('bad_credentials', 'wrong e-mail or password');
      }
      if (user.disabled_at) throw new AuthError('disabled', 'account disabled');
      const now = clock();
      if (user.locked_until && user.locked_until > now) throw new AuthError('locked', 'account locked');
      if (!(await verify(user.password_hash, password))) {
        const failed = user.failed_logins + 1;
        const locked = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
        await repo.updateUser(user.id, { failed_logins: locked ? 0 : failed, locked_until: locked });
        await repo.insertAudit({
          userId: user.id,
          policeAreaId: null,
          action: locked ? 'login.locked' : 'login.failed',
          entity: 'app_user',
          entityId: String(user.id),
        });
        throw new AuthError(locked ? 'locked' : 'bad_credentials', 'wrong e-mail or password');
      }
      await repo.updateUser(user.id, { failed_logins: 0, locked_until: null });
      return user.id;
    },

    async checkSecondFactor(userId: number, token: string): Promise<boolean> {
      const user = await repo.findUser(userId);
      if (!user?.totp_secret || !/^\d{6}$/.test(token)) return false;
      const result = await verifyTotp({ secret: user.totp_secret, token, epochTolerance: 30 });
      return result.valid;
    },

    /**
     * The secret for a user setting up the second factor: a new one, or the one not yet confirmed, so a
     * reload (a phone switching to its authenticator app) does not invalidate what was just scanned.
     */
    async startTotpSetup(userId: number): Promise<{ secret: string; uri: string }> {
      const user = await repo.findUser(userId);
      if (!user) throw new AuthError('unknown_user', 'no such user');
      const secret = !user.totp_enabled && user.totp_secret ? user.totp_secret : generateSecret();
      if (secret !== user.totp_secret)
        await repo.updateUser(userId, { totp_secret: secret, totp_enabled: false });
      return { secret, uri: generateURI({ issuer: 'Medborgarlöfte', label: user.email, secret }) };
    },

    async confirmTotp(userId: number, token: string): Promise<boolean> {
      const user = await repo.findUser(userId);
      if (!user?.totp_secret || !/^\d{6}$/.test(token)) return false;
      const result = await verifyTotp({ secret: user.totp_secret, token, epochTolerance: 30 });
      if (result.valid) await repo.updateUser(userId, { totp_enabled: true });
      return result.valid;
    },

    async signOutEverywhere(userId: number): Promise<void> {
      await repo.deleteSessionsOf(userId);
    },

    needsSecondFactor(user: StaffUser): boolean {
      return user.totpEnabled || requiresSecondFactor(user.memberships.map((m) => m.role));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

export type AuditEntry = Parameters<ReturnType<typeof createAuthRepo>['insertAudit']>[0];

/**
 * Writes an audit row with the given connection: pass the transaction of the write it records, so the
 * write and its audit row are kept or lost together.
 */
export function recordAudit(executor: Kysely<Database>, entry: AuditEntry): Promise<void> {
  return createAuthRepo(executor).insertAudit(entry);
}

/** The user's roles in one LPO. */
export function rolesIn(user: StaffUser, policeAreaId: number): Role[] {
  return user.memberships.filter((m) => m.policeAreaId === policeAreaId).map((m) => m.role);
}

export function may(user: StaffUser, policeAreaId: number, action: Action): boolean {
  return rolesMay(rolesIn(user, policeAreaId), action);
}

function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AuthError('weak_password', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

// A real argon2id hash of a random string, verified against for unknown e-mails.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$U3mY4b7iS3kTgJ4Qw1uINg$BM50UD9KVmx8KeUDPjn993+pqO3zQvWCjkTAkWHntO4';
