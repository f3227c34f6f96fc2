// The "Tyck till" form's fixed lists and its rules: the form's strings in, an input or the wrong fields out.
import { findPersonalData, type PersonalDataFinding } from '../../domain/personal-data.ts';

/** What makes a place feel unsafe; the order is the form's order. */
export const CATEGORIES = [
  'violence',
  'robbery',
  'drugs',
  'groups',
  'harassment',
  'environment',
  'traffic',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Times of day as the situation picture bands them (domain/time-bands.ts), or "it varies". */
export const TIME_BANDS = ['morning', 'day', 'evening', 'night', 'varies'] as const;
export type TimeBand = (typeof TIME_BANDS)[number];

export const AGE_BANDS = ['under-18', '18-29', '30-44', '45-64', '65-plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const MODERATIONS = ['pending', 'approved', 'rejected'] as const;
export type Moderation = (typeof MODERATIONS)[number];

/** ISO weekdays, Monday first. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export const MAX_FREE_TEXT = 1000;
export const MAX_NOTE = 500;

/** What the form sends, as strings (categories: the checked values). */
export interface DialogueForm {
  district: string;
  place: string;
  weekday: string;
  time_band: string;
  categories: string[];
  free_text: string;
  age_band: string;
}

export type DialogueField = keyof DialogueForm;

export type DialogueErrorCode =
  | 'district_missing'
  | 'district_unknown'
  | 'place_unknown'
  | 'place_elsewhere'
  | 'weekday_missing'
  | 'time_band_missing'
  | 'categories_missing'
  | 'free_text_too_long'
  | 'free_text_personal_data'
  | 'age_band_unknown';

export type DialogueErrors = Partial<Record<DialogueField, DialogueErrorCode>>;

/** A checked input, ready to store. */
export interface DialogueValues {
  districtId: number;
  placeId: number | null;
  weekday: number | null;
  timeBand: TimeBand;
  categories: Category[];
  freeText: string | null;
  ageBand: AgeBand | null;
}

export type ParsedDialogue =
  | { ok: true; value: DialogueValues }
  | { ok: false; errors: DialogueErrors; findings: PersonalDataFinding[] };

/** The LPO's districts and places, by slug; a place knows the district it lies in. */
export interface DialogueChoices {
  districts: ReadonlyMap<string, { id: number; name: string }>;
  places: ReadonlyMap<string, { id: number; name: string; districtSlug: string | null }>;
}

export const EMPTY_FORM: DialogueForm = {
  district: '',
  place: '',
  weekday: '',
  time_band: '',
  categories: [],
  free_text: '',
  age_band: '',
};

export function parseDialogue(form: DialogueForm, choices: DialogueChoices): ParsedDialogue {
  const errors: DialogueErrors = {};
  const place = form.place === '' ? undefined : choices.places.get(form.place);
  if (form.place !== '' && !place) errors.place = 'place_unknown';
  // A place chosen on its own gives its district; chosen with another district, one of them is wrong.
  const districtSlug = form.district || place?.districtSlug || '';
  const district = choices.districts.get(districtSlug);
  if (districtSlug === '') errors.district = 'district_missing';
  else if (!district) errors.district = 'district_unknown';
  else if (place?.districtSlug && place.districtSlug !== districtSlug) errors.place = 'place_elsewhere';

  const weekday = parseWeekday(form.weekday);
  if (weekday === undefined) errors.weekday = 'weekday_missing';
  const timeBand = TIME_BANDS.find((band) => band === form.time_band);
  if (!timeBand) errors.time_band = 'time_band_missing';

  const categories = CATEGORIES.filter((c) => form.categories.includes(c));
  if (categories.length === 0 || categories.length !== new Set(form.categories).size) {
    errors.categories = 'categories_missing';
  }

  const freeText = cleanText(form.free_text);
  const findings = freeText ? findPersonalData(freeText) : [];
  if (freeText && [...freeText].length > MAX_FREE_TEXT) errors.free_text = 'free_text_too_long';
  else if (findings.length > 0) errors.free_text = 'free_text_personal_data';

  const ageBand = form.age_band === '' ? null : AGE_BANDS.find((band) => band === form.age_band);
  if (ageBand === undefined) errors.age_band = 'age_band_unknown';

  if (!district || weekday === undefined || !timeBand || ageBand === undefined || hasErrors(errors)) {
    return { ok: false, errors, findings };
  }
  return {
    ok: true,
    value: {
      districtId: district.id,
      placeId: place?.id ?? null,
      weekday,
      timeBand,
      categories,
      freeText,
      ageBand,
    },
  };
}

/** '1'…'7' is a weekday, 'varies' is null; anything else is missing. */
function parseWeekday(raw: string): number | null | undefined {
  if (raw === 'varies') return null;
  return WEEKDAYS.find((day) => String(day) === raw);
}

/**
 * Trimmed text without control characters (PostgreSQL refuses NUL; the others only hide things from a
 * moderator), or null when nothing is left. Line breaks and tabs stay.
 */
export function cleanText(raw: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const text = raw.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
  return text === '' ? null : text;
}

function hasErrors(errors: DialogueErrors): boolean {
  return Object.keys(errors).length > 0;
}
