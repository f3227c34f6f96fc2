// Crash safety: the real server as a child process, concurrent staff writes over HTTP (weekend shifts,
// safety-walk observations and their status changes) and a promise import as a CLI child, all killed
// with SIGKILL at seeded random moments, then restarted. After every kill the database is opened again
// and checked: every write that was acknowledged (303 or exit code 0) is there exactly once, and nothing
// is half-written (a shift without its audit row, an observation without its status history, a promise
// without its commitments). Writes cut off by a kill are sent again with the same submission id in the
// next cycle, as a person would after an error page; they too must land once.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { generate } from 'otplib';
import { openServices } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { loadDemo } from '../../src/db/seed/index.ts';
import type { Database } from '../../src/db/types.ts';
import { addDays, stockholmDate } from '../../src/domain/iso-week.ts';
import { type Random, seededRandom } from '../../src/domain/random.ts';
import {
  type CommandEnv,
  commandEnv,
  HttpStaffSession,
  type RunningServer,
  spawnCommand,
  startServe,
} from './server-child.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EMAIL = 'krasch.lead@example.se';
const PASSWORD = 'krasch-test lösenord 2026';
const WORKERS = 6;
/** Where the imported promises go: an LPO without a promise of its own in those years. */
const IMPORT_LPO = 'farsta';
const IMPORT_FIRST_YEAR = 2040;
const STATUS_PATH = ['open', 'sent', 'accepted', 'fixed'] as const;
/** Imported event files: new ids above the police's own, a fresh range per cycle. */
const EVENT_ID_BASE = 900_000_000;
const EVENT_RECORDS = 400;

export interface CrashOptions {
  target: CommandEnv;
  cycles: number;
  seed: number;
  /** A progress line per cycle. */
  log?: (line: string) => void;
}

export interface CrashReport {
  backend: 'pglite' | 'postgres';
  cycles: number;
  acknowledged: Record<WriteKind, number>;
  /** Requests cut off by a kill (no answer), per kind. */
  cutOff: Record<WriteKind, number>;
  /** Writes cut off by a kill that had committed all the same (allowed: the answer was lost, not the write). */
  committedUnacknowledged: number;
  /** Acknowledged writes missing or changed after a restart (must be empty). */
  lost: string[];
  /** Acknowledged writes found more than once (must be empty). */
  duplicated: string[];
  /** Records without the rows that belong to them (must be empty). */
  halfWritten: string[];
  /** How long each restart took until the server said it was open, ms. */
  restartMs: number[];
}

type WriteKind = 'shift' | 'observation' | 'status' | 'import' | 'events';

interface ShiftWrite {
  kind: 'shift';
  submissionId: string;
  fields: Record<string, string | string[]>;
  note: string;
}
interface ObservationWrite {
  kind: 'observation';
  submissionId: string;
  fields: Record<string, string>;
  description: string;
}
interface StatusWrite {
  kind: 'status';
  observationId: number;
  status: (typeof STATUS_PATH)[number];
}
type HttpWrite = ShiftWrite | ObservationWrite | StatusWrite;

/** What the harness knows: what was acknowledged (with the id the server gave) and what was cut off. */
interface Ledger {
  shifts: Map<string, { id: number; note: string }>;
  observations: Map<string, { id: number; description: string }>;
  /** Observation id → the statuses acknowledged for it, in order. */
  statuses: Map<number, string[]>;
  /** Promise imports acknowledged: year → title. */
  imports: Map<number, string>;
  /** Event files whose import was acknowledged, and those still to finish: file → source ids. */
  eventFiles: Map<string, string[]>;
  pendingEventFiles: Map<string, string[]>;
  cutOff: HttpWrite[];
  /** Submission ids of shifts and observations ever cut off (to count those that committed anyway). */
  everCutOff: Set<string>;
  counts: { acknowledged: Record<WriteKind, number>; cutOff: Record<WriteKind, number> };
}

