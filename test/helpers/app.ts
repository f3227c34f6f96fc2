// The app over a fresh test database with the Globen demo loaded, at a fixed "today".
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.tsx';
import { type Config, loadConfig } from '../../src/config.ts';
import { loadDemo } from '../../src/db/seed/index.ts';
import { createAreasService } from '../../src/modules/areas/service.ts';
import { createPromisesService } from '../../src/modules/promises/service.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

/** The demo's "today" in tests: a Wednesday in ISO week 48 of 2026 (a 53-week year). */
export const TEST_TODAY = new Date('2026-11-25T12:00:00Z');

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function createTestApp(
  options: { demo?: boolean; now?: Date; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const now = options.now ?? TEST_TODAY;
  const config = { ...loadConfig({}), suppressionThreshold: 5, ...options.config };
  if (options.demo ?? true) {
    const areas = createAreasService(database.db);
    const promises = createPromisesService(database.db, { areas, clock: () => now, suppressionThreshold: 5 });
    await loadDemo(database.db, { areas, promises }, now);
  }
  const app = await buildApp({ db: database.db, config, clock: () => now, databaseKind: database.kind });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
