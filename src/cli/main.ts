// The `medborgarlofte` command. `npm start` runs `medborgarlofte serve`.
import { Command, Option } from 'commander';
import { loadConfig } from '../config.ts';
import { formatFieldErrors } from '../domain/validation.ts';
import { AreaImportError } from '../modules/areas/service.ts';
import { promiseJsonSchema } from '../modules/promises/json-schema.ts';
import { PromiseImportError } from '../modules/promises/service.ts';
import { openServices, serve } from './runtime.ts';

const program = new Command('medborgarlofte')
  .description('Medborgarlöften: promises, logged work and live public follow-up')
  .showHelpAfterError();

program
  .command('serve')
  .description('Run the web server (migrates the database and loads the Globen demo first)')
  .addOption(new Option('--no-demo', 'do not load the Globen demo data'))
  .action(async (options: { demo: boolean }) => {
    await serve(loadConfig(), { demo: options.demo });
  });

program
  .command('migrate')
  .description('Bring the database schema up to date')
  .action(async () => {
    const runtime = await openServices(loadConfig());
    console.log(
      runtime.migrated.length > 0 ? `Applied: ${runtime.migrated.join(', ')}` : 'Already up to date.',
    );
    await runtime.close();
  });

const promise = program.command('promise').description('Citizen promises');
promise
  .command('import')
  .argument('<file>', 'a promise JSON file (schema: /api/schemas/promise.json)')
  .option('--draft', 'store as a draft (not shown publicly)')
  .description("Import or replace an LPO's promise for a year")
  .action(async (file: string, options: { draft?: boolean }) => {
    const runtime = await openServices(loadConfig());
    try {
      const result = await runtime.services.promises.importPromise(
        await readJsonFile(file),
        options.draft ? 'draft' : 'published',
      );
      console.log(
        `${result.created ? 'Imported' : 'Updated'} the promise of ${result.lpo} for ${result.year}.`,
      );
    } finally {
      await runtime.close();
    }
  });

promise
  .command('schema')
  .description('Print the JSON Schema of a promise file (also in schemas/promise.schema.json)')
  .action(() => {
    console.log(JSON.stringify(promiseJsonSchema(), null, 2));
  });

const areas = program.command('areas').description('Police areas and districts');
areas
  .command('import')
  .description('Import or correct the areas (which districts each LPO covers)')
  .option('--definition <file>', 'area definition JSON', 'seed/areas/stockholm-areas.json')
  .option('--geojson <file>', 'district polygons (GeoJSON)', 'seed/areas/stockholm-stadsdelar.geo.json')
  .action(async (options: { definition: string; geojson: string }) => {
    const runtime = await openServices(loadConfig());
    try {
      const summary = await runtime.services.areas.importAreaFiles(options.definition, options.geojson);
      runtime.services.promises.invalidate();
      console.log(
        `Imported ${summary.policeAreas} police areas, ${summary.districtAreas} district areas, ${summary.districts} districts.`,
      );
    } finally {
      await runtime.close();
    }
  });

async function readJsonFile(file: string): Promise<unknown> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PromiseImportError([
      { field: '', message: `cannot read ${file}: ${(error as Error).message}` },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PromiseImportError([
      { field: '', message: `${file} is not valid JSON: ${(error as Error).message}` },
    ]);
  }
}

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof PromiseImportError || error instanceof AreaImportError) {
    console.error(`Error: ${error.message.split('\n')[0]}\n${formatFieldErrors(error.errors)}`);
  } else {
    console.error(`Error: ${(error as Error).message}`);
  }
  process.exitCode = 1;
}
