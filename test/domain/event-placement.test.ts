// The placing rules on real police event texts (polisen_events_stockholm.json, quoted with their ids) and
// the real district polygons of seed/areas.
import { readFileSync } from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import {
  boundingBox,
  buildGazetteer,
  type DistrictPolygon,
  districtAt,
  type GazetteerName,
  nameForms,
  placeEvent,
  placementSentence,
} from '../../src/domain/event-placement.ts';
import { districtDisplayName } from '../../src/domain/geometry.ts';

const geojson = JSON.parse(readFileSync('seed/areas/stockholm-stadsdelar-simplified.geo.json', 'utf8')) as {
  features: { properties: { name: string }; geometry: DistrictPolygon['geometry'] }[];
};
const polygons: DistrictPolygon[] = geojson.features.map((f, i) => ({
  id: i + 1,
  name: districtDisplayName(f.properties.name),
  bbox: boundingBox(f.geometry),
  geometry: f.geometry,
}));
const idOf = (name: string): number => {
  const polygon = polygons.find((p) => p.name === name);
  if (!polygon) throw new Error(`no district ${name}`);
  return polygon.id;
};

// The names the importer builds from the database: every district, the area Skarpnäck (→ Skarpnäcks gård)
// and a few of Globen's places (ids 1–3), each in the district it lies in.
const names: GazetteerName[] = [
  ...polygons.map((p) => ({ name: p.name, kind: 'district' as const, districtId: p.id, placeId: null })),
  { name: 'Skarpnäck', kind: 'district', districtId: idOf('Skarpnäcks gård'), placeId: null },
  { name: 'Gullmarsplan', kind: 'place', districtId: idOf('Johanneshov'), placeId: 1 },
  { name: 'Globen', kind: 'place', districtId: idOf('Johanneshov'), placeId: 2 },
  { name: 'Skarpnäck', kind: 'place', districtId: idOf('Skarpnäcks gård'), placeId: 3 },
];
const gazetteer = buildGazetteer(names, 'Stockholm');

const STOCKHOLM_CENTROID: [number, number] = [18.068581, 59.329324];

/** A real event as the police published it: always at the Stockholm centroid. */
function place(title: string, summary: string, municipality = 'Stockholm') {
  return placeEvent(
    { title, summary, point: STOCKHOLM_CENTROID, pointIsCentroid: true, municipality },
    gazetteer,
    polygons,
  );
}

