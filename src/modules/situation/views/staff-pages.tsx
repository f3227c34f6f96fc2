// The staff situation picture: the filter form, counts and trends with a plain word on chance, the
// weekday × hour heatmap, places, the district map, the latest events; and the weekend-operation
// suggestions with the lead's plan form. Every chart has a table and a CSV link beside it.
import type { ComponentChildren } from 'preact';
import { placementSentence } from '../../../domain/event-placement.ts';
import { FOCUS_GROUPS } from '../../../domain/event-types.ts';
import { addMonths } from '../../../domain/iso-week.ts';
import { formatDate, formatMonth, formatNumber } from '../../../domain/target-text.ts';
import { nextDateOf } from '../../../domain/time-bands.ts';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  HintAndError,
  SelectField,
  SubmissionField,
} from '../../../web/components/form.tsx';
import { type Lang, langPrefix, messages } from '../../../web/i18n.ts';
import type { DialogueSummary as Summary } from '../../dialogue/service.ts';
import { DialogueSummary } from '../../dialogue/views/dialogue-summary.tsx';
import {
  type EnteredFilter,
  filterQueryString,
  GROUP_PREFIX,
  picturePath,
  suggestionsPath,
} from '../filter.ts';
import { formatP, situationMessages } from '../messages.ts';
import {
  type PeriodComparison,
  PLACE_RADIUS_METRES,
  type StaffPicture,
  type Suggestion,
  type SuggestionList,
} from '../service.ts';
import { BarChart, ColourKey, DistrictMap, Heatmap } from './charts.tsx';
import { formatDay, formatPeriod, formatShare, formatWhen, formatWindow, shortMonth } from './format.ts';

interface Area {
  slug: string;
  name: string;
}

export type CsvTable = 'manad' | 'veckodag-timme' | 'platser' | 'stadsdelar' | 'handelser';

export function FilterForm(props: {
  lang: Lang;
  action: string;
  entered: EnteredFilter;
  errors: FieldErrors | undefined;
  districts: { slug: string; name: string }[];
  types: string[];
  dataMonth: string;
  withTypes: boolean;
}) {
  const { lang, entered, errors } = props;
  const m = situationMessages(lang);
  const labels = { fran: m.fromMonth, till: m.toMonth, stadsdel: m.district, typ: m.type };
  const quick = (from: string, to: string) =>
    `${props.action}?${filterQueryString({ ...entered, fran: from, till: to })}`;
  const year = Number(props.dataMonth.slice(0, 4));
  /** 'YYYY-MM' n months before the data month. */
  const minus = (n: number) => addMonths(props.dataMonth, -n).slice(0, 7);
  return (
    <section aria-labelledby="filter-heading" class="situation-filter">
      <h2 id="filter-heading">{m.filterHeading}</h2>
      <ErrorSummary title={m.errorsTitle} errors={errors} labels={labels} />
      <form method="get" action={props.action}>
        <fieldset aria-describedby="period-hint">
          <legend>{m.period}</legend>
          <p class="hint" id="period-hint">
            {m.monthHint}
          </p>
          <div class="situation-months">
            <MonthField name="fran" label={m.fromMonth} value={entered.fran} error={errors?.fran} />
            <MonthField name="till" label={m.toMonth} value={entered.till} error={errors?.till} />
          </div>
        </fieldset>
        <SelectField
          name="stadsdel"
          label={m.district}
          value={entered.stadsdel}
          errors={errors}
          options={[
            { value: '', label: m.allDistricts },
            ...props.districts.map((d) => ({ value: d.slug, label: d.name })),
          ]}
        />
        {props.withTypes ? (
          <SelectField
            name="typ"
            label={m.type}
            value={entered.typ}
            errors={errors}
            options={[
              { value: '', label: m.allTypes },
              ...FOCUS_GROUPS.map((g) => ({
                value: `${GROUP_PREFIX}${g}`,
                label: m.groupOption(m.groups[g]),
              })),
              ...props.types.map((type) => ({ value: type, label: type })),
            ]}
          />
        ) : null}
        <button type="submit" class="primary">
          {m.show}
        </button>
      </form>
      <nav aria-label={m.quickPicks} class="situation-quick">
        <p>{m.quickPicks}:</p>
        <ul class="nav-list">
          <li>
            <a href={quick(minus(2), props.dataMonth.slice(0, 7))}>{m.last3}</a>
          </li>
          <li>
            <a href={quick(minus(11), props.dataMonth.slice(0, 7))}>{m.last12}</a>
          </li>
          <li>
            <a href={quick(`${year}-01`, `${year}-12`)}>{m.year(year)}</a>
          </li>
          <li>
            <a href={quick(`${year - 1}-01`, `${year - 1}-12`)}>{m.year(year - 1)}</a>
          </li>
        </ul>
        <p class="meta">{m.quickPickNote}</p>
      </nav>
    </section>
  );
}

