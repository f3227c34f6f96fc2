import { stockholmDate } from '../../../domain/iso-week.ts';
import { formatDate } from '../../../domain/target-text.ts';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  TextArea,
  TextField,
} from '../../../web/components/form.tsx';
import { type Lang, langPrefix, messages } from '../../../web/i18n.ts';
import { type EditorForm, fieldName, targetValue } from '../editor.ts';
import { editorMessages } from '../messages.ts';
import type { PromiseFile } from '../schema.ts';

export interface HistoryEntry {
  version: number;
  status: 'draft' | 'published';
  changes: string[];
  changed_at: Date;
  changedBy: string | null;
}

export function EditorListPage(props: {
  lang: Lang;
  area: { slug: string; name: string };
  years: { year: number; status: 'draft' | 'published'; title: string }[];
  csrf: string;
  errors?: FieldErrors;
  newYear?: string;
}) {
  const m = editorMessages(props.lang);
  const t = messages(props.lang);
  const base = `${langPrefix(props.lang)}/staff/${props.area.slug}/lofte`;
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(props.lang)}/staff/${props.area.slug}`}>{t.lpo(props.area.name)}</a>
      </p>
      <h1>{m.editorHeading}</h1>
      <h2>{m.years}</h2>
      <ul>
        {props.years.map((y) => (
          <li key={y.year}>
            <a href={`${base}/${y.year}`}>
              {y.year}: {y.title}
            </a>{' '}
            ({m.status[y.status]})
          </li>
        ))}
      </ul>
      <h2>{m.newDraft}</h2>
      <ErrorSummary title={m.errorsTitle} errors={props.errors} labels={{ year: m.newDraftYear }} />
      <form method="post" action={base}>
        <CsrfField token={props.csrf} />
        <TextField
          name="year"
          label={m.newDraftYear}
          hint={m.newDraftHint}
          inputmode="numeric"
          value={props.newYear}
          errors={props.errors}
          required
        />
        <button type="submit">{m.create}</button>
      </form>
    </>
  );
}

export function EditorPage(props: {
  lang: Lang;
  area: { slug: string; name: string };
  year: number;
  status: 'draft' | 'published';
  doc: PromiseFile;
  form: EditorForm;
  errors?: FieldErrors;
  jsonText: string;
  jsonErrors?: FieldErrors;
  history: HistoryEntry[];
  csrf: string;
  canPublish: boolean;
  saved?: boolean;
}) {
  const m = editorMessages(props.lang);
  const base = `${langPrefix(props.lang)}/staff/${props.area.slug}/lofte/${props.year}`;
  const labels = editorLabels(props.doc, m);
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(props.lang)}/staff/${props.area.slug}/lofte`}>{m.editorHeading}</a>
      </p>
      <h1>{m.editHeading(props.year)}</h1>
      {props.saved ? (
        <p class="notice" role="status">
          {m.saved}
        </p>
      ) : null}
      <p class="notice">{props.status === 'draft' ? m.draftNotice : m.publishedNotice}</p>
      <ErrorSummary title={m.errorsTitle} errors={props.errors} labels={labels} />
      <form method="post" action={base} class="editor">
        <CsrfField token={props.csrf} />
        <TextField
          name="title"
          label={m.title}
          value={props.form.title}
          errors={props.errors}
          maxLength={200}
          required
        />
        <TextField
          name="validFrom"
          label={m.validFrom}
          type="date"
          value={props.form.validFrom}
          errors={props.errors}
        />
        <TextField
          name="validTo"
          label={m.validTo}
          type="date"
          value={props.form.validTo}
          errors={props.errors}
        />
        <TextArea
          name="introduction"
          label={m.introduction}
          hint={m.introductionHint}
          value={props.form.introduction}
          errors={props.errors}
          rows={6}
          maxLength={8000}
        />
        <TextArea
          name="situation"
          label={m.situation}
          value={props.form.situation}
          errors={props.errors}
          rows={4}
          maxLength={8000}
        />
        <TextArea
          name="problems"
          label={m.problems}
          hint={m.linesHint}
          value={props.form.problems}
          errors={props.errors}
          rows={3}
        />
        {props.doc.commitments.map((c, i) => (
          <fieldset key={c.key} class="commitment">
            <legend>
              {m.commitment} {i + 1}: {c.title}
            </legend>
            <TextField
              name={fieldName.commitmentTitle(i)}
              label={m.commitmentTitle}
              value={props.form[fieldName.commitmentTitle(i)]}
              errors={props.errors}
              maxLength={200}
            />
            <TextArea
              name={fieldName.commitmentText(i)}
              label={m.commitmentText}
              value={props.form[fieldName.commitmentText(i)]}
              errors={props.errors}
              rows={5}
              maxLength={4000}
            />
            {c.targets.map((target, j) => (
              <div key={`${c.key}-${j}`} class="target">
                <TextField
                  name={fieldName.targetText(i, j)}
                  label={`${m.targetText} (${target.metric})`}
                  value={props.form[fieldName.targetText(i, j)]}
                  errors={props.errors}
                  maxLength={500}
                />
                {targetValue(target) === undefined ? null : (
                  <TextField
                    name={fieldName.targetValue(i, j)}
                    label={m.targetValue[target.rule]}
                    type={target.rule === 'milestone' ? 'date' : 'text'}
                    inputmode={target.rule === 'milestone' ? undefined : 'numeric'}
                    value={props.form[fieldName.targetValue(i, j)]}
                    errors={props.errors}
                  />
                )}
              </div>
            ))}
          </fieldset>
        ))}
        <button type="submit" class="primary">
          {m.save}
        </button>
      </form>
      {props.status === 'draft' && props.canPublish ? (
        <form method="post" action={`${base}/publicera`}>
          <CsrfField token={props.csrf} />
          <p class="hint">{m.publishHint}</p>
          <button type="submit">{m.publish}</button>
        </form>
      ) : null}
      <details class="advanced" open={props.jsonErrors !== undefined}>
        <summary>{m.advanced}</summary>
        <ErrorSummary title={m.errorsTitle} errors={props.jsonErrors} labels={{}} />
        <form method="post" action={`${base}/json`}>
          <CsrfField token={props.csrf} />
          <TextArea
            name="document"
            label={m.advanced}
            hint={m.advancedHint}
            value={props.jsonText}
            rows={20}
            maxLength={200_000}
          />
          <button type="submit">{m.saveJson}</button>
        </form>
      </details>
      <HistoryTable lang={props.lang} history={props.history} />
    </>
  );
}

