// The `medborgarlofte` command. `npm start` runs `medborgarlofte serve`.
import path from 'node:path';
import { Command, Option } from 'commander';
import { type Config, loadConfig } from '../config.ts';
import { backupDatabase, restoreDatabase } from '../db/backup.ts';
import { ROLES, type Role } from '../domain/permissions.ts';
import { formatFieldErrors } from '../domain/validation.ts';
import { AreaImportError } from '../modules/areas/service.ts';
import { AuthError } from '../modules/auth/service.ts';
import { promiseJsonSchema } from '../modules/promises/json-schema.ts';
import { PromiseImportError } from '../modules/promises/service.ts';
import { type ReportCommand, writeReportFile } from '../modules/report/cli.ts';
import { registerImportCommands } from '../modules/situation/import/cli.ts';
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

registerImportCommands(program);

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

const user = program.command('user').description('Staff accounts');
user
  .command('add')
  .description(
    'Create a user with a role in an LPO (the first admin too). Asks for no password: give it with --password or PASSWORD',
  )
  .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--lpo <slug>', 'local police area, e.g. globen')
  .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
  .option('--password <password>', 'at least 12 characters (default: the PASSWORD environment variable)')
  .action(async (options: { email: string; name: string; lpo: string; role: string; password?: string }) => {
    const role = parseRole(options.role);
    const password = options.password ?? process.env.PASSWORD ?? '';
    await withServices(async ({ services }) => {
      const area = await services.areas.findPoliceArea(options.lpo);
      if (!area) throw new Error(`unknown local police area "${options.lpo}"`);
      const existing = await services.auth.userByEmail(options.email);
      if (!existing)
        await services.auth.createUser({ email: options.email, displayName: options.name, password });
      await services.auth.addMembership(options.email, area.id, role);
      console.log(`${existing ? 'Updated' : 'Created'} ${options.email}: ${role} in ${area.name}.`);
    });
  });
user
  .command('passwd')
  .description('Set a new password (signs the user out everywhere)')
  .requiredOption('--email <email>')
  .option('--password <password>', 'at least 12 characters (default: the PASSWORD environment variable)')
  .action(async (options: { email: string; password?: string }) => {
    await withServices(async ({ services }) => {
      await services.auth.setPassword(options.email, options.password ?? process.env.PASSWORD ?? '');
      console.log(`New password set for ${options.email}.`);
    });
  });
user
  .command('disable')
  .description('Disable an account (signs it out everywhere)')
  .requiredOption('--email <email>')
  .action(async (options: { email: string }) => {
    await withServices(async ({ services }) => {
      await services.auth.disable(options.email);
      console.log(`${options.email} is disabled.`);
    });
  });

function parseRole(raw: string): Role {
  const role = ROLES.find((r) => r === raw);
  if (!role) throw new Error(`unknown role "${raw}"; use one of: ${ROLES.join(', ')}`);
  return role;
}

async function withServices(work: (runtime: Awaited<ReturnType<typeof openServices>>) => Promise<void>) {
  const runtime = await openServices(loadConfig());
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

const iceland = program.command('iceland').description('Islandsmodellen (Iceland-model cases)');
iceland
  .command('retention')
  .description("Remove the details of old cases, keeping only each year's tallies for the public share")
  .requiredOption('--older-than-months <n>', 'remove cases that happened more than this many months ago')
  .option('--dry-run', 'only say what would be removed')
  .action(async (options: { olderThanMonths: string; dryRun?: boolean }) => {
    const months = Number(options.olderThanMonths);
    if (!Number.isInteger(months) || months < 1)
      throw new Error('--older-than-months must be a whole number of at least 1');
    await withServices(async ({ services }) => {
      const report = await services.promises.iceland.retention({
        olderThanMonths: months,
        now: new Date(),
        dryRun: options.dryRun === true,
      });
      if (report.removed === 0) {
        console.log(`No case happened before ${report.cutoff}: nothing to remove.`);
        return;
      }
      console.log(
        report.dryRun
          ? `Would remove ${report.removed} cases that happened before ${report.cutoff} (dry run: nothing changed).`
          : `Removed ${report.removed} cases that happened before ${report.cutoff}; kept per year:`,
      );
      for (const row of report.rows) {
        console.log(`  ${row.lpo} ${row.year}: ${row.decided} decided, ${row.applied} applied`);
      }
    });
  });

program
  .command('report')
  .description("Write an LPO's yearly follow-up report (the same as /lpo/<lpo>/<year>/rapport)")
  .requiredOption('--lpo <slug>', 'local police area, e.g. globen')
  .requiredOption('--year <year>', 'the promise year, e.g. 2026')
  .requiredOption('--out <file>', 'where to write the report, e.g. report.pdf')
  .addOption(new Option('--lang <lang>', 'language').choices(['sv', 'en']).default('sv'))
  .addOption(new Option('--format <format>', 'file format').choices(['pdf', 'html']).default('pdf'))
  .action(async (options: ReportCommand) => {
    const config = loadConfig();
    await withServices(async (runtime) => {
      console.log(await writeReportFile(runtime, config.suppressionThreshold, options));
    });
  });

const database = program.command('db').description('Backups of the whole database');
database
  .command('backup')
  .argument('<file>', 'where to write the backup')
  .description('Back up the database to a file (PGlite: stop the server first)')
  .action(async (file: string) => {
    const config = loadConfig();
    const started = Date.now();
    const result = await backupDatabase(backupTarget(config), file);
    console.log(
      `Backed up the ${result.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} database to ${file} ` +
        `(${(result.bytes / 1024).toFixed(0)} KiB, ${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
  });
database
  .command('restore')
  .argument('<file>', 'a file made by "db backup"')
  .option('--force', 'replace an existing PGlite data folder (it is moved aside, not deleted)')
  .description('Restore the database from a backup (stop the server first)')
  .action(async (file: string, options: { force?: boolean }) => {
    const config = loadConfig();
    const result = await restoreDatabase(backupTarget(config), file, { force: options.force === true });
    console.log(`Restored the ${result.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} database from ${file}.`);
    if (result.movedAside) console.log(`The previous data folder is kept in ${result.movedAside}.`);
  });

function backupTarget(config: Config) {
  return { databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite') };
}

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
  if (error instanceof AuthError) {
    console.error(`Error: ${error.message}`);
  } else if (error instanceof PromiseImportError || error instanceof AreaImportError) {
    console.error(`Error: ${error.message.split('\n')[0]}\n${formatFieldErrors(error.errors)}`);
  } else {
    console.error(`Error: ${(error as Error).message}`);
  }
  process.exitCode = 1;
}
