// Texts of the search page, Swedish first.
import { MAX_QUERY_LENGTH } from '../../domain/search-text.ts';
import { formatNumberSv } from '../../domain/target-text.ts';
import type { Lang, MessageShape } from '../../web/i18n.ts';

const sv = {
  heading: 'Sök',
  title: (q: string) => `Sökresultat för ”${q}”`,
  field: 'Sök efter',
  fieldHint: 'Till exempel ett löfte, en plats, en stadsdel eller ett lokalpolisområde.',
  button: 'Sök',
  tooLong: `Sökningen får vara högst ${MAX_QUERY_LENGTH} tecken. Korta den och försök igen.`,
  count: (n: number, q: string) =>
    n === 1 ? `1 träff för ”${q}”.` : `${formatNumberSv(n)} träffar för ”${q}”.`,
  capped: (n: number) => `Visar de ${formatNumberSv(n)} bästa. Lägg till ett ord för att hitta rätt.`,
  noHits: (q: string) => `Inga träffar för ”${q}”.`,
  didYouMean: 'Menade du',
  noHitsTips: [
    'Kontrollera stavningen.',
    'Pröva färre eller andra ord, till exempel bara platsens namn.',
    'Sökningen omfattar publicerade medborgarlöften, åtaganden, nyheter, platser och stadsdelar.',
  ],
  emptyIntro:
    'Sök bland publicerade medborgarlöften och deras åtaganden, nyheter från lokalpolisen, platser som polisen besöker och stadsdelar. Ordets böjningar räknas: ”trygghetsvandring” hittar också ”trygghetsvandringar”.',
  examplesHeading: 'Prova till exempel',
  examples: ['trygghetsvandring', 'Gullmarsplan', 'Årsta', 'helginsats'],
  browseAll: 'Alla lokalpolisområden',
  similarName: 'Liknande namn',
  kinds: {
    lpo: 'Lokalpolisområden',
    promise: 'Medborgarlöften',
    commitment: 'Åtaganden',
    update: 'Nyheter',
    place: 'Platser',
    district: 'Stadsdelar',
  },
  lpo: (name: string) => `Lokalpolisområde ${name}`,
  promiseYear: (year: number) => `Medborgarlöfte ${year}`,
  published: 'Publicerad',
} as const;

const en: MessageShape<typeof sv> = {
  heading: 'Search',
  title: (q: string) => `Search results for “${q}”`,
  field: 'Search for',
  fieldHint: 'For example a promise, a place, a district or a local police area.',
  button: 'Search',
  tooLong: `A search can have at most ${MAX_QUERY_LENGTH} characters. Shorten it and try again.`,
  count: (n: number, q: string) => (n === 1 ? `1 result for “${q}”.` : `${n} results for “${q}”.`),
  capped: (n: number) => `Showing the best ${n}. Add a word to narrow it down.`,
  noHits: (q: string) => `No results for “${q}”.`,
  didYouMean: 'Did you mean',
  noHitsTips: [
    'Check the spelling.',
    'Try fewer or other words, for example just the name of the place.',
    'Search covers published citizen promises, commitments, updates, places and districts. Their texts are in Swedish.',
  ],
  emptyIntro:
    'Search published citizen promises and their commitments, updates from the local police, places the police visit, and districts. The texts are in Swedish; word forms count: “trygghetsvandring” (safety walk) also finds “trygghetsvandringar”.',
  examplesHeading: 'Try for example',
  examples: ['trygghetsvandring', 'Gullmarsplan', 'Årsta', 'helginsats'],
  browseAll: 'All local police areas',
  similarName: 'Similar name',
  kinds: {
    lpo: 'Local police areas',
    promise: 'Citizen promises',
    commitment: 'Commitments',
    update: 'Updates',
    place: 'Places',
    district: 'Districts',
  },
  lpo: (name: string) => `Local police area ${name}`,
  promiseYear: (year: number) => `Citizen promise ${year}`,
  published: 'Published',
};

export type SearchMessages = MessageShape<typeof sv>;

export function searchMessages(lang: Lang): SearchMessages {
  return lang === 'sv' ? sv : en;
}
