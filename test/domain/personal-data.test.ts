// The personal-data scanner on text the way residents write it: what must be caught before a message is
// sent, and the dates, times, bus lines and addresses that must not stop anyone from sending.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findingHint,
  findPersonalData,
  luhnValid,
  type PersonalDataKind,
  personalDataKinds,
} from '../../src/domain/personal-data.ts';

function kindsIn(text: string): PersonalDataKind[] {
  return findPersonalData(text).map((f) => f.kind);
}

function foundTexts(text: string): string[] {
  return findPersonalData(text).map((f) => f.text);
}

describe('personal identity numbers', () => {
  it('are found in every common way of writing them when the check digit is right', () => {
    // 811218-9876 and 121212-1212 are Skatteverket's published examples; the others are valid made-up ones.
    expect(foundTexts('Killen som rånade mig heter något, hans pnr är 811218-9876 tror jag.')).toEqual([
      '811218-9876',
    ]);
    expect(foundTexts('Min son (201212121212) blev hotad vid skolan.')).toEqual(['201212121212']);
    expect(foundTexts('Anmälan gäller 19121212-1212, som bor i huset.')).toEqual(['19121212-1212']);
    expect(foundTexts('Grannen är född 1985, 850709-1232, och bråkar varje helg')).toEqual(['850709-1232']);
    // Over 100 years old: a plus instead of the dash.
    expect(foundTexts('Min mormor 121212+1212 vågar inte gå ut')).toEqual(['121212+1212']);
    expect(foundTexts('pnr 8112189876.')).toEqual(['8112189876']);
    expect(foundTexts('Personnummer 811218 9876')).toEqual(['811218 9876']);
  });

  it('include samordningsnummer (day + 60)', () => {
    expect(kindsIn('Han har samordningsnummer 850769-1239.')).toEqual(['personalNumber']);
  });

  it('need a real date and the right check digit, so other numbers are left alone', () => {
    // Same digits as a valid number but the last one changed: the Luhn check fails.
    expect(kindsIn('Ärendenummer 811218-9875 hos polisen')).toEqual([]);
    // Month 13 is no date.
    expect(kindsIn('Order 851309-1234 från butiken')).toEqual([]);
    expect(kindsIn('Anmälan K-2026-112512-34 gjordes i somras')).toEqual([]);
  });

  it('can be found with a wrong check digit where a false alarm costs little', () => {
    expect(findPersonalData('Pappan 850709-1234 vägrade', { checkDigit: false }).map((f) => f.kind)).toEqual([
      'personalNumber',
    ]);
    expect(findPersonalData('Pappan 850709-1234 vägrade').map((f) => f.kind)).toEqual([]);
  });

  it('are checked with the Luhn algorithm over the ten digits', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('1212121212')).toBe(true);
    expect(luhnValid('8112189877')).toBe(false);
  });
});

describe('phone numbers', () => {
  it('are found as mobile and landline numbers, with spaces, dashes and country code', () => {
    expect(foundTexts('Ring mig på 070-123 45 67 om ni vill veta mer.')).toEqual(['070-123 45 67']);
    expect(foundTexts('Mitt nummer: 0701234567')).toEqual(['0701234567']);
    expect(foundTexts('Ni når mig på +46 70 123 45 67 eller +46701234567')).toEqual([
      '+46 70 123 45 67',
      '+46701234567',
    ]);
    expect(foundTexts('Föreningen har telefon 08-123 456 78, ring gärna')).toEqual(['08-123 456 78']);
    expect(foundTexts('Vaktbolaget: 08-12 34 56.')).toEqual(['08-12 34 56']);
    expect(foundTexts('Bostadsbolaget 031-123 45 67 svarar aldrig')).toEqual(['031-123 45 67']);
    expect(foundTexts('Kontakt 0046 8 123 456 78')).toEqual(['0046 8 123 456 78']);
    expect(foundTexts('Tel. +46 (0)8-123 456 78')).toEqual(['+46 (0)8-123 456 78']);
  });

  it('are not found in times, dates, bus lines, short codes or addresses', () => {
    for (const text of [
      'Det är otryggt vid busshållplatsen kl 22.30 på fredagar.',
      'Mellan 08-22 är det lugnt, sen blir det stökigt.',
      'Det hände 2026-11-25 och igen 05-01-2026.',
      'Buss 144 och 164 stannar vid Gullmarsplan, linje 19 också.',
      'Ungefär 0,5 km från tunnelbanan, kl. 07.45 varje morgon.',
      'Götgatan 100, 118 62 Stockholm. Porten på nummer 12 är trasig.',
      'Ring 112 om det är akut, annars 114 14.',
    ]) {
      expect(kindsIn(text), text).toEqual([]);
    }
  });
});

