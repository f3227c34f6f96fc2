// The bulk path the benchmark uses: each batch COPYed into the staging table (PGlite /dev/blob, or
// pg-copy-streams on a server) stores exactly what the INSERT path stores, escapes included.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenchBackend, openPGliteBackend, openPostgresBackend } from '../bench/situation/backends.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createAreasService } from '../src/modules/areas/service.ts';
import { importEventFiles } from '../src/modules/situation/import/importer.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

let dir: string;
let backend: BenchBackend;
let server: TestDatabase | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mbl-copy-'));
  if (process.env.TEST_DATABASE_URL) {
    server = await createTestDatabase();
    backend = await openPostgresBackend(server.url ?? '');
  } else {
    backend = await openPGliteBackend('memory://');
    await migrateToLatest(backend.db);
  }
  await createAreasService(backend.db).importAreaFiles(
    'seed/areas/stockholm-areas.json',
    'seed/areas/stockholm-stadsdelar.geo.json',
  );
});
afterAll(async () => {
  await backend.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('COPY into the staging table', () => {
  it('stores text with tabs, line breaks and backslashes unchanged, and stays idempotent', async () => {
    const summary = 'Rån i Årsta.\tTvå män\nflydde mot C:\\tunnelbanan.';
    const file = path.join(dir, 'events.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: 1,
          datetime: '2026-08-22 8:13:44 +02:00',
          name: '22 augusti 03.47, Rån, Stockholm',
          summary,
          url: '/a/',
          type: 'Rån',
          location: { name: 'Stockholm', gps: '59.3005,18.0505' },
        },
        {
          id: 2,
          datetime: '2026-08-23 21:00:00 +02:00',
          name: '23 augusti 20.30, Misshandel, Stockholm',
          summary: '',
          url: null,
          type: 'Misshandel',
          location: { name: 'Stockholm' },
        },
      ]),
    );
    const first = await importEventFiles(backend.db, [file], { copier: backend.copier });
    expect(first.files[0]).toMatchObject({ inserted: 2, skipped: 0 });
    const rows = await backend.db
      .selectFrom('event')
      .select(['source_id', 'summary', 'url', 'lat', 'local_hour', 'placement', 'placement_detail'])
      .orderBy('source_id')
      .execute();
    expect(rows).toEqual([
      {
        source_id: '1',
        summary,
        url: 'https://polisen.se/a/',
        lat: 59.3005,
        local_hour: 3,
        placement: 'point',
        placement_detail: 'Årsta',
      },
      {
        source_id: '2',
        summary: '',
        url: null,
        lat: null,
        local_hour: 20,
        placement: 'unplaced',
        placement_detail: 'no-position',
      },
    ]);
    const again = await importEventFiles(backend.db, [file], { copier: backend.copier });
    expect(again.files[0]).toMatchObject({ inserted: 0, unchanged: 2 });
  });
});
