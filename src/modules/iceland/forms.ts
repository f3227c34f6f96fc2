// Reading the Iceland-model forms: strings in, typed values or field errors (in the page's language) out.
import { isIsoDate } from '../../domain/iso-week.ts';
import { stockholmInstant } from '../../domain/stockholm-time.ts';
import type { FieldErrors } from '../../web/components/form.tsx';
import type { Lang } from '../../web/i18n.ts';
import type { IcelandMessages } from './messages.ts';
import { icelandMessages } from './messages.ts';
import type { CaseValues } from './repo.ts';
import { ELIGIBILITY, MAX_TEXT, PURPOSES, sensitiveContent } from './rules.ts';
import type { MeasureChange, NewMeasure, OpenReason, OutcomeValues } from './service.ts';

/** A url-encoded form as formbody gives it: a repeated field is an array. */
export type FormBody = Record<string, string | string[] | undefined>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_LABEL = 120;

export function field(body: FormBody, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

export function fields(body: FormBody, name: string): string[] {
  const value = body[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v !== '');
}

interface OutcomeContext {
  lang: Lang;
  /** Today in Stockholm: nothing may lie after it. */
  today: string;
  occurredOn: string;
  /** The measure keys that may be ticked. */
  measureKeys: string[];
}

export function parseCaseForm(
  body: FormBody,
  context: Omit<OutcomeContext, 'occurredOn'> & { districtIds: number[] },
): Parsed<CaseValues> {
  const t = icelandMessages(context.lang);
  const errors: FieldErrors = {};
  const occurredOn = field(body, 'occurred_on');
  if (!occurredOn) errors.occurred_on = t.required;
  else if (!isIsoDate(occurredOn)) errors.occurred_on = t.dateInvalid;
  else if (occurredOn > context.today) errors.occurred_on = t.dateFuture;

  const districtId = Number(field(body, 'district_id'));
  if (!context.districtIds.includes(districtId)) errors.district_id = t.districtInvalid;

  const childrenText = field(body, 'children');
  const children = Number(childrenText);
  if (!/^\d{1,2}$/.test(childrenText) || children < 1 || children > 20) errors.children = t.childrenInvalid;

  const eligibility = fields(body, 'eligibility');
  if (eligibility.length === 0) errors.eligibility = t.eligibilityRequired;
  else if (!eligibility.every((e) => (ELIGIBILITY as readonly string[]).includes(e)))
    errors.eligibility = t.choiceUnknown;

  const outcome = parseOutcome(body, { ...context, occurredOn: errors.occurred_on ? '' : occurredOn }, t);
  Object.assign(errors, outcome.errors);
  if (Object.keys(errors).length > 0 || !outcome.value) return { ok: false, errors };
  return {
    ok: true,
    value: { occurredOn, districtId, children, eligibility: [...new Set(eligibility)], ...outcome.value },
  };
}

export function parseOutcomeForm(body: FormBody, context: OutcomeContext): Parsed<OutcomeValues> {
  const outcome = parseOutcome(body, context, icelandMessages(context.lang));
  return outcome.value ? { ok: true, value: outcome.value } : { ok: false, errors: outcome.errors };
}

/** The part of a case that can change after it is recorded. */
function parseOutcome(
  body: FormBody,
  context: OutcomeContext,
  t: IcelandMessages,
): { value?: OutcomeValues; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const measures = fields(body, 'measures');
  if (!measures.every((m) => context.measureKeys.includes(m))) errors.measures = t.choiceUnknown;

  const alertedAt = instantField(body, 'alerted', context, t, errors);
  const arrivedAt = instantField(body, 'arrived', context, t, errors);
  if (arrivedAt && !alertedAt && !errors.alerted_date && !errors.alerted_time)
    errors.alerted_date = t.arrivedWithoutAlert;
  if (arrivedAt && alertedAt && arrivedAt < alertedAt) errors.arrived_time = t.arrivedBeforeAlert;

  const appliedText = field(body, 'applied');
  const applied = appliedText === 'yes' ? true : appliedText === 'no' ? false : null;
  if (!['yes', 'no', 'undecided'].includes(appliedText)) errors.applied = t.appliedRequired;
  const reason = field(body, 'not_applied_reason');
  const reasonError =
    applied === false && !reason
      ? t.reasonRequired
      : reason && applied !== false
        ? t.reasonOnlyForNo
        : checkText(reason, t);
  if (reasonError) errors.not_applied_reason = reasonError;

  if (Object.keys(errors).length > 0) return { errors };
  return {
    value: {
      measures: [...new Set(measures)],
      alertedAt,
      arrivedAt,
      applied,
      notAppliedReason: applied === false ? reason : null,
    },
    errors,
  };
}

export function parseAssessmentForm(
  body: FormBody,
  context: Omit<OutcomeContext, 'measureKeys'>,
): Parsed<{ done: boolean; at: Date | null }> {
  const t = icelandMessages(context.lang);
  const errors: FieldErrors = {};
  const doneText = field(body, 'assessment_done');
  if (doneText !== 'yes' && doneText !== 'no') errors.assessment_done = t.assessmentDoneRequired;
  const at = instantField(body, 'assessed', context, t, errors);
  if (doneText === 'yes' && !at && !errors.assessed_date && !errors.assessed_time)
    errors.assessed_date = t.assessmentWhenRequired;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { done: doneText === 'yes', at: doneText === 'yes' ? at : null } };
}

