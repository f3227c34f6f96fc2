// Finds personal data in free text that residents and staff write: Swedish personal identity numbers
// (personnummer and samordningsnummer), phone numbers, e-mail addresses and car plates. It errs on the
// side of precision: a date, a time, a bus line or a year must not stop someone from sending, so every
// candidate is checked (a real date and Luhn check digit, a plausible Swedish number length).

export const PERSONAL_DATA_KINDS = ['personalNumber', 'phoneNumber', 'email', 'carPlate'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** Offsets into the text (UTF-16 code units, as String.prototype.slice takes them); end exclusive. */
  start: number;
  end: number;
  text: string;
}

// 6 or 8 digits of a birth date, then '-', '+' (over 100 years old) or a space or nothing, then 4 digits.
const PERSONAL_NUMBER = /(?<![\p{L}\p{N}+-])(\d{2})?(\d{6})([-+ ]?)(\d{4})(?![\p{L}\p{N}])/gu;

// Swedish numbers: a leading 0 (not 00 alone), +46 or 0046, then digits in groups of one to four,
// separated by at most one space or dash; "(0)" after the country code is common too.
const PHONE =
  /(?<![\p{L}\p{N}+.,:/-])(?:(?:\+|00)46[ -]?(?:\(0\)[ -]?)?|0)[1-9](?:[ -]?\d){5,10}(?![\p{L}\p{N}]|[.,:/-]\d)/gu;
// A date written day-month-year, e.g. 05-01-2026, looks like a number starting with 0.
const DAY_MONTH_YEAR = /^\d{2}-\d{2}-\d{4}$/;

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// Plates: three letters (no I, Q, V; no Å, Ä, Ö), two digits, then a digit or (since 2019) a letter other
// than I, O, Q, V. Written in capitals, with or without a space or dash; in lower case only when written
// together ("abc123"), because "och 100" or "bil 123" in lower case are ordinary words and numbers.
const PLATE_UPPER =
  /(?<![\p{L}\p{N}-])[A-HJ-PR-UW-Z]{3}[ -]?\d{2}[0-9A-HJ-NPR-UW-Z](?![\p{L}\p{N}]|-\p{L})/gu;
const PLATE_JOINED = /(?<![\p{L}\p{N}-])[a-hj-pr-uw-z]{3}\d{2}[0-9a-hj-npr-uw-z](?![\p{L}\p{N}])/gu;

export interface ScanOptions {
  /**
   * Count a personal number only when its check digit is right (the default). Where a false alarm costs
   * little (staff notes), false also catches a mistyped number, which still points at a person.
   */
  checkDigit?: boolean;
}

/** Every piece of personal data in the text, in order of position, none overlapping. */
export function findPersonalData(text: string, options: ScanOptions = {}): PersonalDataFinding[] {
  const checkDigit = options.checkDigit ?? true;
  const found: PersonalDataFinding[] = [
    ...matches(text, PERSONAL_NUMBER, 'personalNumber', (m) => isPersonalNumber(m, checkDigit)),
    ...matches(text, EMAIL, 'email', () => true),
    ...matches(text, PHONE, 'phoneNumber', (m) => isPhoneNumber(m[0])),
    ...matches(text, PLATE_UPPER, 'carPlate', () => true),
    ...matches(text, PLATE_JOINED, 'carPlate', () => true),
  ];
  // The first kind listed wins where two overlap (a personal number is also ten digits of a phone number).
  const order = (kind: PersonalDataKind) => PERSONAL_DATA_KINDS.indexOf(kind);
  found.sort((a, b) => a.start - b.start || order(a.kind) - order(b.kind));
  const kept: PersonalDataFinding[] = [];
  for (const finding of found) {
    const last = kept.at(-1);
    if (last && finding.start < last.end) continue;
    kept.push(finding);
  }
  return kept;
}

/** The kinds found, each once, in the order of PERSONAL_DATA_KINDS. */
export function personalDataKinds(findings: readonly PersonalDataFinding[]): PersonalDataKind[] {
  return PERSONAL_DATA_KINDS.filter((kind) => findings.some((f) => f.kind === kind));
}

/** The start of a finding and an ellipsis ("070-…"), so a message can point at it without repeating it. */
export function findingHint(finding: PersonalDataFinding): string {
  return `${finding.text.slice(0, 4)}…`;
}

function matches(
  text: string,
  pattern: RegExp,
  kind: PersonalDataKind,
  accept: (match: RegExpExecArray) => boolean,
): PersonalDataFinding[] {
  const result: PersonalDataFinding[] = [];
  for (const match of text.matchAll(pattern)) {
    const m = match as RegExpExecArray;
    if (!accept(m)) continue;
    result.push({ kind, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return result;
}

/** A real birth date (day + 60 for a samordningsnummer) and a correct check digit. */
function isPersonalNumber(match: RegExpExecArray, checkDigit: boolean): boolean {
  const [, century, date = '', , serial = ''] = match;
  if (century !== undefined && !['18', '19', '20'].includes(century)) return false;
  const month = Number(date.slice(2, 4));
  const rawDay = Number(date.slice(4, 6));
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return !checkDigit || luhnValid(date + serial);
}

/** The Luhn (mod 10) check used by personnummer: weights 2,1,2,1… from the left over ten digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let value = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (value > 9) value -= 9;
    sum += value;
  }
  return sum % 10 === 0;
}

/** Swedish numbers have 7 to 9 digits after the leading 0 or the country code. */
function isPhoneNumber(candidate: string): boolean {
  if (DAY_MONTH_YEAR.test(candidate)) return false;
  const digits = candidate.replace(/\D/g, '');
  const national = digits.startsWith('0046')
    ? digits.slice(4)
    : candidate.startsWith('+')
      ? digits.slice(2)
      : digits.slice(1);
  // "+46 (0)8…" writes the trunk 0 as well.
  const withoutTrunk = candidate.includes('(0)') ? national.replace(/^0/, '') : national;
  return withoutTrunk.length >= 7 && withoutTrunk.length <= 9;
}
