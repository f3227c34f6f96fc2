// The rules for an update from the staff form: the form's strings in, an update or the wrong fields out.
import { isIsoDate } from '../../domain/iso-week.ts';
import { containsPersonalNumber } from '../weekend/shift-input.ts';

export const MAX_TITLE_LENGTH = 150;
export const MAX_BODY_LENGTH = 10_000;
const EARLIEST_DATE = '2000-01-01';

/** What the form sends. `about`: '' (the whole LPO), 'c<id>' (a commitment) or 'd<id>' (a district). */
export interface UpdateForm {
  title: string;
  body: string;
  published_on: string;
  about: string;
}

export type UpdateField = keyof UpdateForm;

export type UpdateErrorCode =
  | 'title_required'
  | 'title_too_long'
  | 'body_required'
  | 'body_too_long'
  | 'control_characters'
  | 'personal_number'
  | 'date_invalid'
  | 'date_future'
  | 'about_unknown';

export type UpdateErrors = Partial<Record<UpdateField, UpdateErrorCode>>;

export interface UpdateInput {
  title: string;
  body: string;
  publishedOn: string;
  commitmentId: number | null;
  districtId: number | null;
}

export type ParsedUpdate = { ok: true; value: UpdateInput } | { ok: false; errors: UpdateErrors };

export function parseUpdate(
  form: UpdateForm,
  context: { commitmentIds: ReadonlySet<number>; districtIds: ReadonlySet<number>; today: string },
): ParsedUpdate {
  const errors: UpdateErrors = {};
  const title = form.title.trim();
  const body = form.body.replace(/\r\n?/g, '\n').trim();

  if (title === '') errors.title = 'title_required';
  else if (title.length > MAX_TITLE_LENGTH) errors.title = 'title_too_long';
  else if (hasControlCharacters(title, '')) errors.title = 'control_characters';
  else if (containsPersonalNumber(title)) errors.title = 'personal_number';

  if (body === '') errors.body = 'body_required';
  else if (body.length > MAX_BODY_LENGTH) errors.body = 'body_too_long';
  else if (hasControlCharacters(body, '\n\t')) errors.body = 'control_characters';
  else if (containsPersonalNumber(body)) errors.body = 'personal_number';

  const date = form.published_on.trim();
  if (!isIsoDate(date) || date < EARLIEST_DATE) errors.published_on = 'date_invalid';
  else if (date > context.today) errors.published_on = 'date_future';

  const about = parseAbout(form.about, context);
  if (!about) errors.about = 'about_unknown';

  if (!about || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { title, body, publishedOn: date, ...about } };
}

function parseAbout(
  about: string,
  context: { commitmentIds: ReadonlySet<number>; districtIds: ReadonlySet<number> },
): { commitmentId: number | null; districtId: number | null } | undefined {
  if (about === '') return { commitmentId: null, districtId: null };
  const match = /^([cd])(\d{1,9})$/.exec(about);
  if (!match) return undefined;
  const id = Number(match[2]);
  if (match[1] === 'c')
    return context.commitmentIds.has(id) ? { commitmentId: id, districtId: null } : undefined;
  return context.districtIds.has(id) ? { commitmentId: null, districtId: id } : undefined;
}

/** The form's `about` value of a stored update. */
export function aboutValue(update: { commitment_id: number | null; district_id: number | null }): string {
  if (update.commitment_id !== null) return `c${update.commitment_id}`;
  if (update.district_id !== null) return `d${update.district_id}`;
  return '';
}

/**
 * Control characters (other than those allowed) cannot be written in XML feeds and are never meant: they
 * come from pasting out of other programs.
 */
function hasControlCharacters(text: string, allowed: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 || code === 0x7f) && !allowed.includes(char)) return true;
  }
  return false;
}
