// Generated demo input for LPO Globen, so "Vad invånarna har sagt" is not empty in a fresh installation.
// Not real residents' answers: made from a fixed seed over the half year before the demo is loaded,
// marked is_demo and labelled "demodata" wherever it is shown.
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { addDays, stockholmDate } from '../../domain/iso-week.ts';
import { type Random, seededRandom } from '../../domain/random.ts';
import { stockholmInstant } from '../../domain/stockholm-time.ts';
import type { AreasService } from '../areas/service.ts';
import type { PromisesService } from '../promises/service.ts';
import { AGE_BANDS, type Category, type TimeBand } from './model.ts';
import { createDialogueRepo } from './repo.ts';
import { createDialogueService, type FormContext } from './service.ts';
import type { DialogueInputTable } from './tables.ts';

export const DIALOGUE_DEMO_SEED = 20261125;
const INPUTS = 160;
const DAYS = 180;
/** Texts of the last days still wait for a moderator, so the queue has something in it. */
const PENDING_DAYS = 12;

// What people say about each kind of place; the generator picks one or two.
const CONCERNS: Record<string, readonly Category[]> = {
  transit: ['drugs', 'groups', 'violence', 'harassment', 'robbery'],
  arena: ['violence', 'traffic', 'harassment'],
  licensed_premises: ['violence', 'harassment', 'other'],
  district: ['environment', 'groups', 'robbery', 'traffic', 'drugs'],
};

/** Sentences a resident might write; none names or points at a person. */
const TEXTS = [
  'Gångtunneln är helt mörk sedan lamporna gick sönder. Jag går en omväg varje kväll.',
  'Det samlas ungdomar vid spärrarna på fredagskvällarna och det luktar cannabis.',
  'Efter matcherna blir det bråk vid tunnelbanan. Det behövs fler poliser när publiken går hem.',
  'Buskarna vid gångvägen har vuxit igen så man ser inte vem som står där.',
  'Bilar kör alldeles för fort förbi skolan på morgonen.',
  'Jag har blivit ofredad två gånger på perrongen sent på kvällen.',
  'Det är mycket folk och stökigt när krogarna stänger.',
  'Cykelvägen genom parken saknar belysning, det känns otryggt på vintern.',
  'Mina barn vågar inte gå till träningen själva längre.',
  'Det har varit lugnare sedan polisen började synas här på helgerna. Fortsätt med det!',
  'Någon säljer narkotika öppet bakom centrumhuset, alla vet om det.',
  'Hållplatsen är trasig och nedklottrad och ingen lagar den.',
  'Grupper av unga killar står vid ingången och kommenterar dem som går förbi.',
  'Det är svårt att veta vem man ska ringa när något händer som inte är akut.',
];

/** The rows to insert: inputs spread over the DAYS before `until`, weighted toward weekend evenings. */
export function generateDemoDialogue(
  context: FormContext,
  until: string,
  seed = DIALOGUE_DEMO_SEED,
): Insertable<DialogueInputTable>[] {
  const random = seededRandom(seed);
  const places = context.places.filter((p) => p.districtSlug !== null);
  const texts = random.sample(TEXTS, TEXTS.length);
  const rows: Insertable<DialogueInputTable>[] = [];
  for (let i = 0; i < INPUTS; i++) {
    const daysAgo = random.int(0, DAYS - 1);
    const date = addDays(until, -daysAgo);
    const place = random.chance(0.6) && places.length > 0 ? random.pick(places) : undefined;
    const district = place
      ? context.districts.find((d) => d.slug === place.districtSlug)
      : random.pick(context.districts);
    if (!district) continue;
    const concerns = CONCERNS[place?.kind ?? 'district'] ?? CONCERNS.district ?? [];
    // Each text once: the same words twice would look like a bug on the results page.
    const text = random.chance(0.35) ? (texts.pop() ?? null) : null;
    rows.push({
      submission_id: demoUuid(random),
      police_area_id: context.area.id,
      district_id: district.id,
      place_id: place?.id ?? null,
      weekday: random.chance(0.1) ? null : weekday(random),
      time_band: timeBand(random),
      categories: JSON.stringify(random.sample(concerns, random.int(1, 2))),
      free_text: text,
      age_band: random.chance(0.6) ? random.pick(AGE_BANDS) : null,
      moderation: text === null ? null : daysAgo < PENDING_DAYS ? 'pending' : moderated(random),
      moderated_at:
        text === null || daysAgo < PENDING_DAYS ? null : stockholmInstant(addDays(date, 1), '09:00'),
      submitted_at: stockholmInstant(
        date,
        `${String(random.int(7, 23)).padStart(2, '0')}:${random.int(10, 59)}`,
      ),
      is_demo: true,
    });
  }
  return rows;
}

/**
 * Loads the demo input for the LPO, and the seed step's marker, in one transaction (a crash leaves both
 * or neither). Returns the number of inputs.
 */
export async function loadDemoDialogue(
  db: Kysely<Database>,
  services: { areas: AreasService; promises: PromisesService },
  lpoSlug: string,
  seedStep: string,
  now: Date,
): Promise<number> {
  const area = await services.areas.findPoliceArea(lpoSlug);
  if (!area) throw new Error(`LPO ${lpoSlug} is missing: the areas were not loaded`);
  const dialogue = createDialogueService(db, { ...services, clock: () => now, onChange: () => {} });
  const until = stockholmDate(now);
  const rows = generateDemoDialogue(await dialogue.formContext(area), until);
  await db.transaction().execute(async (trx) => {
    await createDialogueRepo(db).insertMany(trx, rows);
    await trx
      .insertInto('seed_run')
      .values({ name: seedStep, detail: JSON.stringify({ until, inputs: rows.length }) })
      .execute();
  });
  return rows.length;
}

/** Friday and Saturday most often, as residents' reports tend to be. */
function weekday(random: Random): number {
  return random.pick([1, 2, 3, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7]);
}

function timeBand(random: Random): TimeBand {
  return random.pick([
    'morning',
    'day',
    'evening',
    'evening',
    'evening',
    'night',
    'night',
    'night',
    'varies',
  ]);
}

function moderated(random: Random): 'approved' | 'rejected' {
  return random.chance(0.85) ? 'approved' : 'rejected';
}

/** A UUID from the seeded generator, so the demo is the same on every machine. */
function demoUuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