interface Fixture {
  userId: number;
  totpSecret: string;
  walkId: number;
  importDoc: Record<string, unknown>;
  /** Commitments in the imported promise: every imported promise must have them all. */
  importCommitments: number;
  /** Real police events the demo import took in, as records to import again under new ids. */
  eventRecords: { id: number | string }[];
}

export async function runCrashCycles(options: CrashOptions): Promise<CrashReport> {
  const log = options.log ?? (() => {});
  const rng = seededRandom(options.seed);
  const fixture = await prepare(options.target);
  const ledger: Ledger = {
    shifts: new Map(),
    observations: new Map(),
    statuses: new Map(),
    imports: new Map(),
    eventFiles: new Map(),
    pendingEventFiles: new Map(),
    cutOff: [],
    everCutOff: new Set(),
    counts: { acknowledged: zero(), cutOff: zero() },
  };
  const report: CrashReport = {
    backend: options.target.databaseUrl ? 'postgres' : 'pglite',
    cycles: 0,
    acknowledged: ledger.counts.acknowledged,
    cutOff: ledger.counts.cutOff,
    committedUnacknowledged: 0,
    lost: [],
    duplicated: [],
    halfWritten: [],
    restartMs: [],
  };
  const concurrentImport = report.backend === 'postgres';
  for (let cycle = 1; cycle <= options.cycles; cycle++) {
    const started = performance.now();
    const server = await startServe(options.target, ['--no-demo']);
    report.restartMs.push(Math.round(performance.now() - started));
    const year = IMPORT_FIRST_YEAR + cycle;
    if (concurrentImport) {
      // A server takes both imports beside the HTTP writes.
      await Promise.all([
        importPromise(options.target, fixture, year, rng, ledger),
        importEvents(options.target, fixture, cycle, rng, ledger),
        writeUntilKilled(server, fixture, rng, ledger),
      ]);
    } else {
      // PGlite is one process per data folder: an import runs while the server is down, one kind per
      // cycle in turn to keep the cycle short.
      await writeUntilKilled(server, fixture, rng, ledger);
      if (cycle % 2 === 1) await importPromise(options.target, fixture, year, rng, ledger);
      else await importEvents(options.target, fixture, cycle, rng, ledger);
    }
    const check = await verify(options.target, fixture, ledger);
    report.lost.push(...check.lost.map((s) => `cycle ${cycle}: ${s}`));
    report.duplicated.push(...check.duplicated.map((s) => `cycle ${cycle}: ${s}`));
    report.halfWritten.push(...check.halfWritten.map((s) => `cycle ${cycle}: ${s}`));
    report.committedUnacknowledged = check.committedUnacknowledged;
    report.cycles = cycle;
    log(
      `${report.backend} cycle ${cycle}/${options.cycles}: acknowledged ${total(ledger.counts.acknowledged)}, ` +
        `cut off ${total(ledger.counts.cutOff)}, lost ${report.lost.length}, restart ${report.restartMs.at(-1)} ms`,
    );
  }
  return report;
}

function zero(): Record<WriteKind, number> {
  return { shift: 0, observation: 0, status: 0, import: 0, events: 0 };
}