function MonthField(props: { name: string; label: string; value: string; error: string | undefined }) {
  return (
    <div class="form-field">
      <label for={props.name}>{props.label}</label>
      <HintAndError name={props.name} error={props.error} />
      <input
        id={props.name}
        name={props.name}
        type="month"
        value={props.value}
        pattern="\d{4}-\d{2}"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `period-hint ${props.name}-error` : 'period-hint'}
      />
    </div>
  );
}

export function PicturePage(props: {
  lang: Lang;
  picture: StaffPicture | undefined;
  /** What residents said in the same period ("Tyck till"), suppressed as on the public pages. */
  dialogue: Summary | undefined;
  area: Area;
  entered: EnteredFilter;
  errors: FieldErrors | undefined;
  districts: { slug: string; name: string }[];
  types: string[];
  dataMonth: string;
  latestEventAt: Date | undefined;
}) {
  const { lang, area, picture } = props;
  const t = messages(lang);
  const m = situationMessages(lang);
  const base = picturePath(lang, area.slug);
  const csv = (table: CsvTable) => (
    <p class="csv-link">
      <a href={`${base}.csv?${filterQueryString(props.entered, { tabell: table })}`} download>
        {m.csv(m.csvWhat[table])}
      </a>
    </p>
  );
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(lang)}/staff/${area.slug}`}>{t.lpo(area.name)}</a>
      </p>
      <h1>{m.staffHeading}</h1>
      <p class="situation-label">
        <strong>{m.notCrimeStatistics}.</strong>{' '}
        <a href="https://polisen.se/aktuellt/handelser/">{m.sourceLink}</a>
      </p>
      {picture ? (
        <p class="lead">
          {m.intro(area.name, formatPeriod(picture.query.from, picture.query.to, lang))}{' '}
          {props.latestEventAt ? m.latestEvent(formatDay(props.latestEventAt, lang)) : m.noEventsYet}
        </p>
      ) : null}
      <p>
        <a href={`${suggestionsPath(lang, area.slug)}?${filterQueryString({ ...props.entered, typ: '' })}`}>
          {m.toSuggestions}
        </a>
      </p>
      <FilterForm
        lang={lang}
        action={base}
        entered={props.entered}
        errors={props.errors}
        districts={props.districts}
        types={props.types}
        dataMonth={props.dataMonth}
        withTypes
      />
      {picture ? (
        <>
          <Counts lang={lang} picture={picture} csv={csv('manad')} />
          <Monthly lang={lang} picture={picture} />
          <WeekdayHour lang={lang} picture={picture} csv={csv('veckodag-timme')} />
          <Places lang={lang} picture={picture} csv={csv('platser')} />
          <Districts lang={lang} picture={picture} csv={csv('stadsdelar')} />
          <Latest lang={lang} picture={picture} csv={csv('handelser')} />
        </>
      ) : null}
      <CitizenInput lang={lang}>
        {props.dialogue ? (
          <DialogueSummary lang={lang} summary={props.dialogue} level={3} idPrefix="citizen" />
        ) : null}
      </CitizenInput>
    </>
  );
}

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id} class="situation-section">
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** A wide table in a box that scrolls sideways on a phone; focusable so a keyboard can scroll it. */
function ScrollTable(props: { label: string; children: ComponentChildren }) {
  return (
    // A scrolling region takes focus, so a keyboard can scroll it.
    <section class="table-scroll" aria-label={props.label} tabindex={0}>
      {props.children}
    </section>
  );
}

function Counts(props: { lang: Lang; picture: StaffPicture; csv: ComponentChildren }) {
  const { lang, picture } = props;
  const m = situationMessages(lang);
  const n = (value: number) => formatNumber(value, lang);
  return (
    <Section id="counts" title={m.countsHeading}>
      <p class="situation-total">{m.eventsInPeriod(n(picture.total))}</p>
      <Comparison lang={lang} label={m.previousLabel} comparison={picture.previous} />
      <Comparison lang={lang} label={m.lastYearLabel} comparison={picture.lastYear} />
      <p class="meta">{m.chanceNote}</p>
      <ScrollTable label={m.countsHeading}>
        <table>
          <caption>{m.countsHeading}</caption>
          <thead>
            <tr>
              <th scope="col">{m.group}</th>
              <th scope="col">{m.thisPeriod}</th>
              <th scope="col">{m.previousPeriod}</th>
              <th scope="col">{m.lastYear}</th>
            </tr>
          </thead>
          <tbody>
            {picture.byGroup.map((row) => (
              <tr key={row.group}>
                <th scope="row">{m.groups[row.group]}</th>
                <td>{n(row.current)}</td>
                <td>{n(row.previous)}</td>
                <td>{n(row.lastYear)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{m.total}</th>
              <td>{n(picture.total)}</td>
              <td>{n(picture.previous.previous)}</td>
              <td>{n(picture.lastYear.previous)}</td>
            </tr>
          </tbody>
        </table>
      </ScrollTable>
      <p class="meta">{m.groupsNote}</p>
      {props.csv}
    </Section>
  );
}

function Comparison(props: { lang: Lang; label: string; comparison: PeriodComparison }) {
  const { lang, comparison: c } = props;
  const m = situationMessages(lang);
  return (
    <p class={`situation-change${c.significant ? ' situation-change-significant' : ''}`}>
      {m.comparedWith(
        props.label,
        formatPeriod(c.from, c.to, lang),
        formatNumber(c.current, lang),
        formatNumber(c.previous, lang),
      )}{' '}
      <strong>{m.chance(c, formatP(c.p, lang))}</strong>
    </p>
  );
}

function Monthly(props: { lang: Lang; picture: StaffPicture }) {
  const { lang, picture } = props;
  const m = situationMessages(lang);
  return (
    <Section id="monthly" title={m.monthlyHeading}>
      <BarChart
        id="monthly-chart"
        title={m.monthlyChart}
        bars={picture.monthly.map((r) => ({ label: shortMonth(r.month, lang), value: r.events }))}
      />
      <details>
        <summary>{m.tableHeading}</summary>
        <table>
          <caption>{m.monthlyChart}</caption>
          <thead>
            <tr>
              <th scope="col">{m.month}</th>
              <th scope="col">{m.events}</th>
            </tr>
          </thead>
          <tbody>
            {picture.monthly.map((r) => (
              <tr key={r.month}>
                <th scope="row">{formatMonth(r.month, lang)}</th>
                <td>{formatNumber(r.events, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Section>
  );
}

function WeekdayHour(props: { lang: Lang; picture: StaffPicture; csv: ComponentChildren }) {
  const { lang, picture } = props;
  const m = situationMessages(lang);
  const max = Math.max(0, ...picture.heat.flat());
  return (
    <Section id="heatmap" title={m.heatmapHeading}>
      <p>
        {m.shares(
          formatShare(picture.eveningNight, picture.total, lang),
          formatShare(picture.weekend, picture.total, lang),
        )}
      </p>
      <Heatmap id="heatmap-chart" title={m.heatmapChart} rows={picture.heat} weekdays={m.weekdaysShort} />
      <ColourKey max={max} label={m.legend} none={m.noEvents} format={(n) => formatNumber(n, lang)} />
      <details>
        <summary>{m.tableHeading}</summary>
        <ScrollTable label={m.heatmapChart}>
          <table class="heat-table">
            <caption>{m.heatmapChart}</caption>
            <thead>
              <tr>
                <th scope="col">{m.weekday}</th>
                {Array.from({ length: 24 }, (_, hour) => (
                  <th scope="col" key={hour}>
                    {String(hour).padStart(2, '0')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {picture.heat.map((row, d) => (
                <tr key={m.weekdays[d]}>
                  <th scope="row">{m.weekdays[d]}</th>
                  {row.map((n, hour) => (
                    <td key={hour}>{formatNumber(n, lang)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </details>
      {props.csv}
    </Section>
  );
}

function Places(props: { lang: Lang; picture: StaffPicture; csv: ComponentChildren }) {
  const { lang, picture } = props;
  const m = situationMessages(lang);
  return (
    <Section id="places" title={m.placesHeading}>
      <p>{m.placesIntro(PLACE_RADIUS_METRES)}</p>
      {picture.places.length === 0 ? (
        <p>{m.noPlaces}</p>
      ) : (
        <ScrollTable label={m.placesHeading}>
          <table>
            <caption>{m.placesHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{m.place}</th>
                <th scope="col">{m.kind}</th>
                <th scope="col">{m.events}</th>
                <th scope="col">{m.eveningNight}</th>
                <th scope="col">{m.standsOut}</th>
              </tr>
            </thead>
            <tbody>
              {picture.places.map((p) => (
                <tr key={p.place.slug}>
                  <th scope="row" lang={lang === 'sv' ? undefined : 'sv'}>
                    {p.place.name}
                  </th>
                  <td>{m.kinds[p.place.kind]}</td>
                  <td>{formatNumber(p.events, lang)}</td>
                  <td>{formatNumber(p.eveningNight, lang)}</td>
                  <td>
                    {p.standsOutP === undefined ? m.standsOutNo : m.standsOutYes(formatP(p.standsOutP, lang))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <p class="meta">{m.placesNote}</p>
      {props.csv}
    </Section>
  );
}

function Districts(props: { lang: Lang; picture: StaffPicture; csv: ComponentChildren }) {
  const { lang, picture } = props;
  const m = situationMessages(lang);
  const rows = [...picture.districtCounts].sort(
    (a, b) => b.events - a.events || a.district.name.localeCompare(b.district.name, 'sv'),
  );
  return (
    <Section id="districts" title={m.mapHeading}>
      <p class="meta">{m.mapNote}</p>
      <div class="situation-map-row">
        <div>
          <DistrictMap
            id="district-map"
            title={m.mapChart}
            districts={picture.districtCounts.map((d) => ({ ...d.district, events: d.events }))}
          />
          <ColourKey
            max={Math.max(0, ...picture.districtCounts.map((d) => d.events))}
            label={m.legend}
            none={m.noEvents}
            format={(n) => formatNumber(n, lang)}
          />
        </div>
        <table>
          <caption>{m.mapChart}</caption>
          <thead>
            <tr>
              <th scope="col">{m.district}</th>
              <th scope="col">{m.events}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.district.slug}>
                <th scope="row">{d.district.name}</th>
                <td>{formatNumber(d.events, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.csv}
    </Section>
  );
}

function Latest(props: { lang: Lang; picture: StaffPicture; csv: ComponentChildren }) {
  const { lang, picture } = props;
  const m = situationMessages(lang);
  return (
    <Section id="latest" title={m.latestHeading}>
      {picture.latest.length === 0 ? (
        <p>{m.noLatest}</p>
      ) : (
        <ul class="situation-events">
          {picture.latest.map((e) => (
            <li key={`${e.source}:${e.sourceId}`}>
              <p class="situation-event-title" lang={lang === 'sv' ? undefined : 'sv'}>
                {e.url ? <a href={new URL(e.url, 'https://polisen.se').toString()}>{e.title}</a> : e.title}
              </p>
              <p class="meta">
                {formatWhen(e.occurredAt, lang)} · {e.type}
                {e.districtName ? ` · ${e.districtName}` : ''}
              </p>
              <p class="meta">
                {m.placedHow}:{' '}
                {placementSentence(
                  { placement: e.placement, confidence: e.placementConfidence, detail: e.placementDetail },
                  lang,
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {props.csv}
    </Section>
  );
}

/** What residents told us through "Tyck till" (the dialogue module's summary as children). */
export function CitizenInput(props: { lang: Lang; children?: ComponentChildren }) {
  const m = situationMessages(props.lang);
  return (
    <section aria-labelledby="citizen-input" class="situation-section situation-citizen">
      <h2 id="citizen-input">{m.citizenHeading}</h2>
      <p>{m.citizenText}</p>
      {props.children}
      <p>
        <a href={props.lang === 'sv' ? '/tyck-till' : '/en/tell-us'}>{m.citizenLink}</a>
      </p>
    </section>
  );
}

export function SuggestionsPage(props: {
  lang: Lang;
  area: Area;
  list: SuggestionList | undefined;
  entered: EnteredFilter;
  errors: FieldErrors | undefined;
  districts: { slug: string; name: string }[];
  dataMonth: string;
  today: string;
  plan: { csrfToken: string; submissionId: string; error?: { key: string; message: string } } | undefined;
}) {
  const { lang, area, list } = props;
  const m = situationMessages(lang);
  return (
    <>
      <p class="eyebrow">
        <a href={`${picturePath(lang, area.slug)}?${filterQueryString(props.entered)}`}>{m.backToPicture}</a>
      </p>
      <h1>{m.helginsatsHeading}</h1>
      {props.plan?.error ? (
        <div class="error-summary" role="alert">
          <h2>{m.planHeading}</h2>
          <p>{props.plan.error.message}</p>
        </div>
      ) : null}
      {list ? <p class="lead">{m.suggestionsIntro(formatPeriod(list.from, list.to, lang))}</p> : null}
      <p class="meta">{m.groupsNote}</p>
      {props.plan ? null : <p class="meta">{m.mayNotPlan}</p>}
      <FilterForm
        lang={lang}
        action={suggestionsPath(lang, area.slug)}
        entered={props.entered}
        errors={props.errors}
        districts={props.districts}
        types={[]}
        dataMonth={props.dataMonth}
        withTypes={false}
      />
      {list ? (
        <>
          <SuggestionSection id="by-place" title={m.byPlace} items={list.places} {...props} />
          <SuggestionSection id="by-district" title={m.byDistrict} items={list.districts} {...props} />
        </>
      ) : null}
      <p>
        <a href={`${langPrefix(lang)}/staff/${area.slug}/helginsats`}>{m.plannedShifts}</a>
      </p>
    </>
  );
}

function SuggestionSection(props: {
  id: string;
  title: string;
  items: Suggestion[];
  lang: Lang;
  area: Area;
  today: string;
  plan: { csrfToken: string; submissionId: string; error?: { key: string; message: string } } | undefined;
}) {
  const { lang } = props;
  const m = situationMessages(lang);
  return (
    <Section id={props.id} title={props.title}>
      {props.items.length === 0 ? (
        <p>{m.noSuggestions}</p>
      ) : (
        <ol class="suggestions">
          {props.items.map((s, i) => (
            <SuggestionItem key={s.key} index={i} suggestion={s} {...props} />
          ))}
        </ol>
      )}
    </Section>
  );
}

function SuggestionItem(props: {
  index: number;
  suggestion: Suggestion;
  lang: Lang;
  area: Area;
  today: string;
  plan: { csrfToken: string; submissionId: string; error?: { key: string; message: string } } | undefined;
}) {
  const { lang, suggestion: s, plan } = props;
  const m = situationMessages(lang);
  const window = formatWindow(s.window, lang);
  const heading =
    s.where.kind === 'place' ? m.windowAt(window, s.where.name) : m.windowIn(window, s.where.name);
  const id = `s-${s.key.replace(/[^a-z0-9-]/g, '-')}`;
  const error = plan?.error?.key === s.key ? plan.error.message : undefined;
  return (
    <li class="suggestion">
      <h3 id={id}>{heading}</h3>
      <dl class="suggestion-facts">
        <dt>{m.focusEvents}</dt>
        <dd>{formatNumber(s.focus, lang)}</dd>
        <dt>{m.shareOfAll}</dt>
        <dd>{formatShare(s.focus, s.all, lang)}</dd>
        <dt>{m.trend}</dt>
        <dd>
          {m.trendText(formatNumber(s.focus, lang), formatNumber(s.previous.previous, lang))}{' '}
          {m.chance(s.previous, formatP(s.previous.p, lang))}
        </dd>
      </dl>
      {plan ? (
        <form
          method="post"
          action={suggestionsPath(lang, props.area.slug)}
          class="suggestion-plan"
          aria-labelledby={id}
        >
          <CsrfField token={plan.csrfToken} />
          <SubmissionField id={plan.submissionId} />
          <input type="hidden" name="forslag" value={s.key} />
          <div class="form-field">
            <label for={`${id}-officers`}>{m.officers}</label>
            {error ? (
              <p class="field-error" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
            <input
              id={`${id}-officers`}
              name="poliser"
              type="number"
              inputmode="numeric"
              min={1}
              max={200}
              value="2"
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          </div>
          <button type="submit">{m.planButton(formatDate(nextDateOf(s.window, props.today), lang))}</button>
        </form>
      ) : null}
    </li>
  );
}
