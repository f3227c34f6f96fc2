// Promises: import (validated, all-or-nothing), and their live progress computed from logged work.
// Progress is computed once per (promise, day) and kept until data behind it changes.
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { isIsoDate, stockholmDate } from '../../domain/iso-week.ts';
import type { Target } from '../../domain/target-schema.ts';
import {
  type Evaluation,
  evaluateTarget,
  type Occurrence,
  type Period,
  periodFor,
  yearsOf,
} from '../../domain/targets.ts';
import { type FieldError, formatFieldErrors, validate } from '../../domain/validation.ts';
import { type WeekPoint, weeklySeries } from '../../domain/weekly-series.ts';
import type { AreasService } from '../areas/service.ts';
import { createIcelandService } from '../iceland/service.ts';
import { createSafetyWalksService, type SafetyWalkSummary } from '../safetywalks/service.ts';
import { createWeekendService, type WeekendWorkSummary } from '../weekend/service.ts';
import { createPromisesRepo, type StoredPromise } from './repo.ts';
import { type Commitment, PromiseFile } from './schema.ts';

export class PromiseImportError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`The promise is not valid:\n${formatFieldErrors(errors)}`);
  }
}

export interface TargetProgress {
  index: number;
  target: Target;
  evaluation: Evaluation;
  /** True when the figures are hidden because too few cases would let someone be identified. */
  suppressed: boolean;
  weekly: WeekPoint[];
}

export interface CommitmentProgress {
  commitment: Commitment;
  targets: TargetProgress[];
  weekend?: WeekendWorkSummary;
  safetyWalks?: SafetyWalkSummary;
}

export interface PromiseProgress {
  promise: StoredPromise;
  /** The year whose per-year targets are shown. */
  year: number;
  today: string;
  commitments: CommitmentProgress[];
}

export interface PromisesServiceOptions {
  areas: AreasService;
  clock: () => Date;
  suppressionThreshold: number;
  /** Called after data behind public pages changed (to drop cached pages). */
  onChange?: () => void;
}

