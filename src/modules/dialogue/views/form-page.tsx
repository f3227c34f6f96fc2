// The public "Tyck till" form: choose the LPO, then where (lists, or the map), when, what, and optionally
// more in words and an age band. Plain HTML: it works without script, with the keyboard, on a phone.

import { formatNumber } from '../../../domain/target-text.ts';
import { ErrorSummary, type FieldErrors } from '../../../web/components/form.tsx';
import type { Lang } from '../../../web/i18n.ts';
import { dialogueMessages } from '../messages.ts';
import {
  AGE_BANDS,
  CATEGORIES,
  type DialogueField,
  type DialogueForm,
  MAX_FREE_TEXT,
  TIME_BANDS,
  WEEKDAYS,
} from '../model.ts';
import { formPath, resultsPath } from '../paths.ts';
import type { FormContext } from '../service.ts';
import { AreaMap } from './area-map.tsx';

/** Field errors, plus 'form' for a problem with the form as a whole (its token, the honeypot). */
export type FormErrors = FieldErrors;

export function AreaChoicePage(props: { lang: Lang; areas: { slug: string; name: string }[] }) {
  const m = dialogueMessages(props.lang);
  return (
    <>
      <h1>{m.formTitle}</h1>
      <p class="lead">{m.formIntro}</p>
      {props.areas.length === 0 ? (
        <p>{m.noAreas}</p>
      ) : (
        <form method="get" action={formPath(props.lang)} class="dialogue-form">
          <div class="form-field">
            <label for="lpo">{m.chooseArea}</label>
            <p class="hint" id="lpo-hint">
              {m.chooseAreaHint}
            </p>
            <select id="lpo" name="lpo" aria-describedby="lpo-hint">
              {props.areas.map((a) => (
                <option key={a.slug} value={a.slug}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="primary">
            {m.continue}
          </button>
        </form>
      )}
    </>
  );
}

export interface FormPageProps {
  lang: Lang;
  context: FormContext;
  values: DialogueForm;
  token: string;
  errors?: FormErrors;
  /** The district or place just chosen on the map, to say so. */
  chosenOnMap?: string;
}

export function DialogueFormPage(props: FormPageProps) {
  const { lang, context, values, errors } = props;
  const m = dialogueMessages(lang);
  const slug = context.area.slug;
  const labels: Record<string, string> = {
    form: m.formProblemField,
    district: m.district,
    place: m.place,
    weekday: m.weekday,
    time_band: m.timeBand,
    categories: m.categoriesLegend,
    free_text: m.freeText,
    age_band: m.ageBand,
  };
  const mapHref = (key: 'district' | 'place') => (value: string) =>
    `${formPath(lang, `lpo=${encodeURIComponent(slug)}&${key}=${encodeURIComponent(value)}`)}#var`;
  return (
    <>
      <p class="eyebrow">
        {m.areaLabel}: {context.area.name} · <a href={formPath(lang)}>{m.changeArea}</a>
      </p>
      <h1>{m.formTitle}</h1>
      <p class="lead">{m.formIntro}</p>
      <ErrorSummary title={m.errorsTitle} errors={errors} labels={labels} />
      {errors?.form ? (
        <p class="field-error" id="form">
          {errors.form}
        </p>
      ) : null}
      {/* novalidate: the server's messages, next to each field in the page's language, do the checking. */}
      <form method="post" action={formPath(lang)} class="dialogue-form" novalidate>
        <input type="hidden" name="lpo" value={slug} />
        <input type="hidden" name="form_token" value={props.token} />
        <fieldset id="var" class="dialogue-group">
          <legend>{m.whereLegend}</legend>
          {props.chosenOnMap ? (
            <p class="dialogue-chosen" role="status">
              {m.chosenOnMap(props.chosenOnMap)}
            </p>
          ) : null}
          <Select
            name="district"
            label={m.district}
            value={values.district}
            errors={errors}
            options={[
              { value: '', label: m.chooseDistrict },
              ...context.districts.map((d) => ({ value: d.slug, label: d.name })),
            ]}
          />
          <Select
            name="place"
            label={m.place}
            hint={m.placeHint}
            value={values.place}
            errors={errors}
            options={[
              { value: '', label: m.noPlace },
              ...context.places.map((p) => ({ value: p.slug, label: p.name })),
            ]}
          />
          <details class="dialogue-map-box" open={props.chosenOnMap !== undefined}>
            <summary>{m.mapSummary}</summary>
            <p class="hint">{m.mapHint}</p>
            <AreaMap
              title={m.mapTitle(context.area.name)}
              districts={context.districts}
              places={context.places.filter((p) => p.districtSlug !== null)}
              selectedDistrict={values.district}
              selectedPlace={values.place}
              districtHref={mapHref('district')}
              placeHref={mapHref('place')}
            />
          </details>
        </fieldset>
        <fieldset class="dialogue-group">
          <legend>{m.whenLegend}</legend>
          <Select
            name="weekday"
            label={m.weekday}
            value={values.weekday}
            errors={errors}
            options={[
              { value: '', label: m.chooseWeekday },
              ...WEEKDAYS.map((day) => ({ value: String(day), label: m.weekdays[day - 1] ?? '' })),
              { value: 'varies', label: m.varies },
            ]}
          />
          <Choices
            type="radio"
            name="time_band"
            legend={m.timeBand}
            options={TIME_BANDS.map((band) => ({ value: band, label: m.timeBands[band] }))}
            checked={[values.time_band]}
            errors={errors}
          />
        </fieldset>
        <Choices
          type="checkbox"
          name="categories"
          legend={m.categoriesLegend}
          hint={m.categoriesHint}
          options={CATEGORIES.map((c) => ({ value: c, label: m.categories[c] }))}
          checked={values.categories}
          errors={errors}
          group
        />
        <div class="form-field">
          <label for="free_text">{m.freeText}</label>
          <p class="hint" id="free_text-hint">
            {m.freeTextHint(formatNumber(MAX_FREE_TEXT, lang))}
          </p>
          <FieldError name="free_text" errors={errors} />
          <textarea
            id="free_text"
            name="free_text"
            rows={6}
            aria-invalid={errors?.free_text ? 'true' : undefined}
            aria-describedby={describedBy('free_text', true, errors)}
          >
            {values.free_text}
          </textarea>
        </div>
        <fieldset class="dialogue-group">
          <legend>{m.aboutYouLegend}</legend>
          <Select
            name="age_band"
            label={m.ageBand}
            value={values.age_band}
            errors={errors}
            options={[
              { value: '', label: m.noAge },
              ...AGE_BANDS.map((band) => ({ value: band, label: m.ageBands[band] })),
            ]}
          />
        </fieldset>
        {/* A field people never see or reach; scripts that fill in every field give themselves away. */}
        <div class="dialogue-hp" aria-hidden="true">
          <label for="website">{m.honeypot}</label>
          <input id="website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
        <section aria-labelledby="privacy-heading" class="dialogue-privacy">
          <h2 id="privacy-heading">{m.privacyHeading}</h2>
          <p>{m.privacy}</p>
        </section>
        <button type="submit" class="primary dialogue-send">
          {m.send}
        </button>
      </form>
      <p>
        <a href={resultsPath(lang, slug)}>{m.seeResults}</a>
      </p>
    </>
  );
}

function describedBy(name: string, hint: boolean, errors: FormErrors | undefined): string | undefined {
  const ids = [hint ? `${name}-hint` : '', errors?.[name] ? `${name}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldError({ name, errors }: { name: string; errors: FormErrors | undefined }) {
  const error = errors?.[name];
  return error ? (
    <p class="field-error" id={`${name}-error`}>
      {error}
    </p>
  ) : null;
}

function Select(props: {
  name: DialogueField;
  label: string;
  hint?: string;
  value: string;
  errors: FormErrors | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div class="form-field">
      <label for={props.name}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError name={props.name} errors={props.errors} />
      <select
        id={props.name}
        name={props.name}
        aria-invalid={props.errors?.[props.name] ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint !== undefined, props.errors)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Radio buttons or checkboxes in a fieldset. The first input's id is the field's name, so the error
 * summary's link (#name) lands on the group.
 */
function Choices(props: {
  type: 'radio' | 'checkbox';
  name: DialogueField;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  checked: string[];
  errors: FormErrors | undefined;
  /** A top-level group of the form (styled like the where/when groups). */
  group?: boolean;
}) {
  const error = props.errors?.[props.name];
  return (
    <fieldset
      class={`form-field dialogue-choices${props.group ? ' dialogue-group' : ''}`}
      aria-describedby={describedBy(props.name, props.hint !== undefined, props.errors)}
    >
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError name={props.name} errors={props.errors} />
      {props.options.map((o, i) => {
        const id = i === 0 ? props.name : `${props.name}-${o.value}`;
        return (
          <div key={o.value} class="dialogue-choice">
            <input
              type={props.type}
              id={id}
              name={props.name}
              value={o.value}
              checked={props.checked.includes(o.value)}
              aria-invalid={error ? 'true' : undefined}
            />
            <label for={id}>{o.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
