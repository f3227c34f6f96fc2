// The walk's route and its observations as a small map drawn on the server: no script, no tiles. The
// numbers match the list of observations below it.
import type { Lang } from '../../../web/i18n.ts';
import { type Position, projectToSvg, type RouteGeometry, routeLengthMetres } from '../geometry.ts';
import { walkMessages } from '../messages.ts';
import { formatKm } from './parts.tsx';

export function RouteMap(props: { lang: Lang; route: RouteGeometry | null; points: Position[] }) {
  const w = walkMessages(props.lang);
  const map = projectToSvg(props.route, props.points);
  const km = props.route ? formatKm(routeLengthMetres(props.route), props.lang) : null;
  return (
    <figure class="walk-map">
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        width={map.width}
        height={map.height}
        role="img"
        aria-labelledby="walk-map-title"
      >
        <title id="walk-map-title">{w.mapLabel(km, props.points.length)}</title>
        <rect class="walk-map-ground" x="0" y="0" width={map.width} height={map.height} />
        {map.lines.map((points) => (
          <polyline key={points} class="walk-map-route" points={points} />
        ))}
        {map.points.map((p, i) => (
          <g key={i} class="walk-map-point">
            <circle cx={p.x} cy={p.y} r="9" />
            <text x={p.x} y={p.y} dy="0.35em" text-anchor="middle">
              {i + 1}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{km ? w.routeLength(km) : w.noRoute}</figcaption>
    </figure>
  );
}
