// The weekend operation's staff pages: the shift list with the year's staffed weeks, one shift, the form.
import { isoWeekOf, stockholmDate } from '../../../domain/iso-week.ts';
import { formatDate, formatNumber } from '../../../domain/target-text.ts';
import {
  CsrfField,
  describedBy,
  ErrorSummary,
  type FieldErrors,
  HintAndError,
  SubmissionField,
  TextArea,
  TextField,
} from '../../../web/components/form.tsx';
import { type Lang, langPrefix, messages } from '../../../web/i18n.ts';
import { weekendMessages } from '../messages.ts';
import type { ShiftView, StaffedWeeks } from '../service.ts';
import { MAX_COUNT, MAX_NOTE_LENGTH, MAX_OFFICERS, type ShiftField, type ShiftForm } from '../shift-input.ts';
import { PLACE_KINDS, type Place } from '../tables.ts';
import { formatSpan, staffedRuleText } from './format.ts';

interface Area {
  slug: string;
  name: string;
}

/** '/staff/globen/helginsats' or '/en/staff/globen/helginsats'. */
export function shiftsPath(lang: Lang, lpoSlug: string): string {
  return `${langPrefix(lang)}/staff/${lpoSlug}/helginsats`;
}

/** Place names are Swedish proper names: English pages say so, for screen readers' voices. */
function placeLang(lang: Lang): 'sv' | undefined {
  return lang === 'sv' ? undefined : 'sv';
}

