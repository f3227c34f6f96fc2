// @fastify/session store in our database. Rows are keyed by a hash of the session id, so reading the
// table does not give anyone a working cookie; the user id is a column so "sign out everywhere" is
// one DELETE.
import { createHash } from 'node:crypto';
import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

const DAY_MS = 86_400_000;

export function sessionKey(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}

export function createSessionStore(db: Kysely<Database>): SessionStore {
  return {
    set(sessionId, session, callback) {
      const expires = session.cookie.expires
        ? new Date(session.cookie.expires)
        : new Date(Date.now() + DAY_MS);
      const row = {
        id: sessionKey(sessionId),
        user_id: session.userId ?? null,
        data: JSON.stringify(session),
        expires_at: expires,
      };
      db.insertInto('session')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ user_id: row.user_id, data: row.data, expires_at: expires }),
        )
        .execute()
        .then(() => callback(), callback);
    },
    get(sessionId, callback) {
      db.selectFrom('session')
        .select(['data', 'expires_at'])
        .where('id', '=', sessionKey(sessionId))
        .executeTakeFirst()
        .then((row) => {
          if (!row || row.expires_at.getTime() <= Date.now()) return callback(null, null);
          callback(null, row.data as unknown as Session);
        }, callback);
    },
    destroy(sessionId, callback) {
      db.deleteFrom('session')
        .where('id', '=', sessionKey(sessionId))
        .execute()
        .then(() => callback(), callback);
    },
  };
}
