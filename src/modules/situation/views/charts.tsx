// The situation picture's charts, drawn on the server as SVG (the CSP allows no inline styles or scripts,
// so colours are presentation attributes). Each chart names itself with <title>; the page puts the same
// figures in a table beside it.
import { geoIdentity, geoPath } from 'd3-geo';
import { scaleBand, scaleLinear, scaleQuantize } from 'd3-scale';
import type { GeoJSONPolygon } from '../../../db/types.ts';

/** ColorBrewer YlGnBu, five classes: sequential and readable with the common colour-vision deficiencies. */
export const SEQUENTIAL = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
/** Cells with no events: a light grey, told apart from the lightest class by the key. */
export const EMPTY = '#eeeeee';
const TEXT = '#1f2937';
const AXIS = '#6b7280';
const BAR = '#2c7fb8';

/** The colour class of a count, and the ranges of the classes for the key. */
export function colourScale(max: number) {
  const scale = scaleQuantize<string>()
    .domain([1, Math.max(2, max + 1)])
    .range([...SEQUENTIAL]);
  const colour = (n: number) => (n <= 0 ? EMPTY : scale(n));
  const classes = SEQUENTIAL.map((fill) => {
    const [from = 0, to = 0] = scale.invertExtent(fill);
    return { fill, from: Math.ceil(from), to: Math.ceil(to) - 1 };
  }).filter((c) => c.to >= c.from);
  return { colour, classes };
}

export function BarChart(props: {
  id: string;
  title: string;
  bars: { label: string; value: number | null }[];
}) {
  const width = 640;
  const height = 220;
  const left = 40;
  const bottom = height - 28;
  const x = scaleBand()
    .domain(props.bars.map((_, i) => String(i)))
    .range([left, width - 8])
    .padding(0.2);
  const max = Math.max(1, ...props.bars.map((b) => b.value ?? 0));
  const y = scaleLinear().domain([0, max]).nice().range([bottom, 12]);
  const ticks = y.ticks(4);
  const every = Math.ceil(props.bars.length / 12);
  return (
    <svg
      class="situation-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={width - 8} y1={y(tick)} y2={y(tick)} stroke="#e5e7eb" />
          <text x={left - 6} y={y(tick) + 4} text-anchor="end" font-size="12" fill={AXIS}>
            {tick}
          </text>
        </g>
      ))}
      {props.bars.map((bar, i) => {
        const x0 = x(String(i)) ?? 0;
        const value = bar.value ?? 0;
        return (
          <g key={bar.label}>
            {value > 0 ? (
              <rect x={x0} y={y(value)} width={x.bandwidth()} height={bottom - y(value)} fill={BAR} />
            ) : null}
            {i % every === 0 ? (
              <text
                x={x0 + x.bandwidth() / 2}
                y={height - 10}
                text-anchor="middle"
                font-size="12"
                fill={TEXT}
              >
                {bar.label}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={left} x2={width - 8} y1={bottom} y2={bottom} stroke={AXIS} />
    </svg>
  );
}

export function Heatmap(props: {
  id: string;
  title: string;
  /** rows[weekday - 1][hour]. */
  rows: number[][];
  weekdays: readonly string[];
}) {
  const cell = 24;
  const left = 44;
  const top = 22;
  const width = left + 24 * cell + 4;
  const height = top + 7 * cell + 4;
  const { colour } = colourScale(Math.max(0, ...props.rows.flat()));
  return (
    <svg
      class="situation-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      {Array.from({ length: 24 }, (_, hour) =>
        hour % 3 === 0 ? (
          <text
            key={`h${hour}`}
            x={left + hour * cell + cell / 2}
            y={14}
            text-anchor="middle"
            font-size="11"
            fill={TEXT}
          >
            {String(hour).padStart(2, '0')}
          </text>
        ) : null,
      )}
      {props.rows.map((row, d) => (
        <g key={props.weekdays[d]}>
          <text x={left - 6} y={top + d * cell + cell * 0.68} text-anchor="end" font-size="12" fill={TEXT}>
            {props.weekdays[d]}
          </text>
          {row.map((n, hour) => (
            <rect
              key={`c${hour}`}
              x={left + hour * cell}
              y={top + d * cell}
              width={cell - 2}
              height={cell - 2}
              fill={colour(n)}
            />
          ))}
        </g>
      ))}
    </svg>
  );
}

/** The key of a heatmap or map: each colour with its range of counts. */
export function ColourKey(props: {
  max: number;
  label: string;
  none: string;
  format: (n: number) => string;
}) {
  const { classes } = colourScale(props.max);
  return (
    <div class="colour-key">
      <span>{props.label}:</span>
      <ul>
        <li>
          <svg width="16" height="16" aria-hidden="true" focusable="false">
            <rect width="16" height="16" fill={EMPTY} stroke={AXIS} />
          </svg>{' '}
          {props.none}
        </li>
        {classes.map((c) => (
          <li key={c.fill}>
            <svg width="16" height="16" aria-hidden="true" focusable="false">
              <rect width="16" height="16" fill={c.fill} stroke={AXIS} />
            </svg>{' '}
            {c.from === c.to ? props.format(c.from) : `${props.format(c.from)}–${props.format(c.to)}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

type Ring = number[][];

/**
 * Longitude scaled by cos(latitude) and drawn flat: a spherical projection would need the rings wound the
 * way d3 expects, which the source data does not promise.
 */
function flatGeometry(boundary: GeoJSONPolygon, cosLat: number): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  const ring = (r: Ring): Ring => r.map(([lon = 0, lat = 0]) => [lon * cosLat, lat]);
  return boundary.type === 'Polygon'
    ? { type: 'Polygon', coordinates: (boundary.coordinates as Ring[]).map(ring) }
    : { type: 'MultiPolygon', coordinates: (boundary.coordinates as Ring[][]).map((p) => p.map(ring)) };
}

export function DistrictMap(props: {
  id: string;
  title: string;
  districts: { id: number; name: string; boundary: GeoJSONPolygon; events: number }[];
}) {
  const width = 600;
  const height = 420;
  const cosLat = Math.cos((59.3 * Math.PI) / 180);
  const features = props.districts.map((d) => ({
    type: 'Feature' as const,
    properties: { id: d.id, name: d.name, events: d.events },
    geometry: flatGeometry(d.boundary, cosLat),
  }));
  const projection = geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [4, 4],
        [width - 4, height - 4],
      ],
      { type: 'FeatureCollection', features },
    );
  const path = geoPath(projection);
  const { colour } = colourScale(Math.max(0, ...props.districts.map((d) => d.events)));
  return (
    <svg
      class="situation-chart situation-map"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      {features.map((f) => (
        <path key={f.properties.id} d={path(f) ?? ''} fill={colour(f.properties.events)} stroke="#ffffff" />
      ))}
      {features.map((f) => {
        const [x, y] = path.centroid(f);
        return Number.isFinite(x) && Number.isFinite(y) ? (
          <text
            key={`l${f.properties.id}`}
            x={x}
            y={y}
            text-anchor="middle"
            font-size="10"
            fill={TEXT}
            stroke="#ffffff"
            stroke-width="3"
            paint-order="stroke"
          >
            {f.properties.name}
          </text>
        ) : null;
      })}
    </svg>
  );
}
