// Loads what a fresh installation shows: the Stockholm areas, Globen's promises and the generated demo
// work. Each set is recorded in seed_run, so a second start adds nothing and never overwrites edits.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { stockholmDate } from '../../domain/iso-week.ts';
import type { AreasService } from '../../modules/areas/service.ts';
import { loadDemoDialogue } from '../../modules/dialogue/demo.ts';
import type { PromisesService } from '../../modules/promises/service.ts';
import { importEventFiles } from '../../modules/situation/import/importer.ts';
import { insertDemoUpdates } from '../../modules/updates/demo.ts';
import type { Database } from '../types.ts';
import { generateDemoWork, insertDemoWork } from './demo-work.ts';

export const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');

const DEMO_PROMISES = ['globen-2025.json', 'globen-2026.json'];
const DEMO_YEARS = [2025, 2026];
const POLICE_EVENTS = 'events/polisen_events_stockholm.json';

export interface SeedReport {
  loaded: string[];
  skipped: string[];
}

export async function loadDemo(
  db: Kysely<Database>,
  services: { areas: AreasService; promises: PromisesService },
  now: Date = new Date(),
): Promise<SeedReport> {
  const report: SeedReport = { loaded: [], skipped: [] };
  const done = new Set((await db.selectFrom('seed_run').select('name').execute()).map((r) => r.name));
  const mark = async (name: string, detail: unknown) => {
    await db
      .insertInto('seed_run')
      .values({ name, detail: JSON.stringify(detail) })
      .execute();
    report.loaded.push(name);
  };

  if (done.has('areas')) report.skipped.push('areas');
  else {
    const summary = await services.areas.importAreaFiles(
      path.join(SEED_DIR, 'areas/stockholm-areas.json'),
      path.join(SEED_DIR, 'areas/stockholm-stadsdelar.geo.json'),
    );
    await mark('areas', summary);
  }

  if (done.has('globen-promises')) report.skipped.push('globen-promises');
  else {
    for (const file of DEMO_PROMISES)
      await services.promises.importPromiseFile(path.join(SEED_DIR, 'promises', file));
    await mark('globen-promises', { files: DEMO_PROMISES });
  }

  if (done.has('globen-demo-work')) report.skipped.push('globen-demo-work');
  else {
    const globen = await services.areas.findPoliceArea('globen');
    if (!globen) throw new Error('LPO Globen is missing: the areas were not loaded');
    const districts = await services.areas.districtsOf(globen.id);
    const until = stockholmDate(now);
    const work = generateDemoWork(
      globen.id,
      districts.map((d) => d.id),
      DEMO_YEARS,
      until,
    );
    // The work and its marker in one transaction: a crash leaves either both or neither.
    await db.transaction().execute(async (trx) => {
      await insertDemoWork(trx, work);
      await trx
        .insertInto('seed_run')
        .values({ name: 'globen-demo-work', detail: JSON.stringify({ until, shifts: work.shifts.length }) })
        .execute();
    });
    report.loaded.push('globen-demo-work');
    services.promises.invalidate();
  }

  if (done.has('globen-places')) report.skipped.push('globen-places');
  else {
    const globen = await services.areas.findPoliceArea('globen');
    if (!globen) throw new Error('LPO Globen is missing: the areas were not loaded');
    const places = await services.promises.weekend.importPlaceFile(
      globen,
      path.join(SEED_DIR, 'places/globen.json'),
    );
    await mark('globen-places', { places });
    // The public page names the places of the latest shifts.
    services.promises.invalidate();
  }
  if (done.has('globen-demo-updates')) report.skipped.push('globen-demo-updates');
  else {
    const globen = await services.areas.findPoliceArea('globen');
    if (!globen) throw new Error('LPO Globen is missing: the areas were not loaded');
    const until = stockholmDate(now);
    const year = DEMO_YEARS.includes(Number(until.slice(0, 4))) ? Number(until.slice(0, 4)) : 2026;
    await db.transaction().execute(async (trx) => {
      const updates = await insertDemoUpdates(trx, globen.id, year, until);
      await trx
        .insertInto('seed_run')
        .values({ name: 'globen-demo-updates', detail: JSON.stringify({ until, updates }) })
        .execute();
    });
    report.loaded.push('globen-demo-updates');
    services.promises.invalidate();
  }
  if (done.has('globen-demo-dialogue')) report.skipped.push('globen-demo-dialogue');
  else {
    // After the places: demo input names some of them.
    await loadDemoDialogue(db, services, 'globen', 'globen-demo-dialogue', now);
    report.loaded.push('globen-demo-dialogue');
  }
  if (done.has('polisen-events')) report.skipped.push('polisen-events');
  else {
    // Real published police events, so not demo data (is_demo stays false). After the areas and places:
    // they are placed by those names. Idempotent and resumable: a start that dies here finishes next time.
    // One batch: the rollups of the file's 42 months are computed once.
    const events = await importEventFiles(db, [path.join(SEED_DIR, POLICE_EVENTS)], { batchSize: 5_000 });
    await mark('polisen-events', { file: POLICE_EVENTS, inserted: events.files[0]?.inserted ?? 0 });
    services.promises.invalidate();
  }
  return report;
}
