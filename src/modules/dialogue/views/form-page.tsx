// The public "Tyck till" form: choose the LPO, then where (lists, or the map), when, what, and optionally
// more in words and an age band. Plain HTML: it works without script, with the keyboard, on a phone.

import { formatNumber } from '../../../domain/target-text.ts';
import {
  describedBy,
  ErrorSummary,
  type FieldErrors,
  HintAndError,
  SelectField,
  TextArea,
} from '../../../web/components/form.tsx';
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
          <SelectField
            name="district"
            label={m.district}
            value={values.district}
            errors={errors}
            options={[
              { value: '', label: m.chooseDistrict },
              ...context.districts.map((d) => ({ value: d.slug, label: d.name })),
            ]}
          />
          <SelectField
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
          <SelectField
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
        <TextArea
          name="free_text"
          label={m.freeText}
          hint={m.freeTextHint(formatNumber(MAX_FREE_TEXT, lang))}
          value={values.free_text}
          rows={6}
          errors={errors}
        />
        <fieldset class="dialogue-group">
          <legend>{m.aboutYouLegend}</legend>
          <SelectField
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
      aria-describedby={describedBy(props.name, props.hint, error)}
    >
      <legend>{props.legend}</legend>
      <HintAndError name={props.name} hint={props.hint} error={error} />
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
