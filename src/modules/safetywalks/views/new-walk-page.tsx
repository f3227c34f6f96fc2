import type { PoliceArea } from '../../../db/types.ts';
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
import type { Lang } from '../../../web/i18n.ts';
import type { PlanWalkBody } from '../forms.ts';
import { walkMessages } from '../messages.ts';
import { MAX_NAME, MAX_NOTES, WALK_PARTNERS } from '../model.ts';
import { walksPath } from './parts.tsx';

export function NewWalkPage(props: {
  lang: Lang;
  area: PoliceArea;
  csrfToken: string;
  submissionId: string;
  districts: { id: number; name: string }[];
  values?: Partial<PlanWalkBody>;
  errors?: FieldErrors;
}) {
  const { lang, area, values = {}, errors } = props;
  const w = walkMessages(lang);
  return (
    <>
      <p class="eyebrow">
        <a href={walksPath(lang, area.slug)}>{w.heading}</a>
      </p>
      <h1>{w.newHeading}</h1>
      <ErrorSummary
        title={w.errorsTitle}
        errors={errors}
        labels={{
          walk_date: w.walkDate,
          district_id: w.district,
          partners: w.partners,
          partners_other: w.partnersOther,
          notes: w.notes,
        }}
      />
      <form method="post" action={walksPath(lang, area.slug, '/ny')} class="walk-form">
        <CsrfField token={props.csrfToken} />
        <SubmissionField id={props.submissionId} />
        <TextField
          name="walk_date"
          label={w.walkDate}
          type="date"
          value={values.walk_date}
          errors={errors}
          required
        />
        <SelectField
          name="district_id"
          label={w.district}
          value={values.district_id}
          errors={errors}
          options={[
            { value: '', label: w.chooseDistrict },
            ...props.districts.map((d) => ({ value: String(d.id), label: d.name })),
          ]}
        />
        <CheckboxGroup
          name="partners"
          legend={w.partners}
          options={WALK_PARTNERS.map((p) => ({ value: p, label: w.partnerLabel[p] }))}
          checked={[values.partners ?? []].flat()}
          errors={errors}
        />
        <TextField
          name="partners_other"
          label={w.partnersOther}
          hint={w.partnersOtherHint}
          value={values.partners_other}
          maxLength={MAX_NAME}
          errors={errors}
        />
        <TextArea
          name="notes"
          label={w.notes}
          hint={w.notesHint}
          value={values.notes}
          maxLength={MAX_NOTES}
          rows={4}
          errors={errors}
        />
        <button type="submit" class="primary">
          {w.plan}
        </button>
      </form>
    </>
  );
}
