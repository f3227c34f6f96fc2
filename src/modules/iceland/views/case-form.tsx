// The new-case form, and the outcome fields it shares with the case page's update form.
import {
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  SelectField,
  SubmissionField,
  TextArea,
  TextField,
} from '../../../web/components/form.tsx';
import { type Lang, langPrefix } from '../../../web/i18n.ts';
import { type FormBody, field, fields } from '../forms.ts';
import { type IcelandMessages, icelandMessages } from '../messages.ts';
import type { IcelandMeasure } from '../repo.ts';
import { ELIGIBILITY, MAX_TEXT } from '../rules.ts';
import { measureLabel, RadioGroup } from './parts.tsx';

/** Field → label, for the error summary's links. */
export function caseFieldLabels(t: IcelandMessages): Record<string, string> {
  return {
    occurred_on: t.occurredOn,
    district_id: t.district,
    children: t.children,
    eligibility: t.eligibilityLegend,
    measures: t.measuresLegend,
    alerted_date: t.alertedDate,
    alerted_time: t.alertedTime,
    arrived_date: t.arrivedDate,
    arrived_time: t.arrivedTime,
    applied: t.appliedLegend,
    not_applied_reason: t.notAppliedReason,
  };
}

export function NewCasePage(props: {
  lang: Lang;
  area: { slug: string };
  csrfToken: string;
  submissionId: string;
  districts: { id: number; name: string }[];
  measures: IcelandMeasure[];
  values: FormBody;
  errors?: FieldErrors | undefined;
}) {
  const t = icelandMessages(props.lang);
  const base = `${langPrefix(props.lang)}/staff/${props.area.slug}/islandsmodellen`;
  const { values, errors } = props;
  return (
    <>
      <p class="eyebrow">
        <a href={base}>{t.section}</a>
      </p>
      <h1>{t.newTitle}</h1>
      <ErrorSummary title={t.errorSummary} errors={errors} labels={caseFieldLabels(t)} />
      <p>{t.newIntro}</p>
      <form method="post" action={`${base}/nytt`} class="iceland-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <SubmissionField id={props.submissionId} />
        <TextField
          name="occurred_on"
          label={t.occurredOn}
          type="date"
          value={field(values, 'occurred_on')}
          errors={errors}
          required
        />
        <SelectField
          name="district_id"
          label={t.district}
          value={field(values, 'district_id')}
          options={[
            { value: '', label: t.chooseDistrict },
            ...props.districts.map((d) => ({ value: String(d.id), label: d.name })),
          ]}
          errors={errors}
        />
        <TextField
          name="children"
          label={t.children}
          type="number"
          inputmode="numeric"
          min={1}
          max={20}
          hint={t.childrenHint}
          value={field(values, 'children')}
          errors={errors}
          required
        />
        <div id="eligibility">
          <CheckboxGroup
            name="eligibility"
            legend={t.eligibilityLegend}
            hint={t.eligibilityHint}
            options={ELIGIBILITY.map((e) => ({ value: e, label: t.eligibility[e] }))}
            checked={fields(values, 'eligibility')}
            errors={errors}
          />
        </div>
        <OutcomeFields lang={props.lang} measures={props.measures} values={values} errors={errors} />
        <button type="submit" class="primary">
          {t.saveCase}
        </button>
      </form>
    </>
  );
}

/** Measures, social services' times, and whether the model was applied. */
export function OutcomeFields(props: {
  lang: Lang;
  measures: IcelandMeasure[];
  values: FormBody;
  errors?: FieldErrors | undefined;
}) {
  const t = icelandMessages(props.lang);
  const { values, errors } = props;
  return (
    <>
      <div id="measures">
        <CheckboxGroup
          name="measures"
          legend={t.measuresLegend}
          hint={t.measuresHint}
          options={props.measures.map((m) => ({ value: m.key, label: measureLabel(m, props.lang) }))}
          checked={fields(values, 'measures')}
          errors={errors}
        />
      </div>
      <DateTimeFields prefix="alerted" legend={t.alertedLegend} t={t} values={values} errors={errors} />
      <DateTimeFields prefix="arrived" legend={t.arrivedLegend} t={t} values={values} errors={errors} />
      <RadioGroup
        name="applied"
        legend={t.appliedLegend}
        options={[
          { value: 'yes', label: t.appliedOption.yes },
          { value: 'no', label: t.appliedOption.no },
          { value: 'undecided', label: t.appliedOption.undecided },
        ]}
        value={field(values, 'applied')}
        errors={errors}
      />
      <TextArea
        name="not_applied_reason"
        label={t.notAppliedReason}
        hint={t.textHint}
        maxLength={MAX_TEXT}
        value={field(values, 'not_applied_reason')}
        errors={errors}
      />
    </>
  );
}

/** A date and a time in a fieldset (Stockholm time). */
export function DateTimeFields(props: {
  prefix: string;
  legend: string;
  t: IcelandMessages;
  values: FormBody;
  errors?: FieldErrors | undefined;
}) {
  const { prefix, t } = props;
  return (
    <fieldset class="form-field date-time">
      <legend>{props.legend}</legend>
      <TextField
        name={`${prefix}_date`}
        label={t.date}
        type="date"
        value={field(props.values, `${prefix}_date`)}
        errors={props.errors}
      />
      <TextField
        name={`${prefix}_time`}
        label={t.time}
        type="time"
        hint={t.timeHint}
        value={field(props.values, `${prefix}_time`)}
        errors={props.errors}
      />
    </fieldset>
  );
}
