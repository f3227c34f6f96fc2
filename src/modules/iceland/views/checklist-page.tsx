// The lead's editor of the LPO's checklist of initial measures.
import { CsrfField, ErrorSummary, type FieldErrors, TextField } from '../../../web/components/form.tsx';
import { type Lang, langPrefix } from '../../../web/i18n.ts';
import { type FormBody, field, fields } from '../forms.ts';
import { type IcelandMessages, icelandMessages } from '../messages.ts';
import type { IcelandMeasure } from '../repo.ts';
import { measureLabel } from './parts.tsx';

export function ChecklistPage(props: {
  lang: Lang;
  area: { slug: string };
  csrfToken: string;
  measures: IcelandMeasure[];
  /** Entered values when the form did not save; else the stored checklist is shown. */
  values?: FormBody | undefined;
  errors?: FieldErrors | undefined;
  saved?: boolean;
}) {
  const t = icelandMessages(props.lang);
  const base = `${langPrefix(props.lang)}/staff/${props.area.slug}/islandsmodellen`;
  const values = props.values ?? storedValues(props.measures);
  return (
    <>
      <p class="eyebrow">
        <a href={base}>{t.section}</a>
      </p>
      <h1>{t.checklistTitle}</h1>
      <ErrorSummary
        title={t.errorSummary}
        errors={props.errors}
        labels={labels(props.measures, props.lang, t)}
      />
      {props.saved ? (
        <p class="notice" role="status">
          {t.checklistSaved}
        </p>
      ) : null}
      <p>{t.checklistIntro}</p>
      <form method="post" action={`${base}/atgarder`} class="iceland-form">
        <CsrfField token={props.csrfToken} />
        {props.measures.map((m) => (
          <fieldset key={m.key} class="form-field measure">
            <legend>{measureLabel(m, props.lang)}</legend>
            <MeasureFields suffix={m.key} t={t} values={values} errors={props.errors} />
            <div class="checkbox">
              <input
                type="checkbox"
                id={`active-${m.key}`}
                name="active"
                value={m.key}
                checked={fields(values, 'active').includes(m.key)}
              />
              <label for={`active-${m.key}`}>{t.active}</label>
            </div>
          </fieldset>
        ))}
        <fieldset class="form-field measure" aria-describedby="new-measure-hint">
          <legend>{t.newMeasure}</legend>
          <p class="hint" id="new-measure-hint">
            {t.newMeasureHint}
          </p>
          <MeasureFields suffix="new" t={t} values={values} errors={props.errors} />
        </fieldset>
        <button type="submit" class="primary">
          {t.saveChecklist}
        </button>
      </form>
    </>
  );
}

function MeasureFields(props: {
  suffix: string;
  t: IcelandMessages;
  values: FormBody;
  errors: FieldErrors | undefined;
}) {
  const { suffix, t, values, errors } = props;
  return (
    <>
      <TextField
        name={`label_sv-${suffix}`}
        label={t.labelSv}
        value={field(values, `label_sv-${suffix}`)}
        maxLength={120}
        errors={errors}
      />
      <TextField
        name={`label_en-${suffix}`}
        label={t.labelEn}
        value={field(values, `label_en-${suffix}`)}
        maxLength={120}
        errors={errors}
      />
      <TextField
        name={`position-${suffix}`}
        label={t.position}
        hint={t.positionHint}
        type="number"
        inputmode="numeric"
        min={1}
        max={999}
        value={field(values, `position-${suffix}`)}
        errors={errors}
      />
    </>
  );
}

function storedValues(measures: IcelandMeasure[]): FormBody {
  const values: FormBody = { active: measures.filter((m) => m.active).map((m) => m.key) };
  const next = Math.max(0, ...measures.map((m) => m.position)) + 10;
  for (const m of measures) {
    values[`label_sv-${m.key}`] = m.label_sv;
    values[`label_en-${m.key}`] = m.label_en;
    values[`position-${m.key}`] = String(m.position);
  }
  values['position-new'] = String(Math.min(999, next));
  return values;
}

function labels(measures: IcelandMeasure[], lang: Lang, t: IcelandMessages): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [suffix, name] of [
    ...measures.map((m) => [m.key, measureLabel(m, lang)] as const),
    ['new', t.newMeasure] as const,
  ]) {
    out[`label_sv-${suffix}`] = `${name}: ${t.labelSv}`;
    out[`label_en-${suffix}`] = `${name}: ${t.labelEn}`;
    out[`position-${suffix}`] = `${name}: ${t.position}`;
  }
  return out;
}
