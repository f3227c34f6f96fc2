// Texts of the safety-walk pages (staff side and the public summary), Swedish first.
import { formatNumberSv } from '../../domain/target-text.ts';
import type { Lang } from '../../web/i18n.ts';

const PERSONAL_DATA =
  'Skriv inte namn, personnummer, registreringsnummer eller något annat som pekar ut en person.';

const sv = {
  heading: 'Trygghetsvandringar',
  intro: (year: number) => `Planerade och genomförda trygghetsvandringar ${year}.`,
  planLink: 'Planera en trygghetsvandring',
  planned: 'Planerade',
  done: 'Genomförda',
  noPlanned: 'Inga planerade trygghetsvandringar.',
  noDone: 'Inga genomförda trygghetsvandringar ännu i år.',
  observationCount: (n: number) => (n === 1 ? '1 iakttagelse' : `${formatNumberSv(n)} iakttagelser`),
  openCount: (n: number) => `${formatNumberSv(n)} att följa upp`,
  partnerLabel: {
    district_administration: 'Stadsdelsförvaltningen',
    housing_company: 'Bostadsbolag',
    residents: 'Boende',
  },
  walkStatus: { planned: 'Planerad', done: 'Genomförd', cancelled: 'Inställd' },

  newHeading: 'Planera en trygghetsvandring',
  walkDate: 'Datum',
  district: 'Stadsdel',
  chooseDistrict: 'Välj stadsdel',
  partners: 'Samverkanspartner',
  partnersOther: 'Andra samverkanspartner',
  partnersOtherHint: 'Till exempel en förening eller trafikförvaltningen.',
  notes: 'Anteckningar',
  notesHint: `Valfritt. ${PERSONAL_DATA}`,
  plan: 'Spara planeringen',
  errorsTitle: 'Det gick inte att spara',

  walkHeading: (date: string) => `Trygghetsvandring ${date}`,
  status: 'Status',
  plannedFor: 'Planerad till',
  doneOn: 'Genomförd',
  noPartners: 'Inga angivna',
  completeHeading: 'Markera som genomförd',
  correctHeading: 'Ändra datum eller rutt',
  doneDate: 'Datum då den genomfördes',
  route: 'Rutt (GeoJSON)',
  routeHint:
    'Valfritt. Klistra in en LineString eller MultiLineString med koordinater i WGS84 (longitud, latitud), till exempel exporterad från en kartapp. Högst 100 kB.',
  markDone: 'Markera som genomförd',
  saveChanges: 'Spara ändringarna',
  routeHeading: 'Rutt och iakttagelser på kartan',
  mapLabel: (km: string | null, observations: number) =>
    `Karta: ${km ? `rutten, ${km} km lång` : 'ingen rutt inlagd'}, och ${observations} ${observations === 1 ? 'iakttagelse' : 'iakttagelser'} som numrerade punkter.`,
  routeLength: (km: string) => `Rutten är ${km} km lång.`,
  noRoute: 'Ingen rutt inlagd.',

  observationsHeading: 'Iakttagelser',
  noObservations: 'Inga iakttagelser ännu.',
  observationsAfterDone: 'Iakttagelser läggs till när vandringen är markerad som genomförd.',
  category: 'Kategori',
  categoryLabel: {
    lighting: 'Belysning',
    vegetation: 'Vegetation',
    litter: 'Nedskräpning',
    damage: 'Skadegörelse',
    other: 'Annat',
  },
  observationStatus: {
    open: 'Öppen',
    sent: 'Skickad',
    accepted: 'Accepterad',
    fixed: 'Åtgärdad',
    declined: 'Avböjd',
  },
  owner: 'Skickas till (ägare)',
  ownerHint: 'Organisationen som äger platsen, t.ex. ”Stockholm stad, trafikkontoret” eller ”Stockholmshem”.',
  noOwner: 'Ingen ägare angiven',
  followUp: 'Följ upp',
  addObservationHeading: 'Lägg till en iakttagelse',
  where: 'Plats',
  whereHint:
    'Ange latitud och longitud i decimalgrader (WGS84), som en kartapp visar dem, eller välj närmaste plats i listan.',
  lat: 'Latitud',
  latHint: 'Till exempel 59,2935',
  lon: 'Longitud',
  lonHint: 'Till exempel 18,0832',
  place: 'Eller närmaste plats',
  placeNone: 'Använd koordinaterna ovan',
  placeOption: (district: string) => `Mitten av ${district}`,
  description: 'Beskrivning',
  descriptionHint: `Högst 1 000 tecken. Beskriv platsen och problemet. ${PERSONAL_DATA}`,
  addObservation: 'Lägg till iakttagelsen',
  position: (lat: string, lon: string) => `${lat}, ${lon}`,
  statusSince: (date: string) => `sedan ${date}`,

  observationHeading: (category: string) => `Iakttagelse: ${category}`,
  walkOf: (date: string) => `Trygghetsvandringen ${date}`,
  history: 'Historik',
  by: (name: string) => `(${name})`,
  changeStatusHeading: 'Ändra status',
  newStatus: 'Ny status',
  eventDate: 'Datum för ändringen',
  comment: 'Kommentar',
  commentHint: `Valfritt, högst 500 tecken. ${PERSONAL_DATA}`,
  ownerChangeHint: 'Fyll i eller ändra när iakttagelsen skickas.',
  saveStatus: 'Spara status',
  finalStatus: 'Iakttagelsen är åtgärdad. Statusen ändras inte mer.',
  backToWalk: 'Tillbaka till trygghetsvandringen',

  required: 'Fyll i fältet.',
  invalidDate: 'Ange ett riktigt datum (ÅÅÅÅ-MM-DD).',
  dateOutOfRange: (from: string, to: string) => `Ange ett datum från ${from} till ${to}.`,
  dateInFuture: 'Datumet får inte ligga efter i dag.',
  chooseOneDistrict: 'Välj en av lokalpolisområdets stadsdelar.',
  unknownPartner: 'Välj bland samverkanspartnerna i listan.',
  tooLong: (max: number) => `Skriv högst ${formatNumberSv(max)} tecken.`,
  routeProblem: {
    too_large: 'Rutten är större än 100 kB. Förenkla linjen i kartappen och försök igen.',
    not_json: 'Rutten är inte giltig JSON. Klistra in GeoJSON-texten precis som kartappen gav den.',
    not_a_line:
      'Rutten måste vara en GeoJSON LineString eller MultiLineString (ensam, som Feature eller i en FeatureCollection).',
    bad_coordinates: 'Varje punkt i rutten ska vara [longitud, latitud] i decimalgrader.',
    too_few_points: 'Varje linje i rutten behöver minst två punkter.',
    lat_lon_swapped:
      'Koordinaterna verkar stå som [latitud, longitud]. I GeoJSON kommer longituden först, t.ex. [18.08, 59.29].',
    outside_sweden:
      'Rutten ligger utanför Sverige. Koordinaterna ska vara WGS84 i decimalgrader (longitud 10–24, latitud 55–69).',
  },
  whereRequired: 'Ange latitud och longitud, eller välj en plats i listan.',
  notANumber: 'Ange ett tal i decimalgrader, t.ex. 59,2935.',
  pointOutsideSweden: 'Platsen ligger utanför Sverige. Kontrollera att latitud och longitud inte bytt plats.',
  unknownPlace: 'Välj en plats i listan.',
  chooseCategory: 'Välj en kategori.',
  statusNotAllowed: 'Den statusen går inte att välja nu.',
  ownerRequired: 'Ange vem iakttagelsen skickas till.',
  beforePrevious: (date: string) => `Datumet får inte ligga före förra ändringen (${date}).`,

  fixedObservations: 'Åtgärdade iakttagelser',
  medianDaysToFix: 'Mediantid till åtgärd',
  days: (n: number) => `${formatNumberSv(n)} ${n === 1 ? 'dag' : 'dagar'}`,
  medianSuppressed: (n: number) => `Mediantiden till åtgärd visas när minst ${n} iakttagelser är åtgärdade.`,
  countsOnly: 'Iakttagelserna kan beskriva platser och människor, så här visas bara antal.',
} as const;

