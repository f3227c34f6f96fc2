// Citizen dialogue ("Tyck till"): residents' input, its moderation, and the aggregated public picture.
// The structured answers count at once; free text is shown only after a moderator has approved it, and
// every public count under the suppression threshold is hidden.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Kysely } from 'kysely';
import type { Database, GeoJSONPolygon, PoliceArea } from '../../db/types.ts';
import { addDays, addMonths } from '../../domain/iso-week.ts';
import type { PersonalDataFinding } from '../../domain/personal-data.ts';
import { stockholmInstant } from '../../domain/stockholm-time.ts';
import { protectTable, type Shown, suppress } from '../../domain/suppression.ts';
import type { Period } from '../../domain/targets.ts';
import type { AreasService } from '../areas/service.ts';
import { recordAudit } from '../auth/service.ts';
import type { PromisesService } from '../promises/service.ts';
import type { PlaceKind } from '../weekend/tables.ts';
import {
  CATEGORIES,
  type Category,
  type DialogueChoices,
  type DialogueErrors,
  type DialogueForm,
  parseDialogue,
  TIME_BANDS,
  type TimeBand,
  WEEKDAYS,
} from './model.ts';
import { createDialogueRepo, type InputDetail } from './repo.ts';

/** A receipt can be opened this long after sending; after that the address shows nothing. */
const RECEIPT_HOURS = 24;
const QUEUE_SIZE = 50;
const QUOTES = 10;
const CONTEXT_TTL_MS = 60_000;

/** The period the public summaries cover: the twelve months up to and including today. */
export function lastTwelveMonths(today: string): Period {
  return { from: addDays(addMonths(today, -12), 1), to: today };
}

export interface DistrictChoice {
  id: number;
  slug: string;
  name: string;
  boundary: GeoJSONPolygon;
}

export interface PlaceChoice {
  id: number;
  slug: string;
  name: string;
  lon: number;
  lat: number;
  kind: PlaceKind;
  /** The LPO district the place lies in, if any. */
  districtSlug: string | null;
}

/** What the form offers for one LPO. */
export interface FormContext {
  area: PoliceArea;
  districts: DistrictChoice[];
  places: PlaceChoice[];
}

export type SubmitResult =
  | { ok: true; submissionId: string }
  | { ok: false; errors: DialogueErrors; findings: PersonalDataFinding[] };

export type ModerationResult = 'decided' | 'already_decided' | 'not_found';

/** A public count: null and suppressed when it is under the threshold (domain/suppression.ts). */
export interface SuppressedCount {
  value: number | null;
  suppressed: boolean;
}

export interface DialogueSummary {
  total: SuppressedCount;
  /** Every category, in the form's order. */
  byCategory: { category: Category; count: SuppressedCount }[];
  /** The LPO's districts with any input, in alphabetical order. */
  byDistrict: { slug: string; name: string; count: SuppressedCount }[];
  /** Weekday (null: varies) × time band, every cell, with secondary suppression against the total. */
  byWhen: { weekday: number | null; timeBand: TimeBand; count: SuppressedCount }[];
  /** Approved free texts, newest first. */
  quotes: { text: string; district: string; place: string | null; submittedAt: Date }[];
  /** True when any input in the period is generated demo data. */
  demo: boolean;
  threshold: number;
}

export interface Receipt {
  input: InputDetail;
  area: PoliceArea;
}

