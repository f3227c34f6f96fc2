import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/types.ts';

export function createAuthRepo(db: Kysely<Database>) {
  return {
    findUserByEmail(email: string) {
      return db
        .selectFrom('app_user')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
    },

    findUser(id: number) {
      return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async insertUser(user: { email: string; displayName: string; passwordHash: string }): Promise<number> {
      const row = await db
        .insertInto('app_user')
        .values({
          email: user.email.toLowerCase(),
          display_name: user.displayName,
          password_hash: user.passwordHash,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async updateUser(
      id: number,
      values: Partial<{
        password_hash: string;
        totp_secret: string | null;
        totp_enabled: boolean;
        failed_logins: number;
        locked_until: Date | null;
        disabled_at: Date | null;
      }>,
    ): Promise<void> {
      await db.updateTable('app_user').set(values).where('id', '=', id).execute();
    },

    /** The signed-in user's fields and roles in one query (one row per membership, or one without). */
    userWithMemberships(userId: number) {
      return db
        .selectFrom('app_user as u')
        .leftJoin('membership as m', 'm.user_id', 'u.id')
        .leftJoin('police_area as a', 'a.id', 'm.police_area_id')
        .select([
          'u.id',
          'u.email',
          'u.display_name',
          'u.totp_enabled',
          'u.disabled_at',
          'm.role',
          'm.police_area_id as policeAreaId',
          'a.slug',
          'a.name',
        ])
        .where('u.id', '=', userId)
        .orderBy('a.name')
        .execute();
    },

    /** Everyone with a role in the LPO, one row per person and role. */
    membersOf(policeAreaId: number) {
      return db
        .selectFrom('membership as m')
        .innerJoin('app_user as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.email', 'u.display_name', 'u.disabled_at', 'm.role'])
        .where('m.police_area_id', '=', policeAreaId)
        .orderBy('u.display_name')
        .execute();
    },

    async addMembership(userId: number, policeAreaId: number, role: Role): Promise<void> {
      await db
        .insertInto('membership')
        .values({ user_id: userId, police_area_id: policeAreaId, role })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async deleteSessionsOf(userId: number): Promise<void> {
      await db.deleteFrom('session').where('user_id', '=', userId).execute();
    },

    async insertAudit(entry: {
      userId: number | null;
      policeAreaId: number | null;
      action: string;
      entity: string;
      entityId?: string | null;
      reason?: string | null;
      detail?: Record<string, unknown>;
    }): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          user_id: entry.userId,
          police_area_id: entry.policeAreaId,
          action: entry.action,
          entity: entry.entity,
          entity_id: entry.entityId ?? null,
          reason: entry.reason ?? null,
          detail: JSON.stringify(entry.detail ?? {}),
        })
        .execute();
    },
  };
}

export type AuthRepo = ReturnType<typeof createAuthRepo>;