describe('placing a police event by its text', () => {
  it('finds a place after "vid" (643362) and says so in a sentence', () => {
    const placed = place('19 juni 17.37, Misshandel, Stockholm', 'Bråk på en restaurang vid Gullmarsplan.');
    expect(placed).toMatchObject({
      placement: 'gazetteer',
      confidence: 'medium',
      detail: 'vid Gullmarsplan',
      districtId: idOf('Johanneshov'),
      placeId: 1,
    });
    expect(placementSentence(placed, 'sv')).toBe(
      "Placerad via texten: 'vid Gullmarsplan' (säkerhet: medel).",
    );
    expect(placementSentence(placed, 'en')).toBe(
      "Placed by its text: 'vid Gullmarsplan' (confidence: medium).",
    );
  });

  it('reads a district area name as its namesake district: "i Skarpnäck" (614624)', () => {
    const placed = place(
      '22 november 10.48, Stöld, Stockholm',
      'Man i Skarpnäck greps misstänkt för stöld av cykel.',
    );
    expect(placed).toMatchObject({
      detail: 'i Skarpnäck',
      districtId: idOf('Skarpnäcks gård'),
      placeId: null,
    });
  });

  it('takes the longest name: "i Skarpnäcks gård" is the district, not Skarpnäck (587843)', () => {
    const placed = place(
      '03 juni 19.30, Skottlossning, misstänkt, Stockholm',
      'Polisen får in samtal om skottlossning i Skarpnäcks gård.',
    );
    expect(placed).toMatchObject({ detail: 'i Skarpnäcks gård', districtId: idOf('Skarpnäcks gård') });
  });

  it('reads the genitive: "Globens tunnelbana" (569853) and "Gullmarsplans tunnelbanestation" (551181)', () => {
    expect(
      place(
        '10 februari 16.04, Bråk, Stockholm',
        'Ett antal personer uppges har bråkat med tillhyggen i närheten av Globens tunnelbana. Ingen person är allvarli',
      ),
    ).toMatchObject({ placement: 'gazetteer', detail: 'Globens', placeId: 2, confidence: 'medium' });
    expect(
      place(
        '02 oktober 01.34, Ofredande/förargelse, Stockholm',
        'Två män beter sig aggressivt vid Gullmarsplans tunnelbanestation.',
      ),
    ).toMatchObject({ detail: 'vid Gullmarsplans', placeId: 1 });
  });

  it('matches "på" and districts written in lower case: "på Enskedefältet" (599712), "i södra Hammarbyhamnen" (643868)', () => {
    expect(
      place(
        '03 september 15.55, Trafikolycka, personskada, Stockholm',
        'Cyklist blir påkörd på Enskedefältet.',
      ),
    ).toMatchObject({ detail: 'på Enskedefältet', districtId: idOf('Enskedefältet') });
    expect(
      place(
        '24 juni 11.09, Skadegörelse, Stockholm',
        'En skåpbil i södra Hammarbyhamnen påträffades med en trasig framruta. Ägaren är kontaktad.',
      ),
    ).toMatchObject({ detail: 'i södra Hammarbyhamnen', districtId: idOf('Södra Hammarbyhamnen') });
  });

  it('does not find Årsta inside Årstaberg or Årstafältet (568382, 635551), but finds "i Årsta" (647721)', () => {
    expect(place('28 januari 16.46, Explosion, Stockholm', 'Samtal om smäll i Årstaberg.')).toMatchObject({
      placement: 'unplaced',
      detail: 'centroid',
    });
    expect(
      place('18 maj 19.56, Rån, Stockholm', 'En man anmäler att han tidigare blivit rånad på Årstafältet.'),
    ).toMatchObject({ placement: 'unplaced' });
    expect(
      place('23 juli 16.48, Rån, Stockholm', 'Polisen söker en man som rånat en butik i Årsta.'),
    ).toMatchObject({
      detail: 'i Årsta',
      districtId: idOf('Årsta'),
    });
  });

  it('is lower-confidence when the text names two districts (629544)', () => {
    const placed = place(
      '01 april 19.00, Trafikbrott, Stockholm',
      'Förföljande i Solberga och Hägerstensåsen.',
    );
    expect(placed).toMatchObject({
      placement: 'gazetteer',
      confidence: 'low',
      districtId: idOf('Hägerstensåsen'),
    });
  });

  it('leaves an event in another municipality unplaced: Sundbyberg is not Sundby (649040)', () => {
    const placed = place(
      '10 augusti 17.29, Rån, Sundbyberg',
      'Polispatruller kallas till en matvaruaffär i Sundbyberg med anledning av att en aggressiv man stulit matvaror',
      'Sundbyberg',
    );
    expect(placed).toMatchObject({ placement: 'unplaced', detail: 'municipality:Sundbyberg' });
    expect(placementSentence(placed, 'sv')).toContain('Sundbyberg');
  });

  it('places events filed under the county by their text (647006, "Stockholms län")', () => {
    const placed = place(
      '15 juli 00.40, Mord/dråp, Stockholm',
      'Polis och ambulans kallas till en lägenhet i Sköndal med anledning av att en man sticksskadats.',
      'Stockholms län',
    );
    expect(placed).toMatchObject({ detail: 'i Sköndal', districtId: idOf('Sköndal') });
  });
});