export function createPromisesService(db: Kysely<Database>, options: PromisesServiceOptions) {
  const repo = createPromisesRepo(db);
  const weekend = createWeekendService(db);
  const safetyWalks = createSafetyWalksService(db);
  const iceland = createIcelandService(db);
  const progressCache = new Map<string, Promise<PromiseProgress>>();

  // The Stockholm date is part of every public cache key; work it out at most once a second.
  let todayCache: { at: number; date: string } | undefined;
  function today(): string {
    const now = options.clock().getTime();
    if (todayCache === undefined || Math.abs(now - todayCache.at) >= 1000) {
      todayCache = { at: now, date: stockholmDate(new Date(now)) };
    }
    return todayCache.date;
  }

  /** Validate and store a promise; replaces the same LPO's promise for that year. All or nothing. */
  async function importPromise(
    input: unknown,
    status: 'draft' | 'published' = 'published',
    changedBy: number | null = null,
  ): Promise<{ id: number; created: boolean; lpo: string; year: number; changes: string[] }> {
    const doc = parsePromise(input);
    const area = await options.areas.findPoliceArea(doc.lpo);
    if (!area) {
      throw new PromiseImportError([{ field: 'lpo', message: `unknown local police area "${doc.lpo}"` }]);
    }
    const saved = await db.transaction().execute((trx) => repo.save(trx, area.id, doc, status, changedBy));
    invalidate();
    return { ...saved, lpo: doc.lpo, year: doc.year };
  }

  async function importPromiseFile(file: string, status?: 'draft' | 'published') {
    let input: unknown;
    try {
      input = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new PromiseImportError([{ field: '', message: `${file}: ${(error as Error).message}` }]);
    }
    return importPromise(input, status);
  }

  function invalidate(): void {
    progressCache.clear();
    options.onChange?.();
  }

  async function occurrencesFor(
    promise: StoredPromise,
    commitment: Commitment,
    index: number,
    period: Period,
  ): Promise<Occurrence[]> {
    const target = commitment.targets[index];
    if (!target) return [];
    if (target.source === 'reported') {
      const rows = await db
        .selectFrom('target_report as r')
        .innerJoin('commitment as c', 'c.id', 'r.commitment_id')
        .select(['r.reported_on', 'r.value', 'r.ok', 'r.area'])
        .where('c.promise_id', '=', promise.id)
        .where('c.key', '=', commitment.key)
        .where('r.target_index', '=', index)
        .execute();
      return rows.map((r) => ({
        date: r.reported_on,
        count: r.value,
        ...(r.ok === null ? {} : { ok: r.ok }),
        ...(r.area === null ? {} : { area: r.area }),
      }));
    }
    switch (commitment.kind) {
      case 'weekend_operation':
        return weekend.occurrences(promise.police_area_id, period);
      case 'safety_walks':
        return safetyWalks.occurrences(promise.police_area_id, period);
      case 'iceland_model':
        return iceland.occurrences(promise.police_area_id, period);
      case 'custom':
        return [];
    }
  }

  async function computeProgress(promise: StoredPromise, day: string): Promise<PromiseProgress> {
    const validity = { from: promise.valid_from, to: promise.valid_to };
    const year = yearToShow(validity, day);
    const commitments: CommitmentProgress[] = [];
    for (const commitment of promise.document.commitments) {
      const targets: TargetProgress[] = [];
      for (const [index, target] of commitment.targets.entries()) {
        const period = periodFor(target, validity, year);
        const occurrences = await occurrencesFor(promise, commitment, index, period);
        const evaluation = evaluateTarget(target, occurrences, { today: day, period });
        targets.push({
          index,
          target,
          evaluation,
          suppressed:
            commitment.kind === 'iceland_model' && (evaluation.cases ?? 0) < options.suppressionThreshold,
          weekly: weeklySeries(target, occurrences, period, day),
        });
      }
      const yearPeriod = { from: `${year}-01-01`, to: `${year}-12-31` };
      commitments.push({
        commitment,
        targets,
        ...(commitment.kind === 'weekend_operation'
          ? { weekend: await weekend.summary(promise.police_area_id, yearPeriod) }
          : {}),
        ...(commitment.kind === 'safety_walks'
          ? { safetyWalks: await safetyWalks.summary(promise.police_area_id, yearPeriod) }
          : {}),
      });
    }
    return { promise, year, today: day, commitments };
  }

  /** Progress of the LPO's promise for a year, or undefined when there is none (or it is a draft). */
  async function progress(lpoSlug: string, year: number): Promise<PromiseProgress | undefined> {
    const promise = await repo.find(lpoSlug, year);
    if (promise?.status !== 'published') return undefined;
    const day = today();
    const key = `${promise.id}:${promise.updated_at.getTime()}:${day}`;
    let cached = progressCache.get(key);
    if (!cached) {
      cached = computeProgress(promise, day);
      progressCache.set(key, cached);
      cached.catch(() => progressCache.delete(key));
    }
    return cached;
  }

  /** The published promise years of an LPO, newest first. */
  async function publishedYears(
    lpoSlug: string,
  ): Promise<{ year: number; title: string; isDemo: boolean }[]> {
    const promises = await repo.listForArea(lpoSlug);
    return promises
      .filter((p) => p.status === 'published')
      .map((p) => ({ year: p.year, title: p.title, isDemo: p.is_demo }));
  }

  /** The year a visitor should see first: the promise in force today, else the latest one. */
  async function currentYear(lpoSlug: string): Promise<number | undefined> {
    const promises = (await repo.listForArea(lpoSlug)).filter((p) => p.status === 'published');
    const day = today();
    const inForce = promises.find((p) => p.valid_from <= day && day <= p.valid_to);
    return (inForce ?? promises[0])?.year;
  }

  /** Whether an LPO's work records include generated demo data (the pages then say so). */
  async function hasDemoWork(policeAreaId: number): Promise<boolean> {
    const row = await db
      .selectFrom('weekend_shift')
      .select('id')
      .where('police_area_id', '=', policeAreaId)
      .where('is_demo', '=', true)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** A promise as the editor sees it: drafts included, with its change history. */
  async function forEditing(lpoSlug: string, year: number) {
    const promise = await repo.find(lpoSlug, year);
    if (!promise) return undefined;
    return { promise, history: await repo.history(promise.id) };
  }

  /** Changes made to a promise after it was first published, newest first. */
  async function publishedChanges(promiseId: number): Promise<{ changedAt: Date; lines: string[] }[]> {
    const versions = await repo.history(promiseId);
    const firstPublished = Math.min(
      ...versions.filter((v) => v.status === 'published').map((v) => v.version),
    );
    return versions
      .filter((v) => v.status === 'published' && v.version > firstPublished && v.changes.length > 0)
      .map((v) => ({ changedAt: v.changed_at, lines: v.changes }));
  }

  return {
    importPromise,
    forEditing,
    publishedChanges,
    history: repo.history,
    allYears: repo.listForArea,
    hasDemoWork,
    importPromiseFile,
    invalidate,
    progress,
    publishedYears,
    currentYear,
    today,
    listAll: repo.listAll,
    weekend,
    safetyWalks,
    iceland,
  };
}

export type PromisesService = ReturnType<typeof createPromisesService>;

/** Schema validation plus the rules a schema cannot say. */
export function parsePromise(input: unknown): PromiseFile {
  const result = validate(PromiseFile, input);
  if (!result.ok) throw new PromiseImportError(result.errors);
  const doc = result.value;
  const errors: FieldError[] = [];
  if (!isIsoDate(doc.validFrom)) errors.push({ field: 'validFrom', message: 'not a real calendar date' });
  if (!isIsoDate(doc.validTo)) errors.push({ field: 'validTo', message: 'not a real calendar date' });
  if (doc.validFrom > doc.validTo) errors.push({ field: 'validTo', message: 'must not be before validFrom' });
  if (Number(doc.validFrom.slice(0, 4)) !== doc.year) {
    errors.push({ field: 'year', message: `must be the year of validFrom (${doc.validFrom.slice(0, 4)})` });
  }
  const keys = new Set<string>();
  for (const [i, commitment] of doc.commitments.entries()) {
    if (keys.has(commitment.key)) errors.push({ field: `commitments[${i}].key`, message: 'used twice' });
    keys.add(commitment.key);
    for (const [j, target] of commitment.targets.entries()) {
      if (target.rule === 'milestone' && !isIsoDate(target.deadline)) {
        errors.push({
          field: `commitments[${i}].targets[${j}].deadline`,
          message: 'not a real calendar date',
        });
      }
    }
  }
  if (errors.length > 0) throw new PromiseImportError(errors);
  return doc;
}

function yearToShow(validity: Period, day: string): number {
  const years = yearsOf(validity);
  const thisYear = Number(day.slice(0, 4));
  return Math.min(Math.max(thisYear, years[0] ?? thisYear), years[years.length - 1] ?? thisYear);
}
