// The public situation picture of an LPO: published police events per month, district, type group and
// time of day, with small counts hidden, plainly labelled as events and not crime statistics.
import { TYPE_GROUPS } from '../../../domain/event-types.ts';
import { protectTable, type Shown } from '../../../domain/suppression.ts';
import { formatMonth, formatNumber } from '../../../domain/target-text.ts';
import { DAY_BANDS } from '../../../domain/time-bands.ts';
import { type Lang, langPrefix, messages } from '../../../web/i18n.ts';
import type { DialogueSummary as Summary } from '../../dialogue/service.ts';
import { DialogueSummary } from '../../dialogue/views/dialogue-summary.tsx';
import { situationMessages } from '../messages.ts';
import type { PublicPicture } from '../service.ts';
import { BarChart } from './charts.tsx';
import { formatDay, formatPeriod, shortMonth } from './format.ts';
import { CitizenInput } from './staff-pages.tsx';

export const SOURCE_URL = 'https://polisen.se/aktuellt/handelser/';

export function publicCsvPath(lang: Lang, lpo: string): string {
  return lang === 'sv' ? `/lpo/${lpo}/lagesbild.csv` : `/en/lpo/${lpo}/situation.csv`;
}

export function PublicPicturePage(props: { lang: Lang; picture: PublicPicture; dialogue: Summary }) {
  const { lang, picture } = props;
  const t = messages(lang);
  const m = situationMessages(lang);
  const slug = picture.area.slug;
  const period = formatPeriod(picture.from, picture.to, lang);
  const byMonth = protectTable(picture.monthGroups, picture.threshold);
  const byDistrict = protectTable(picture.districtGroups, picture.threshold);
  const byBand = protectTable(picture.weekdayBands, picture.threshold);
  const show = (n: Shown) => (n === null ? m.fewerThan(picture.threshold) : formatNumber(n, lang));
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(lang)}/lpo/${slug}`}>{t.lpo(picture.area.name)}</a>
      </p>
      <h1>{m.publicHeading(picture.area.name)}</h1>
      <div class="situation-label notice">
        <p>
          <strong>{m.notCrimeStatistics}.</strong> {m.notCrimeStatisticsText}
        </p>
        <p>
          {t.source}: <a href={SOURCE_URL}>{m.sourceLink}</a>
        </p>
      </div>
      <p class="lead">
        {m.publicIntro(picture.area.name, period)}{' '}
        {picture.latestEventAt ? m.latestEvent(formatDay(picture.latestEventAt, lang)) : m.noEventsYet}
      </p>
      <p class="meta">{m.suppressedNote(picture.threshold)}</p>
      <p class="meta">{m.groupsNote}</p>

      <section aria-labelledby="public-monthly" class="situation-section">
        <h2 id="public-monthly">{m.monthlyHeading}</h2>
        <BarChart
          id="public-monthly-chart"
          title={m.monthlyChart}
          bars={picture.months.map((month, i) => ({
            label: shortMonth(month, lang),
            value: byMonth.rowTotals[i] ?? null,
          }))}
        />
        <p class="meta">{m.monthChartSuppressed}</p>
        <GroupTable
          lang={lang}
          caption={m.monthlyChart}
          rowHeader={m.month}
          rows={picture.months.map((month) => formatMonth(month, lang))}
          table={byMonth}
          show={show}
        />
      </section>

      <section aria-labelledby="public-districts" class="situation-section">
        <h2 id="public-districts">{m.perDistrictHeading}</h2>
        <GroupTable
          lang={lang}
          caption={`${m.perDistrictHeading}, ${period}`}
          rowHeader={m.district}
          rows={picture.districts.map((d) => d.name)}
          table={byDistrict}
          show={show}
        />
      </section>

      <section aria-labelledby="public-bands" class="situation-section">
        <h2 id="public-bands">{m.bandsHeading}</h2>
        <section class="table-scroll" aria-label={m.bandsHeading} tabindex={0}>
          <table>
            <caption>{`${m.bandsHeading}, ${period}`}</caption>
            <thead>
              <tr>
                <th scope="col">{m.weekday}</th>
                {DAY_BANDS.map((b) => (
                  <th scope="col" key={b.key}>
                    {m.bands[b.key]}
                  </th>
                ))}
                <th scope="col">{m.total}</th>
              </tr>
            </thead>
            <tbody>
              {byBand.cells.map((row, d) => (
                <tr key={m.weekdays[d]}>
                  <th scope="row">{m.weekdays[d]}</th>
                  {row.map((n, b) => (
                    <td key={DAY_BANDS[b]?.key}>{show(n)}</td>
                  ))}
                  <td>{show(byBand.rowTotals[d] ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>

      <section aria-labelledby="public-open-data" class="situation-section">
        <h2 id="public-open-data">{m.openDataHeading}</h2>
        <p>{m.openDataText}</p>
        <ul>
          <li>
            <a href={publicCsvPath(lang, slug)}>{m.csvLink}</a>
          </li>
          <li>
            <a href={`/api/v1/lpos/${slug}/situation${lang === 'en' ? '?lang=en' : ''}`}>{m.jsonLink}</a>
          </li>
        </ul>
      </section>

      <CitizenInput lang={lang}>
        <DialogueSummary lang={lang} summary={props.dialogue} level={3} idPrefix="citizen" />
      </CitizenInput>
    </>
  );
}

function GroupTable(props: {
  lang: Lang;
  caption: string;
  rowHeader: string;
  rows: string[];
  table: ReturnType<typeof protectTable>;
  show: (n: Shown) => string;
}) {
  const m = situationMessages(props.lang);
  const { table, show } = props;
  return (
    <section class="table-scroll" aria-label={props.caption} tabindex={0}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.rowHeader}</th>
            {TYPE_GROUPS.map((g) => (
              <th scope="col" key={g}>
                {m.groups[g]}
              </th>
            ))}
            <th scope="col">{m.total}</th>
          </tr>
        </thead>
        <tbody>
          {table.cells.map((row, i) => (
            <tr key={props.rows[i]}>
              <th scope="row">{props.rows[i]}</th>
              {row.map((n, j) => (
                <td key={TYPE_GROUPS[j]}>{show(n)}</td>
              ))}
              <td>{show(table.rowTotals[i] ?? null)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{m.total}</th>
            {table.columnTotals.map((n, j) => (
              <td key={TYPE_GROUPS[j]}>{show(n)}</td>
            ))}
            <td>{show(table.total)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
