// Opening a case: first the reason (audited), then the case itself with the forms the role may use.
import { formatDate } from '../../../domain/target-text.ts';
import { CsrfField, ErrorSummary, type FieldErrors, TextArea } from '../../../web/components/form.tsx';
import { type Lang, langPrefix } from '../../../web/i18n.ts';
import { type FormBody, field } from '../forms.ts';
import { type IcelandMessages, icelandMessages } from '../messages.ts';
import type { IcelandCase, IcelandMeasure } from '../repo.ts';
import { MAX_TEXT, PURPOSES } from '../rules.ts';
import type { OpenReason } from '../service.ts';
import { caseFieldLabels, DateTimeFields, OutcomeFields } from './case-form.tsx';
import {
  appliedWord,
  assessmentWord,
  eligibilityWords,
  measureLabel,
  RadioGroup,
  stockholmClock,
} from './parts.tsx';

function casePath(lang: Lang, slug: string, reference: string): string {
  return `${langPrefix(lang)}/staff/${slug}/islandsmodellen/${reference}`;
}

export function OpenCasePage(props: {
  lang: Lang;
  area: { slug: string };
  reference: string;
  csrfToken: string;
  values: FormBody;
  errors?: FieldErrors | undefined;
}) {
  const t = icelandMessages(props.lang);
  const { values, errors } = props;
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(props.lang)}/staff/${props.area.slug}/islandsmodellen`}>{t.backToList}</a>
      </p>
      <h1>{t.openTitle(props.reference)}</h1>
      <ErrorSummary
        title={t.errorSummary}
        errors={errors}
        labels={{ purpose: t.purposeLegend, purpose_text: t.purposeText }}
      />
      <p>{t.openIntro}</p>
      <form
        method="post"
        action={casePath(props.lang, props.area.slug, props.reference)}
        class="iceland-form"
      >
        <CsrfField token={props.csrfToken} />
        <RadioGroup
          name="purpose"
          legend={t.purposeLegend}
          options={PURPOSES.map((p) => ({ value: p, label: t.purpose[p] }))}
          value={field(values, 'purpose')}
          errors={errors}
        />
        <TextArea
          name="purpose_text"
          label={t.purposeText}
          hint={t.purposeTextHint}
          maxLength={MAX_TEXT}
          rows={2}
          value={field(values, 'purpose_text')}
          errors={errors}
        />
        <button type="submit" class="primary">
          {t.openCase}
        </button>
      </form>
    </>
  );
}

export interface CasePageProps {
  lang: Lang;
  area: { slug: string };
  found: IcelandCase;
  reason: OpenReason;
  csrfToken: string;
  districtName: string | undefined;
  recordedBy: string | undefined;
  measures: IcelandMeasure[];
  mayUpdate: boolean;
  mayAssess: boolean;
  /** Entered values and errors of a form that did not save ('outcome' or 'assessment'). */
  failed?: { form: 'outcome' | 'assessment'; values: FormBody; errors: FieldErrors } | undefined;
}

export function CasePage(props: CasePageProps) {
  const t = icelandMessages(props.lang);
  const { found, lang } = props;
  const reasonWords = t.purpose[props.reason.purpose] + (props.reason.text ? `: ${props.reason.text}` : '');
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(lang)}/staff/${props.area.slug}/islandsmodellen`}>{t.backToList}</a>
      </p>
      <h1>{t.caseTitle(found.reference)}</h1>
      <ErrorSummary
        title={t.errorSummary}
        errors={props.failed?.errors}
        labels={{
          ...caseFieldLabels(t),
          assessment_done: t.assessmentDoneLegend,
          assessed_date: t.assessedDate,
          assessed_time: t.assessedTime,
        }}
      />
      <p class="notice">{t.openedFor(reasonWords)}</p>
      <CaseFacts {...props} t={t} />
      {props.mayUpdate ? <OutcomeForm {...props} t={t} /> : null}
      {props.mayAssess ? <AssessmentForm {...props} t={t} /> : null}
    </>
  );
}