export function HistoryTable({ lang, history }: { lang: Lang; history: HistoryEntry[] }) {
  const m = editorMessages(lang);
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{m.history}</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{m.version}</th>
              <th scope="col">{m.when}</th>
              <th scope="col">{m.by}</th>
              <th scope="col">{m.what}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.version}>
                <th scope="row">
                  {h.version} ({m.status[h.status]})
                </th>
                <td>{formatDate(stockholmDate(h.changed_at), lang)}</td>
                <td>{h.changedBy ?? m.imported}</td>
                <td>
                  {h.changes.length === 0 ? (
                    m.created
                  ) : (
                    <ul>
                      {h.changes.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function editorLabels(doc: PromiseFile, m: ReturnType<typeof editorMessages>): Record<string, string> {
  const labels: Record<string, string> = {
    title: m.title,
    validFrom: m.validFrom,
    validTo: m.validTo,
    introduction: m.introduction,
    situation: m.situation,
    problems: m.problems,
  };
  doc.commitments.forEach((c, i) => {
    labels[fieldName.commitmentTitle(i)] = `${c.title}: ${m.commitmentTitle}`;
    labels[fieldName.commitmentText(i)] = `${c.title}: ${m.commitmentText}`;
    c.targets.forEach((t, j) => {
      labels[fieldName.targetText(i, j)] = `${c.title}: ${m.targetText}`;
      labels[fieldName.targetValue(i, j)] = `${c.title}: ${m.targetValue[t.rule]}`;
    });
  });
  return labels;
}
