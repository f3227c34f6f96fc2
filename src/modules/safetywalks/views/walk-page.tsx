import type { PoliceArea } from '../../../db/types.ts';
import { formatDate } from '../../../domain/target-text.ts';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  SelectField,
  SubmissionField,
  TextArea,
  TextField,
} from '../../../web/components/form.tsx';
import type { Lang } from '../../../web/i18n.ts';
import type { CompleteWalkBody, ObservationBody, Place } from '../forms.ts';
import { MAX_ROUTE_BYTES, type Position, type RouteGeometry } from '../geometry.ts';
import { type WalkMessages, walkMessages } from '../messages.ts';
import { MAX_DESCRIPTION, MAX_NAME, OBSERVATION_CATEGORIES } from '../model.ts';
import type { WalkDetail } from '../service.ts';
import { formatCoordinate, observationPath, partnerNames, walksPath } from './parts.tsx';
import { RouteMap } from './route-map.tsx';

/** What the user sent in one of the page's forms, when it comes back with errors. */
export type WalkPageForm =
  | { form: 'complete'; values: Partial<CompleteWalkBody>; errors: FieldErrors }
  | { form: 'observation'; values: Partial<ObservationBody>; errors: FieldErrors };

export interface WalkPageProps {
  lang: Lang;
  area: PoliceArea;
  walk: WalkDetail;
  today: string;
  csrfToken: string;
  submissionId: string;
  /** Where an observation can be put without coordinates: the walk's district first. */
  places: Place[];
  mayUpdate: boolean;
  sent?: WalkPageForm;
}

export function WalkPage(props: WalkPageProps) {
  const { lang, area, walk, sent } = props;
  const w = walkMessages(lang);
  const done = walk.status === 'done';
  const day = walk.done_at ?? walk.walk_date;
  return (
    <>
      <p class="eyebrow">
        <a href={walksPath(lang, area.slug)}>{w.heading}</a>
      </p>
      <h1>{w.walkHeading(formatDate(day, lang))}</h1>
      <ErrorSummary title={w.errorsTitle} errors={sent?.errors} labels={fieldLabels(w)} />
      <WalkFacts {...props} />
      {props.mayUpdate && !done ? <CompleteForm {...props} /> : null}
      {walk.route || walk.observations.length > 0 ? (
        <section aria-labelledby="map-heading">
          <h2 id="map-heading">{w.routeHeading}</h2>
          <RouteMap
            lang={lang}
            // Stored by parseRoute, so the positions are [lon, lat] pairs.
            route={walk.route as RouteGeometry | null}
            points={walk.observations.map((o): Position => [o.lon, o.lat])}
          />
        </section>
      ) : null}
      <Observations {...props} />
      {props.mayUpdate && done ? <ObservationForm {...props} /> : null}
      {props.mayUpdate && done ? <CompleteForm {...props} /> : null}
    </>
  );
}

function fieldLabels(w: WalkMessages): Record<string, string> {
  return {
    done_date: w.doneDate,
    route: w.route,
    lat: w.lat,
    lon: w.lon,
    place: w.place,
    category: w.category,
    description: w.description,
    owner: w.owner,
  };
}

