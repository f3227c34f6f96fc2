// The rules for a logged weekend shift: the form's strings in, a shift or the wrong fields out.
import { addDays, isIsoDate } from '../../domain/iso-week.ts';
import { findPersonalData } from '../../domain/personal-data.ts';
import { stockholmInstant } from '../../domain/stockholm-time.ts';

export const MAX_OFFICERS = 200;
export const MAX_COUNT = 1000;
export const MAX_NOTE_LENGTH = 500;
const MAX_SHIFT_MS = 24 * 3_600_000;
/** Shifts before this are typing mistakes, not late logging. */
const EARLIEST_YEAR = 2000;

/** What the form sends, as strings (places: the checked slugs). */
export interface ShiftForm {
  start_date: string;
  start_time: string;
  end_time: string;
  officers: string;
  places: string[];
  premises_inspected: string;
  youth_contacts: string;
  note: string;
}

export type ShiftField = keyof ShiftForm;

export type ShiftErrorCode =
  | 'date_invalid'
  | 'date_future'
  | 'time_invalid'
  | 'end_not_after_start'
  | 'too_long'
  | 'officers_range'
  | 'count_range'
  | 'place_unknown'
  | 'note_too_long'
  | 'note_personal_number';

export type ShiftErrors = Partial<Record<ShiftField, ShiftErrorCode>>;

export interface ShiftInput {
  startsAt: Date;
  endsAt: Date;
  officers: number;
  places: string[];
  premisesInspected: number;
  youthContacts: number;
  note: string | null;
}

export type ParsedShift = { ok: true; value: ShiftInput } | { ok: false; errors: ShiftErrors };

export function parseShift(
  form: ShiftForm,
  context: { placeSlugs: ReadonlySet<string>; today: string },
): ParsedShift {
  const errors: ShiftErrors = {};
  const span = parseWhen(form, context.today, errors);

  const officers = parseWholeNumber(form.officers);
  if (officers === undefined || officers < 1 || officers > MAX_OFFICERS) errors.officers = 'officers_range';
  const premisesInspected = parseCount(form.premises_inspected);
  if (premisesInspected === undefined) errors.premises_inspected = 'count_range';
  const youthContacts = parseCount(form.youth_contacts);
  if (youthContacts === undefined) errors.youth_contacts = 'count_range';

  const places = [...new Set(form.places)];
  if (places.some((slug) => !context.placeSlugs.has(slug))) errors.places = 'place_unknown';

  const note = form.note.trim();
  if (note.length > MAX_NOTE_LENGTH) errors.note = 'note_too_long';
  else if (containsPersonalNumber(note)) errors.note = 'note_personal_number';

  if (
    !span ||
    officers === undefined ||
    premisesInspected === undefined ||
    youthContacts === undefined ||
    Object.keys(errors).length > 0
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      startsAt: span.startsAt,
      endsAt: span.endsAt,
      officers,
      places,
      premisesInspected,
      youthContacts,
      note: note === '' ? null : note,
    },
  };
}

/** The shift's instants from its date and times; records what is wrong in `errors`. */
function parseWhen(
  form: ShiftForm,
  today: string,
  errors: ShiftErrors,
): { startsAt: Date; endsAt: Date } | undefined {
  const date = form.start_date.trim();
  if (!isIsoDate(date) || Number(date.slice(0, 4)) < EARLIEST_YEAR) errors.start_date = 'date_invalid';
  else if (date > today) errors.start_date = 'date_future';
  const start = parseTime(form.start_time);
  if (start === undefined) errors.start_time = 'time_invalid';
  const end = parseTime(form.end_time);
  if (end === undefined) errors.end_time = 'time_invalid';
  if (errors.start_date || start === undefined || end === undefined) return undefined;
  const span = shiftSpan(date, start, end);
  if ('error' in span) {
    errors.end_time = span.error;
    return undefined;
  }
  return span;
}

/**
 * The instants of a shift entered as a Stockholm date and two wall-clock times. An end time before the start
 * time means the next day: a night shift from 21:00 to 03:00.
 */
export function shiftSpan(
  date: string,
  start: string,
  end: string,
): { startsAt: Date; endsAt: Date } | { error: 'end_not_after_start' | 'too_long' } {
  if (start === end) return { error: 'end_not_after_start' };
  const startsAt = stockholmInstant(date, start);
  const endsAt = stockholmInstant(end < start ? addDays(date, 1) : date, end);
  // Around the clock changes a wall-clock span can come out empty or longer than it looks.
  if (endsAt <= startsAt) return { error: 'end_not_after_start' };
  if (endsAt.getTime() - startsAt.getTime() > MAX_SHIFT_MS) return { error: 'too_long' };
  return { startsAt, endsAt };
}

/** 'HH:MM' from '18:00', '18.00' or '8:05' (Swedish clocks write a dot); undefined if not a time. */
function parseTime(value: string): string | undefined {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${match[2]}`;
}

function parseWholeNumber(value: string): number | undefined {
  const trimmed = value.trim();
  return /^\d{1,7}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** A count 0..MAX_COUNT; an empty field means none. */
function parseCount(value: string): number | undefined {
  if (value.trim() === '') return 0;
  const n = parseWholeNumber(value);
  return n !== undefined && n <= MAX_COUNT ? n : undefined;
}

/**
 * True when the text holds something that looks like a Swedish personal identity number: the domain's
 * detector, without the check digit (a mistyped number in a staff note still points at a person).
 */
export function containsPersonalNumber(text: string): boolean {
  return findPersonalData(text, { checkDigit: false }).some((finding) => finding.kind === 'personalNumber');
}
