// Texts of updates (news), feeds and e-mail subscriptions, Swedish first.
import type { Lang, MessageShape } from '../../web/i18n.ts';
import type { UpdateErrorCode } from './update-input.ts';

const sv = {
  // Public pages
  news: 'Nyheter',
  newsFrom: (lpo: string) => `Nyheter från Lokalpolisområde ${lpo}`,
  newsAbout: 'Nyheter om åtagandet',
  noNews: 'Inga nyheter ännu.',
  allNews: 'Alla nyheter',
  published: 'Publicerad',
  edited: 'ändrad',
  about: 'Handlar om',
  aboutLpo: 'Hela lokalpolisområdet',
  demo: 'Demotext: nyheten är skriven för att visa hur systemet fungerar.',
  backToNews: 'Tillbaka till nyheterna',
  // Following
  follow: 'Följ',
  followCommitment: 'Följ åtagandet',
  feedsIntro: 'Prenumerera med en flödesläsare (nyheterna, utan spårning):',
  feedAtom: 'Atom-flöde',
  feedRss: 'RSS-flöde',
  feedJson: 'JSON-flöde',
  feedTitleLpo: (lpo: string) => `Medborgarlöfte – nyheter från Lokalpolisområde ${lpo}`,
  feedTitleCommitment: (title: string, lpo: string) => `${title} – nyheter från Lokalpolisområde ${lpo}`,
  feedDescriptionLpo: (lpo: string) =>
    `Nyheter om medborgarlöftet i Lokalpolisområde ${lpo}: vad polisen och kommunen gör och hur det går.`,
  channelsNote: 'Länkarna går till andra webbplatser; där gäller deras villkor och spårning.',
  byEmail: 'Få nyheterna med e-post',
  emailLabel: 'Din e-postadress',
  emailHint: 'Du får ett mejl med en länk för att bekräfta. Först då skickar vi nyheter.',
  honeypot: 'Lämna det här fältet tomt',
  subscribe: 'Följ med e-post',
  privacy:
    'Vi sparar bara adressen, vad du följer och språket, och använder dem bara för att skicka nyheterna. Varje mejl har en länk för att sluta följa; då raderas adressen direkt. En adress som inte bekräftas inom 7 dagar raderas.',
  followHeading: 'Följ med e-post',
  followWhat: (what: string) => `Du följer: ${what}`,
  checkEmailHeading: 'Kolla din e-post',
  checkEmailText:
    'Om adressen kan ta emot e-post får du strax ett mejl. Klicka på länken i det för att bekräfta. Kommer inget mejl, titta i skräpposten.',
  followErrors: 'Det gick inte att anmäla dig',
  invalidEmail: 'Ange en e-postadress, till exempel namn@exempel.se.',
  formExpired: 'Formuläret hade gått ut. Försök igen.',
  confirmHeading: 'Bekräfta att du vill följa',
  confirmText: (what: string) => `Tryck på knappen för att börja få nyheter om ${what} med e-post.`,
  confirmButton: 'Ja, jag vill få nyheterna',
  confirmedHeading: 'Klart – du följer nu',
  confirmedText: (what: string) =>
    `Du får ett mejl när det kommer nyheter om ${what}. Varje mejl har en länk för att sluta.`,
  badLinkHeading: 'Länken fungerar inte',
  badLinkText:
    'Länken är för gammal, redan använd eller felskriven. Du kan anmäla dig igen från lokalpolisområdets sida.',
  unsubscribeHeading: 'Sluta följa',
  unsubscribeText: (what: string) => `Tryck på knappen för att sluta få nyheter om ${what}.`,
  unsubscribeButton: 'Sluta följa',
  unsubscribedHeading: 'Du följer inte längre',
  unsubscribedText: 'Vi skickar inga fler mejl till adressen, och den är raderad hos oss.',
  lpoSubject: (lpo: string) => `nyheterna från Lokalpolisområde ${lpo}`,
  commitmentSubject: (title: string, lpo: string) => `”${title}” i Lokalpolisområde ${lpo}`,
  // E-mails
  mailConfirmSubject: 'Bekräfta att du vill följa medborgarlöftet',
  mailConfirmText: (what: string, link: string) =>
    `Hej!\n\nNågon, förhoppningsvis du, vill få nyheter om ${what} med e-post.\n\nBekräfta här: ${link}\n\nVar det inte du behöver du inte göra något: utan bekräftelse skickar vi inget mer, och adressen raderas inom 7 dagar.`,
  mailAlreadySubject: 'Du följer redan medborgarlöftet',
  mailAlreadyText: (what: string) =>
    `Hej!\n\nNågon bad om nyheter om ${what} till den här adressen, men du följer redan. Du behöver inte göra något.`,
  mailUpdateSubject: (title: string) => `Nyhet: ${title}`,
  mailUpdateChangedSubject: (title: string) => `Ändrad nyhet: ${title}`,
  mailReadOnline: 'Läs på webben',
  mailFooter: (what: string, link: string) =>
    `Du får det här mejlet för att du följer ${what}. Sluta följa: ${link}`,
  // Staff pages
  staffHeading: 'Nyheter',
  staffIntro:
    'Nyheterna visas på lokalpolisområdets publika sida, i flödena och skickas till dem som följer med e-post.',
  writeNew: 'Skriv en nyhet',
  newHeading: 'Skriv en nyhet',
  editHeading: 'Ändra nyheten',
  title: 'Rubrik',
  body: 'Text',
  bodyHint:
    'Markdown: *kursiv*, **fet**, listor med - och länkar som [text](https://…). Bilder och HTML visas inte. Skriv inga personuppgifter.',
  date: 'Datum',
  aboutField: 'Nyheten handlar om',
  aboutHint: 'Ett åtagande i årets löfte, en stadsdel, eller hela lokalpolisområdet.',
  commitmentOption: (title: string) => `Åtagande: ${title}`,
  districtOption: (name: string) => `Stadsdel: ${name}`,
  notify: 'Skicka ändringen med e-post till dem som följer',
  preview: 'Förhandsgranska',
  previewHeading: 'Förhandsvisning',
  publish: 'Publicera',
  saveChanges: 'Spara ändringarna',
  errorsTitle: 'Nyheten kunde inte sparas',
  savedNew: 'Nyheten är publicerad.',
  savedEdit: 'Ändringarna är sparade.',
  deleted: 'Nyheten är borttagen.',
  edit: 'Ändra',
  remove: 'Ta bort',
  removeHeading: 'Ta bort nyheten?',
  removeText: (title: string) =>
    `”${title}” försvinner från de publika sidorna och flödena. Det går inte att ångra.`,
  removeConfirm: 'Ja, ta bort nyheten',
  cancel: 'Avbryt',
  viewPublic: 'Visa den publika sidan',
  mailQueued: (n: number) =>
    n === 1 ? 'Ett mejl köas till den som följer.' : `${n} mejl köas till dem som följer.`,
  errors: {
    title_required: 'Skriv en rubrik.',
    title_too_long: 'Rubriken får vara högst 150 tecken.',
    body_required: 'Skriv en text.',
    body_too_long: 'Texten får vara högst 10 000 tecken.',
    control_characters: 'Fältet innehåller osynliga kontrolltecken. Skriv in texten igen.',
    personal_number: 'Texten ser ut att innehålla ett personnummer. Ta bort det.',
    date_invalid: 'Ange ett datum som ÅÅÅÅ-MM-DD.',
    date_future: 'Datumet får inte ligga i framtiden.',
    about_unknown: 'Välj ett av alternativen.',
  } satisfies Record<UpdateErrorCode, string>,
};

