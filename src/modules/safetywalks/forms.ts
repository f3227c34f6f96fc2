// The safety-walk forms: their bodies (all strings, as browsers send them) and the rules that turn them
// into input for the service, or into messages next to each field in the page's language. Every field is
// optional in the schemas, so a missing field gets its message here, next to the field.
import { randomUUID } from 'node:crypto';
import { type Static, Type } from 'typebox';
import { addDays, isIsoDate } from '../../domain/iso-week.ts';
import { isObservationStatus, type ObservationStatus } from '../../domain/observation-status.ts';
import { formatDate } from '../../domain/target-text.ts';
import type { FieldErrors } from '../../web/components/form.tsx';
import type { Lang } from '../../web/i18n.ts';
import { inSweden, MAX_ROUTE_BYTES, parseRoute, type RouteGeometry } from './geometry.ts';
import { walkMessages } from './messages.ts';
import {
  MAX_COMMENT,
  MAX_DESCRIPTION,
  MAX_NAME,
  MAX_NOTES,
  OBSERVATION_CATEGORIES,
  type ObservationCategory,
  WALK_PARTNERS,
  type WalkPartner,
} from './model.ts';
import type { ObservationInput, PlanWalkInput, StatusInput } from './service.ts';

const Csrf = Type.Optional(Type.String());
const SubmissionId = Type.Optional(
  Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' }),
);
/** Longer than any accepted value: the rules below give the message a person can act on. */
const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength: maxLength * 2 }));

export const PlanWalkBody = Type.Object({
  _csrf: Csrf,
  submission_id: SubmissionId,
  walk_date: Text(10),
  district_id: Text(10),
  partners: Type.Optional(
    Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }))]),
  ),
  partners_other: Text(MAX_NAME),
  notes: Text(MAX_NOTES),
});
export type PlanWalkBody = Static<typeof PlanWalkBody>;

export const CompleteWalkBody = Type.Object({
  _csrf: Csrf,
  done_date: Text(10),
  route: Type.Optional(Type.String({ maxLength: MAX_ROUTE_BYTES * 2 })),
});
export type CompleteWalkBody = Static<typeof CompleteWalkBody>;

export const ObservationBody = Type.Object({
  _csrf: Csrf,
  submission_id: SubmissionId,
  lat: Text(20),
  lon: Text(20),
  place: Text(10),
  category: Text(20),
  description: Text(MAX_DESCRIPTION),
  owner: Text(MAX_NAME),
});
export type ObservationBody = Static<typeof ObservationBody>;

export const StatusBody = Type.Object({
  _csrf: Csrf,
  status: Text(20),
  at: Text(10),
  comment: Text(MAX_COMMENT),
  owner: Text(MAX_NAME),
});
export type StatusBody = Static<typeof StatusBody>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** A place to put an observation when no coordinates are given: the centre of one of the LPO's districts. */
export interface Place {
  id: number;
  name: string;
  centroid: [number, number];
}

class Errors {
  readonly all: FieldErrors = {};
  add(field: string, message: string): void {
    this.all[field] ??= message;
  }
  get any(): boolean {
    return Object.keys(this.all).length > 0;
  }
}

/** The form's one-time id; a form without one (not ours) cannot be submitted twice anyway. */
function submissionIdOf(raw: string | undefined): string {
  return raw?.toLowerCase() ?? randomUUID();
}

