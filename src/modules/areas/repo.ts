import type { Kysely, Transaction } from 'kysely';
import type { Database, District, GeoJSONPolygon, PoliceArea } from '../../db/types.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface DistrictInput {
  slug: string;
  name: string;
  sourceName: string;
  boundary: GeoJSONPolygon;
  centroid: [number, number];
}

export interface AreaDistrict {
  id: number;
  slug: string;
  name: string;
  districtArea: string | null;
  confidence: 'confirmed' | 'probable';
  boundary: GeoJSONPolygon;
  centroid: [number, number];
}

export function createAreasRepo(db: Kysely<Database>) {
  return {
    listPoliceAreas(): Promise<PoliceArea[]> {
      return db.selectFrom('police_area').selectAll().orderBy('name').execute();
    },

    findPoliceArea(slug: string): Promise<PoliceArea | undefined> {
      return db.selectFrom('police_area').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    districtsOf(policeAreaId: number): Promise<AreaDistrict[]> {
      return db
        .selectFrom('police_area_district as pad')
        .innerJoin('district as d', 'd.id', 'pad.district_id')
        .leftJoin('district_area as da', 'da.id', 'd.district_area_id')
        .select([
          'd.id',
          'd.slug',
          'd.name',
          'da.name as districtArea',
          'pad.confidence',
          'd.boundary',
          'd.centroid',
        ])
        .where('pad.police_area_id', '=', policeAreaId)
        .orderBy('da.name')
        .orderBy('d.name')
        .execute();
    },

    allDistricts(): Promise<District[]> {
      return db.selectFrom('district').selectAll().orderBy('name').execute();
    },

    async upsertDistrictArea(
      trx: Db,
      area: { slug: string; name: string; municipality: string },
    ): Promise<number> {
      const row = await trx
        .insertInto('district_area')
        .values(area)
        .onConflict((oc) =>
          oc.column('slug').doUpdateSet({ name: area.name, municipality: area.municipality }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async upsertDistrict(trx: Db, district: DistrictInput, districtAreaId: number | null): Promise<number> {
      const values = {
        slug: district.slug,
        name: district.name,
        source_name: district.sourceName,
        district_area_id: districtAreaId,
        boundary: JSON.stringify(district.boundary),
        centroid: JSON.stringify(district.centroid),
      };
      const row = await trx
        .insertInto('district')
        .values(values)
        .onConflict((oc) => oc.column('source_name').doUpdateSet(values))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async upsertPoliceArea(trx: Db, area: { slug: string; name: string; region: string }): Promise<number> {
      const row = await trx
        .insertInto('police_area')
        .values(area)
        .onConflict((oc) => oc.column('slug').doUpdateSet({ name: area.name, region: area.region }))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async replaceCoverage(
      trx: Db,
      policeAreaId: number,
      coverage: { districtId: number; confidence: 'confirmed' | 'probable' }[],
    ): Promise<void> {
      await trx.deleteFrom('police_area_district').where('police_area_id', '=', policeAreaId).execute();
      if (coverage.length === 0) return;
      await trx
        .insertInto('police_area_district')
        .values(
          coverage.map((c) => ({
            police_area_id: policeAreaId,
            district_id: c.districtId,
            confidence: c.confidence,
          })),
        )
        .execute();
    },
  };
}

export type AreasRepo = ReturnType<typeof createAreasRepo>;