describe('e-mail addresses', () => {
  it('are found, with Swedish letters too', () => {
    expect(foundTexts('Skriv till anna.svensson@example.se så berättar jag mer')).toEqual([
      'anna.svensson@example.se',
    ]);
    expect(foundTexts('Mejla åsa_öberg+polis@exempel-förening.nu!')).toEqual([
      'åsa_öberg+polis@exempel-förening.nu',
    ]);
  });

  it('are not confused with an @ in ordinary text', () => {
    expect(kindsIn('Vi ses @ Gullmarsplan kl 19')).toEqual([]);
  });
});

describe('car plates', () => {
  it('are found in the old and new format, with or without a space', () => {
    expect(foundTexts('En vit bil, ABC 123, kör runt skolan varje kväll.')).toEqual(['ABC 123']);
    expect(foundTexts('Mopeden hade skylten ABC12A och körde på trottoaren')).toEqual(['ABC12A']);
    expect(foundTexts('Bilen (XYZ-987) står alltid på handikapplatsen')).toEqual(['XYZ-987']);
    expect(foundTexts('regnr abc123 på en svart Audi')).toEqual(['abc123']);
  });

  it('are not found in names, times, years or lower-case words before a number', () => {
    for (const text of [
      'Utanför ABC-huset är det mörkt, kl 22 är det värst.',
      'Ungdomar samlas vid ICA 123 meter från skolan.',
      'Sedan år 2019 och COVID 19 har det blivit sämre.',
      'Det var bråk och 100 personer stod och tittade.',
      'SVT 24 visade ett inslag om Skarpnäck.',
      'Vi är 150 personer på BRF Sjöstaden 2.',
    ]) {
      expect(kindsIn(text), text).toEqual([]);
    }
  });
});

describe('a resident’s whole message', () => {
  it('lists every finding with its kind and position, in order', () => {
    const text =
      'Varje fredag efter 22.30 står ett gäng vid Gullmarsplan. En av dem kör ABC 123. ' +
      'Ring mig på 070-123 45 67 eller mejla kalle@example.se. Hans pnr är 811218-9876.';
    const findings = findPersonalData(text);
    expect(findings.map((f) => [f.kind, f.text])).toEqual([
      ['carPlate', 'ABC 123'],
      ['phoneNumber', '070-123 45 67'],
      ['email', 'kalle@example.se'],
      ['personalNumber', '811218-9876'],
    ]);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(personalDataKinds(findings)).toEqual(['personalNumber', 'phoneNumber', 'email', 'carPlate']);
  });

  it('finds nothing in an ordinary account of feeling unsafe', () => {
    const text =
      'Gångtunneln mellan Globen och Sofiaskolan är helt mörk sedan lamporna gick sönder i oktober. ' +
      'Efter klockan 21 samlas ungdomar där och det luktar cannabis. På helgerna efter matcher på ' +
      'Avicii Arena (ca 16 000 besökare) är det bråk vid spärrarna. Buss 164 går var 15:e minut, ' +
      'men hållplatsen vid Arenavägen 41 har ingen belysning. Det har varit så sedan 2024-03-01.';
    expect(findPersonalData(text)).toEqual([]);
  });

  it('points at a finding without repeating all of it', () => {
    const [finding] = findPersonalData('Ring 070-123 45 67');
    if (!finding) throw new Error('no finding');
    expect(findingHint(finding)).toBe('070-…');
  });

  it('never throws and gives positions inside the text for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        for (const f of findPersonalData(text)) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(f.start, f.end)).toBe(f.text);
        }
      }),
    );
  });
});
