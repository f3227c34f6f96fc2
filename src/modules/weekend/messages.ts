// Texts of the weekend operation's staff pages, Swedish first.
import type { Lang, MessageShape } from '../../web/i18n.ts';

const sv = {
  heading: 'Helginsatsen: pass',
  newHeading: 'Logga ett pass',
  shiftHeading: (date: string) => `Pass ${date}`,
  logNew: 'Logga ett nytt pass',
  logAnother: 'Logga ett pass till',
  backToList: 'Alla pass',
  backToArea: 'Tillbaka till lokalpolisområdet',
  staffedWeeks: (staffed: string, weeks: number, year: number) =>
    `${staffed} av ${weeks} ISO-veckor ${year} är bemannade hittills.`,
  currentWeekStaffed: (week: number) => `Vecka ${week} (den här veckan) är redan bemannad.`,
  currentWeekOpen: (week: number) => `Vecka ${week} (den här veckan) är inte bemannad ännu.`,
  staffedRule: (days: string, officers: number) =>
    `En vecka räknas som bemannad när minst ett pass som börjar ${days} har minst ${officers} poliser.`,
  weekdays: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  latest: 'Senaste passen',
  noShifts: 'Inga pass loggade ännu.',
  demo: 'demodata',
  planned: 'planerat, inte genomfört ännu',
  plannedNotice:
    'Passet är planerat utifrån lägesbilden. Det räknas inte för veckans bemanning förrän det är genomfört och loggat.',
  officersCount: (n: number, formatted: string) => (n === 1 ? '1 polis' : `${formatted} poliser`),
  when: 'När',
  startDate: 'Datum då passet började',
  startTime: 'Starttid',
  endTime: 'Sluttid',
  timeHint: 'TT:MM. Slutar passet efter midnatt anger du bara sluttiden; den räknas till dagen efter.',
  officers: 'Antal poliser',
  places: 'Platser ni besökte',
  placesHint: 'Välj alla platser passet var på.',
  kinds: {
    transit: 'Kollektivtrafik',
    licensed_premises: 'Krogar',
    arena: 'Arenor',
    other: 'Övriga platser',
  },
  noPlaces: 'Lokalpolisområdet har inga platser i listan ännu.',
  premisesInspected: 'Krogtillsyner (antal)',
  youthContacts: 'Kontakter med ungdomar (antal)',
  note: 'Kort anteckning (frivillig)',
  noteWarning:
    'Skriv inga personuppgifter: inga namn, personnummer, adresser eller registreringsnummer. Högst 500 tecken.',
  save: 'Spara passet',
  errorsTitle: 'Passet kunde inte sparas',
  saved: 'Passet är sparat.',
  nextDay: '(dagen efter)',
  countsToward: 'Passet räknas för veckans bemanning.',
  doesNotCount: 'Passet räknas inte för veckans bemanning.',
  isoWeek: (week: number) => `ISO-vecka ${week}`,
  none: 'Inga',
  errors: {
    date_invalid: 'Ange ett riktigt datum, till exempel 2026-11-20.',
    date_future: 'Datumet kan inte ligga i framtiden.',
    time_invalid: 'Ange en tid som TT:MM, till exempel 18:00.',
    end_not_after_start: 'Sluttiden måste vara efter starttiden.',
    too_long: 'Ett pass kan vara högst 24 timmar.',
    officers_range: 'Ange antalet poliser som ett heltal från 1 till 200.',
    count_range: 'Ange ett heltal från 0 till 1 000.',
    place_unknown: 'Välj bara platser ur lokalpolisområdets lista.',
    note_too_long: 'Anteckningen får vara högst 500 tecken.',
    note_personal_number:
      'Anteckningen ser ut att innehålla ett personnummer. Ta bort det: skriv inga personuppgifter.',
  },
} as const;

const en: MessageShape<typeof sv> = {
  heading: 'Weekend operation: shifts',
  newHeading: 'Log a shift',
  shiftHeading: (date: string) => `Shift ${date}`,
  logNew: 'Log a new shift',
  logAnother: 'Log another shift',
  backToList: 'All shifts',
  backToArea: 'Back to the local police area',
  staffedWeeks: (staffed: string, weeks: number, year: number) =>
    `${staffed} of the ${weeks} ISO weeks of ${year} are staffed so far.`,
  currentWeekStaffed: (week: number) => `Week ${week} (this week) is already staffed.`,
  currentWeekOpen: (week: number) => `Week ${week} (this week) is not staffed yet.`,
  staffedRule: (days: string, officers: number) =>
    `A week counts as staffed when at least one shift starting ${days} has at least ${officers} officers.`,
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  latest: 'Latest shifts',
  noShifts: 'No shifts logged yet.',
  demo: 'demo data',
  planned: 'planned, not carried out yet',
  plannedNotice:
    'This shift is planned from the situation picture. It does not count toward the week’s staffing until it has been carried out and logged.',
  officersCount: (n: number, formatted: string) => (n === 1 ? '1 officer' : `${formatted} officers`),
  when: 'When',
  startDate: 'Date the shift started',
  startTime: 'Start time',
  endTime: 'End time',
  timeHint: 'HH:MM. If the shift ends after midnight, just enter the end time; it counts as the next day.',
  officers: 'Number of officers',
  places: 'Places you visited',
  placesHint: 'Choose every place the shift was at.',
  kinds: {
    transit: 'Public transport',
    licensed_premises: 'Licensed premises (krogar)',
    arena: 'Arenas',
    other: 'Other places',
  },
  noPlaces: 'The local police area has no places in its list yet.',
  premisesInspected: 'Licensed-premises inspections (number)',
  youthContacts: 'Contacts with young people (number)',
  note: 'Short note (optional)',
  noteWarning:
    'Do not write personal data: no names, personal identity numbers, addresses or car plates. At most 500 characters.',
  save: 'Save the shift',
  errorsTitle: 'The shift could not be saved',
  saved: 'The shift is saved.',
  nextDay: '(the next day)',
  countsToward: "The shift counts toward the week's staffing.",
  doesNotCount: "The shift does not count toward the week's staffing.",
  isoWeek: (week: number) => `ISO week ${week}`,
  none: 'None',
  errors: {
    date_invalid: 'Enter a real date, for example 2026-11-20.',
    date_future: 'The date cannot be in the future.',
    time_invalid: 'Enter a time as HH:MM, for example 18:00.',
    end_not_after_start: 'The end time must be after the start time.',
    too_long: 'A shift can last at most 24 hours.',
    officers_range: 'Enter the number of officers as a whole number from 1 to 200.',
    count_range: 'Enter a whole number from 0 to 1,000.',
    place_unknown: "Choose only places from the local police area's list.",
    note_too_long: 'The note can have at most 500 characters.',
    note_personal_number:
      'The note seems to contain a Swedish personal identity number. Remove it: do not write personal data.',
  },
};

export type WeekendMessages = MessageShape<typeof sv>;

export function weekendMessages(lang: Lang): WeekendMessages {
  return lang === 'sv' ? sv : en;
}
