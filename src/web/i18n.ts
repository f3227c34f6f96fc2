// UI text, Swedish first. Every key exists in both languages (the type says so).
import type { Lang } from '../domain/target-text.ts';

export type { Lang };

const sv = {
  siteName: 'Medborgarlöfte',
  tagline: 'Polisens medborgarlöften – och hur det går',
  skipToContent: 'Hoppa till innehållet',
  mainNav: 'Huvudmeny',
  home: 'Start',
  search: 'Sök',
  searchLabel: 'Sök lokalpolisområde, stadsdel eller ort',
  searchButton: 'Sök',
  otherLanguage: 'English',
  otherLanguageLabel: 'Read this page in English',
  startHeading: 'Medborgarlöften',
  startIntro:
    'Ett medborgarlöfte är ett löfte från lokalpolisen och kommunen till dem som bor och verkar i området: vad vi ska göra under året, med mål som går att följa upp. Här ser du hur det går, vecka för vecka.',
  policeAreas: 'Lokalpolisområden',
  noMatches: (q: string) => `Inga lokalpolisområden eller stadsdelar matchar ”${q}”.`,
  matchesFor: (q: string) => `Träffar för ”${q}”`,
  coversDistricts: 'Omfattar',
  noPromise: 'Inget publicerat medborgarlöfte ännu.',
  readPromise: (year: number) => `Läs medborgarlöftet ${year}`,
  lpo: (name: string) => `Lokalpolisområde ${name}`,
  promiseFor: (year: number) => `Medborgarlöfte ${year}`,
  validity: 'Gäller',
  situation: 'Situationen idag',
  problems: 'Problem som lägesbilden pekar ut',
  commitments: 'Våra åtaganden',
  target: 'Mål',
  status: 'Läge',
  progress: 'Hittills',
  forecast: 'Prognos vid årets slut',
  forecastPeriodEnd: 'Prognos vid periodens slut',
  lately: 'Gjort på sistone',
  workThisYear: (year: number) => `Arbetet ${year} hittills`,
  latestShifts: 'Senaste passen',
  noTarget: 'Inget mätbart mål',
  noTargetText: 'Åtagandet har inget mål med siffror; det följs upp i text.',
  details: 'Se veckorna och siffrorna',
  actors: 'Ansvariga',
  partners: 'Samverkanspartner',
  followUp: 'Följ med i hur det går!',
  followUpIntro: 'Ta del av det dagliga arbetet och nyheter i lokalpolisområdets egna kanaler:',
  earlierYears: 'Andra år',
  demoNotice:
    'Demodata: arbetet som visas här (pass, trygghetsvandringar, ärenden) är genererat för att visa hur systemet fungerar. Det är inte polisens verkliga siffror.',
  demoPromiseNotice: 'Demo: detta år visar samma text som det publicerade löftet, för att visa tidigare år.',
  weeksInYear: (weeks: number, year: number) =>
    `Året ${year} har ${weeks} ISO-veckor; löftet talar om ”årets 52 veckor”.`,
  staffedRule: 'En vecka räknas som bemannad när minst ett pass fredag–söndag har minst två poliser.',
  shifts: 'Pass',
  officers: 'poliser',
  premisesInspected: 'Krogtillsyner',
  youthContacts: 'Kontakter med ungdomar',
  places: 'Platser',
  walksDone: 'Genomförda trygghetsvandringar',
  walksPlanned: 'Planerade',
  observations: 'Iakttagelser',
  planned: 'planerad',
  done: 'genomförd',
  suppressed: (n: number) =>
    `Färre än ${n} avslutade ärenden hittills i år. Andelen visas när det finns minst ${n}, så att ingen familj kan pekas ut.`,
  icelandPublicNote:
    'Om ärendena visas bara andelen per år där Islandsmodellen tillämpades – aldrig något om enskilda familjer.',
  weeklyHeading: 'Vecka för vecka',
  tableHeading: 'Siffrorna som tabell',
  backToPromise: 'Tillbaka till medborgarlöftet',
  notFoundTitle: 'Sidan finns inte',
  notFoundText:
    'Vi hittar inte det du letar efter. Kanske finns löftet för ett annat år, eller så är adressen fel.',
  notFoundLpo: (slug: string) => `Det finns inget lokalpolisområde med adressen ”${slug}”.`,
  notFoundYear: (name: string, year: string) =>
    `Lokalpolisområde ${name} har inget publicerat medborgarlöfte för ${year}.`,
  availableYears: 'Publicerade år',
  allAreas: 'Alla lokalpolisområden',
  footerData: 'Öppna data: JSON-API och OpenAPI-beskrivning',
  footerSource: 'Källkod och datakällor',
  districtsConfidenceNote:
    'Stadsdelar markerade med * hör troligen hit men är inte bekräftade mot polisens egen indelning.',
  footnotes: 'Fotnoter',
  source: 'Källa',
  period: 'Period',
  yearView: (year: number) => `Visar ${year}`,
  errorTitle: 'Något gick fel',
  errorText: 'Ett fel uppstod hos oss. Försök igen om en stund.',
} as const;