export function total(counts: Record<WriteKind, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** Demo data, a lead with a second factor, a walk carried out yesterday (observations need one). */
async function prepare(target: CommandEnv): Promise<Fixture> {
  const runtime = await openServices(
    loadConfig({ DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl }),
  );
  try {
    const { areas, auth, promises } = runtime.services;
    await loadDemo(runtime.db, { areas, promises });
    const globen = await areas.findPoliceArea('globen');
    if (!globen) throw new Error('the demo has no Globen');
    const userId = await auth.createUser({ email: EMAIL, displayName: 'Krasch Test', password: PASSWORD });
    await auth.addMembership(EMAIL, globen.id, 'lead');
    const { secret } = await auth.startTotpSetup(userId);
    if (!(await auth.confirmTotp(userId, await generate({ secret })))) throw new Error('TOTP set-up failed');
    const yesterday = addDays(stockholmDate(new Date()), -1);
    const [district] = await areas.districtsOf(globen.id);
    if (!district) throw new Error('Globen has no districts');
    const ctx = { userId, policeAreaId: globen.id, invalidate: () => {} };
    const walk = await promises.safetyWalks.planWalk(ctx, {
      walkDate: yesterday,
      districtId: district.id,
      partners: ['residents'],
      partnersOther: null,
      notes: null,
      submissionId: randomUUID(),
    });
    if (!walk) throw new Error('could not plan the walk');
    await promises.safetyWalks.completeWalk(ctx, walk.id, { doneOn: yesterday, route: null });
    const importDoc = JSON.parse(readFileSync(path.join(ROOT, 'seed/promises/globen-2026.json'), 'utf8'));
    const importCommitments = Array.isArray(importDoc.commitments) ? importDoc.commitments.length : 0;
    return {
      userId,
      totpSecret: secret,
      walkId: walk.id,
      importDoc,
      importCommitments,
      eventRecords: await importedEventRecords(runtime.db),
    };
  } finally {
    await runtime.close();
  }
}

/** Workers post writes until the server is killed at a random moment; then every open request fails. */
async function writeUntilKilled(server: RunningServer, fixture: Fixture, rng: Random, ledger: Ledger) {
  const session = new HttpStaffSession(server.origin);
  await session.signIn(EMAIL, PASSWORD, fixture.totpSecret);
  // A page with a form: its token is good for every form of this session.
  await session.get('/staff/globen/helginsats/ny');
  const retries = ledger.cutOff.splice(0).filter((w) => w.kind !== 'status' && rng.chance(0.5));
  let killed = false;
  let failure: Error | undefined;
  const workers = Array.from({ length: WORKERS }, async (_, worker) => {
    while (!killed) {
      const write = retries.shift() ?? nextWrite(rng, ledger, worker);
      const result = await send(session, fixture, write).catch(() => undefined);
      // No answer: the kill cut it off.
      if (result === undefined) {
        ledger.counts.cutOff[write.kind]++;
        ledger.cutOff.push(write);
        if (write.kind !== 'status') ledger.everCutOff.add(write.submissionId);
        continue;
      }
      if (result.status !== 303) {
        const reasons = [...result.body.matchAll(/class="field-error"[^>]*>([^<]*)</g)].map((m) => m[1]);
        failure ??= new Error(
          `a ${write.kind} write was refused while the server ran: ${result.status} ${reasons.join('; ')} ` +
            JSON.stringify(write),
        );
        killed = true;
        return;
      }
      acknowledge(ledger, write, result.location);
    }
  });
  await sleep(rng.int(300, 2500));
  killed = true;
  server.child.kill('SIGKILL');
  await server.exited;
  await Promise.all(workers);
  if (failure) throw failure;
}

function nextWrite(rng: Random, ledger: Ledger, worker: number): HttpWrite {
  const today = stockholmDate(new Date());
  const roll = rng.next();
  // Each worker moves only its own observations along, so two never race on one.
  const movable = [...ledger.statuses].filter(
    ([id, statuses]) => id % WORKERS === worker && statuses.length < STATUS_PATH.length,
  );
  if (roll < 0.2 && movable.length > 0) {
    const [observationId, statuses] = rng.pick(movable);
    return { kind: 'status', observationId, status: STATUS_PATH[statuses.length] ?? 'fixed' };
  }
  const marker = `krasch ${randomUUID()}`;
  if (roll < 0.6) {
    return {
      kind: 'shift',
      submissionId: randomUUID(),
      note: marker,
      fields: {
        start_date: addDays(today, -rng.int(1, 20)),
        start_time: '21:00',
        end_time: '02:00',
        officers: String(rng.int(2, 8)),
        places: rng.sample(['avicii-arena', 'gullmarsplan', 'krogar-globen-city'], rng.int(1, 3)),
        premises_inspected: String(rng.int(0, 5)),
        youth_contacts: String(rng.int(0, 30)),
        note: marker,
      },
    };
  }
  return {
    kind: 'observation',
    submissionId: randomUUID(),
    description: marker,
    fields: {
      lat: `59,29${rng.int(10, 60)}`,
      lon: `18,08${rng.int(10, 90)}`,
      place: '',
      category: rng.pick(['lighting', 'vegetation', 'litter', 'damage', 'other']),
      description: marker,
      owner: '',
    },
  };
}

async function send(session: HttpStaffSession, fixture: Fixture, write: HttpWrite) {
  switch (write.kind) {
    case 'shift':
      return session.post('/staff/globen/helginsats', { submission_id: write.submissionId, ...write.fields });
    case 'observation':
      return session.post(`/staff/globen/trygghetsvandringar/${fixture.walkId}/iakttagelser`, {
        submission_id: write.submissionId,
        ...write.fields,
      });
    case 'status':
      return session.post(`/staff/globen/iakttagelser/${write.observationId}/status`, {
        status: write.status,
        at: stockholmDate(new Date()),
        comment: '',
        owner: write.status === 'sent' ? 'Stockholm stad, trafikkontoret' : '',
      });
  }
}

function acknowledge(ledger: Ledger, write: HttpWrite, location: string) {
  ledger.counts.acknowledged[write.kind]++;
  if (write.kind === 'shift') {
    const id = Number(/\/helginsats\/(\d+)\?saved=1$/.exec(location)?.[1]);
    ledger.shifts.set(write.submissionId, { id, note: write.note });
  } else if (write.kind === 'observation') {
    const id = Number(/#observation-(\d+)$/.exec(location)?.[1]);
    ledger.observations.set(write.submissionId, { id, description: write.description });
    if (!ledger.statuses.has(id)) ledger.statuses.set(id, ['open']);
  } else {
    const statuses = ledger.statuses.get(write.observationId) ?? [];
    if (!statuses.includes(write.status)) statuses.push(write.status);
  }
}

/** `medborgarlofte promise import` for a new year. */
async function importPromise(
  target: CommandEnv,
  fixture: Fixture,
  year: number,
  rng: Random,
  ledger: Ledger,
) {
  const title = `Kraschtest ${year}`;
  const doc = {
    ...fixture.importDoc,
    lpo: IMPORT_LPO,
    year,
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    title,
  };
  const file = path.join(target.dataDir, `promise-${year}.json`);
  writeFileSync(file, JSON.stringify(doc));
  if (await runKilled(target, ['promise', 'import', file], rng)) {
    ledger.counts.acknowledged.import++;
    ledger.imports.set(year, title);
  } else {
    ledger.counts.cutOff.import++;
  }
}

/**
 * `medborgarlofte import events` of a new file of real police events (new ids), together with every
 * earlier file whose import a kill cut off: those resume after their last committed batch.
 */
async function importEvents(
  target: CommandEnv,
  fixture: Fixture,
  cycle: number,
  rng: Random,
  ledger: Ledger,
) {
  const offset = EVENT_ID_BASE + cycle * 100_000;
  const records = fixture.eventRecords.map((r) => ({ ...r, id: offset + (Number(r.id) % 100_000) }));
  const file = path.join(target.dataDir, `events-${cycle}.json`);
  writeFileSync(file, JSON.stringify(records));
  ledger.pendingEventFiles.set(
    file,
    records.map((r) => String(r.id)),
  );
  const files = [...ledger.pendingEventFiles.keys()];
  if (await runKilled(target, ['import', 'events', '--batch-size', '50', ...files], rng)) {
    ledger.counts.acknowledged.events++;
    for (const done of files) {
      ledger.eventFiles.set(done, ledger.pendingEventFiles.get(done) ?? []);
      ledger.pendingEventFiles.delete(done);
    }
  } else {
    ledger.counts.cutOff.events++;
  }
}

/** Runs a CLI command and SIGKILLs it at a random moment, or lets it finish; true when it exited 0. */
async function runKilled(target: CommandEnv, args: string[], rng: Random): Promise<boolean> {
  const child = spawnCommand(args, commandEnv(target));
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), rng.chance(0.35) ? 120_000 : rng.int(300, 6000));
  const code = await exit;
  clearTimeout(timer);
  if (code === null) return false;
  if (code !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed with exit code ${code}:\n${output}`);
  return true;
}

interface Check {
  lost: string[];
  duplicated: string[];
  halfWritten: string[];
  committedUnacknowledged: number;
}

/** Opens the database (PGlite: recovering from the kill) and checks the ledger against it. */
async function verify(target: CommandEnv, fixture: Fixture, ledger: Ledger): Promise<Check> {
  const handle = openDatabase(
    target.databaseUrl
      ? { databaseUrl: target.databaseUrl }
      : { pgliteDir: path.join(target.dataDir, 'pglite') },
  );
  try {
    const check: Check = { lost: [], duplicated: [], halfWritten: [], committedUnacknowledged: 0 };
    await checkShifts(handle.db, fixture, ledger, check);
    await checkObservations(handle.db, fixture, ledger, check);
    await checkImports(handle.db, fixture, ledger, check);
    await checkEvents(handle.db, ledger, check);
    return check;
  } finally {
    await handle.db.destroy();
  }
}

async function checkShifts(db: Kysely<Database>, fixture: Fixture, ledger: Ledger, check: Check) {
  const rows = await db
    .selectFrom('weekend_shift')
    .select(['id', 'submission_id', 'note'])
    .where('created_by', '=', fixture.userId)
    .execute();
  const audits = await auditCounts(db, 'shift.create');
  const bySubmission = groupBy(rows, (r) => r.submission_id ?? '');
  for (const [submissionId, acked] of ledger.shifts) {
    const found = bySubmission.get(submissionId) ?? [];
    if (found.length > 1) check.duplicated.push(`shift ${submissionId} ×${found.length}`);
    const row = found[0];
    if (!row || row.id !== acked.id || row.note !== acked.note)
      check.lost.push(`shift ${acked.id} (${submissionId})`);
  }
  for (const row of rows) {
    const n = audits.get(String(row.id)) ?? 0;
    if (n !== 1) check.halfWritten.push(`shift ${row.id} has ${n} audit rows`);
    if (!ledger.shifts.has(row.submission_id ?? '') && ledger.everCutOff.has(row.submission_id ?? ''))
      check.committedUnacknowledged++;
  }
}

async function checkObservations(db: Kysely<Database>, fixture: Fixture, ledger: Ledger, check: Check) {
  const rows = await db
    .selectFrom('observation')
    .select(['id', 'submission_id', 'description', 'status'])
    .where('safety_walk_id', '=', fixture.walkId)
    .execute();
  const events = await db
    .selectFrom('observation_event')
    .select(['observation_id', 'status'])
    .where(
      'observation_id',
      'in',
      db.selectFrom('observation').select('id').where('safety_walk_id', '=', fixture.walkId),
    )
    .orderBy('id')
    .execute();
  const eventsOf = groupBy(events, (e) => e.observation_id);
  const created = await auditCounts(db, 'observation.create');
  const changed = await auditCounts(db, 'observation.status');
  const bySubmission = groupBy(rows, (r) => r.submission_id ?? '');
  for (const [submissionId, acked] of ledger.observations) {
    const found = bySubmission.get(submissionId) ?? [];
    if (found.length > 1) check.duplicated.push(`observation ${submissionId} ×${found.length}`);
    const row = found[0];
    if (!row || row.id !== acked.id || row.description !== acked.description)
      check.lost.push(`observation ${acked.id} (${submissionId})`);
  }
  for (const [id, statuses] of ledger.statuses) {
    const history = (eventsOf.get(id) ?? []).map((e) => e.status);
    for (const status of statuses) {
      const n = history.filter((s) => s === status).length;
      if (n === 0) check.lost.push(`observation ${id} status ${status}`);
      if (n > 1) check.duplicated.push(`observation ${id} status ${status} ×${n}`);
    }
  }
  for (const row of rows) {
    const history = (eventsOf.get(row.id) ?? []).map((e) => e.status);
    const key = String(row.id);
    if (history[0] !== 'open') check.halfWritten.push(`observation ${row.id} has no opening event`);
    if (history.at(-1) !== row.status)
      check.halfWritten.push(`observation ${row.id} is ${row.status} but its history ends ${history.at(-1)}`);
    if ((created.get(key) ?? 0) !== 1) check.halfWritten.push(`observation ${row.id} has no creation audit`);
    if ((changed.get(key) ?? 0) !== history.length - 1)
      check.halfWritten.push(
        `observation ${row.id}: ${history.length - 1} changes, ${changed.get(key)} audits`,
      );
    if (!ledger.observations.has(row.submission_id ?? '') && ledger.everCutOff.has(row.submission_id ?? ''))
      check.committedUnacknowledged++;
  }
}

async function checkImports(db: Kysely<Database>, fixture: Fixture, ledger: Ledger, check: Check) {
  const promises = await db
    .selectFrom('promise as p')
    .innerJoin('police_area as a', 'a.id', 'p.police_area_id')
    .select(['p.id', 'p.year', 'p.title'])
    .where('a.slug', '=', IMPORT_LPO)
    .where('p.year', '>', IMPORT_FIRST_YEAR)
    .execute();
  const commitments = await db
    .selectFrom('commitment')
    .select(['promise_id'])
    .where('promise_id', 'in', promises.map((p) => p.id).concat(0))
    .execute();
  const versions = await db
    .selectFrom('promise_version')
    .select(['promise_id'])
    .where('promise_id', 'in', promises.map((p) => p.id).concat(0))
    .execute();
  const byYear = groupBy(promises, (p) => p.year);
  for (const [year, title] of ledger.imports) {
    const found = byYear.get(year) ?? [];
    if (found.length > 1) check.duplicated.push(`promise ${year} ×${found.length}`);
    if (found[0]?.title !== title) check.lost.push(`promise import ${year}`);
  }
  for (const promise of promises) {
    const n = commitments.filter((c) => c.promise_id === promise.id).length;
    if (n !== fixture.importCommitments)
      check.halfWritten.push(`promise ${promise.year} has ${n} of ${fixture.importCommitments} commitments`);
    if (!versions.some((v) => v.promise_id === promise.id))
      check.halfWritten.push(`promise ${promise.year} has no version`);
  }
}

async function checkEvents(db: Kysely<Database>, ledger: Ledger, check: Check) {
  for (const [file, ids] of ledger.eventFiles) {
    const rows = await db
      .selectFrom('event')
      .select('source_id')
      .where('source', '=', 'polisen')
      .where('source_id', 'in', ids)
      .execute();
    if (rows.length !== ids.length)
      check.lost.push(`${path.basename(file)}: ${rows.length} of ${ids.length} events`);
  }
}

/** Up to EVENT_RECORDS records of the seed file that the demo import took in (so they import cleanly). */
async function importedEventRecords(db: Kysely<Database>): Promise<{ id: number | string }[]> {
  const records = JSON.parse(
    readFileSync(path.join(ROOT, 'seed/events/polisen_events_stockholm.json'), 'utf8'),
  );
  const stored = await db.selectFrom('event').select('source_id').where('source', '=', 'polisen').execute();
  const ids = new Set(stored.map((r) => r.source_id));
  const taken = (records as { id: number | string }[]).filter((r) => ids.has(String(r.id)));
  return taken.slice(0, EVENT_RECORDS);
}

async function auditCounts(db: Kysely<Database>, action: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['entity_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('action', '=', action)
    .groupBy('entity_id')
    .execute();
  return new Map(rows.map((r) => [r.entity_id ?? '', Number(r.n)]));
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
