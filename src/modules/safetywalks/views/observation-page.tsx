import type { PoliceArea } from '../../../db/types.ts';
import type { ObservationStatus } from '../../../domain/observation-status.ts';
import { formatDate } from '../../../domain/target-text.ts';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  SelectField,
  TextArea,
  TextField,
} from '../../../web/components/form.tsx';
import type { Lang } from '../../../web/i18n.ts';
import type { StatusBody } from '../forms.ts';
import { walkMessages } from '../messages.ts';
import { MAX_COMMENT, MAX_NAME } from '../model.ts';
import type { ObservationDetail } from '../service.ts';
import { formatCoordinate, observationPath, walksPath } from './parts.tsx';

export interface ObservationPageProps {
  lang: Lang;
  area: PoliceArea;
  observation: ObservationDetail;
  /** The statuses it may move to now; empty when the user may not change it. */
  next: readonly ObservationStatus[];
  today: string;
  csrfToken: string;
  sent?: { values: Partial<StatusBody>; errors: FieldErrors };
}

export function ObservationPage(props: ObservationPageProps) {
  const { lang, area, observation: o } = props;
  const w = walkMessages(lang);
  return (
    <>
      <p class="eyebrow">
        <a href={walksPath(lang, area.slug, `/${o.walkId}`)}>{w.walkOf(formatDate(o.walkDay, lang))}</a>
      </p>
      <h1>{w.observationHeading(w.categoryLabel[o.category])}</h1>
      <ErrorSummary
        title={w.errorsTitle}
        errors={props.sent?.errors}
        labels={{ status: w.newStatus, at: w.eventDate, owner: w.owner, comment: w.comment }}
      />
      <dl class="walk-facts">
        <div>
          <dt>{w.status}</dt>
          <dd>
            <span class={`observation-status observation-${o.status}`}>{w.observationStatus[o.status]}</span>
          </dd>
        </div>
        <div>
          <dt>{w.owner}</dt>
          <dd>{o.owner ?? w.noOwner}</dd>
        </div>
        <div>
          <dt>{w.where}</dt>
          <dd>
            {w.position(formatCoordinate(o.lat, lang), formatCoordinate(o.lon, lang))}
            {o.district ? ` (${o.district})` : ''}
          </dd>
        </div>
        <div>
          <dt>{w.description}</dt>
          <dd class="walk-text">{o.description}</dd>
        </div>
      </dl>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{w.history}</h2>
        <ol class="observation-history">
          {o.events.map((e) => (
            <li key={e.id}>
              <strong>{formatDate(e.at, lang)}</strong>: {w.observationStatus[e.status]}
              {e.by ? ` ${w.by(e.by)}` : ''}
              {e.comment ? <p class="walk-text">{e.comment}</p> : null}
            </li>
          ))}
        </ol>
      </section>
      {props.next.length > 0 ? <StatusForm {...props} /> : null}
      {o.status === 'fixed' ? <p>{w.finalStatus}</p> : null}
      <p>
        <a href={walksPath(lang, area.slug, `/${o.walkId}`)}>{w.backToWalk}</a>
      </p>
    </>
  );
}

function StatusForm({ lang, area, observation: o, next, today, csrfToken, sent }: ObservationPageProps) {
  const w = walkMessages(lang);
  const values = sent?.values ?? { at: today };
  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">{w.changeStatusHeading}</h2>
      <form method="post" action={`${observationPath(lang, area.slug, o.id)}/status`} class="walk-form">
        <CsrfField token={csrfToken} />
        <SelectField
          name="status"
          label={w.newStatus}
          value={values.status}
          errors={sent?.errors}
          options={next.map((s) => ({ value: s, label: w.observationStatus[s] }))}
        />
        <TextField
          name="at"
          label={w.eventDate}
          type="date"
          value={values.at}
          errors={sent?.errors}
          required
        />
        <TextField
          name="owner"
          label={w.owner}
          hint={`${w.ownerHint} ${w.ownerChangeHint}`}
          value={values.owner ?? o.owner ?? ''}
          maxLength={MAX_NAME}
          errors={sent?.errors}
        />
        <TextArea
          name="comment"
          label={w.comment}
          hint={w.commentHint}
          value={values.comment}
          maxLength={MAX_COMMENT}
          rows={3}
          errors={sent?.errors}
        />
        <button type="submit" class="primary">
          {w.saveStatus}
        </button>
      </form>
    </section>
  );
}