type Catalog = {
  [K in keyof typeof sv]: (typeof sv)[K] extends (...args: infer A) => string
    ? (...args: A) => string
    : string;
};

const en: Catalog = {
  siteName: 'Medborgarlöfte',
  tagline: "The police's citizen promises – and how they are going",
  skipToContent: 'Skip to content',
  mainNav: 'Main menu',
  home: 'Home',
  search: 'Search',
  searchLabel: 'Search local police area, district or place',
  searchButton: 'Search',
  otherLanguage: 'Svenska',
  otherLanguageLabel: 'Läs sidan på svenska',
  startHeading: 'Citizen promises',
  startIntro:
    'A citizen promise (medborgarlöfte) is a promise from the local police and the municipality to the people who live and work in the area: what we will do this year, with targets you can follow. Here you see how it is going, week by week.',
  policeAreas: 'Local police areas',
  noMatches: (q: string) => `No local police area or district matches “${q}”.`,
  matchesFor: (q: string) => `Results for “${q}”`,
  coversDistricts: 'Covers',
  noPromise: 'No published citizen promise yet.',
  readPromise: (year: number) => `Read the citizen promise ${year}`,
  lpo: (name: string) => `Local police area ${name}`,
  promiseFor: (year: number) => `Citizen promise ${year}`,
  validity: 'Valid',
  situation: 'The situation today',
  problems: 'Problems the situation picture points to',
  commitments: 'Our commitments',
  target: 'Target',
  status: 'Status',
  progress: 'So far',
  forecast: 'Forecast at year end',
  forecastPeriodEnd: 'Forecast at period end',
  lately: 'Done lately',
  workThisYear: (year: number) => `The work in ${year} so far`,
  latestShifts: 'Latest shifts',
  noTarget: 'No measurable target',
  noTargetText: 'This commitment has no numeric target; it is followed up in words.',
  details: 'See the weeks and the figures',
  actors: 'Responsible',
  partners: 'Partners',
  followUp: 'Follow how it goes!',
  followUpIntro: "Follow the daily work and news in the local police area's own channels:",
  earlierYears: 'Other years',
  demoNotice:
    'Demo data: the work shown here (shifts, safety walks, cases) is generated to show how the system works. These are not the police’s real figures.',
  demoPromiseNotice: 'Demo: this year shows the same text as the published promise, to show earlier years.',
  weeksInYear: (weeks: number, year: number) =>
    `${year} has ${weeks} ISO weeks; the promise speaks of “the year’s 52 weeks”.`,
  staffedRule: 'A week counts as staffed when at least one Friday–Sunday shift has at least two officers.',
  shifts: 'Shifts',
  officers: 'officers',
  premisesInspected: 'Licensed-premises inspections',
  youthContacts: 'Contacts with young people',
  places: 'Places',
  walksDone: 'Safety walks carried out',
  walksPlanned: 'Planned',
  observations: 'Observations',
  planned: 'planned',
  done: 'carried out',
  suppressed: (n: number) =>
    `Fewer than ${n} closed cases so far this year. The share is shown once there are at least ${n}, so that no family can be singled out.`,
  icelandPublicNote:
    'Of these cases only the yearly share where the Iceland model was applied is shown – never anything about a family.',
  weeklyHeading: 'Week by week',
  tableHeading: 'The figures as a table',
  backToPromise: 'Back to the citizen promise',
  notFoundTitle: 'Page not found',
  notFoundText:
    'We cannot find what you are looking for. The promise may exist for another year, or the address is wrong.',
  notFoundLpo: (slug: string) => `There is no local police area at “${slug}”.`,
  notFoundYear: (name: string, year: string) =>
    `Local police area ${name} has no published citizen promise for ${year}.`,
  availableYears: 'Published years',
  allAreas: 'All local police areas',
  footerData: 'Open data: JSON API and OpenAPI description',
  footerSource: 'Source code and data sources',
  districtsConfidenceNote:
    "Districts marked * probably belong here but are not yet confirmed against the police's own division.",
  footnotes: 'Footnotes',
  source: 'Source',
  period: 'Period',
  yearView: (year: number) => `Showing ${year}`,
  errorTitle: 'Something went wrong',
  errorText: 'An error occurred on our side. Please try again in a moment.',
};

export type Messages = Catalog;

export function messages(lang: Lang): Messages {
  return lang === 'sv' ? (sv as Catalog) : en;
}

/** Path prefix of a language: '' for Swedish, '/en' for English. */
export function langPrefix(lang: Lang): string {
  return lang === 'sv' ? '' : '/en';
}