export function parseReasonForm(body: FormBody, lang: Lang): Parsed<OpenReason> {
  const t = icelandMessages(lang);
  const errors: FieldErrors = {};
  const purpose = PURPOSES.find((p) => p === field(body, 'purpose'));
  if (!purpose) errors.purpose = t.purposeRequired;
  const text = field(body, 'purpose_text');
  const textError = purpose === 'annat' && !text ? t.purposeTextRequired : checkText(text, t);
  if (textError) errors.purpose_text = textError;
  if (!purpose || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { purpose, text } };
}

/** The checklist editor: every existing measure's fields, and optionally one new measure. */
export function parseChecklistForm(
  body: FormBody,
  lang: Lang,
  keys: string[],
): Parsed<{ changes: MeasureChange[]; added: NewMeasure | undefined }> {
  const t = icelandMessages(lang);
  const errors: FieldErrors = {};
  const active = new Set(fields(body, 'active'));
  const changes = keys.map((key) => ({
    key,
    labelSv: label(body, `label_sv-${key}`, t, errors, true),
    labelEn: label(body, `label_en-${key}`, t, errors, true),
    position: position(body, `position-${key}`, t, errors),
    active: active.has(key),
  }));
  const newSv = label(body, 'label_sv-new', t, errors, false);
  const newEn = label(body, 'label_en-new', t, errors, false);
  let added: NewMeasure | undefined;
  if (newSv || newEn) {
    if (!newSv) errors['label_sv-new'] = t.bothLanguages;
    if (!newEn) errors['label_en-new'] = t.bothLanguages;
    added = { labelSv: newSv, labelEn: newEn, position: position(body, 'position-new', t, errors) };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { changes, added } };
}

function label(body: FormBody, name: string, t: IcelandMessages, errors: FieldErrors, required: boolean) {
  const value = field(body, name);
  if (required && !value) errors[name] = t.required;
  else if (value.length > MAX_LABEL) errors[name] = t.labelTooLong;
  return value;
}

function position(body: FormBody, name: string, t: IcelandMessages, errors: FieldErrors): number {
  const text = field(body, name);
  const value = Number(text);
  if (!/^\d{1,3}$/.test(text) || value < 1) errors[name] = t.positionInvalid;
  return value;
}

/** Free text: at most MAX_TEXT characters and nothing that identifies a person. */
function checkText(text: string, t: IcelandMessages): string | undefined {
  if (text.length > MAX_TEXT) return t.tooLong(MAX_TEXT);
  const found = sensitiveContent(text);
  return found ? t.sensitive[found] : undefined;
}

/**
 * A Stockholm date and time entered as `<prefix>_date` and `<prefix>_time`: both or neither, not before
 * the case's date and not after today. Errors go into `errors`; gives the instant or null.
 */
function instantField(
  body: FormBody,
  prefix: string,
  context: { today: string; occurredOn: string },
  t: IcelandMessages,
  errors: FieldErrors,
): Date | null {
  const dateName = `${prefix}_date`;
  const timeName = `${prefix}_time`;
  const date = field(body, dateName);
  const time = field(body, timeName);
  if (!date && !time) return null;
  if (!date) errors[dateName] = t.dateTimePair;
  else if (!isIsoDate(date)) errors[dateName] = t.dateInvalid;
  else if (date > context.today) errors[dateName] = t.timeFuture;
  else if (context.occurredOn && date < context.occurredOn) errors[dateName] = t.beforeCase;
  if (!time) errors[timeName] = t.dateTimePair;
  else if (!TIME.test(time)) errors[timeName] = t.timeInvalid;
  if (errors[dateName] || errors[timeName]) return null;
  return stockholmInstant(date, time);
}
