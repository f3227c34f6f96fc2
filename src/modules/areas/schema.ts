// The area definition file (seed/areas/stockholm-areas.json): which districts make up each city
// district area and each local police area. Validated on import like every other input.
import { type Static, Type } from 'typebox';
import { Slug } from '../../domain/target-schema.ts';

const DistrictNames = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 });

const DistrictSelection = Type.Object({
  confirmed: DistrictNames,
  probable: DistrictNames,
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const AreaDefinitionFile = Type.Object({
  description: Type.Optional(Type.String()),
  municipality: Type.String({ minLength: 1, maxLength: 200 }),
  districtAreas: Type.Array(
    Type.Object({
      slug: Slug,
      name: Type.String({ minLength: 1, maxLength: 200 }),
      districts: DistrictNames,
    }),
    { maxItems: 100 },
  ),
  policeAreas: Type.Array(
    Type.Object({
      slug: Slug,
      name: Type.String({ minLength: 1, maxLength: 200 }),
      region: Type.String({ minLength: 1, maxLength: 200 }),
      districtAreas: Type.Array(Slug, { maxItems: 50 }),
      includeDistricts: Type.Optional(DistrictSelection),
      excludeDistricts: Type.Optional(DistrictSelection),
    }),
    { maxItems: 500 },
  ),
});
export type AreaDefinitionFile = Static<typeof AreaDefinitionFile>;

const Ring = Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 3 }), { minItems: 4 });

export const DistrictGeoJSON = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      properties: Type.Object({ name: Type.String({ minLength: 1 }) }),
      geometry: Type.Object({
        type: Type.Literal('Polygon'),
        coordinates: Type.Array(Ring, { minItems: 1 }),
      }),
    }),
  ),
});
export type DistrictGeoJSON = Static<typeof DistrictGeoJSON>;