function WalkFacts({ lang, walk }: WalkPageProps) {
  const w = walkMessages(lang);
  const partners = partnerNames(walk.partners, walk.partners_other, lang);
  return (
    <dl class="walk-facts">
      <div>
        <dt>{w.status}</dt>
        <dd>{w.walkStatus[walk.status]}</dd>
      </div>
      <div>
        <dt>{w.plannedFor}</dt>
        <dd>{formatDate(walk.walk_date, lang)}</dd>
      </div>
      {walk.status === 'done' ? (
        <div>
          <dt>{w.doneOn}</dt>
          <dd>{formatDate(walk.done_at ?? walk.walk_date, lang)}</dd>
        </div>
      ) : null}
      <div>
        <dt>{w.district}</dt>
        <dd>{walk.district ?? '–'}</dd>
      </div>
      <div>
        <dt>{w.partners}</dt>
        <dd>{partners.length > 0 ? partners.join(', ') : w.noPartners}</dd>
      </div>
      {walk.notes ? (
        <div>
          <dt>{w.notes}</dt>
          <dd class="walk-text">{walk.notes}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function Observations({ lang, area, walk, mayUpdate }: WalkPageProps) {
  const w = walkMessages(lang);
  return (
    <section aria-labelledby="observations-heading">
      <h2 id="observations-heading">{w.observationsHeading}</h2>
      {walk.observations.length === 0 ? (
        <p>{walk.status === 'done' || !mayUpdate ? w.noObservations : w.observationsAfterDone}</p>
      ) : (
        <ol class="observation-list">
          {walk.observations.map((o, i) => (
            <li key={o.id} id={`observation-${o.id}`}>
              <p class="observation-head">
                <strong>
                  {i + 1}. {w.categoryLabel[o.category]}
                </strong>{' '}
                <span class={`observation-status observation-${o.status}`}>
                  {w.observationStatus[o.status]}
                </span>
                {o.last_change ? ` ${w.statusSince(formatDate(o.last_change, lang))}` : ''}
              </p>
              <p class="walk-text">{o.description}</p>
              <p class="meta">
                {o.owner ?? w.noOwner} ·{' '}
                {w.position(formatCoordinate(o.lat, lang), formatCoordinate(o.lon, lang))}
              </p>
              <p>
                <a href={observationPath(lang, area.slug, o.id)}>
                  {w.followUp}
                  <span class="visually-hidden">
                    : {i + 1}. {w.categoryLabel[o.category]}
                  </span>
                </a>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function CompleteForm({ lang, area, walk, today, csrfToken, sent }: WalkPageProps) {
  const w = walkMessages(lang);
  const done = walk.status === 'done';
  const mine = sent?.form === 'complete' ? sent : undefined;
  const defaultDay = walk.done_at ?? (walk.walk_date <= today ? walk.walk_date : today);
  const values = mine?.values ?? {
    done_date: defaultDay,
    route: walk.route ? JSON.stringify(walk.route) : '',
  };
  return (
    <section aria-labelledby="complete-heading">
      <h2 id="complete-heading">{done ? w.correctHeading : w.completeHeading}</h2>
      <form method="post" action={walksPath(lang, area.slug, `/${walk.id}/genomford`)} class="walk-form">
        <CsrfField token={csrfToken} />
        <TextField
          name="done_date"
          label={w.doneDate}
          type="date"
          value={values.done_date}
          errors={mine?.errors}
          required
        />
        <TextArea
          name="route"
          label={w.route}
          hint={w.routeHint}
          value={values.route}
          maxLength={MAX_ROUTE_BYTES}
          rows={5}
          errors={mine?.errors}
        />
        <button type="submit" class="primary">
          {done ? w.saveChanges : w.markDone}
        </button>
      </form>
    </section>
  );
}

function ObservationForm({ lang, area, walk, csrfToken, submissionId, places, sent }: WalkPageProps) {
  const w = walkMessages(lang);
  const mine = sent?.form === 'observation' ? sent : undefined;
  const values = mine?.values ?? {};
  const errors = mine?.errors;
  return (
    <section aria-labelledby="add-observation-heading">
      <h2 id="add-observation-heading">{w.addObservationHeading}</h2>
      <form method="post" action={walksPath(lang, area.slug, `/${walk.id}/iakttagelser`)} class="walk-form">
        <CsrfField token={csrfToken} />
        <SubmissionField id={mine?.values.submission_id ?? submissionId} />
        <fieldset class="form-field" aria-describedby="where-hint">
          <legend>{w.where}</legend>
          <p class="hint" id="where-hint">
            {w.whereHint}
          </p>
          <div class="coordinates">
            <TextField
              name="lat"
              label={w.lat}
              hint={w.latHint}
              value={values.lat}
              errors={errors}
              inputmode="decimal"
              autocomplete="off"
              maxLength={20}
            />
            <TextField
              name="lon"
              label={w.lon}
              hint={w.lonHint}
              value={values.lon}
              errors={errors}
              inputmode="decimal"
              autocomplete="off"
              maxLength={20}
            />
          </div>
          <SelectField
            name="place"
            label={w.place}
            value={values.place}
            errors={errors}
            options={[
              { value: '', label: w.placeNone },
              ...places.map((p) => ({ value: String(p.id), label: w.placeOption(p.name) })),
            ]}
          />
        </fieldset>
        <SelectField
          name="category"
          label={w.category}
          value={values.category}
          errors={errors}
          options={[
            { value: '', label: w.chooseCategory },
            ...OBSERVATION_CATEGORIES.map((c) => ({ value: c, label: w.categoryLabel[c] })),
          ]}
        />
        <TextArea
          name="description"
          label={w.description}
          hint={w.descriptionHint}
          value={values.description}
          maxLength={MAX_DESCRIPTION}
          rows={4}
          errors={errors}
        />
        <TextField
          name="owner"
          label={w.owner}
          hint={w.ownerHint}
          value={values.owner}
          maxLength={MAX_NAME}
          errors={errors}
        />
        <button type="submit" class="primary">
          {w.addObservation}
        </button>
      </form>
    </section>
  );
}
