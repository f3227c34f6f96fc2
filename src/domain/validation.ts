// Schema validation with errors a person can act on: which field, and why.
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

export interface FieldError {
  /** Dotted path to the field, e.g. "commitments[0].targets[1].value"; "" for the whole document. */
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();

export function validate<S extends TSchema>(schema: S, value: unknown): Validated<Static<S>> {
  let validator = compiled.get(schema);
  if (!validator) {
    validator = Compile(schema);
    compiled.set(schema, validator);
  }
  if (validator.Check(value)) return { ok: true, value: value as Static<S> };
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of validator.Errors(value)) {
    // "schema is false" repeats the additionalProperties error below it with less to say.
    if (error.keyword === 'boolean') continue;
    const field = fieldPath(error.instancePath);
    const message = describe(error.keyword, error.message, error.params);
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ field, message });
  }
  return { ok: false, errors };
}

/** "/commitments/0/targets/1/value" → "commitments[0].targets[1].value". */
export function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function describe(keyword: string, message: string, params: unknown): string {
  if (keyword === 'additionalProperties' && isRecord(params) && Array.isArray(params.additionalProperties)) {
    return `unknown field(s): ${params.additionalProperties.join(', ')}`;
  }
  if (keyword === 'required' && isRecord(params) && Array.isArray(params.requiredProperties)) {
    return `missing required field(s): ${params.requiredProperties.join(', ')}`;
  }
  return message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function formatFieldErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.field || '(document)'}: ${e.message}`).join('\n');
}
