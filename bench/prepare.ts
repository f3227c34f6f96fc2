// The database a benchmark server opens: migrated, the Globen demo loaded, and an officer (with a second
// factor) to sign in as for the staff-page and write loads. Done once in the parent; PGlite folders are
// then copied per server, so every server starts from the same data.
import { cpSync } from 'node:fs';
import { generate } from 'otplib';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemo } from '../src/db/seed/index.ts';
import { createAreasService } from '../src/modules/areas/service.ts';
import { createAuthService } from '../src/modules/auth/service.ts';
import { createPromisesService } from '../src/modules/promises/service.ts';

export interface StaffLogin {
  email: string;
  password: string;
  totpSecret: string;
}

export const BENCH_STAFF_EMAIL = 'bench.polis@example.se';
const BENCH_STAFF_PASSWORD = 'bench lösenord för last 2026';

export async function prepareDatabase(target: {
  pgliteDir?: string;
  databaseUrl?: string;
}): Promise<StaffLogin> {
  const handle = openDatabase(target);
  try {
    await migrateToLatest(handle.db);
    const areas = createAreasService(handle.db);
    const promises = createPromisesService(handle.db, {
      areas,
      clock: () => new Date(),
      suppressionThreshold: 5,
    });
    await loadDemo(handle.db, { areas, promises });
    const auth = createAuthService(handle.db);
    const globen = await areas.findPoliceArea('globen');
    if (!globen) throw new Error('the demo has no Globen');
    const userId = await auth.createUser({
      email: BENCH_STAFF_EMAIL,
      displayName: 'Bench Polis',
      password: BENCH_STAFF_PASSWORD,
    });
    await auth.addMembership(BENCH_STAFF_EMAIL, globen.id, 'officer');
    const { secret } = await auth.startTotpSetup(userId);
    if (!(await auth.confirmTotp(userId, await generate({ secret })))) throw new Error('TOTP set-up failed');
    return { email: BENCH_STAFF_EMAIL, password: BENCH_STAFF_PASSWORD, totpSecret: secret };
  } finally {
    await handle.db.destroy();
  }
}

/** A copy of a prepared PGlite folder, for one server. */
export function copyPgliteDir(template: string, target: string): string {
  cpSync(template, target, { recursive: true });
  return target;
}