function optionalText(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

function checkLength(errors: Errors, field: string, value: string | null, max: number, lang: Lang): void {
  if (value !== null && value.length > max) errors.add(field, walkMessages(lang).tooLong(max));
}

/** A real date within [from, to] (`to` may be today); adds the field's message and returns undefined otherwise. */
function dateIn(
  errors: Errors,
  field: string,
  raw: string | undefined,
  range: { from: string; to: string; toIsToday: boolean },
  lang: Lang,
): string | undefined {
  const t = walkMessages(lang);
  const value = raw?.trim() ?? '';
  if (value === '') errors.add(field, t.required);
  else if (!isIsoDate(value)) errors.add(field, t.invalidDate);
  else if (value > range.to && range.toIsToday) errors.add(field, t.dateInFuture);
  else if (value < range.from || value > range.to)
    errors.add(field, t.dateOutOfRange(formatDate(range.from, lang), formatDate(range.to, lang)));
  else return value;
  return undefined;
}

export function parsePlanWalk(
  body: PlanWalkBody,
  districtIds: number[],
  today: string,
  lang: Lang,
): Parsed<PlanWalkInput> {
  const t = walkMessages(lang);
  const errors = new Errors();
  // A walk can be logged afterwards (up to a year back) or planned up to two years ahead.
  const walkDate = dateIn(
    errors,
    'walk_date',
    body.walk_date,
    { from: addDays(today, -366), to: addDays(today, 731), toIsToday: false },
    lang,
  );
  const districtId = Number(body.district_id);
  if (!body.district_id) errors.add('district_id', t.chooseOneDistrict);
  else if (!districtIds.includes(districtId)) errors.add('district_id', t.chooseOneDistrict);
  const partners = [body.partners ?? []].flat();
  if (!partners.every((p): p is WalkPartner => (WALK_PARTNERS as readonly string[]).includes(p)))
    errors.add('partners', t.unknownPartner);
  const partnersOther = optionalText(body.partners_other);
  checkLength(errors, 'partners_other', partnersOther, MAX_NAME, lang);
  const notes = optionalText(body.notes);
  checkLength(errors, 'notes', notes, MAX_NOTES, lang);
  if (errors.any || walkDate === undefined) return { ok: false, errors: errors.all };
  return {
    ok: true,
    value: {
      walkDate,
      districtId,
      partners: [...new Set(partners as WalkPartner[])],
      partnersOther,
      notes,
      submissionId: submissionIdOf(body.submission_id),
    },
  };
}

export function parseCompleteWalk(
  body: CompleteWalkBody,
  today: string,
  lang: Lang,
): Parsed<{ doneOn: string; route: RouteGeometry | null }> {
  const errors = new Errors();
  const doneOn = dateIn(
    errors,
    'done_date',
    body.done_date,
    { from: addDays(today, -366), to: today, toIsToday: true },
    lang,
  );
  let route: RouteGeometry | null = null;
  if (body.route?.trim()) {
    const parsed = parseRoute(body.route);
    if (parsed.ok) route = parsed.route;
    else errors.add('route', walkMessages(lang).routeProblem[parsed.problem]);
  }
  if (errors.any || doneOn === undefined) return { ok: false, errors: errors.all };
  return { ok: true, value: { doneOn, route } };
}

/** A coordinate as people type it: "59,2935" or "59.2935". */
export function parseDecimal(raw: string): number | undefined {
  const text = raw.trim().replace(',', '.');
  return /^[+-]?\d{1,3}(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

export function parseObservation(
  body: ObservationBody,
  places: Place[],
  lang: Lang,
): Parsed<ObservationInput> {
  const t = walkMessages(lang);
  const errors = new Errors();
  const point = pointOf(body, places, errors, lang);
  const category = body.category ?? '';
  if (!(OBSERVATION_CATEGORIES as readonly string[]).includes(category))
    errors.add('category', t.chooseCategory);
  const description = optionalText(body.description);
  if (description === null) errors.add('description', t.required);
  checkLength(errors, 'description', description, MAX_DESCRIPTION, lang);
  const owner = optionalText(body.owner);
  checkLength(errors, 'owner', owner, MAX_NAME, lang);
  if (errors.any || !point || description === null) return { ok: false, errors: errors.all };
  return {
    ok: true,
    value: {
      lon: point[0],
      lat: point[1],
      category: category as ObservationCategory,
      description,
      owner,
      submissionId: submissionIdOf(body.submission_id),
    },
  };
}

/** [lon, lat] from the typed coordinates when given, else from the chosen place. */
function pointOf(
  body: ObservationBody,
  places: Place[],
  errors: Errors,
  lang: Lang,
): [number, number] | undefined {
  const t = walkMessages(lang);
  const latText = body.lat?.trim() ?? '';
  const lonText = body.lon?.trim() ?? '';
  if (latText === '' && lonText === '') {
    const place = places.find((p) => String(p.id) === body.place);
    if (place) return place.centroid;
    errors.add(body.place ? 'place' : 'lat', body.place ? t.unknownPlace : t.whereRequired);
    return undefined;
  }
  const lat = parseDecimal(latText);
  const lon = parseDecimal(lonText);
  if (latText === '') errors.add('lat', t.required);
  else if (lat === undefined) errors.add('lat', t.notANumber);
  if (lonText === '') errors.add('lon', t.required);
  else if (lon === undefined) errors.add('lon', t.notANumber);
  if (lat === undefined || lon === undefined) return undefined;
  if (!inSweden([lon, lat])) {
    errors.add('lat', t.pointOutsideSweden);
    return undefined;
  }
  return [lon, lat];
}

export function parseStatusChange(
  body: StatusBody,
  allowed: readonly ObservationStatus[],
  today: string,
  lang: Lang,
): Parsed<StatusInput> {
  const t = walkMessages(lang);
  const errors = new Errors();
  const status = body.status ?? '';
  if (!isObservationStatus(status) || !allowed.includes(status)) errors.add('status', t.statusNotAllowed);
  const at = dateIn(
    errors,
    'at',
    body.at,
    { from: addDays(today, -366 * 2), to: today, toIsToday: true },
    lang,
  );
  const comment = optionalText(body.comment);
  checkLength(errors, 'comment', comment, MAX_COMMENT, lang);
  const owner = optionalText(body.owner);
  checkLength(errors, 'owner', owner, MAX_NAME, lang);
  if (errors.any || at === undefined || !isObservationStatus(status))
    return { ok: false, errors: errors.all };
  return { ok: true, value: { status, at, comment, owner } };
}
