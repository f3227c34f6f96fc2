// Texts of the situation picture (lägesbild), staff and public, Swedish first.
import type { CountComparison } from '../../domain/significance.ts';
import type { Lang, MessageShape } from '../../web/i18n.ts';

const sv = {
  staffHeading: 'Lägesbild',
  publicHeading: (lpo: string) => `Lägesbild för ${lpo}`,
  helginsatsHeading: 'Var och när helginsatsen behövs',
  notCrimeStatistics: 'Publicerade polishändelser, inte brottsstatistik',
  notCrimeStatisticsText:
    'Siffrorna räknar de händelser som polisen publicerar på polisen.se: ett urval av det polisen rycker ut till, skrivet för allmänheten. Alla brott publiceras inte, och en händelse kan gälla flera brott eller inget. Använd siffrorna för att se när och var något händer, inte hur många brott som begås.',
  sourceLink: 'Händelserna på polisen.se',
  intro: (lpo: string, period: string) => `Publicerade polishändelser i ${lpo}s stadsdelar, ${period}.`,
  latestEvent: (date: string) => `Senaste händelse i underlaget: ${date}.`,
  noEventsYet: 'Det finns inga händelser i underlaget för lokalpolisområdet ännu.',
  filterHeading: 'Välj vad som visas',
  period: 'Period',
  fromMonth: 'Från och med månad',
  toMonth: 'Till och med månad',
  monthHint: 'ÅÅÅÅ-MM, till exempel 2026-01.',
  district: 'Stadsdel',
  allDistricts: 'Hela lokalpolisområdet',
  type: 'Typ av händelse',
  allTypes: 'Alla typer',
  groupOption: (label: string) => `${label} (alla typer i gruppen)`,
  show: 'Visa',
  quickPicks: 'Snabbval',
  last3: 'Senaste 3 månaderna',
  last12: 'Senaste 12 månaderna',
  year: (year: number) => `Hela ${year}`,
  quickPickNote: 'Senaste månaderna räknas till och med månaden med den senaste händelsen.',
  groups: {
    violence_public: 'Våld i offentlig miljö',
    robbery: 'Rån',
    other: 'Övriga händelser',
  },
  groupsNote:
    'Våld i offentlig miljö: misshandel, bråk, skottlossning, mord och försök, våld eller hot mot tjänsteman. Polisens händelser säger inte alltid om våldet skedde utomhus. Rån: alla typer av rån och rånförsök.',
  countsHeading: 'Antal och trend',
  eventsInPeriod: (n: string) => `${n} händelser under perioden`,
  group: 'Grupp',
  thisPeriod: 'Perioden',
  previousPeriod: 'Föregående period',
  lastYear: 'Samma period året före',
  total: 'Totalt',
  comparedWith: (label: string, period: string, current: string, previous: string) =>
    `Jämfört med ${label} (${period}): ${current} mot ${previous} händelser.`,
  previousLabel: 'föregående period',
  lastYearLabel: 'samma period året före',
  chance: (c: CountComparison, p: string) => {
    if (c.current + c.previous === 0) return 'Inga händelser i någon av perioderna.';
    if (!c.significant) return `Skillnaden ligger inom vad slumpen kan förklara (${p}).`;
    return c.direction === 'up'
      ? `Ökningen är större än slumpen förklarar (${p}).`
      : `Minskningen är större än slumpen förklarar (${p}).`;
  },
  chanceNote:
    'Slumpen prövas med ett binomialtest av två poissonfördelade antal: p är sannolikheten för en minst lika stor skillnad om inget ändrats. Under 0,05 räknas skillnaden som större än slumpen förklarar.',
  monthlyHeading: 'Månad för månad',
  monthlyChart: 'Händelser per månad',
  month: 'Månad',
  events: 'Händelser',
  heatmapHeading: 'Veckodag och timme',
  heatmapChart: 'Händelser per veckodag och timme, mörkare ruta betyder fler',
  weekday: 'Veckodag',
  hour: 'Timme',
  weekdays: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  weekdaysShort: ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'],
  shares: (evening: string, weekend: string) =>
    `${evening} av händelserna skedde på kvällar och nätter (18–06) och ${weekend} under helger (fredag kl. 18 till måndag kl. 06).`,
  legend: 'Förklaring',
  legendRange: (from: string, to: string) => `${from}–${to}`,
  noEvents: 'inga',
  placesHeading: 'Platser som sticker ut',
  placesIntro: (radius: number) =>
    `Kollektivtrafiknoder, krogar och arenor i lokalpolisområdet: händelser som texten knyter till platsen, eller med exakt position inom ${radius} meter.`,
  place: 'Plats',
  kind: 'Slag',
  eveningNight: 'Kväll och natt',
  standsOut: 'Sticker ut',
  standsOutYes: (p: string) => `ja (${p})`,
  standsOutNo: 'nej',
  noPlaces: 'Lokalpolisområdet har inga kollektivtrafiknoder, krogar eller arenor i platslistan.',
  placesNote:
    'En plats sticker ut när så många händelser vore osannolika (p under 0,05) om alla platser hade lika många i snitt. De flesta av polisens händelser har bara kommunens mittpunkt som position, så många händelser nära platserna syns inte här.',
  kinds: { transit: 'Kollektivtrafik', licensed_premises: 'Krogar', arena: 'Arena', other: 'Övrigt' },
  mapHeading: 'Stadsdelar',
  mapChart: 'Karta: händelser per stadsdel, mörkare betyder fler',
  mapNote: 'Kartan visar alla stadsdelar i lokalpolisområdet för vald period och typ.',
  latestHeading: 'Senaste händelserna',
  when: 'När',
  placedHow: 'Så placerades händelsen',
  noLatest: 'Inga händelser med vald period och typ.',
  csv: (what: string) => `Ladda ner ${what} som CSV`,
  csvWhat: {
    manad: 'månad, stadsdel och typ',
    'veckodag-timme': 'veckodag och timme',
    platser: 'platserna',
    stadsdelar: 'stadsdelarna',
    handelser: 'senaste händelserna',
  },
  tableHeading: 'Siffrorna som tabell',
  citizenHeading: 'Vad invånarna säger',
  citizenText:
    'Lägesbilden bygger också på vad invånarna berättar i Tyck till: var och när de känner sig otrygga. Deras synpunkter sammanfattas här.',
  citizenLink: 'Tyck till om tryggheten där du bor',
  toSuggestions: 'Var och när helginsatsen behövs',
  backToPicture: 'Tillbaka till lägesbilden',
  errors: {
    month: 'Ange en månad som ÅÅÅÅ-MM, till exempel 2026-01.',
    order: 'Till-månaden kan inte ligga före från-månaden.',
    span: 'Välj en period på högst 10 år.',
    district: 'Välj en av lokalpolisområdets stadsdelar.',
    type: 'Välj en typ ur listan.',
  },
  errorsTitle: 'Urvalet gick inte att använda',
  // The weekend-operation suggestions.
  suggestionsIntro: (period: string) =>
    `Tidsfönster fredag och lördag kväll och natt där våld i offentlig miljö och rån har samlats, ${period}. Fönstren är sex timmar; för varje plats eller stadsdel visas bästa fönstret per natt.`,
  byPlace: 'Vid platser',
  byDistrict: 'I stadsdelar',
  noSuggestions: 'Inga händelser med våld eller rån på helgnätterna under perioden.',
  windowAt: (window: string, where: string) => `${window} vid ${where}`,
  windowIn: (window: string, where: string) => `${window} i ${where}`,
  windowName: (weekday: string, from: string, to: string) => `${weekday} ${from}–${to}`,
  focusEvents: 'Våld och rån i fönstret',
  shareOfAll: 'Andel av alla händelser i fönstret',
  trend: 'Mot föregående period',
  trendText: (current: string, previous: string) => `${current} mot ${previous}.`,
  planHeading: 'Planera ett pass',
  officers: 'Antal poliser',
  planButton: (date: string) => `Planera pass ${date}`,
  planNote: (what: string) => `Planerat utifrån lägesbilden: ${what}.`,
  planErrors: {
    unknown_suggestion: 'Förslaget finns inte längre. Ladda om sidan och välj igen.',
    officers_range: 'Ange antalet poliser som ett heltal från 1 till 200.',
  },
  mayNotPlan: 'Bara lokalpolisområdeschefen kan göra ett förslag till ett planerat pass.',
  plannedShifts: 'Planerade och genomförda pass',
  // The public page.
  publicIntro: (lpo: string, period: string) =>
    `Så många händelser publicerade polisen i ${lpo}s stadsdelar under ${period}, per månad, stadsdel och tid på dygnet.`,
  suppressedNote: (n: number) =>
    `Antal under ${n} visas som ”färre än ${n}”, så att ingen enskild händelse går att peka ut. Där en dold siffra skulle gå att räkna ut från en summa döljs också en till.`,
  fewerThan: (n: number) => `färre än ${n}`,
  perDistrictHeading: 'Per stadsdel',
  bandsHeading: 'Veckodag och tid på dygnet',
  bands: { night: 'Natt 00–06', morning: 'Morgon 06–10', day: 'Dag 10–18', evening: 'Kväll 18–24' },
  openDataHeading: 'Öppna data',
  openDataText:
    'Samma siffror, med samma döljande av små antal, som CSV och JSON. Händelserna är allmän information från Polismyndigheten och får återanvändas enligt lagen (2010:566) om vidareutnyttjande av handlingar från den offentliga förvaltningen. Vår sammanställning är fri att använda (CC0 1.0).',
  csvLink: 'CSV: månad, stadsdel och grupp',
  jsonLink: 'JSON (öppet API)',
  publicLink: 'Lägesbilden: publicerade polishändelser',
  monthChartSuppressed: 'Månader med färre än tröskeln visas utan stapel.',
} as const;