type Shape<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => string
    ? (...args: A) => string
    : T[K] extends string
      ? string
      : Shape<T[K]>;
};

const PERSONAL_DATA_EN =
  'Do not write names, personal identity numbers, number plates or anything else that points to a person.';

const en: Shape<typeof sv> = {
  heading: 'Safety walks',
  intro: (year: number) => `Planned and completed safety walks in ${year}.`,
  planLink: 'Plan a safety walk',
  planned: 'Planned',
  done: 'Carried out',
  noPlanned: 'No safety walks planned.',
  noDone: 'No safety walks carried out yet this year.',
  observationCount: (n: number) => (n === 1 ? '1 observation' : `${n} observations`),
  openCount: (n: number) => `${n} to follow up`,
  partnerLabel: {
    district_administration: 'District administration',
    housing_company: 'Housing companies',
    residents: 'Residents',
  },
  walkStatus: { planned: 'Planned', done: 'Carried out', cancelled: 'Cancelled' },

  newHeading: 'Plan a safety walk',
  walkDate: 'Date',
  district: 'District',
  chooseDistrict: 'Choose a district',
  partners: 'Partners',
  partnersOther: 'Other partners',
  partnersOtherHint: 'For example an association or the transport administration.',
  notes: 'Notes',
  notesHint: `Optional. ${PERSONAL_DATA_EN}`,
  plan: 'Save the plan',
  errorsTitle: 'Could not save',

  walkHeading: (date: string) => `Safety walk ${date}`,
  status: 'Status',
  plannedFor: 'Planned for',
  doneOn: 'Carried out',
  noPartners: 'None given',
  completeHeading: 'Mark as carried out',
  correctHeading: 'Change the date or route',
  doneDate: 'Date it was carried out',
  route: 'Route (GeoJSON)',
  routeHint:
    'Optional. Paste a LineString or MultiLineString with WGS84 coordinates (longitude, latitude), e.g. exported from a map app. At most 100 kB.',
  markDone: 'Mark as carried out',
  saveChanges: 'Save the changes',
  routeHeading: 'Route and observations on the map',
  mapLabel: (km: string | null, observations: number) =>
    `Map: ${km ? `the route, ${km} km long` : 'no route given'}, and ${observations} ${observations === 1 ? 'observation' : 'observations'} as numbered points.`,
  routeLength: (km: string) => `The route is ${km} km long.`,
  noRoute: 'No route given.',

  observationsHeading: 'Observations',
  noObservations: 'No observations yet.',
  observationsAfterDone: 'Observations are added once the walk is marked as carried out.',
  category: 'Category',
  categoryLabel: {
    lighting: 'Lighting',
    vegetation: 'Vegetation',
    litter: 'Litter',
    damage: 'Damage',
    other: 'Other',
  },
  observationStatus: {
    open: 'Open',
    sent: 'Sent',
    accepted: 'Accepted',
    fixed: 'Fixed',
    declined: 'Declined',
  },
  owner: 'Sent to (owner)',
  ownerHint:
    'The organisation that owns the place, e.g. “Stockholm stad, trafikkontoret” or “Stockholmshem”.',
  noOwner: 'No owner given',
  followUp: 'Follow up',
  addObservationHeading: 'Add an observation',
  where: 'Place',
  whereHint:
    'Give latitude and longitude in decimal degrees (WGS84), as a map app shows them, or choose the nearest place in the list.',
  lat: 'Latitude',
  latHint: 'For example 59.2935',
  lon: 'Longitude',
  lonHint: 'For example 18.0832',
  place: 'Or the nearest place',
  placeNone: 'Use the coordinates above',
  placeOption: (district: string) => `Centre of ${district}`,
  description: 'Description',
  descriptionHint: `At most 1,000 characters. Describe the place and the problem. ${PERSONAL_DATA_EN}`,
  addObservation: 'Add the observation',
  position: (lat: string, lon: string) => `${lat}, ${lon}`,
  statusSince: (date: string) => `since ${date}`,

  observationHeading: (category: string) => `Observation: ${category}`,
  walkOf: (date: string) => `The safety walk of ${date}`,
  history: 'History',
  by: (name: string) => `(${name})`,
  changeStatusHeading: 'Change the status',
  newStatus: 'New status',
  eventDate: 'Date of the change',
  comment: 'Comment',
  commentHint: `Optional, at most 500 characters. ${PERSONAL_DATA_EN}`,
  ownerChangeHint: 'Fill in or change when the observation is sent.',
  saveStatus: 'Save the status',
  finalStatus: 'The observation has been fixed. Its status does not change any more.',
  backToWalk: 'Back to the safety walk',

  required: 'Fill in the field.',
  invalidDate: 'Enter a real date (YYYY-MM-DD).',
  dateOutOfRange: (from: string, to: string) => `Enter a date from ${from} to ${to}.`,
  dateInFuture: 'The date must not be after today.',
  chooseOneDistrict: "Choose one of the local police area's districts.",
  unknownPartner: 'Choose among the partners in the list.',
  tooLong: (max: number) => `Write at most ${max} characters.`,
  routeProblem: {
    too_large: 'The route is larger than 100 kB. Simplify the line in the map app and try again.',
    not_json: 'The route is not valid JSON. Paste the GeoJSON text exactly as the map app gave it.',
    not_a_line:
      'The route must be a GeoJSON LineString or MultiLineString (bare, as a Feature or in a FeatureCollection).',
    bad_coordinates: 'Each point of the route must be [longitude, latitude] in decimal degrees.',
    too_few_points: 'Each line of the route needs at least two points.',
    lat_lon_swapped:
      'The coordinates seem to be [latitude, longitude]. GeoJSON puts the longitude first, e.g. [18.08, 59.29].',
    outside_sweden:
      'The route lies outside Sweden. Coordinates must be WGS84 decimal degrees (longitude 10–24, latitude 55–69).',
  },
  whereRequired: 'Give latitude and longitude, or choose a place in the list.',
  notANumber: 'Enter a number in decimal degrees, e.g. 59.2935.',
  pointOutsideSweden: 'The place lies outside Sweden. Check that latitude and longitude are not swapped.',
  unknownPlace: 'Choose a place in the list.',
  chooseCategory: 'Choose a category.',
  statusNotAllowed: 'That status cannot be chosen now.',
  ownerRequired: 'Say who the observation is sent to.',
  beforePrevious: (date: string) => `The date must not be before the previous change (${date}).`,

  fixedObservations: 'Observations fixed',
  medianDaysToFix: 'Median time to fix',
  days: (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`,
  medianSuppressed: (n: number) =>
    `The median time to fix is shown once at least ${n} observations are fixed.`,
  countsOnly: 'Observations can describe places and people, so only counts are shown here.',
};

export type WalkMessages = Shape<typeof sv>;

export function walkMessages(lang: Lang): WalkMessages {
  return lang === 'sv' ? sv : en;
}
