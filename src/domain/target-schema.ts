// Target definitions of a promise's commitments. Pure data (TypeBox schemas); the engine in
// ./targets.ts evaluates them. Kept in domain/ so the engine depends on nothing outside it.
import { type Static, Type } from 'typebox';

export const IsoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'A calendar date, YYYY-MM-DD (Europe/Stockholm).',
});

export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 60 });

/** Where a target's figures come from: logged in this system, or reported from elsewhere. */
const Source = Type.Union([Type.Literal('logged'), Type.Literal('reported')], {
  description:
    "'logged': computed from work logged in Medborgarlöfte. 'reported': a figure measured outside the system and entered by the LPO.",
});

/** What a target is evaluated over: each calendar year of the promise, or its whole validity. */
const Per = Type.Union([Type.Literal('year'), Type.Literal('whole')], {
  description:
    "'year': evaluated per calendar year within the validity. 'whole': over the whole validity period.",
});

const Season = Type.Union([
  Type.Literal('spring'),
  Type.Literal('summer'),
  Type.Literal('autumn'),
  Type.Literal('winter'),
]);

const common = {
  text: Type.String({ minLength: 1, maxLength: 500, description: 'The target as the promise words it.' }),
  metric: Type.String({
    minLength: 1,
    maxLength: 120,
    description: 'What is counted, e.g. "trygghetsvandringar".',
  }),
  source: Source,
  area: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 120,
      description: 'The named area the target applies to, if any.',
    }),
  ),
};

export const CountTarget = Type.Object(
  {
    rule: Type.Literal('count'),
    ...common,
    comparator: Type.Union([Type.Literal('>='), Type.Literal('<='), Type.Literal('==')]),
    value: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    per: Per,
    seasons: Type.Optional(
      Type.Array(Season, {
        minItems: 1,
        uniqueItems: true,
        description: 'Each of these seasons must hold at least one occurrence ("vår och höst").',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'A count of occurrences in the period: "minst tre trygghetsvandringar".',
  },
);

export const RecurringTarget = Type.Object(
  {
    rule: Type.Literal('recurring'),
    ...common,
    every: Type.Union([Type.Literal('week'), Type.Literal('month')], {
      description: 'The interval (ISO weeks).',
    }),
    minPerInterval: Type.Integer({
      minimum: 1,
      maximum: 1000,
      description: 'Occurrences that make an interval count.',
    }),
    minIntervals: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 60,
        description: 'How many intervals must count. Absent: every interval of the period ("varje vecka").',
      }),
    ),
    per: Per,
  },
  {
    additionalProperties: false,
    description: 'Something that must happen in enough weeks or months: "minst 40 av årets 52 veckor".',
  },
);

export const ShareTarget = Type.Object(
  {
    rule: Type.Literal('share'),
    ...common,
    minPercent: Type.Number({ minimum: 0, maximum: 100 }),
    of: Type.String({ minLength: 1, maxLength: 120, description: 'The cases the share is taken of.' }),
    per: Per,
  },
  {
    additionalProperties: false,
    description: 'A share of cases: "alla ärenden" (100 %), "minst 20 procent".',
  },
);

export const MaxGapTarget = Type.Object(
  {
    rule: Type.Literal('max_gap'),
    ...common,
    months: Type.Integer({
      minimum: 1,
      maximum: 24,
      description: 'No stretch this long may pass without one.',
    }),
    per: Per,
  },
  {
    additionalProperties: false,
    description: 'At least one in every stretch of N months: "minst varannan månad".',
  },
);

export const MilestoneTarget = Type.Object(
  {
    rule: Type.Literal('milestone'),
    ...common,
    deadline: IsoDate,
    deadlineText: Type.Optional(
      Type.String({ maxLength: 120, description: 'The deadline as worded: "våren 2024".' }),
    ),
  },
  { additionalProperties: false, description: 'A thing done once by a deadline.' },
);

export const ResponseTimeTarget = Type.Object(
  {
    rule: Type.Literal('response_time'),
    ...common,
    maxHours: Type.Number({ exclusiveMinimum: 0, maximum: 8760 }),
    per: Per,
  },
  { additionalProperties: false, description: 'Every case handled within a time: "inom 24 timmar".' },
);

export const OnRequestTarget = Type.Object(
  {
    rule: Type.Literal('on_request'),
    ...common,
    per: Per,
  },
  {
    additionalProperties: false,
    description: 'Done when asked: "om det uppkommer önskemål". Met when every request received was met.',
  },
);

export const Target = Type.Union(
  [
    CountTarget,
    RecurringTarget,
    ShareTarget,
    MaxGapTarget,
    MilestoneTarget,
    ResponseTimeTarget,
    OnRequestTarget,
  ],
  {
    description: 'A measurable target. Commitments without a number have no targets (never an invented one).',
  },
);

export type Target = Static<typeof Target>;
export type TargetRule = Target['rule'];
export type Season = Static<typeof Season>;
