// Runs one timed import in its own process, so the parent can sample its memory from /proc:
//   node --import tsx bench/situation/import-child.ts pglite <dir> <file>
//   node --import tsx bench/situation/import-child.ts postgres <url> <file>
// Prepares the schema, areas and places (untimed), imports the file as `import events` does (COPY batches,
// rollups kept current), and prints one JSON line: {"seconds":…, "cpuSeconds":…, "inserted":…, "skipped":…}.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createAreasService } from '../../src/modules/areas/service.ts';
import { importEventFiles } from '../../src/modules/situation/import/importer.ts';
import { createWeekendService } from '../../src/modules/weekend/service.ts';
import { openPGliteBackend, openPostgresBackend } from './backends.ts';
import { BENCH_BATCH } from './settings.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const [kind, target, file] = process.argv.slice(2);
if ((kind !== 'pglite' && kind !== 'postgres') || !target || !file)
  throw new Error('usage: import-child.ts pglite|postgres <dir|url> <file>');

const backend = kind === 'pglite' ? openPGliteBackend(target) : openPostgresBackend(target);
try {
  await migrateToLatest(backend.db);
  const areas = createAreasService(backend.db);
  await areas.importAreaFiles(
    path.join(ROOT, 'seed/areas/stockholm-areas.json'),
    path.join(ROOT, 'seed/areas/stockholm-stadsdelar.geo.json'),
  );
  const globen = await areas.findPoliceArea('globen');
  if (!globen) throw new Error('no LPO Globen');
  await createWeekendService(backend.db).importPlaceFile(globen, path.join(ROOT, 'seed/places/globen.json'));
  process.stdout.write('ready\n');
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const report = await importEventFiles(backend.db, [file], { batchSize: BENCH_BATCH });
  const seconds = (performance.now() - started) / 1000;
  // Every thread of the process: the reader's worker, the garbage collector's helpers, PGlite.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const result = report.files[0];
  process.stdout.write(
    `${JSON.stringify({ seconds, cpuSeconds, inserted: result?.inserted ?? 0, skipped: result?.skipped ?? 0 })}\n`,
  );
} finally {
  await backend.close();
}
