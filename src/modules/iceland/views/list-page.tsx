import { formatDate } from '../../../domain/target-text.ts';
import { type Lang, langPrefix, messages } from '../../../web/i18n.ts';
import { icelandMessages } from '../messages.ts';
import { appliedWord, assessmentWord } from './parts.tsx';

export interface CaseListRow {
  reference: string;
  occurred_on: string;
  applied: boolean | null;
  protection_assessment_done: boolean | null;
}

/** References, dates and status only: nothing of a case is shown before it is opened with a reason. */
export function CaseListPage(props: {
  lang: Lang;
  area: { slug: string; name: string };
  rows: CaseListRow[];
  page: number;
  pages: number;
  ownOnly: boolean;
  mayCreate: boolean;
  mayEditChecklist: boolean;
  saved?: string | undefined;
}) {
  const t = icelandMessages(props.lang);
  const areaPath = `${langPrefix(props.lang)}/staff/${props.area.slug}`;
  const base = `${areaPath}/islandsmodellen`;
  return (
    <>
      <p class="eyebrow">
        <a href={areaPath}>{messages(props.lang).lpo(props.area.name)}</a>
      </p>
      <h1>{t.section}</h1>
      {props.saved ? (
        <p class="notice" role="status">
          {t.saved(props.saved)}
        </p>
      ) : null}
      <p>{t.listIntro}</p>
      {props.ownOnly ? <p class="meta">{t.ownCasesOnly}</p> : null}
      {props.mayCreate || props.mayEditChecklist ? (
        <ul class="iceland-actions">
          {props.mayCreate ? (
            <li>
              <a class="button-link" href={`${base}/nytt`}>
                {t.newCase}
              </a>
            </li>
          ) : null}
          {props.mayEditChecklist ? (
            <li>
              <a href={`${base}/atgarder`}>{t.editChecklist}</a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {props.rows.length === 0 ? (
        <p>{t.noCases}</p>
      ) : (
        <div class="table-scroll">
          <table class="iceland-cases">
            <caption>{t.casesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colReference}</th>
                <th scope="col">{t.colDate}</th>
                <th scope="col">{t.colApplied}</th>
                <th scope="col">{t.colAssessment}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.reference}>
                  <th scope="row">
                    <a href={`${base}/${row.reference}`}>{row.reference}</a>
                  </th>
                  <td>{formatDate(row.occurred_on, props.lang)}</td>
                  <td>{appliedWord(row.applied, t)}</td>
                  <td>{assessmentWord(row.protection_assessment_done, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination lang={props.lang} base={base} page={props.page} pages={props.pages} />
    </>
  );
}

function Pagination(props: { lang: Lang; base: string; page: number; pages: number }) {
  if (props.pages <= 1) return null;
  const t = icelandMessages(props.lang);
  return (
    <nav class="pagination" aria-label={t.pages}>
      {props.page > 1 ? <a href={`${props.base}?sida=${props.page - 1}`}>{t.previousPage}</a> : null}
      <span>{t.pageOf(props.page, props.pages)}</span>
      {props.page < props.pages ? <a href={`${props.base}?sida=${props.page + 1}`}>{t.nextPage}</a> : null}
    </nav>
  );
}
