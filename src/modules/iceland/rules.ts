// The Iceland model's fixed lists and the rules that keep a case pseudonymous and restricted.
import { randomInt } from 'node:crypto';
import type { Role } from '../../db/types.ts';
import { findPersonalData, type PersonalDataKind, personalDataKinds } from '../../domain/personal-data.ts';

/** Why a case falls under the model: the child witnessed, experienced or was subjected to violence. */
export const ELIGIBILITY = ['witnessed', 'experienced', 'subjected'] as const;
export type Eligibility = (typeof ELIGIBILITY)[number];

/** Why someone opens a case; stated before the case is shown and written to the audit log. */
export const PURPOSES = ['uppfoljning', 'komplettering', 'skyddsbedomning', 'annat'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Longest free text anywhere in a case (the not-applied reason, the "other" purpose of an open). */
export const MAX_TEXT = 300;

/**
 * The initial measures of the method support "ett utvecklat bästa arbetssätt", in plain words: the
 * checklist an LPO starts with, which its lead can then change.
 */
export const DEFAULT_MEASURES = [
  { key: 'sakerhet', sv: 'Säkerställt barnens säkerhet', en: 'Made sure the children are safe' },
  { key: 'samtal', sv: 'Pratat med barnen enskilt', en: 'Talked with each child alone' },
  {
    key: 'dokumentation',
    sv: 'Dokumenterat barnens berättelser',
    en: 'Documented what the children told',
  },
  { key: 'socialtjanst', sv: 'Larmat socialtjänsten', en: 'Alerted social services' },
  {
    key: 'trygg-vuxen',
    sv: 'Sett till att barnen har en trygg vuxen',
    en: 'Made sure the children have a safe adult',
  },
  {
    key: 'information',
    sv: 'Berättat för barnen vad som händer nu',
    en: 'Told the children what happens next',
  },
] as const;

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const REFERENCE_PATTERN = /^IM-\d{4}-[A-HJ-NP-Z2-9]{8}$/;

/**
 * A new case reference: the year it is recorded and eight random characters. Nothing in it comes from
 * the case's date, place or the order of cases.
 */
export function newReference(recordedYear: number): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `IM-${recordedYear}-${code}`;
}

/** Leads and social services may open every case of their LPO; an officer only the ones they recorded. */
export function mayOpen(roles: readonly Role[], userId: number, createdBy: number | null): boolean {
  if (roles.includes('lead') || roles.includes('social_services')) return true;
  return roles.includes('officer') && createdBy === userId;
}

/** The lead may update every case's outcome; an officer only their own. */
export function mayUpdate(roles: readonly Role[], userId: number, createdBy: number | null): boolean {
  if (roles.includes('lead')) return true;
  return roles.includes('officer') && createdBy === userId;
}

export type SensitiveKind = Exclude<PersonalDataKind, 'carPlate'>;

/**
 * What in a text could identify a person, if anything: personal numbers, phone numbers, e-mails. The
 * one scanner of domain/personal-data.ts, without the check-digit test: a mistyped personal number in a
 * case still points at a person, and a false alarm only asks the officer to rephrase.
 */
export function sensitiveContent(text: string): SensitiveKind | undefined {
  const kinds = personalDataKinds(findPersonalData(text, { checkDigit: false }));
  return kinds.find((kind): kind is SensitiveKind => kind !== 'carPlate');
}
