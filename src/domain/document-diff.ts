// What changed between two versions of a JSON document, as short lines a person can read in a change
// history. Arrays of objects with a `key` are matched by key, so reordering commitments is not "everything".

const MAX_VALUE_LENGTH = 60;

export function describeChanges(before: unknown, after: unknown, path = ''): string[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) return arrayChanges(before, after, path);
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => describeChanges(before[key], after[key], join(path, key)));
  }
  if (before === undefined) return [`${path}: + ${show(after)}`];
  if (after === undefined) return [`${path}: − ${show(before)}`];
  return [`${path}: ${show(before)} → ${show(after)}`];
}

function arrayChanges(before: unknown[], after: unknown[], path: string): string[] {
  if (before.every(hasKey) && after.every(hasKey)) {
    const old = new Map(before.map((item) => [item.key, item]));
    const now = new Map(after.map((item) => [item.key, item]));
    const keys = [...new Set([...old.keys(), ...now.keys()])];
    return keys.flatMap((key) => describeChanges(old.get(key), now.get(key), `${path}[${key}]`));
  }
  const length = Math.max(before.length, after.length);
  const lines: string[] = [];
  for (let i = 0; i < length; i++) lines.push(...describeChanges(before[i], after[i], `${path}[${i}]`));
  return lines;
}

function hasKey(value: unknown): value is { key: string } {
  return isPlainObject(value) && typeof value.key === 'string';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? `”${value}”` : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}