type Catalog = MessageShape<typeof sv>;

const en: Catalog = {
  news: 'News',
  newsFrom: (lpo: string) => `News from local police area ${lpo}`,
  newsAbout: 'News about this commitment',
  noNews: 'No news yet.',
  allNews: 'All news',
  published: 'Published',
  edited: 'edited',
  about: 'About',
  aboutLpo: 'The whole local police area',
  demo: 'Demo text: this update was written to show how the system works.',
  backToNews: 'Back to the news',
  follow: 'Follow',
  followCommitment: 'Follow this commitment',
  feedsIntro: 'Subscribe in a feed reader (the news, without tracking):',
  feedAtom: 'Atom feed',
  feedRss: 'RSS feed',
  feedJson: 'JSON feed',
  feedTitleLpo: (lpo: string) => `Citizen promise – news from local police area ${lpo}`,
  feedTitleCommitment: (title: string, lpo: string) => `${title} – news from local police area ${lpo}`,
  feedDescriptionLpo: (lpo: string) =>
    `News about the citizen promise of local police area ${lpo}: what the police and the municipality do and how it goes.`,
  channelsNote: 'These links go to other websites; their terms and tracking apply there.',
  byEmail: 'Get the news by e-mail',
  emailLabel: 'Your e-mail address',
  emailHint: 'You get an e-mail with a link to confirm. Only then do we send news.',
  honeypot: 'Leave this field empty',
  subscribe: 'Follow by e-mail',
  privacy:
    'We keep only the address, what you follow and the language, and use them only to send the news. Every e-mail has a link to stop following; the address is then deleted at once. An address not confirmed within 7 days is deleted.',
  followHeading: 'Follow by e-mail',
  followWhat: (what: string) => `You follow: ${what}`,
  checkEmailHeading: 'Check your e-mail',
  checkEmailText:
    'If the address can receive e-mail, a message is on its way. Click the link in it to confirm. If nothing arrives, look in the spam folder.',
  followErrors: 'Could not sign you up',
  invalidEmail: 'Enter an e-mail address, for example name@example.com.',
  formExpired: 'The form had expired. Please try again.',
  confirmHeading: 'Confirm that you want to follow',
  confirmText: (what: string) => `Press the button to start getting news about ${what} by e-mail.`,
  confirmButton: 'Yes, send me the news',
  confirmedHeading: 'Done – you are following',
  confirmedText: (what: string) =>
    `You get an e-mail when there is news about ${what}. Every e-mail has a link to stop.`,
  badLinkHeading: 'The link does not work',
  badLinkText:
    'The link is too old, already used or mistyped. You can sign up again from the local police area’s page.',
  unsubscribeHeading: 'Stop following',
  unsubscribeText: (what: string) => `Press the button to stop getting news about ${what}.`,
  unsubscribeButton: 'Stop following',
  unsubscribedHeading: 'You no longer follow',
  unsubscribedText: 'We send no more e-mail to the address, and it is deleted from our records.',
  lpoSubject: (lpo: string) => `the news from local police area ${lpo}`,
  commitmentSubject: (title: string, lpo: string) => `“${title}” in local police area ${lpo}`,
  mailConfirmSubject: 'Confirm that you want to follow the citizen promise',
  mailConfirmText: (what: string, link: string) =>
    `Hello!\n\nSomeone, hopefully you, wants to get news about ${what} by e-mail.\n\nConfirm here: ${link}\n\nIf it was not you, do nothing: without a confirmation we send nothing more, and the address is deleted within 7 days.`,
  mailAlreadySubject: 'You already follow the citizen promise',
  mailAlreadyText: (what: string) =>
    `Hello!\n\nSomeone asked for news about ${what} at this address, but you already follow. You need not do anything.`,
  mailUpdateSubject: (title: string) => `News: ${title}`,
  mailUpdateChangedSubject: (title: string) => `Changed news: ${title}`,
  mailReadOnline: 'Read it on the web',
  mailFooter: (what: string, link: string) =>
    `You get this e-mail because you follow ${what}. Stop following: ${link}`,
  staffHeading: 'News',
  staffIntro:
    'News is shown on the local police area’s public page and in its feeds, and sent to those who follow by e-mail.',
  writeNew: 'Write an update',
  newHeading: 'Write an update',
  editHeading: 'Edit the update',
  title: 'Title',
  body: 'Text',
  bodyHint:
    'Markdown: *italic*, **bold**, lists with - and links like [text](https://…). Images and HTML are not shown. Write no personal data.',
  date: 'Date',
  aboutField: 'The update is about',
  aboutHint: 'A commitment of this year’s promise, a district, or the whole local police area.',
  commitmentOption: (title: string) => `Commitment: ${title}`,
  districtOption: (name: string) => `District: ${name}`,
  notify: 'E-mail the change to those who follow',
  preview: 'Preview',
  previewHeading: 'Preview',
  publish: 'Publish',
  saveChanges: 'Save the changes',
  errorsTitle: 'The update could not be saved',
  savedNew: 'The update is published.',
  savedEdit: 'The changes are saved.',
  deleted: 'The update is deleted.',
  edit: 'Edit',
  remove: 'Delete',
  removeHeading: 'Delete the update?',
  removeText: (title: string) =>
    `“${title}” disappears from the public pages and the feeds. This cannot be undone.`,
  removeConfirm: 'Yes, delete the update',
  cancel: 'Cancel',
  viewPublic: 'See the public page',
  mailQueued: (n: number) =>
    n === 1 ? 'One e-mail is queued to the follower.' : `${n} e-mails are queued to the followers.`,
  errors: {
    title_required: 'Write a title.',
    title_too_long: 'The title may have at most 150 characters.',
    body_required: 'Write a text.',
    body_too_long: 'The text may have at most 10,000 characters.',
    control_characters: 'The field contains invisible control characters. Type the text again.',
    personal_number: 'The text seems to contain a Swedish personal identity number. Remove it.',
    date_invalid: 'Enter a date as YYYY-MM-DD.',
    date_future: 'The date must not be in the future.',
    about_unknown: 'Choose one of the options.',
  },
};

export type UpdateMessages = Catalog;

export function updateMessages(lang: Lang): UpdateMessages {
  return lang === 'sv' ? (sv as Catalog) : en;
}
