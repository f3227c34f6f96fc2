import type { PoliceArea } from '../../../db/types.ts';
import { formatDate } from '../../../domain/target-text.ts';
import { type Lang, langPrefix, messages } from '../../../web/i18n.ts';
import { walkMessages } from '../messages.ts';
import type { WalkListItem } from '../service.ts';
import { partnerNames, walksPath } from './parts.tsx';

export function WalkListPage(props: {
  lang: Lang;
  area: PoliceArea;
  year: number;
  walks: WalkListItem[];
  mayPlan: boolean;
}) {
  const { lang, area } = props;
  const w = walkMessages(lang);
  const planned = props.walks.filter((walk) => walk.status === 'planned');
  const done = props.walks.filter((walk) => walk.status === 'done').reverse();
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(lang)}/staff/${area.slug}`}>{messages(lang).lpo(area.name)}</a>
      </p>
      <h1>{w.heading}</h1>
      <p>{w.intro(props.year)}</p>
      {props.mayPlan ? (
        <p>
          <a class="walk-action" href={walksPath(lang, area.slug, '/ny')}>
            {w.planLink}
          </a>
        </p>
      ) : null}
      <section aria-labelledby="planned-heading">
        <h2 id="planned-heading">{w.planned}</h2>
        {planned.length === 0 ? <p>{w.noPlanned}</p> : <WalkList lang={lang} area={area} walks={planned} />}
      </section>
      <section aria-labelledby="done-heading">
        <h2 id="done-heading">{w.done}</h2>
        {done.length === 0 ? <p>{w.noDone}</p> : <WalkList lang={lang} area={area} walks={done} />}
      </section>
    </>
  );
}

function WalkList({ lang, area, walks }: { lang: Lang; area: PoliceArea; walks: WalkListItem[] }) {
  const w = walkMessages(lang);
  return (
    <ul class="walk-list">
      {walks.map((walk) => (
        <li key={walk.id}>
          <a href={walksPath(lang, area.slug, `/${walk.id}`)}>
            {formatDate(walk.day, lang)}
            {walk.district ? ` – ${walk.district}` : ''}
          </a>
          <p class="meta">
            {[
              partnerNames(walk.partners, walk.partners_other, lang).join(', '),
              walk.status === 'done' ? w.observationCount(walk.observations) : '',
              walk.open_rows > 0 ? w.openCount(walk.open_rows) : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </li>
      ))}
    </ul>
  );
}
