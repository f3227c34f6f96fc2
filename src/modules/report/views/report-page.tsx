// The yearly follow-up report as a web page: printable, each chart an SVG with its table beside it.
// Lays out the report model only; every sentence comes from it, the same as in the PDF.
import { WeeklyChart } from '../../../web/components/weekly-chart.tsx';
import type { Lang } from '../../../web/i18n.ts';
import { DOC_LANG, promisePath } from '../../promises/views/promise-page.tsx';
import type { ReportChart, ReportCommitment, ReportModel, ReportTarget, WorkGroup } from '../model.ts';
import { reportPath } from '../paths.ts';

/** Text written in the promise (Swedish) gets lang="sv" on the English page, for screen readers' voice. */
function docLang(lang: Lang): string | undefined {
  return lang === 'sv' ? undefined : DOC_LANG;
}

export function ReportPage({ report }: { report: ReportModel }) {
  const { lang } = report;
  return (
    <article class="report">
      <p class="eyebrow">{report.eyebrow}</p>
      <h1>{report.heading}</h1>
      <p class="report-status">
        <strong>{report.statusLine}</strong>
      </p>
      {report.metaLines.map((line) => (
        <p key={line} class="meta">
          {line}
        </p>
      ))}
      <p class="report-download">
        <a href={reportPath(lang, report.lpoSlug, report.year, 'pdf')} download>
          {report.labels.download}
        </a>
      </p>
      {report.notices.map((notice) => (
        <p key={notice} class="notice" role="note">
          {notice}
        </p>
      ))}
      <p class="lead">{report.intro}</p>
      <Summary report={report} />
      <section aria-labelledby="report-commitments">
        <h2 id="report-commitments">{report.commitmentsHeading}</h2>
        {report.commitments.map((c) => (
          <Commitment key={c.key} report={report} item={c} />
        ))}
      </section>
      <section aria-labelledby="report-work">
        <h2 id="report-work">{report.work.heading}</h2>
        {report.work.groups.map((g, i) => (
          <Work key={g.heading} group={g} id={`report-work-${i}`} />
        ))}
      </section>
      <section aria-labelledby="report-dialogue" class={report.dialogue.available ? '' : 'report-missing'}>
        <h2 id="report-dialogue">{report.dialogue.heading}</h2>
        {report.dialogue.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        {report.dialogue.lists.map((list, i) => (
          <div key={list.caption} class="table-scroll">
            <table class="report-table" id={`report-dialogue-${i}`}>
              <caption>{list.caption}</caption>
              <tbody>
                {list.items.map((item) => (
                  <tr key={item.label}>
                    <th scope="row">{item.label}</th>
                    <td>{item.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      <section aria-labelledby="report-next">
        <h2 id="report-next">{report.nextYear.heading}</h2>
        {report.nextYear.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        {report.nextYear.changes.length > 0 ? (
          <ul>
            {report.nextYear.changes.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <p class="report-links">
        <a href={promisePath(lang, report.lpoSlug, report.year)}>{report.labels.backToPromise}</a>
      </p>
    </article>
  );
}

function Summary({ report }: { report: ReportModel }) {
  const s = report.summary;
  return (
    <section aria-labelledby="report-summary">
      <h2 id="report-summary">{s.heading}</h2>
      <p>{s.sentence}</p>
      {s.rows.length > 0 ? (
        <div class="table-scroll">
          <table class="report-table">
            <CaptionAndHead caption={s.caption} columns={s.columns} />
            <tbody>
              {s.rows.map((row) => (
                <tr key={`${row.commitment}-${row.target}`}>
                  <th scope="row" lang={docLang(report.lang)}>
                    {row.commitment}
                  </th>
                  <td lang={docLang(report.lang)}>{row.target}</td>
                  <td>{row.status}</td>
                  <td>{row.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function Commitment({ report, item }: { report: ReportModel; item: ReportCommitment }) {
  const id = `report-c-${item.key}`;
  return (
    <section class="report-commitment" aria-labelledby={id}>
      <h3 id={id} lang={docLang(report.lang)}>
        {item.title}
      </h3>
      {item.paragraphs.map((p) => (
        <p key={p} lang={docLang(report.lang)}>
          {p}
        </p>
      ))}
      {item.noTarget ? <p class="no-target">{item.noTarget}</p> : null}
      {item.targets.map((tp, i) => (
        <Target key={tp.text} report={report} target={tp} id={`${id}-${i}`} />
      ))}
    </section>
  );
}

function Target({ report, target, id }: { report: ReportModel; target: ReportTarget; id: string }) {
  const { labels } = report;
  return (
    <div class="target">
      <dl class="report-target">
        <div>
          <dt>{labels.target}</dt>
          <dd lang={docLang(report.lang)}>{target.text}</dd>
        </div>
        {target.statusLabel ? (
          <div>
            <dt>{labels.status}</dt>
            <dd>
              <span class={`status status-${target.status}`}>{target.statusLabel}</span>
            </dd>
          </div>
        ) : null}
        {target.outcome ? (
          <div>
            <dt>{labels.outcome}</dt>
            <dd>{target.outcome}</dd>
          </div>
        ) : null}
      </dl>
      {target.suppressed ? <p class="suppressed">{target.suppressed}</p> : null}
      {target.explanation ? <p>{target.explanation}</p> : null}
      {target.forecast ? <p class="meta">{target.forecast}</p> : null}
      {target.note ? <p class="meta">{target.note}</p> : null}
      {target.chart ? <Chart report={report} chart={target.chart} id={id} /> : null}
    </div>
  );
}

function Chart({ report, chart, id }: { report: ReportModel; chart: ReportChart; id: string }) {
  const { table } = chart;
  return (
    <div class="report-chart">
      <h4>{chart.heading}</h4>
      <WeeklyChart
        points={chart.points}
        evaluation={chart.evaluation}
        lang={report.lang}
        title={chart.title}
        id={`${id}-chart`}
      />
      <div class="table-scroll">
        <table class="weekly-table">
          <CaptionAndHead caption={table.caption} columns={table.columns} />
          <tbody>
            {table.rows.map(([week, inWeek, atEnd]) => (
              <tr key={week}>
                <th scope="row">{week}</th>
                <td class="num">{inWeek}</td>
                <td class="num">{atEnd}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A report table's caption and column headings. */
function CaptionAndHead({ caption, columns }: { caption: string; columns: readonly string[] }) {
  return (
    <>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}

function Work({ group, id }: { group: WorkGroup; id: string }) {
  return (
    <section class="report-work" aria-labelledby={id}>
      <h3 id={id}>{group.heading}</h3>
      <Figures figures={group.figures} />
      {group.notes.map((note) => (
        <p key={note} class="meta">
          {note}
        </p>
      ))}
    </section>
  );
}

function Figures({ figures }: { figures: { label: string; value: string }[] }) {
  if (figures.length === 0) return null;
  return (
    <dl class="figures">
      {figures.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
