import { type Lang, messages } from '../../../web/i18n.ts';
import { promisePath } from '../../promises/views/promise-page.tsx';

export interface PoliceAreaListing {
  slug: string;
  name: string;
  region: string;
  districtAreas: string[];
  /** Districts that matched the search, if it matched by district. */
  matchedDistricts: string[];
  currentYear: number | undefined;
}

export function StartPage(props: { lang: Lang; areas: PoliceAreaListing[]; query: string }) {
  const t = messages(props.lang);
  return (
    <>
      <h1>{t.startHeading}</h1>
      <p class="lead">{t.startIntro}</p>
      <section aria-labelledby="areas-heading">
        <h2 id="areas-heading">{props.query ? t.matchesFor(props.query) : t.policeAreas}</h2>
        {props.areas.length === 0 ? (
          <p role="status">{t.noMatches(props.query)}</p>
        ) : (
          <ul class="area-list">
            {props.areas.map((area) => (
              <li key={area.slug}>
                <h3>
                  {area.currentYear === undefined ? (
                    t.lpo(area.name)
                  ) : (
                    <a href={promisePath(props.lang, area.slug)}>{t.lpo(area.name)}</a>
                  )}
                </h3>
                <p class="meta">
                  {area.region}
                  {area.districtAreas.length > 0
                    ? ` · ${t.coversDistricts}: ${area.districtAreas.join(', ')}`
                    : ''}
                </p>
                {area.matchedDistricts.length > 0 ? <p>{area.matchedDistricts.join(', ')}</p> : null}
                <p>{area.currentYear === undefined ? t.noPromise : t.readPromise(area.currentYear)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