export function createDialogueService(
  db: Kysely<Database>,
  deps: { areas: AreasService; promises: PromisesService; clock: () => Date; onChange: () => void },
) {
  const repo = createDialogueRepo(db);

  // Districts and places change only by import; the form is drawn on every visit, so keep them a minute.
  const contexts = new Map<number, { at: number; context: Promise<FormContext> }>();
  function formContext(area: PoliceArea): Promise<FormContext> {
    const now = Date.now();
    const hit = contexts.get(area.id);
    if (hit && now - hit.at < CONTEXT_TTL_MS) return hit.context;
    const context = loadFormContext(area);
    context.catch(() => contexts.delete(area.id));
    contexts.set(area.id, { at: now, context });
    return context;
  }

  async function loadFormContext(area: PoliceArea): Promise<FormContext> {
    const [districtRows, placeRows] = await Promise.all([
      deps.areas.districtsOf(area.id),
      deps.promises.weekend.places(area.id),
    ]);
    const districts = districtRows
      .map((d) => ({ id: d.id, slug: d.slug, name: d.name, boundary: d.boundary }))
      .sort((a, b) => swedishOrder.compare(a.name, b.name));
    const places = placeRows.map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      lon: p.lon,
      lat: p.lat,
      kind: p.kind,
      districtSlug: districts.find((d) => contains(d.boundary, [p.lon, p.lat]))?.slug ?? null,
    }));
    return { area, districts, places };
  }

  return {
    /** LPOs people can give input to: those with a published promise, by name. */
    async areas(): Promise<PoliceArea[]> {
      const result: PoliceArea[] = [];
      for (const area of await deps.areas.listPoliceAreas()) {
        if ((await deps.promises.currentYear(area.slug)) !== undefined) result.push(area);
      }
      return result.sort((a, b) => swedishOrder.compare(a.name, b.name));
    },

    /** The LPO by slug, if it takes input (has a published promise). */
    async area(slug: string): Promise<PoliceArea | undefined> {
      const area = await deps.areas.findPoliceArea(slug);
      if (!area || (await deps.promises.currentYear(slug)) === undefined) return undefined;
      return area;
    },

    formContext,

    /** Checks and stores one input; the same submission id twice stores it once. */
    async submit(request: {
      area: PoliceArea;
      submissionId: string;
      form: DialogueForm;
    }): Promise<SubmitResult> {
      const context = await formContext(request.area);
      const parsed = parseDialogue(request.form, choicesOf(context));
      if (!parsed.ok) return parsed;
      const input = parsed.value;
      await db.transaction().execute((trx) =>
        repo.insert(trx, {
          submission_id: request.submissionId,
          police_area_id: request.area.id,
          district_id: input.districtId,
          place_id: input.placeId,
          weekday: input.weekday,
          time_band: input.timeBand,
          categories: JSON.stringify(input.categories),
          free_text: input.freeText,
          age_band: input.ageBand,
          moderation: input.freeText ? 'pending' : null,
          submitted_at: deps.clock(),
          is_demo: false,
        }),
      );
      deps.onChange();
      return { ok: true, submissionId: request.submissionId };
    },

    /** What was sent with this submission id, for the sender's receipt (for a day after sending). */
    async receipt(submissionId: string): Promise<Receipt | undefined> {
      const input = await repo.bySubmission(submissionId);
      if (!input) return undefined;
      const ageMs = deps.clock().getTime() - input.submitted_at.getTime();
      if (ageMs > RECEIPT_HOURS * 3_600_000) return undefined;
      const area = (await deps.areas.listPoliceAreas()).find((a) => a.id === input.police_area_id);
      return area ? { input, area } : undefined;
    },

    /** The oldest texts waiting for a decision, and how many texts are in each state. */
    async moderationQueue(policeAreaId: number) {
      const [pending, counts] = await Promise.all([
        repo.pending(policeAreaId, QUEUE_SIZE),
        repo.moderationCounts(policeAreaId),
      ]);
      return { pending, counts };
    },

    /** Approves or rejects one pending text of the LPO; the decision and its audit row in one transaction. */
    async moderate(request: {
      policeAreaId: number;
      id: number;
      userId: number;
      decision: 'approved' | 'rejected';
      note: string | null;
    }): Promise<ModerationResult> {
      const result = await db.transaction().execute(async (trx) => {
        const input = await repo.find(trx, request.policeAreaId, request.id);
        if (!input || input.moderation === null) return 'not_found' as const;
        if (input.moderation !== 'pending') return 'already_decided' as const;
        await repo.decide(trx, input.id, {
          moderation: request.decision,
          userId: request.userId,
          at: deps.clock(),
          note: request.note,
        });
        await recordAudit(trx, {
          userId: request.userId,
          policeAreaId: request.policeAreaId,
          action: 'dialogue.moderate',
          entity: 'dialogue_input',
          entityId: String(input.id),
          reason: request.note,
          detail: { decision: request.decision },
        });
        return 'decided' as const;
      });
      if (result === 'decided') deps.onChange();
      return result;
    },

    /** Counts by category, district and weekday × time band, and approved texts, for a period (dates inclusive). */
    async summary(
      policeAreaId: number,
      period: Period,
      suppressionThreshold: number,
    ): Promise<DialogueSummary> {
      const span = {
        from: stockholmInstant(period.from, '00:00'),
        to: stockholmInstant(addDays(period.to, 1), '00:00'),
      };
      const [total, categories, districts, when, quotes, areaDistricts] = await Promise.all([
        repo.total(policeAreaId, span),
        repo.byCategory(policeAreaId, span),
        repo.byDistrict(policeAreaId, span),
        repo.byWhen(policeAreaId, span),
        repo.approvedTexts(policeAreaId, span, QUOTES),
        deps.areas.districtsOf(policeAreaId),
      ]);
      const threshold = suppressionThreshold;
      // Districts with any input, as a one-column table whose total is shown: a lone hidden district
      // takes another with it, so the total minus the shown ones does not give it away.
      const withInput = [...areaDistricts]
        .sort((a, b) => swedishOrder.compare(a.name, b.name))
        .map((d) => ({ d, n: districts.find((row) => row.districtId === d.id)?.n ?? 0 }))
        .filter((row) => row.n > 0);
      const districtTable = protectTable(
        withInput.map((row) => [row.n]),
        threshold,
      );
      const weekdays = [...WEEKDAYS, null];
      const whenTable = protectTable(
        weekdays.map((weekday) =>
          TIME_BANDS.map((band) => when.find((w) => w.weekday === weekday && w.timeBand === band)?.n ?? 0),
        ),
        threshold,
      );
      return {
        total: counted(suppress(total.inputs, threshold)),
        // One answer can name several categories, so their counts do not add up to the total.
        byCategory: CATEGORIES.map((category) => ({
          category,
          count: counted(suppress(categories.find((c) => c.key === category)?.n ?? 0, threshold)),
        })),
        byDistrict: withInput.map((row, i) => ({
          slug: row.d.slug,
          name: row.d.name,
          count: counted(districtTable.cells[i]?.[0] ?? null),
        })),
        byWhen: weekdays.flatMap((weekday, i) =>
          TIME_BANDS.map((timeBand, j) => ({
            weekday,
            timeBand,
            count: counted(whenTable.cells[i]?.[j] ?? null),
          })),
        ),
        quotes: quotes.map((q) => ({
          text: q.free_text ?? '',
          district: q.district_name,
          place: q.place_name,
          submittedAt: q.submitted_at,
        })),
        demo: total.demo > 0,
        threshold: suppressionThreshold,
      };
    },
  };
}

export type DialogueService = ReturnType<typeof createDialogueService>;

const swedishOrder = new Intl.Collator('sv');

function counted(shown: Shown): SuppressedCount {
  return { value: shown, suppressed: shown === null };
}

function contains(boundary: GeoJSONPolygon, point: [number, number]): boolean {
  const geometry =
    boundary.type === 'Polygon'
      ? { type: 'Polygon' as const, coordinates: boundary.coordinates as number[][][] }
      : { type: 'MultiPolygon' as const, coordinates: boundary.coordinates as number[][][][] };
  return booleanPointInPolygon(point, geometry);
}

function choicesOf(context: FormContext): DialogueChoices {
  return {
    districts: new Map(context.districts.map((d) => [d.slug, { id: d.id, name: d.name }])),
    places: new Map(
      context.places.map((p) => [p.slug, { id: p.id, name: p.name, districtSlug: p.districtSlug }]),
    ),
  };
}