describe('placing by point', () => {
  it('uses a precise point inside a district polygon, with high confidence', () => {
    const placed = placeEvent(
      {
        title: 'Rån, Stockholm',
        summary: 'vid Gullmarsplan',
        point: [18.0505, 59.3005],
        pointIsCentroid: false,
        municipality: 'Stockholm',
      },
      gazetteer,
      polygons,
    );
    expect(placed).toMatchObject({ placement: 'point', confidence: 'high', districtId: idOf('Årsta') });
    expect(placementSentence(placed, 'sv')).toBe('Placerad via koordinaterna: inom Årsta (säkerhet: hög).');
  });

  it('ignores the Stockholm centroid, which lies inside a district, and reads the text instead', () => {
    const placed = placeEvent(
      {
        title: 'Rån, Stockholm',
        summary: 'Rån i Bandhagen.',
        point: STOCKHOLM_CENTROID,
        pointIsCentroid: true,
        municipality: null,
      },
      gazetteer,
      polygons,
    );
    expect(placed).toMatchObject({ placement: 'gazetteer', districtId: idOf('Bandhagen') });
  });

  it('leaves a precise point outside every district unplaced', () => {
    const placed = placeEvent(
      {
        title: 'Rån, Solna',
        summary: '',
        point: [18.0, 59.37],
        pointIsCentroid: false,
        municipality: 'Solna',
      },
      gazetteer,
      polygons,
    );
    expect(placed).toMatchObject({ placement: 'unplaced', detail: 'outside' });
  });

  it('finds the district every polygon tested in turn finds, also on and next to the borders', () => {
    const [minLon, minLat, maxLon, maxLat] = boundingBox({
      type: 'MultiPolygon',
      coordinates: polygons.map((p) =>
        p.geometry.type === 'Polygon' ? p.geometry.coordinates : p.geometry.coordinates.flat(),
      ),
    });
    const points: [number, number][] = [];
    for (let i = 0; i <= 100; i++)
      for (let j = 0; j <= 100; j++)
        points.push([minLon + ((maxLon - minLon) * i) / 100, minLat + ((maxLat - minLat) * j) / 100]);
    for (const polygon of polygons) {
      const rings =
        polygon.geometry.type === 'Polygon'
          ? polygon.geometry.coordinates
          : polygon.geometry.coordinates.flat();
      for (const ring of rings)
        for (let k = 1; k < ring.length; k++) {
          const [lon1 = 0, lat1 = 0] = ring[k - 1] ?? [];
          const [lon2 = 0, lat2 = 0] = ring[k] ?? [];
          // A vertex, the middle of an edge (on the border shared by two districts) and a hair beside it.
          points.push(
            [lon1, lat1],
            [(lon1 + lon2) / 2, (lat1 + lat2) / 2],
            [(lon1 + lon2) / 2, (lat1 + lat2) / 2 + 1e-12],
          );
        }
    }
    const inTurn = (point: [number, number]) =>
      polygons.find(
        (p) =>
          p.bbox[0] <= point[0] &&
          point[0] <= p.bbox[2] &&
          p.bbox[1] <= point[1] &&
          point[1] <= p.bbox[3] &&
          booleanPointInPolygon(point, p.geometry),
      );
    const differing = points.filter((point) => districtAt(point, polygons)?.id !== inTurn(point)?.id);
    expect(differing).toEqual([]);
  });
});

describe('name forms', () => {
  it('adds the genitive and definite forms, folded, and no second ending to a definite name', () => {
    expect(nameForms('Gullmarsplan').map((f) => f.form)).toEqual([
      'gullmarsplan',
      'gullmarsplans',
      'gullmarsplanen',
      'gullmarsplanens',
      'gullmarsplanet',
      'gullmarsplanets',
    ]);
    expect(nameForms('Årsta').map((f) => f.form)).toEqual(['arsta', 'arstas', 'arstan', 'arstans']);
    expect(nameForms('Globen').map((f) => f.form)).toEqual(['globen', 'globens']);
  });
});