function CaseFacts(props: CasePageProps & { t: IcelandMessages }) {
  const { found, lang, t } = props;
  const byKey = new Map(props.measures.map((m) => [m.key, m]));
  const done = found.measures.map((key) => {
    const measure = byKey.get(key);
    return measure ? measureLabel(measure, lang) : key;
  });
  return (
    <>
      {found.is_demo ? <p class="meta">{t.demoCase}</p> : null}
      <h2>{t.facts}</h2>
      <dl class="iceland-facts">
        <dt>{t.occurredOn}</dt>
        <dd>{formatDate(found.occurred_on, lang)}</dd>
        <dt>{t.district}</dt>
        <dd>{props.districtName ?? t.notRecorded}</dd>
        <dt>{t.children}</dt>
        <dd>{found.children}</dd>
        {found.created_by === null ? null : (
          <>
            <dt>{t.recordedBy}</dt>
            <dd>{props.recordedBy ?? t.unknownUser}</dd>
          </>
        )}
      </dl>
      <h2>{t.eligibilityLegend}</h2>
      <ItemList items={eligibilityWords(found.eligibility, lang)} empty={t.notRecorded} />
      <h2>{t.measuresLegend}</h2>
      <ItemList items={done} empty={t.noMeasures} />
      <dl class="iceland-facts">
        <dt>{t.alerted}</dt>
        <dd>{when(found.social_services_alerted_at, lang) ?? t.notRecorded}</dd>
        <dt>{t.arrived}</dt>
        <dd>
          {when(found.social_services_arrived_at, lang) ?? t.notRecorded}
          {found.social_services_alerted_at && found.social_services_arrived_at
            ? ` (${t.minutesAfterAlert(minutesBetween(found.social_services_alerted_at, found.social_services_arrived_at))})`
            : null}
        </dd>
        <dt>{t.appliedHeading}</dt>
        <dd>{appliedWord(found.applied, t)}</dd>
        {found.applied === false ? (
          <>
            <dt>{t.notAppliedBecause}</dt>
            <dd>{found.not_applied_reason}</dd>
          </>
        ) : null}
        <dt>{t.assessmentHeading}</dt>
        <dd>
          {assessmentWord(found.protection_assessment_done, t)}
          {found.protection_assessment_at ? `, ${when(found.protection_assessment_at, lang)}` : null}
        </dd>
      </dl>
    </>
  );
}

function ItemList({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** The reason the case was opened, carried by the page's forms (a re-shown page is audited with it). */
function ReasonFields({ reason }: { reason: OpenReason }) {
  return (
    <>
      <input type="hidden" name="purpose" value={reason.purpose} />
      <input type="hidden" name="purpose_text" value={reason.text} />
    </>
  );
}

function OutcomeForm(props: CasePageProps & { t: IcelandMessages }) {
  const { t, found, lang } = props;
  const failed = props.failed?.form === 'outcome' ? props.failed : undefined;
  // Measures no longer on the checklist stay tickable on cases that have them.
  const measures = props.measures.filter((m) => m.active || found.measures.includes(m.key));
  return (
    <section aria-labelledby="outcome-title">
      <h2 id="outcome-title">{t.outcomeTitle}</h2>
      <form
        method="post"
        action={`${casePath(lang, props.area.slug, found.reference)}/utfall`}
        class="iceland-form"
      >
        <CsrfField token={props.csrfToken} />
        <ReasonFields reason={props.reason} />
        <OutcomeFields
          lang={lang}
          measures={measures}
          values={failed?.values ?? outcomeValues(found)}
          errors={failed?.errors}
        />
        <button type="submit" class="primary">
          {t.saveOutcome}
        </button>
      </form>
    </section>
  );
}

function AssessmentForm(props: CasePageProps & { t: IcelandMessages }) {
  const { t, found, lang } = props;
  const failed = props.failed?.form === 'assessment' ? props.failed : undefined;
  const values = failed?.values ?? assessmentValues(found);
  return (
    <section aria-labelledby="assessment-title">
      <h2 id="assessment-title">{t.assessTitle}</h2>
      <form
        method="post"
        action={`${casePath(lang, props.area.slug, found.reference)}/skyddsbedomning`}
        class="iceland-form"
      >
        <CsrfField token={props.csrfToken} />
        <ReasonFields reason={props.reason} />
        <RadioGroup
          name="assessment_done"
          legend={t.assessmentDoneLegend}
          options={[
            { value: 'yes', label: t.yes },
            { value: 'no', label: t.no },
          ]}
          value={field(values, 'assessment_done')}
          errors={failed?.errors}
        />
        <DateTimeFields
          prefix="assessed"
          legend={t.assessmentAt}
          t={t}
          values={values}
          errors={failed?.errors}
        />
        <button type="submit" class="primary">
          {t.saveAssessment}
        </button>
      </form>
    </section>
  );
}

function outcomeValues(found: IcelandCase): FormBody {
  const alerted = found.social_services_alerted_at
    ? stockholmClock(found.social_services_alerted_at)
    : undefined;
  const arrived = found.social_services_arrived_at
    ? stockholmClock(found.social_services_arrived_at)
    : undefined;
  return {
    measures: found.measures,
    alerted_date: alerted?.date,
    alerted_time: alerted?.time,
    arrived_date: arrived?.date,
    arrived_time: arrived?.time,
    applied: found.applied === true ? 'yes' : found.applied === false ? 'no' : 'undecided',
    not_applied_reason: found.not_applied_reason ?? undefined,
  };
}

function assessmentValues(found: IcelandCase): FormBody {
  const at = found.protection_assessment_at ? stockholmClock(found.protection_assessment_at) : undefined;
  const done = found.protection_assessment_done;
  return {
    assessment_done: done === true ? 'yes' : done === false ? 'no' : undefined,
    assessed_date: at?.date,
    assessed_time: at?.time,
  };
}

function when(instant: Date | null, lang: Lang): string | undefined {
  if (!instant) return undefined;
  const { date, time } = stockholmClock(instant);
  return `${formatDate(date, lang)} ${time}`;
}

function minutesBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 60_000);
}
