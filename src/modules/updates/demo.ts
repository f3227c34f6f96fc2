// The demo's updates for Globen: general descriptions of the work the promise names (the weekend
// operation, safety walks, the Iceland model), marked as demo text. No invented incidents.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { addDays } from '../../domain/iso-week.ts';

interface DemoUpdate {
  daysAgo: number;
  /** The commitment's key in the promise, or null for the whole LPO. */
  commitmentKey: string | null;
  title: string;
  body: string;
}

const DEMO_UPDATES: DemoUpdate[] = [
  {
    daysAgo: 60,
    commitmentKey: null,
    title: 'Här följer du medborgarlöftet',
    body: 'På den här sidan visar vi hur det går med medborgarlöftet: vad polisen och Stockholms stad har gjort, vecka för vecka, mot målen i löftet.\n\nDu kan följa nyheterna med en flödesläsare (Atom, RSS eller JSON), och på lokalpolisområdets egna kanaler.',
  },
  {
    daysAgo: 30,
    commitmentKey: 'islandsmodellen',
    title: 'Så arbetar vi med Islandsmodellen',
    body: 'Islandsmodellen är en fördjupad samverkan mellan socialtjänst och polis vid akuta våldshändelser i familjer med barn. Målet i löftet är att alla poliser som kommer till ärenden där barn bevittnat, upplevt eller utsatts för våld från eller mellan närstående ska tillämpa modellen.\n\nPå sidan visar vi bara **hur stor andel** av ärendena där modellen tillämpades – aldrig något om enskilda familjer.',
  },
  {
    daysAgo: 12,
    commitmentKey: 'trygghetsvandringar',
    title: 'Trygghetsvandringar med stadsdelsförvaltningen',
    body: 'Löftet är att genomföra eller delta i minst tre trygghetsvandringar under året, tillsammans med stadsdelsförvaltningarna. På en trygghetsvandring går man runt i ett område och noterar sådant som kan göra platsen otrygg, till exempel:\n\n- belysning som inte fungerar\n- skymda gångvägar\n- klotter och skräp\n\nIakttagelserna lämnas till den som äger platsen. På sidan om trygghetsvandringarna ser du hur många som har gjorts och hur många iakttagelser som åtgärdats.',
  },
  {
    daysAgo: 2,
    commitmentKey: 'helginsats',
    title: 'Helginsatsen fortsätter i helgen',
    body: 'Helginsatsen är lokalpolisområdets extra resurs under veckosluten kring kollektivtrafik, krogar och arenor, där våld i offentlig miljö och personrån är utpräglade problem.\n\nHelginsatsen gör bland annat krogtillsyner, söker kontakt med ungdomar och syns på platser som kan upplevas som otrygga. Hur många av årets veckor som har bemannats ser du på sidan om helginsatsen.',
  },
];

/** Adds the demo updates for the LPO, tied to the commitments of its promise for `year`. */
export async function insertDemoUpdates(
  trx: Transaction<Database> | Kysely<Database>,
  policeAreaId: number,
  year: number,
  today: string,
): Promise<number> {
  const commitments = await trx
    .selectFrom('commitment as c')
    .innerJoin('promise as p', 'p.id', 'c.promise_id')
    .select(['c.id', 'c.key'])
    .where('p.police_area_id', '=', policeAreaId)
    .where('p.year', '=', year)
    .execute();
  const idOf = new Map(commitments.map((c) => [c.key, c.id]));
  const rows = DEMO_UPDATES.map((u) => ({
    police_area_id: policeAreaId,
    commitment_id: u.commitmentKey === null ? null : (idOf.get(u.commitmentKey) ?? null),
    title: u.title,
    body: u.body,
    published_on: addDays(today, -u.daysAgo),
    is_demo: true,
  }));
  await trx.insertInto('news_update').values(rows).execute();
  return rows.length;
}
