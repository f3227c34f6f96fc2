// Small pieces the Iceland-model pages share: radio groups, status words and Stockholm times.
import type { FieldErrors } from '../../../web/components/form.tsx';
import type { Lang } from '../../../web/i18n.ts';
import { type IcelandMessages, icelandMessages } from '../messages.ts';
import type { IcelandMeasure } from '../repo.ts';

/** A group of radio buttons in a fieldset with a legend; the fieldset has the id errors link to. */
export function RadioGroup(props: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  value: string;
  errors?: FieldErrors | undefined;
}) {
  const error = props.errors?.[props.name];
  return (
    <fieldset
      class="form-field choice-group"
      id={props.name}
      aria-describedby={error ? `${props.name}-error` : undefined}
    >
      <legend>{props.legend}</legend>
      {error ? (
        <p class="field-error" id={`${props.name}-error`}>
          {error}
        </p>
      ) : null}
      {props.options.map((o) => (
        <div key={o.value} class="checkbox">
          <input
            type="radio"
            id={`${props.name}-${o.value}`}
            name={props.name}
            value={o.value}
            checked={props.value === o.value}
          />
          <label for={`${props.name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function appliedWord(applied: boolean | null, t: IcelandMessages): string {
  return applied === true ? t.applied.yes : applied === false ? t.applied.no : t.applied.undecided;
}

export function assessmentWord(done: boolean | null, t: IcelandMessages): string {
  return done === true ? t.assessment.done : done === false ? t.assessment.notDone : t.assessment.unknown;
}

export function measureLabel(measure: IcelandMeasure, lang: Lang): string {
  return lang === 'sv' ? measure.label_sv : measure.label_en;
}

const stockholmClockFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Stockholm date ('YYYY-MM-DD') and wall-clock time ('HH:MM') of an instant. */
export function stockholmClock(instant: Date): { date: string; time: string } {
  const parts = stockholmClockFormat.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** Words for the eligibility keys stored on a case (unknown keys are shown as they are). */
export function eligibilityWords(keys: string[], lang: Lang): string[] {
  const words: Record<string, string> = icelandMessages(lang).eligibility;
  return keys.map((k) => words[k] ?? k);
}
