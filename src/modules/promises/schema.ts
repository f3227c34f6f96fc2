// The promise file format. One schema gives the TypeScript types, the import validation, the API
// responses and the published JSON Schema (`/api/schemas/promise.json`, `schemas/promise.schema.json`).
import { type Static, Type } from 'typebox';
import { IsoDate, Slug, Target } from '../../domain/target-schema.ts';

export const CommitmentKind = Type.Union([
  Type.Literal('weekend_operation'),
  Type.Literal('safety_walks'),
  Type.Literal('iceland_model'),
  Type.Literal('custom'),
]);

export const Commitment = Type.Object(
  {
    key: Slug,
    kind: CommitmentKind,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    text: Type.String({
      minLength: 1,
      maxLength: 4000,
      description: 'The commitment as the promise words it.',
    }),
    actors: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 }),
    targets: Type.Array(Target, { maxItems: 10 }),
    unmeasuredText: Type.Optional(
      Type.String({
        maxLength: 500,
        description:
          'A non-numeric aim the promise states ("frekvent", "kontinuerliga"), shown as not measurable.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const Partner = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Union([
      Type.Literal('police'),
      Type.Literal('municipality'),
      Type.Literal('social_services'),
      Type.Literal('agency'),
      Type.Literal('company'),
      Type.Literal('other'),
    ]),
  },
  { additionalProperties: false },
);

export const FollowUpChannel = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 200 }),
    url: Type.Optional(Type.String({ pattern: '^https://', maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const PromiseFile = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    lpo: Slug,
    year: Type.Integer({ minimum: 2000, maximum: 2100, description: 'The year the promise starts.' }),
    validFrom: IsoDate,
    validTo: IsoDate,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    introduction: Type.String({ minLength: 1, maxLength: 8000 }),
    situation: Type.Optional(
      Type.String({ maxLength: 8000, description: 'The situation picture the promise rests on.' }),
    ),
    problems: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 30 })),
    partners: Type.Array(Partner, { maxItems: 30 }),
    commitments: Type.Array(Commitment, { minItems: 1, maxItems: 30 }),
    followUpChannels: Type.Array(FollowUpChannel, { maxItems: 20 }),
    footnotes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 10 })),
    source: Type.Optional(
      Type.Object(
        {
          url: Type.String({ maxLength: 500 }),
          retrievedTitle: Type.Optional(Type.String({ maxLength: 300 })),
          notes: Type.Optional(Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 20 })),
        },
        { additionalProperties: false },
      ),
    ),
    demo: Type.Optional(
      Type.Boolean({ description: 'True for demonstration promises shipped with the product.' }),
    ),
  },
  {
    additionalProperties: false,
    $id: 'https://medborgarlofte.se/schemas/promise.json',
    title: 'Medborgarlöfte',
    description: 'A citizen promise (medborgarlöfte) of a local police area for a period.',
  },
);

export type PromiseFile = Static<typeof PromiseFile>;
export type Commitment = Static<typeof Commitment>;
export type CommitmentKind = Static<typeof CommitmentKind>;
