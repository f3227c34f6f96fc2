// Small pieces shared by the safety-walk pages.
import { formatNumberSv } from '../../../domain/target-text.ts';
import type { FieldErrors } from '../../../web/components/form.tsx';
import { type Lang, langPrefix } from '../../../web/i18n.ts';
import { walkMessages } from '../messages.ts';

export function walksPath(lang: Lang, lpo: string, rest = ''): string {
  return `${langPrefix(lang)}/staff/${lpo}/trygghetsvandringar${rest}`;
}

export function observationPath(lang: Lang, lpo: string, id: number): string {
  return `${langPrefix(lang)}/staff/${lpo}/iakttagelser/${id}`;
}

/** A coordinate with five decimals (about a metre), with a decimal comma on Swedish pages. */
export function formatCoordinate(n: number, lang: Lang): string {
  const text = n.toFixed(5);
  return lang === 'sv' ? text.replace('.', ',') : text;
}

export function formatKm(metres: number, lang: Lang): string {
  const km = Math.round(metres / 100) / 10;
  return lang === 'sv' ? formatNumberSv(km) : String(km);
}

/**
 * A text input for decimal numbers: inputmode=decimal gives phones a keypad with a decimal separator
 * (type=number would refuse "59,29" and hides what was typed when it is wrong).
 */
export function DecimalField(props: {
  name: string;
  label: string;
  hint: string;
  value: string | undefined;
  errors: FieldErrors | undefined;
}) {
  const error = props.errors?.[props.name];
  const describedBy = [`${props.name}-hint`, error ? `${props.name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="form-field">
      <label for={props.name}>{props.label}</label>
      <p class="hint" id={`${props.name}-hint`}>
        {props.hint}
      </p>
      {error ? (
        <p class="field-error" id={`${props.name}-error`}>
          {error}
        </p>
      ) : null}
      <input
        id={props.name}
        name={props.name}
        type="text"
        inputmode="decimal"
        autocomplete="off"
        maxLength={20}
        value={props.value ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

/** Partner names in the page's language; the demo's free-text names are shown as they are. */
export function partnerNames(partners: string[], other: string | null, lang: Lang): string[] {
  const labels: Record<string, string> = walkMessages(lang).partnerLabel;
  return [...partners.map((p) => labels[p] ?? p), ...(other ? [other] : [])];
}
