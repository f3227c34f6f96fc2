// Form parts for staff pages: each field has a visible label, its hint and its error tied to the input
// (aria-describedby), and the page lists all errors first, linked to their fields.
import type { ComponentChildren } from 'preact';

export type FieldErrors = Record<string, string>;

interface FieldProps {
  name: string;
  label: string;
  errors?: FieldErrors | undefined;
  hint?: string | undefined;
  children?: ComponentChildren;
}

/** The ids of the field's hint and error, those that are shown, for aria-describedby. */
export function describedBy(
  name: string,
  hint: string | undefined,
  error: string | undefined,
): string | undefined {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A field's hint and error paragraphs, with the ids `describedBy` points to. */
export function HintAndError({
  name,
  hint,
  error,
}: {
  name: string;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

function FieldFrame({ name, label, errors, hint, children }: FieldProps) {
  return (
    <div class="form-field">
      <label for={name}>{label}</label>
      <HintAndError name={name} hint={hint} error={errors?.[name]} />
      {children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value?: string | number | undefined;
    type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'time' | 'datetime-local';
    autocomplete?: string;
    required?: boolean;
    /** decimal: a keypad with a decimal separator on phones (type=number would refuse "59,29"). */
    inputmode?: 'numeric' | 'decimal' | 'text' | 'email';
    min?: number;
    max?: number;
    maxLength?: number;
  },
) {
  const error = props.errors?.[props.name];
  return (
    <FieldFrame {...props}>
      <input
        id={props.name}
        name={props.name}
        // Preact types each input type separately; the attributes used here are valid for all of them.
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        required={props.required}
        inputmode={props.inputmode}
        min={props.min}
        max={props.max}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      />
    </FieldFrame>
  );
}

export function TextArea(
  props: FieldProps & { value?: string | undefined; maxLength?: number; rows?: number },
) {
  const error = props.errors?.[props.name];
  return (
    <FieldFrame {...props}>
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & { value?: string | undefined; options: { value: string; label: string }[] },
) {
  const error = props.errors?.[props.name];
  return (
    <FieldFrame {...props}>
      <select
        id={props.name}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A group of checkboxes in a fieldset with a legend. */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: string[];
  errors?: FieldErrors | undefined;
  hint?: string;
}) {
  const error = props.errors?.[props.name];
  return (
    <fieldset class="form-field" aria-describedby={describedBy(props.name, props.hint, error)}>
      <legend>{props.legend}</legend>
      <HintAndError name={props.name} hint={props.hint} error={error} />
      {props.options.map((o, i) => (
        <div key={o.value} class="checkbox">
          <input
            type="checkbox"
            id={`${props.name}-${i}`}
            name={props.name}
            value={o.value}
            checked={props.checked.includes(o.value)}
          />
          <label for={`${props.name}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function ErrorSummary(props: {
  title: string;
  errors: FieldErrors | undefined;
  labels: Record<string, string>;
}) {
  const entries = Object.entries(props.errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{props.title}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>
              {props.labels[field] ?? field}: {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A per-form token: submitting the same form twice creates one record (unique column). */
export function SubmissionField({ id }: { id: string }) {
  return <input type="hidden" name="submission_id" value={id} />;
}
