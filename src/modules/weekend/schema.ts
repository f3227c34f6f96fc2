// The place file (seed/places/<lpo>.json): the places an LPO's weekend operation visits, in WGS84.
import { type Static, Type } from 'typebox';
import { Slug } from '../../domain/target-schema.ts';
import { PLACE_KINDS } from './tables.ts';

export const PlaceFile = Type.Object({
  lpo: Slug,
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  places: Type.Array(
    Type.Object(
      {
        slug: Slug,
        name: Type.String({ minLength: 1, maxLength: 200 }),
        kind: Type.Union(PLACE_KINDS.map((kind) => Type.Literal(kind))),
        lon: Type.Number({ minimum: -180, maximum: 180 }),
        lat: Type.Number({ minimum: -90, maximum: 90 }),
      },
      { additionalProperties: false },
    ),
    { maxItems: 1000 },
  ),
});
export type PlaceFile = Static<typeof PlaceFile>;
