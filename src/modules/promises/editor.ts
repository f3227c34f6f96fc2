// The promise editor's form: which fields it shows, and how a submitted form changes the document.
import { addMonths, isIsoDate } from '../../domain/iso-week.ts';
import type { Target } from '../../domain/target-schema.ts';
import type { FieldErrors } from '../../web/components/form.tsx';
import type { EditorMessages } from './messages.ts';
import type { PromiseFile } from './schema.ts';

export type EditorForm = Record<string, string | undefined>;

/** The one number of each kind of target a lead edits in the form (the rest: the JSON editor). */
export const TARGET_NUMBER = {
  count: { field: 'value', min: 0, max: 1_000_000 },
  recurring: { field: 'minIntervals', min: 1, max: 60 },
  share: { field: 'minPercent', min: 0, max: 100 },
  max_gap: { field: 'months', min: 1, max: 24 },
  response_time: { field: 'maxHours', min: 1, max: 8760 },
} as const;

export const fieldName = {
  commitmentTitle: (i: number) => `c${i}_title`,
  commitmentText: (i: number) => `c${i}_text`,
  targetText: (i: number, j: number) => `c${i}_t${j}_text`,
  targetValue: (i: number, j: number) => `c${i}_t${j}_value`,
};

/** The form's values for a document: what the editor shows before anything is typed. */
export function formFromDocument(doc: PromiseFile): EditorForm {
  const form: EditorForm = {
    title: doc.title,
    validFrom: doc.validFrom,
    validTo: doc.validTo,
    introduction: doc.introduction,
    situation: doc.situation ?? '',
    problems: (doc.problems ?? []).join('\n'),
  };
  doc.commitments.forEach((c, i) => {
    form[fieldName.commitmentTitle(i)] = c.title;
    form[fieldName.commitmentText(i)] = c.text;
    c.targets.forEach((target, j) => {
      form[fieldName.targetText(i, j)] = target.text;
      const value = targetValue(target);
      if (value !== undefined) form[fieldName.targetValue(i, j)] = String(value);
    });
  });
  return form;
}

export function targetValue(target: Target): number | string | undefined {
  if (target.rule === 'milestone') return target.deadline;
  if (target.rule === 'on_request') return undefined;
  if (target.rule === 'recurring' && target.minIntervals === undefined) return undefined;
  const { field } = TARGET_NUMBER[target.rule];
  return (target as Record<string, unknown>)[field] as number;
}

/** The document with the form applied, or the fields that were wrong. */
export function applyForm(
  doc: PromiseFile,
  form: EditorForm,
  m: EditorMessages,
): { doc: PromiseFile; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const text = (name: string, required = true): string => {
    const value = (form[name] ?? '').replace(/\r\n/g, '\n').trim();
    if (required && value === '') errors[name] = m.required;
    return value;
  };
  const date = (name: string): string => {
    const value = text(name);
    if (value !== '' && !isIsoDate(value)) errors[name] = m.invalidDate;
    return value;
  };
  const validFrom = date('validFrom');
  const validTo = date('validTo');
  if (!errors.validFrom && !errors.validTo && validTo < validFrom) errors.validTo = m.toBeforeFrom;
  const situation = text('situation', false);
  const problems = text('problems', false)
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const next: PromiseFile = {
    ...doc,
    title: text('title'),
    validFrom,
    validTo,
    introduction: text('introduction'),
    problems,
    commitments: doc.commitments.map((c, i) => ({
      ...c,
      title: text(fieldName.commitmentTitle(i)),
      text: text(fieldName.commitmentText(i)),
      targets: c.targets.map((target, j) =>
        applyTarget(target, form, fieldName.targetValue(i, j), text(fieldName.targetText(i, j)), errors, m),
      ),
    })),
  };
  if (situation) next.situation = situation;
  else delete next.situation;
  return { doc: next, errors };
}

function applyTarget(
  target: Target,
  form: EditorForm,
  name: string,
  text: string,
  errors: FieldErrors,
  m: EditorMessages,
): Target {
  const raw = (form[name] ?? '').trim();
  if (target.rule === 'milestone') {
    if (!isIsoDate(raw)) errors[name] = m.invalidDate;
    return { ...target, text, deadline: raw };
  }
  if (target.rule === 'on_request' || (target.rule === 'recurring' && target.minIntervals === undefined)) {
    return { ...target, text };
  }
  const { field, min, max } = TARGET_NUMBER[target.rule];
  const value = Number(raw.replace(',', '.'));
  if (raw === '' || !Number.isFinite(value)) errors[name] = m.notANumber;
  else if (value < min || value > max || (field !== 'minPercent' && !Number.isInteger(value))) {
    errors[name] = m.outOfRange(min, max);
  }
  return { ...target, text, [field]: value } as Target;
}

/** A new year's draft from the latest promise: same text, dates moved by whole years. */
export function draftForYear(latest: PromiseFile, year: number): PromiseFile {
  const shift = year - latest.year;
  const move = (date: string) => addMonths(date, 12 * shift);
  const title = latest.title.replace(String(latest.year), String(year));
  const { demo: _demo, ...rest } = latest;
  return {
    ...rest,
    year,
    title,
    validFrom: move(latest.validFrom),
    validTo: move(latest.validTo),
    commitments: latest.commitments.map((c) => ({
      ...c,
      targets: c.targets.map((t) => (t.rule === 'milestone' ? { ...t, deadline: move(t.deadline) } : t)),
    })),
  };
}
