// The names and polygons events are placed with, read from the database: the districts (with their
// polygons), the district areas that share a name with one district (Skarpnäck → Skarpnäcks gård) and
// the LPOs' places (Gullmarsplan, Globen), each tied to the district it lies in.
import type { Kysely, Transaction } from 'kysely';
import type { Database, GeoJSONPolygon } from '../../../db/types.ts';
import {
  boundingBox,
  buildGazetteer,
  type DistrictPolygon,
  districtAt,
  foldText,
  type Gazetteer,
  type GazetteerName,
} from '../../../domain/event-placement.ts';

export interface PlacementData {
  gazetteer: Gazetteer;
  polygons: DistrictPolygon[];
}

type Db = Kysely<Database> | Transaction<Database>;

// Qualifiers in place names that are not part of what people write: "Globen (tunnelbana)".
const GENERIC_QUALIFIERS = new Set(['tunnelbana', 't-bana', 'pendeltåg', 'station', 'tunnelbanestation']);

export async function loadPlacementData(db: Db): Promise<PlacementData> {
  const districts = await db
    .selectFrom('district')
    .leftJoin('district_area', 'district_area.id', 'district.district_area_id')
    .select([
      'district.id',
      'district.name',
      'district.boundary',
      'district_area.name as areaName',
      'district_area.municipality',
    ])
    .orderBy('district.id')
    .execute();
  const areas = await db.selectFrom('district_area').select(['id', 'name']).orderBy('id').execute();
  const places = await db.selectFrom('place').select(['id', 'name', 'lon', 'lat']).orderBy('id').execute();

  const polygons = districts.map((d) => toPolygon(d.id, d.name, d.boundary));
  const names: GazetteerName[] = districts.map((d) => ({
    name: d.name,
    kind: 'district',
    districtId: d.id,
    placeId: null,
  }));
  for (const area of areas) {
    const district = namesakeDistrict(
      area.name,
      districts.filter((d) => d.areaName === area.name),
    );
    if (district) names.push({ name: area.name, kind: 'district', districtId: district.id, placeId: null });
  }
  for (const place of places) {
    const district = districtAt([place.lon, place.lat], polygons);
    for (const name of placeNames(place.name))
      names.push({ name, kind: 'place', districtId: district?.id ?? null, placeId: place.id });
  }
  const municipality = policeMunicipalityName(
    districts.find((d) => d.municipality)?.municipality ?? 'Stockholm',
  );
  return { gazetteer: buildGazetteer(names, municipality), polygons };
}

/** "Stockholms stad" → "Stockholm", as the police write the municipality in event titles. */
function policeMunicipalityName(name: string): string {
  return name.replace(/s? (stad|kommun)$/i, '');
}

function toPolygon(id: number, name: string, boundary: GeoJSONPolygon): DistrictPolygon {
  const geometry =
    boundary.type === 'Polygon'
      ? { type: 'Polygon' as const, coordinates: boundary.coordinates as number[][][] }
      : { type: 'MultiPolygon' as const, coordinates: boundary.coordinates as number[][][][] };
  return { id, name, bbox: boundingBox(geometry), geometry };
}

/** The one district of an area named like the area: "Farsta" → Farsta, "Skarpnäck" → Skarpnäcks gård. */
function namesakeDistrict<T extends { id: number; name: string }>(
  areaName: string,
  districts: T[],
): T | undefined {
  const area = foldText(areaName);
  const matching = districts.filter((d) => {
    const name = foldText(d.name);
    return name === area || name.startsWith(`${area}s `);
  });
  return matching.length === 1 ? matching[0] : undefined;
}

/**
 * The names a place is written with: "Avicii Arena (Globen)" → Avicii Arena, Globen; "3Arena (tidigare
 * Tele2 Arena)" → 3Arena, Tele2 Arena; "Krogarna vid Globen City och Arenatorget" → Globen City, Arenatorget.
 */
export function placeNames(name: string): string[] {
  const names: string[] = [];
  const qualifier = /\(([^)]*)\)/.exec(name)?.[1]?.trim();
  const base = name.replace(/\([^)]*\)/g, '').trim();
  const around = /^krogarna (?:vid|på|i) (.+)$/i.exec(base);
  if (around?.[1]) names.push(...around[1].split(/,| och /).map((n) => n.trim()));
  else names.push(base);
  if (qualifier && !GENERIC_QUALIFIERS.has(qualifier.toLowerCase()))
    names.push(qualifier.replace(/^tidigare /i, '').trim());
  return names.filter((n) => n.length >= 3);
}
