// The picture's filter as the GET form sends it (fran, till, stadsdel, typ), checked, with a message by
// each wrong field; and the paths of the picture's pages.
import { type FocusGroup, isFocusGroup } from '../../domain/event-types.ts';
import { addMonths } from '../../domain/iso-week.ts';
import type { FieldErrors } from '../../web/components/form.tsx';
import { type Lang, langPrefix } from '../../web/i18n.ts';
import { situationMessages } from './messages.ts';
import { monthsBetween, type PictureQuery, type TypeChoice } from './service.ts';

export interface FilterParams {
  fran?: string | undefined;
  till?: string | undefined;
  stadsdel?: string | undefined;
  typ?: string | undefined;
}

/** What the form shows: the fields as entered (or the defaults). */
export interface EnteredFilter {
  fran: string;
  till: string;
  stadsdel: string;
  typ: string;
}

const MAX_MONTHS = 120;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const GROUP_PREFIX = 'grupp:';

/**
 * The query from the form's fields; without a period, the 12 months up to `dataMonth` (the month of the
 * latest event). Districts and types must be the LPO's own.
 */
export function readFilter(
  params: FilterParams,
  context: { dataMonth: string; districtSlugs: string[]; types: string[]; lang: Lang },
): { entered: EnteredFilter; query: PictureQuery | undefined; errors: FieldErrors | undefined } {
  const e = situationMessages(context.lang).errors;
  const entered: EnteredFilter = {
    fran: params.fran?.trim() || addMonths(context.dataMonth, -11).slice(0, 7),
    till: params.till?.trim() || context.dataMonth.slice(0, 7),
    stadsdel: params.stadsdel?.trim() ?? '',
    typ: params.typ?.trim() ?? '',
  };
  const errors: FieldErrors = {};
  if (!MONTH.test(entered.fran)) errors.fran = e.month;
  if (!MONTH.test(entered.till)) errors.till = e.month;
  const from = `${entered.fran}-01`;
  const to = addMonths(`${entered.till}-01`, 1);
  if (!errors.fran && !errors.till) {
    if (to <= from) errors.till = e.order;
    else if (monthsBetween(from, to) > MAX_MONTHS) errors.fran = e.span;
  }
  if (entered.stadsdel && !context.districtSlugs.includes(entered.stadsdel)) errors.stadsdel = e.district;
  const types = typeChoice(entered.typ, context.types);
  if (!types) errors.typ = e.type;
  if (Object.keys(errors).length > 0 || !types) return { entered, query: undefined, errors };
  return { entered, query: { from, to, district: entered.stadsdel || undefined, types }, errors: undefined };
}

function typeChoice(value: string, known: string[]): TypeChoice | undefined {
  if (value === '') return { kind: 'all' };
  if (value.startsWith(GROUP_PREFIX)) {
    const group = value.slice(GROUP_PREFIX.length);
    return isFocusGroup(group) ? { kind: 'group', group: group as FocusGroup } : undefined;
  }
  return known.includes(value) ? { kind: 'type', type: value } : undefined;
}

/** The form's fields as a query string, e.g. for the CSV link with the same filter. */
export function filterQueryString(entered: EnteredFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ fran: entered.fran, till: entered.till });
  if (entered.stadsdel) params.set('stadsdel', entered.stadsdel);
  if (entered.typ) params.set('typ', entered.typ);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

export function picturePath(lang: Lang, lpo: string): string {
  return lang === 'sv' ? `/staff/${lpo}/lagesbild` : `/en/staff/${lpo}/situation`;
}

export function suggestionsPath(lang: Lang, lpo: string): string {
  return lang === 'sv' ? `/staff/${lpo}/lagesbild/helginsats` : `/en/staff/${lpo}/situation/weekend`;
}

export function publicPicturePath(lang: Lang, lpo: string): string {
  return lang === 'sv' ? `/lpo/${lpo}/lagesbild` : `/en/lpo/${lpo}/situation`;
}

export function shiftPath(lang: Lang, lpo: string, id: number): string {
  return `${langPrefix(lang)}/staff/${lpo}/helginsats/${id}`;
}
