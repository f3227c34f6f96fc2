// Police areas (LPO), city districts and which districts each LPO covers. The coverage is data: an
// administrator corrects seed/areas/stockholm-areas.json (or their own file) and imports it again.
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { districtDisplayName, ringCentroid, slugify } from '../../domain/geometry.ts';
import { type FieldError, formatFieldErrors, validate } from '../../domain/validation.ts';
import { type AreasRepo, createAreasRepo } from './repo.ts';
import { AreaDefinitionFile, DistrictGeoJSON } from './schema.ts';

export class AreaImportError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`The area definition is not valid:\n${formatFieldErrors(errors)}`);
  }
}

export interface AreaImportSummary {
  districts: number;
  districtAreas: number;
  policeAreas: number;
}

export function createAreasService(db: Kysely<Database>) {
  const repo: AreasRepo = createAreasRepo(db);

  async function importAreas(definitionInput: unknown, geojsonInput: unknown): Promise<AreaImportSummary> {
    const definition = validate(AreaDefinitionFile, definitionInput);
    if (!definition.ok) throw new AreaImportError(definition.errors);
    const geojson = validate(DistrictGeoJSON, geojsonInput);
    if (!geojson.ok)
      throw new AreaImportError(geojson.errors.map((e) => ({ ...e, field: `geojson.${e.field}` })));

    const polygons = new Map(geojson.value.features.map((f) => [f.properties.name, f.geometry]));
    const unknown = referencedDistricts(definition.value).filter((name) => !polygons.has(name));
    if (unknown.length > 0) {
      throw new AreaImportError(
        unknown.map((name) => ({ field: 'districts', message: `no polygon named "${name}"` })),
      );
    }

    return db.transaction().execute(async (trx) => {
      const districtIds = new Map<string, number>();
      const areaOfDistrict = new Map<string, string>();
      const areaIds = new Map<string, number>();
      for (const area of definition.value.districtAreas) {
        const id = await repo.upsertDistrictArea(trx, {
          slug: area.slug,
          name: area.name,
          municipality: definition.value.municipality,
        });
        areaIds.set(area.slug, id);
        for (const name of area.districts) areaOfDistrict.set(name, area.slug);
      }
      for (const [sourceName, geometry] of polygons) {
        const name = districtDisplayName(sourceName);
        const outerRing = geometry.coordinates[0] ?? [];
        const id = await repo.upsertDistrict(
          trx,
          {
            slug: slugify(name),
            name,
            sourceName,
            boundary: { type: 'Polygon', coordinates: geometry.coordinates },
            centroid: ringCentroid(outerRing),
          },
          areaIds.get(areaOfDistrict.get(sourceName) ?? '') ?? null,
        );
        districtIds.set(sourceName, id);
      }
      for (const policeArea of definition.value.policeAreas) {
        const id = await repo.upsertPoliceArea(trx, {
          slug: policeArea.slug,
          name: policeArea.name,
          region: policeArea.region,
        });
        const coverage = coverageOf(policeArea, definition.value).map(({ name, confidence }) => ({
          districtId: districtIds.get(name) ?? 0,
          confidence,
        }));
        await repo.replaceCoverage(trx, id, coverage);
      }
      return {
        districts: polygons.size,
        districtAreas: definition.value.districtAreas.length,
        policeAreas: definition.value.policeAreas.length,
      };
    });
  }

  async function importAreaFiles(definitionPath: string, geojsonPath: string): Promise<AreaImportSummary> {
    const [definition, geojson] = await Promise.all([readJson(definitionPath), readJson(geojsonPath)]);
    return importAreas(definition, geojson);
  }

  return { ...repo, importAreas, importAreaFiles };
}

export type AreasService = ReturnType<typeof createAreasService>;

type PoliceAreaDefinition = AreaDefinitionFile['policeAreas'][number];

/** The districts an LPO covers: its district areas, less the excluded, plus the included ones. */
function coverageOf(
  policeArea: PoliceAreaDefinition,
  definition: AreaDefinitionFile,
): { name: string; confidence: 'confirmed' | 'probable' }[] {
  const excluded = new Set([
    ...(policeArea.excludeDistricts?.confirmed ?? []),
    ...(policeArea.excludeDistricts?.probable ?? []),
  ]);
  const covered = new Map<string, 'confirmed' | 'probable'>();
  for (const slug of policeArea.districtAreas) {
    const area = definition.districtAreas.find((a) => a.slug === slug);
    for (const name of area?.districts ?? []) if (!excluded.has(name)) covered.set(name, 'confirmed');
  }
  for (const name of policeArea.includeDistricts?.confirmed ?? []) covered.set(name, 'confirmed');
  for (const name of policeArea.includeDistricts?.probable ?? []) covered.set(name, 'probable');
  return [...covered].map(([name, confidence]) => ({ name, confidence }));
}

function referencedDistricts(definition: AreaDefinitionFile): string[] {
  return [
    ...definition.districtAreas.flatMap((a) => a.districts),
    ...definition.policeAreas.flatMap((p) => [
      ...(p.includeDistricts?.confirmed ?? []),
      ...(p.includeDistricts?.probable ?? []),
      ...(p.excludeDistricts?.confirmed ?? []),
      ...(p.excludeDistricts?.probable ?? []),
    ]),
  ];
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AreaImportError([{ field: '', message: `${file}: ${(error as Error).message}` }]);
  }
}
