// The LPO's districts and places as a map drawn on the server (no tiles, no script). Each district and
// place is a link that fills in the form's lists; the lists themselves stay the main way to choose.
import { geoIdentity, geoPath } from 'd3-geo';
import type { GeoJSONPolygon } from '../../../db/types.ts';

export interface MapDistrict {
  slug: string;
  name: string;
  boundary: GeoJSONPolygon;
}

export interface MapPlace {
  slug: string;
  name: string;
  lon: number;
  lat: number;
}

const WIDTH = 600;
const HEIGHT = 480;
const PAD = 8;

type Ring = number[][];
type Polygons = Ring[][];

/** Every polygon of the boundary as rings of [x, y], whatever its GeoJSON type. */
function polygonsOf(boundary: GeoJSONPolygon): Polygons {
  return boundary.type === 'Polygon' ? [boundary.coordinates as Ring[]] : (boundary.coordinates as Polygons);
}

/**
 * The ring without points closer than minStep to the last one kept (the last point stays, closing it):
 * source boundaries have a point every few metres, far finer than the map's pixels.
 */
function thin(ring: Ring, minStep: number): Ring {
  const kept: Ring = [];
  for (const [i, point] of ring.entries()) {
    const last = kept.at(-1);
    const dx = (point[0] ?? 0) - (last?.[0] ?? 0);
    const dy = (point[1] ?? 0) - (last?.[1] ?? 0);
    if (!last || Math.hypot(dx, dy) >= minStep || i === ring.length - 1) kept.push(point);
  }
  return kept;
}

export function AreaMap(props: {
  title: string;
  districts: MapDistrict[];
  places: MapPlace[];
  selectedDistrict: string;
  selectedPlace: string;
  districtHref: (slug: string) => string;
  placeHref: (slug: string) => string;
}) {
  // Longitude scaled by cos(latitude) keeps the shapes in a planar drawing (about 0.51 in Stockholm); a
  // spherical projection would need the rings wound the way d3 expects, which source data does not promise.
  const lat0 = polygonsOf(
    props.districts[0]?.boundary ?? { type: 'Polygon', coordinates: [] },
  )[0]?.[0]?.[0]?.[1];
  const cosLat = Math.cos(((lat0 ?? 59.3) * Math.PI) / 180);
  const flat = props.districts.map((d) =>
    polygonsOf(d.boundary).map((polygon) =>
      polygon.map((ring) => ring.map(([lon = 0, lat = 0]) => [lon * cosLat, lat])),
    ),
  );
  const projection = geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [PAD, PAD],
        [WIDTH - PAD, HEIGHT - PAD],
      ],
      { type: 'MultiPolygon', coordinates: flat.flat() },
    );
  const toPixels = (point: number[]) => projection([point[0] ?? 0, point[1] ?? 0]) ?? [0, 0];
  // Drawn in map units: a point every two units at most (about a screen pixel on a phone), to a tenth.
  const path = geoPath().digits(1);
  const shapes = flat.map(
    (polygons) =>
      path({
        type: 'MultiPolygon',
        coordinates: polygons.map((polygon) => polygon.map((ring) => thin(ring.map(toPixels), 2))),
      }) ?? '',
  );
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>; the group names its links
    <svg
      class="dialogue-map"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="group"
      aria-labelledby="dialogue-map-title"
    >
      <title id="dialogue-map-title">{props.title}</title>
      {props.districts.map((d, i) => (
        <a
          key={d.slug}
          href={props.districtHref(d.slug)}
          aria-label={d.name}
          class={d.slug === props.selectedDistrict ? 'selected' : undefined}
          aria-current={d.slug === props.selectedDistrict ? 'true' : undefined}
        >
          <path d={shapes[i]} />
          <title>{d.name}</title>
        </a>
      ))}
      {props.places.map((p) => {
        const [x = 0, y = 0] = toPixels([p.lon * cosLat, p.lat]);
        return (
          <a
            key={p.slug}
            href={props.placeHref(p.slug)}
            aria-label={p.name}
            class={`dialogue-map-place${p.slug === props.selectedPlace ? ' selected' : ''}`}
            aria-current={p.slug === props.selectedPlace ? 'true' : undefined}
          >
            <circle cx={round(x)} cy={round(y)} r="9" />
            <title>{p.name}</title>
          </a>
        );
      })}
    </svg>
  );
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