const en: MessageShape<typeof sv> = {
  staffHeading: 'Situation picture',
  publicHeading: (lpo: string) => `Situation picture for ${lpo}`,
  helginsatsHeading: 'Where and when the weekend operation is needed',
  notCrimeStatistics: 'Published police events, not crime statistics',
  notCrimeStatisticsText:
    'These figures count the events the police publish on polisen.se: a selection of what the police respond to, written for the public. Not every crime is published, and one event can concern several crimes or none. Use the figures to see when and where things happen, not how many crimes are committed.',
  sourceLink: 'The events on polisen.se',
  intro: (lpo: string, period: string) => `Published police events in the districts of ${lpo}, ${period}.`,
  latestEvent: (date: string) => `Latest event in the data: ${date}.`,
  noEventsYet: 'There are no events for this local police area in the data yet.',
  filterHeading: 'Choose what to show',
  period: 'Period',
  fromMonth: 'From month',
  toMonth: 'To month (inclusive)',
  monthHint: 'YYYY-MM, for example 2026-01.',
  district: 'District',
  allDistricts: 'The whole local police area',
  type: 'Type of event',
  allTypes: 'All types',
  groupOption: (label: string) => `${label} (all types in the group)`,
  show: 'Show',
  quickPicks: 'Quick picks',
  last3: 'Last 3 months',
  last12: 'Last 12 months',
  year: (year: number) => `All of ${year}`,
  quickPickNote: 'The last months count up to the month of the latest event.',
  groups: {
    violence_public: 'Violence in public places',
    robbery: 'Robbery',
    other: 'Other events',
  },
  groupsNote:
    "Violence in public places: assault, fights, shootings, murder and attempts, violence or threats against officials. The police's events do not always say whether it happened outdoors. Robbery: every kind of robbery and attempted robbery.",
  countsHeading: 'Counts and trend',
  eventsInPeriod: (n: string) => `${n} events in the period`,
  group: 'Group',
  thisPeriod: 'The period',
  previousPeriod: 'Previous period',
  lastYear: 'Same period a year before',
  total: 'Total',
  comparedWith: (label: string, period: string, current: string, previous: string) =>
    `Compared with the ${label} (${period}): ${current} against ${previous} events.`,
  previousLabel: 'previous period',
  lastYearLabel: 'same period a year before',
  chance: (c: CountComparison, p: string) => {
    if (c.current + c.previous === 0) return 'No events in either period.';
    if (!c.significant) return `The difference is within what chance can explain (${p}).`;
    return c.direction === 'up'
      ? `The increase is larger than chance explains (${p}).`
      : `The decrease is larger than chance explains (${p}).`;
  },
  chanceNote:
    'Chance is tested with a binomial test of two Poisson counts: p is the probability of a difference at least this large if nothing had changed. Below 0.05 the difference counts as larger than chance explains.',
  monthlyHeading: 'Month by month',
  monthlyChart: 'Events per month',
  month: 'Month',
  events: 'Events',
  heatmapHeading: 'Weekday and hour',
  heatmapChart: 'Events per weekday and hour, a darker square means more',
  weekday: 'Weekday',
  hour: 'Hour',
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  weekdaysShort: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  shares: (evening: string, weekend: string) =>
    `${evening} of the events happened in the evening or at night (18–06) and ${weekend} at weekends (Friday 18:00 to Monday 06:00).`,
  legend: 'Key',
  legendRange: (from: string, to: string) => `${from}–${to}`,
  noEvents: 'none',
  placesHeading: 'Places that stand out',
  placesIntro: (radius: number) =>
    `Transit hubs, licensed premises and arenas in the local police area: events the text ties to the place, or with a precise position within ${radius} metres.`,
  place: 'Place',
  kind: 'Kind',
  eveningNight: 'Evening and night',
  standsOut: 'Stands out',
  standsOutYes: (p: string) => `yes (${p})`,
  standsOutNo: 'no',
  noPlaces: 'The local police area has no transit hubs, licensed premises or arenas in its place list.',
  placesNote:
    "A place stands out when that many events would be unlikely (p below 0.05) if every place had as many as the average. Most of the police's events only carry the municipality's centre as their position, so many events near the places do not show here.",
  kinds: { transit: 'Transit', licensed_premises: 'Licensed premises', arena: 'Arena', other: 'Other' },
  mapHeading: 'Districts',
  mapChart: 'Map: events per district, darker means more',
  mapNote: 'The map shows every district of the local police area for the chosen period and type.',
  latestHeading: 'Latest events',
  when: 'When',
  placedHow: 'How the event was placed',
  noLatest: 'No events for the chosen period and type.',
  csv: (what: string) => `Download ${what} as CSV`,
  csvWhat: {
    manad: 'month, district and type',
    'veckodag-timme': 'weekday and hour',
    platser: 'the places',
    stadsdelar: 'the districts',
    handelser: 'the latest events',
  },
  tableHeading: 'The figures as a table',
  citizenHeading: 'What residents say',
  citizenText:
    'The situation picture also rests on what residents tell us in “Tell us”: where and when they feel unsafe. Their input is summarised here.',
  citizenLink: 'Tell us about safety where you live',
  toSuggestions: 'Where and when the weekend operation is needed',
  backToPicture: 'Back to the situation picture',
  errors: {
    month: 'Enter a month as YYYY-MM, for example 2026-01.',
    order: 'The to month cannot be before the from month.',
    span: 'Choose a period of at most 10 years.',
    district: "Choose one of the local police area's districts.",
    type: 'Choose a type from the list.',
  },
  errorsTitle: 'The selection could not be used',
  suggestionsIntro: (period: string) =>
    `Time windows on Friday and Saturday evenings and nights where violence in public places and robbery have concentrated, ${period}. Windows are six hours; for each place or district the best window per night is shown.`,
  byPlace: 'At places',
  byDistrict: 'In districts',
  noSuggestions: 'No events of violence or robbery on weekend nights in the period.',
  windowAt: (window: string, where: string) => `${window} at ${where}`,
  windowIn: (window: string, where: string) => `${window} in ${where}`,
  windowName: (weekday: string, from: string, to: string) => `${weekday} ${from}–${to}`,
  focusEvents: 'Violence and robbery in the window',
  shareOfAll: 'Share of all events in the window',
  trend: 'Against the previous period',
  trendText: (current: string, previous: string) => `${current} against ${previous}.`,
  planHeading: 'Plan a shift',
  officers: 'Number of officers',
  planButton: (date: string) => `Plan a shift on ${date}`,
  planNote: (what: string) => `Planned from the situation picture: ${what}.`,
  planErrors: {
    unknown_suggestion: 'The suggestion no longer exists. Reload the page and choose again.',
    officers_range: 'Enter the number of officers as a whole number from 1 to 200.',
  },
  mayNotPlan: 'Only the head of the local police area can turn a suggestion into a planned shift.',
  plannedShifts: 'Planned and logged shifts',
  publicIntro: (lpo: string, period: string) =>
    `How many events the police published in the districts of ${lpo} during ${period}, by month, district and time of day.`,
  suppressedNote: (n: number) =>
    `Counts under ${n} show as “fewer than ${n}”, so no single event can be singled out. Where a hidden count could be worked out from a total, one more is hidden.`,
  fewerThan: (n: number) => `fewer than ${n}`,
  perDistrictHeading: 'By district',
  bandsHeading: 'Weekday and time of day',
  bands: { night: 'Night 00–06', morning: 'Morning 06–10', day: 'Day 10–18', evening: 'Evening 18–24' },
  openDataHeading: 'Open data',
  openDataText:
    'The same figures, with the same hiding of small counts, as CSV and JSON. The events are public information from the Swedish Police Authority and may be reused under the Swedish PSI law (2010:566). Our aggregation is free to use (CC0 1.0).',
  csvLink: 'CSV: month, district and group',
  jsonLink: 'JSON (open API)',
  publicLink: 'Situation picture: published police events',
  monthChartSuppressed: 'Months under the threshold show without a bar.',
};

export type SituationMessages = MessageShape<typeof sv>;

export function situationMessages(lang: Lang): SituationMessages {
  return lang === 'sv' ? (sv as SituationMessages) : en;
}

/** "p = 0,01": two decimals, three under 0,01, and "p < 0,001" below that. */
export function formatP(p: number, lang: Lang): string {
  const text = p < 0.001 ? 'p < 0.001' : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
  return lang === 'sv' ? text.replace('.', ',') : text;
}