export function ShiftListPage(props: {
  lang: Lang;
  area: Area;
  weeks: StaffedWeeks;
  shifts: ShiftView[];
  mayCreate: boolean;
}) {
  const { lang, area, weeks } = props;
  const t = messages(lang);
  const m = weekendMessages(lang);
  const base = shiftsPath(lang, area.slug);
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(lang)}/staff/${area.slug}`}>{t.lpo(area.name)}</a>
      </p>
      <h1>{m.heading}</h1>
      <p class="lead">{m.staffedWeeks(formatNumber(weeks.staffed, lang), weeks.weeksInYear, weeks.year)}</p>
      <p class={`shift-week ${weeks.currentWeekStaffed ? 'shift-week-staffed' : 'shift-week-open'}`}>
        {weeks.currentWeekStaffed
          ? m.currentWeekStaffed(weeks.currentWeek)
          : m.currentWeekOpen(weeks.currentWeek)}
      </p>
      <p class="meta">{staffedRuleText(lang)}</p>
      {props.mayCreate ? (
        <p>
          <a class="shift-action" href={`${base}/ny`}>
            {m.logNew}
          </a>
        </p>
      ) : null}
      <h2>{m.latest}</h2>
      {props.shifts.length === 0 ? (
        <p>{m.noShifts}</p>
      ) : (
        <ul class="shift-list">
          {props.shifts.map((shift) => (
            <li key={shift.id}>
              <a href={`${base}/${shift.id}`}>{formatSpan(shift, lang)}</a>
              <span class="meta">
                {m.officersCount(shift.officers, formatNumber(shift.officers, lang))}
                {shift.places.length > 0 ? ' · ' : ''}
                <span lang={placeLang(lang)}>{shift.places.map((p) => p.name).join(', ')}</span>
                {shift.isDemo ? ` · ${m.demo}` : ''}
                {shift.planned ? ` · ${m.planned}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ShiftPage(props: {
  lang: Lang;
  area: Area;
  shift: ShiftView;
  saved: boolean;
  mayCreate: boolean;
}) {
  const { lang, area, shift } = props;
  const t = messages(lang);
  const m = weekendMessages(lang);
  const base = shiftsPath(lang, area.slug);
  const date = stockholmDate(shift.startsAt);
  return (
    <>
      <p class="eyebrow">
        <a href={base}>{m.heading}</a>
      </p>
      <h1>{m.shiftHeading(formatDate(date, lang))}</h1>
      {props.saved ? (
        <p class="shift-saved" role="status">
          {m.saved}
        </p>
      ) : null}
      {shift.isDemo ? <p class="notice">{t.demoNotice}</p> : null}
      {shift.planned ? <p class="notice">{m.plannedNotice}</p> : null}
      <dl class="shift-facts">
        <dt>{m.when}</dt>
        <dd>
          {formatSpan(shift, lang)} · {m.isoWeek(isoWeekOf(date).week)}
        </dd>
        <dt>{m.officers}</dt>
        <dd>{formatNumber(shift.officers, lang)}</dd>
        <dt>{t.places}</dt>
        <dd>
          {shift.places.length === 0 ? (
            m.none
          ) : (
            <ul lang={placeLang(lang)}>
              {shift.places.map((p) => (
                <li key={p.slug}>{p.name}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t.premisesInspected}</dt>
        <dd>{formatNumber(shift.premisesInspected, lang)}</dd>
        <dt>{t.youthContacts}</dt>
        <dd>{formatNumber(shift.youthContacts, lang)}</dd>
        {shift.note ? (
          <>
            <dt>{m.note}</dt>
            <dd class="shift-note">{shift.note}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <strong>{shift.countsAsStaffed ? m.countsToward : m.doesNotCount}</strong> {staffedRuleText(lang)}
      </p>
      <ul class="nav-list">
        <li>
          <a href={base}>{m.backToList}</a>
        </li>
        {props.mayCreate ? (
          <li>
            <a href={`${base}/ny`}>{m.logAnother}</a>
          </li>
        ) : null}
      </ul>
    </>
  );
}

export function ShiftFormPage(props: {
  lang: Lang;
  area: Area;
  places: Place[];
  values: ShiftForm;
  submissionId: string;
  csrfToken: string;
  errors?: FieldErrors;
}) {
  const { lang, values, errors } = props;
  const m = weekendMessages(lang);
  const base = shiftsPath(lang, props.area.slug);
  const labels: Record<ShiftField, string> = {
    start_date: m.startDate,
    start_time: m.startTime,
    end_time: m.endTime,
    officers: m.officers,
    places: m.places,
    premises_inspected: m.premisesInspected,
    youth_contacts: m.youthContacts,
    note: m.note,
  };
  return (
    <>
      <p class="eyebrow">
        <a href={base}>{m.heading}</a>
      </p>
      <h1>{m.newHeading}</h1>
      <ErrorSummary title={m.errorsTitle} errors={errors} labels={labels} />
      {/* novalidate: the server's messages, next to each field in the page's language, do the checking. */}
      <form method="post" action={base} class="shift-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <SubmissionField id={props.submissionId} />
        <fieldset class="shift-when" aria-describedby="when-hint">
          <legend>{m.when}</legend>
          <p class="hint" id="when-hint">
            {m.timeHint}
          </p>
          <TextField
            name="start_date"
            label={labels.start_date}
            type="date"
            value={values.start_date}
            errors={errors}
            required
          />
          <div class="shift-times">
            <TextField
              name="start_time"
              label={labels.start_time}
              type="time"
              value={values.start_time}
              errors={errors}
              required
            />
            <TextField
              name="end_time"
              label={labels.end_time}
              type="time"
              value={values.end_time}
              errors={errors}
              required
            />
          </div>
        </fieldset>
        <TextField
          name="officers"
          label={labels.officers}
          type="number"
          inputmode="numeric"
          min={1}
          max={MAX_OFFICERS}
          value={values.officers}
          errors={errors}
          required
        />
        <PlaceChoice lang={lang} places={props.places} checked={values.places} errors={errors} />
        <TextField
          name="premises_inspected"
          label={labels.premises_inspected}
          type="number"
          inputmode="numeric"
          min={0}
          max={MAX_COUNT}
          value={values.premises_inspected}
          errors={errors}
        />
        <TextField
          name="youth_contacts"
          label={labels.youth_contacts}
          type="number"
          inputmode="numeric"
          min={0}
          max={MAX_COUNT}
          value={values.youth_contacts}
          errors={errors}
        />
        <TextArea
          name="note"
          label={labels.note}
          hint={m.noteWarning}
          maxLength={MAX_NOTE_LENGTH}
          value={values.note}
          errors={errors}
        />
        <button type="submit" class="primary">
          {m.save}
        </button>
      </form>
    </>
  );
}

/** The LPO's places as checkboxes, one group per kind (transit, krogar, arenas, other). */
function PlaceChoice(props: { lang: Lang; places: Place[]; checked: string[]; errors?: FieldErrors }) {
  const m = weekendMessages(props.lang);
  const error = props.errors?.places;
  const groups = PLACE_KINDS.map((kind) => ({
    kind,
    places: props.places.filter((p) => p.kind === kind),
  })).filter((g) => g.places.length > 0);
  const hint = groups.length > 0 ? m.placesHint : m.noPlaces;
  return (
    <fieldset
      class="form-field shift-places"
      id="places"
      tabindex={-1}
      aria-describedby={describedBy('places', hint, error)}
    >
      <legend>{m.places}</legend>
      <HintAndError name="places" hint={hint} error={error} />
      {groups.map((group) => (
        <fieldset key={group.kind} class="shift-place-group">
          <legend>{m.kinds[group.kind]}</legend>
          {group.places.map((place) => (
            <div key={place.slug} class="checkbox">
              <input
                type="checkbox"
                id={`place-${place.slug}`}
                name="places"
                value={place.slug}
                checked={props.checked.includes(place.slug)}
              />
              <label for={`place-${place.slug}`} lang={placeLang(props.lang)}>
                {place.name}
              </label>
            </div>
          ))}
        </fieldset>
      ))}
    </fieldset>
  );
}
