// The audit log of an LPO for its admins: filter by action and dates, page through, export as CSV.
import { ErrorSummary, type FieldErrors, SelectField, TextField } from '../../../web/components/form.tsx';
import { type Lang, langPrefix, messages } from '../../../web/i18n.ts';
import type { AuditEntry, AuditFilter } from '../audit-log.ts';

const sv = {
  title: 'Granskningslogg',
  intro:
    'Allt som har gjorts i lokalpolisområdet och vem som gjorde det, och inloggningar av dem som arbetar här. Senaste först.',
  filter: 'Filtrera',
  action: 'Händelse',
  allActions: 'Alla händelser',
  from: 'Från och med',
  to: 'Till och med',
  dateHint: 'ÅÅÅÅ-MM-DD',
  show: 'Visa',
  exportCsv: 'Ladda ner som CSV (för Excel)',
  caption: (total: number) => `Händelser, senaste först (${total} st)`,
  none: 'Inga händelser matchar.',
  at: 'Tid',
  user: 'Vem',
  entity: 'Vad',
  reason: 'Skäl',
  detail: 'Detaljer',
  system: 'Systemet',
  errors: 'Rätta filtret',
  dateInvalid: 'Ange ett datum som ÅÅÅÅ-MM-DD.',
  toBeforeFrom: 'Slutdatumet får inte ligga före startdatumet.',
  pages: 'Sidor',
  previousPage: 'Föregående sida',
  nextPage: 'Nästa sida',
  pageOf: (page: number, pages: number) => `Sida ${page} av ${pages}`,
  csvHeader: ['Tid (svensk tid)', 'Namn', 'E-post', 'Händelse', 'Objekt', 'Objektets id', 'Skäl', 'Detaljer'],
};

export type AuditTexts = typeof sv;

const en: AuditTexts = {
  title: 'Audit log',
  intro:
    'Everything done in the local police area and who did it, and sign-ins of the people who work here. Newest first.',
  filter: 'Filter',
  action: 'Event',
  allActions: 'All events',
  from: 'From',
  to: 'To (inclusive)',
  dateHint: 'YYYY-MM-DD',
  show: 'Show',
  exportCsv: 'Download as CSV (for Excel)',
  caption: (total: number) => `Events, newest first (${total})`,
  none: 'No events match.',
  at: 'Time',
  user: 'Who',
  entity: 'What',
  reason: 'Reason',
  detail: 'Details',
  system: 'The system',
  errors: 'Please correct the filter',
  dateInvalid: 'Enter a date as YYYY-MM-DD.',
  toBeforeFrom: 'The end date must not be before the start date.',
  pages: 'Pages',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
  csvHeader: ['Time (Swedish time)', 'Name', 'E-mail', 'Event', 'Object', 'Object id', 'Reason', 'Details'],
};

export function auditTexts(lang: Lang): AuditTexts {
  return lang === 'sv' ? sv : en;
}

const stockholmTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** '2026-11-25 13:02:09' in Stockholm time. */
export function auditTime(at: Date): string {
  return stockholmTime.format(at);
}

/** The detail object as compact text ('' when empty). */
export function detailText(detail: Record<string, unknown>): string {
  return Object.keys(detail).length === 0 ? '' : JSON.stringify(detail);
}

/** The query string of a filter (and page), for links that keep it. */
export function filterQuery(filter: AuditFilter, page?: number): string {
  const params = new URLSearchParams();
  if (filter.action) params.set('handelse', filter.action);
  if (filter.from) params.set('fran', filter.from);
  if (filter.to) params.set('till', filter.to);
  if (page && page > 1) params.set('sida', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function AuditPage(props: {
  lang: Lang;
  area: { slug: string; name: string };
  actions: string[];
  filter: AuditFilter;
  /** The filter as entered (shown back when it has errors). */
  entered: { action: string; from: string; to: string };
  errors?: FieldErrors | undefined;
  rows: AuditEntry[];
  total: number;
  page: number;
  pages: number;
}) {
  const t = auditTexts(props.lang);
  const areaPath = `${langPrefix(props.lang)}/staff/${props.area.slug}`;
  const path = `${areaPath}/logg`;
  return (
    <>
      <p class="eyebrow">
        <a href={areaPath}>{messages(props.lang).lpo(props.area.name)}</a>
      </p>
      <h1>{t.title}</h1>
      <ErrorSummary title={t.errors} errors={props.errors} labels={{ fran: t.from, till: t.to }} />
      <p>{t.intro}</p>
      <form method="get" action={path} class="audit-filter">
        <fieldset>
          <legend>{t.filter}</legend>
          <SelectField
            name="handelse"
            label={t.action}
            value={props.entered.action}
            options={[
              { value: '', label: t.allActions },
              ...props.actions.map((a) => ({ value: a, label: a })),
            ]}
          />
          <TextField
            name="fran"
            label={t.from}
            type="date"
            hint={t.dateHint}
            value={props.entered.from}
            errors={props.errors}
          />
          <TextField
            name="till"
            label={t.to}
            type="date"
            hint={t.dateHint}
            value={props.entered.to}
            errors={props.errors}
          />
          <button type="submit">{t.show}</button>
        </fieldset>
      </form>
      <p>
        <a href={`${path}.csv${filterQuery(props.filter)}`} download>
          {t.exportCsv}
        </a>
      </p>
      {props.rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        // A wide table scrolls inside its own region, which the keyboard can reach and scroll.
        <section class="table-scroll" aria-labelledby="audit-caption" tabindex={0}>
          <table class="audit-log">
            <caption id="audit-caption">{t.caption(props.total)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.at}</th>
                <th scope="col">{t.user}</th>
                <th scope="col">{t.action}</th>
                <th scope="col">{t.entity}</th>
                <th scope="col">{t.reason}</th>
                <th scope="col">{t.detail}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.id}>
                  <td>{auditTime(row.at)}</td>
                  <td>{row.userName ? `${row.userName} (${row.userEmail ?? ''})` : t.system}</td>
                  <td>
                    <code>{row.action}</code>
                  </td>
                  <td>{row.entityId ? `${row.entity} ${row.entityId}` : row.entity}</td>
                  <td>{row.reason ?? ''}</td>
                  <td>
                    <code>{detailText(row.detail)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pagination t={t} path={path} filter={props.filter} page={props.page} pages={props.pages} />
    </>
  );
}

function Pagination(props: {
  t: AuditTexts;
  path: string;
  filter: AuditFilter;
  page: number;
  pages: number;
}) {
  const { t } = props;
  if (props.pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={t.pages}>
      {props.page > 1 ? (
        <a href={`${props.path}${filterQuery(props.filter, props.page - 1)}`}>{t.previousPage}</a>
      ) : null}
      <span>{t.pageOf(props.page, props.pages)}</span>
      {props.page < props.pages ? (
        <a href={`${props.path}${filterQuery(props.filter, props.page + 1)}`}>{t.nextPage}</a>
      ) : null}
    </nav>
  );
}
