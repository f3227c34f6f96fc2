// Texts of the promise editor (staff side), Swedish first.
import type { Lang } from '../../web/i18n.ts';

const sv = {
  editorHeading: 'Medborgarlöftet',
  years: 'År',
  status: { draft: 'utkast', published: 'publicerat' },
  edit: 'Redigera',
  newDraft: 'Nytt utkast',
  newDraftYear: 'År för det nya löftet',
  newDraftHint: 'Utkastet börjar som en kopia av det senaste löftet, med datum flyttade till det nya året.',
  create: 'Skapa utkast',
  editHeading: (year: number) => `Redigera medborgarlöftet ${year}`,
  draftNotice: 'Detta är ett utkast. Det syns inte för allmänheten förrän det publiceras.',
  publishedNotice:
    'Löftet är publicerat. Ändringar du sparar syns direkt på den publika sidan och i ändringshistoriken.',
  title: 'Rubrik',
  validFrom: 'Gäller från',
  validTo: 'Gäller till',
  introduction: 'Inledning',
  introductionHint: 'Tom rad mellan stycken.',
  situation: 'Situationen idag (lägesbild)',
  problems: 'Problem som lägesbilden pekar ut',
  linesHint: 'Ett per rad.',
  commitment: 'Åtagande',
  commitmentTitle: 'Rubrik för åtagandet',
  commitmentText: 'Text',
  targetText: 'Målet i ord',
  targetValue: {
    count: 'Antal',
    recurring: 'Antal veckor eller månader',
    share: 'Andel i procent',
    max_gap: 'Längsta uppehåll i månader',
    milestone: 'Senast (datum)',
    response_time: 'Högst antal timmar',
    on_request: '',
  },
  save: 'Spara',
  publish: 'Publicera',
  publishHint: 'Publicera gör löftet synligt för alla på den publika sidan.',
  advanced: 'Avancerat: hela löftet som JSON',
  advancedHint: 'Följer schemat /api/schemas/promise.json. Felen visas med fältets namn.',
  saveJson: 'Spara JSON',
  history: 'Ändringshistorik',
  version: 'Version',
  when: 'När',
  by: 'Av',
  what: 'Vad',
  created: 'Skapad',
  imported: 'importerad',
  errorsTitle: 'Det gick inte att spara',
  invalidDate: 'Ange ett riktigt datum (ÅÅÅÅ-MM-DD).',
  toBeforeFrom: 'Slutdatumet får inte ligga före startdatumet.',
  required: 'Fyll i fältet.',
  notANumber: 'Ange ett tal.',
  outOfRange: (min: number, max: number) => `Ange ett tal från ${min} till ${max}.`,
  yearTaken: 'Det finns redan ett löfte för det året.',
  noPromiseToCopy:
    'Det finns inget löfte att utgå från. Importera det första med kommandot "medborgarlofte promise import".',
  saved: 'Sparat.',
} as const;

type Shape<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => string
    ? (...args: A) => string
    : T[K] extends string
      ? string
      : Shape<T[K]>;
};

const en: Shape<typeof sv> = {
  editorHeading: 'The citizen promise',
  years: 'Years',
  status: { draft: 'draft', published: 'published' },
  edit: 'Edit',
  newDraft: 'New draft',
  newDraftYear: 'Year of the new promise',
  newDraftHint: 'The draft starts as a copy of the latest promise, with its dates moved to the new year.',
  create: 'Create draft',
  editHeading: (year: number) => `Edit the citizen promise ${year}`,
  draftNotice: 'This is a draft. The public does not see it until it is published.',
  publishedNotice:
    'The promise is published. Changes you save show on the public page at once, and in the change history.',
  title: 'Title',
  validFrom: 'Valid from',
  validTo: 'Valid to',
  introduction: 'Introduction',
  introductionHint: 'A blank line between paragraphs.',
  situation: 'The situation today (situation picture)',
  problems: 'Problems the situation picture points to',
  linesHint: 'One per line.',
  commitment: 'Commitment',
  commitmentTitle: 'Title of the commitment',
  commitmentText: 'Text',
  targetText: 'The target in words',
  targetValue: {
    count: 'Number',
    recurring: 'Number of weeks or months',
    share: 'Share in per cent',
    max_gap: 'Longest gap in months',
    milestone: 'By (date)',
    response_time: 'At most, hours',
    on_request: '',
  },
  save: 'Save',
  publish: 'Publish',
  publishHint: 'Publishing shows the promise to everyone on the public page.',
  advanced: 'Advanced: the whole promise as JSON',
  advancedHint: 'Follows the schema /api/schemas/promise.json. Errors name the field.',
  saveJson: 'Save JSON',
  history: 'Change history',
  version: 'Version',
  when: 'When',
  by: 'By',
  what: 'What',
  created: 'Created',
  imported: 'imported',
  errorsTitle: 'Could not save',
  invalidDate: 'Enter a real date (YYYY-MM-DD).',
  toBeforeFrom: 'The end date must not be before the start date.',
  required: 'Fill in the field.',
  notANumber: 'Enter a number.',
  outOfRange: (min: number, max: number) => `Enter a number from ${min} to ${max}.`,
  yearTaken: 'There is already a promise for that year.',
  noPromiseToCopy:
    'There is no promise to start from. Import the first one with "medborgarlofte promise import".',
  saved: 'Saved.',
};

export type EditorMessages = Shape<typeof sv>;

export function editorMessages(lang: Lang): EditorMessages {
  return lang === 'sv' ? sv : en;
}
