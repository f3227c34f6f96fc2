// The receipt after sending, and the public results page ("Vad invånarna har sagt").
import { formatDate } from '../../../domain/target-text.ts';
import type { Period } from '../../../domain/targets.ts';
import type { Lang } from '../../../web/i18n.ts';
import { dialogueMessages } from '../messages.ts';
import { formPath, resultsPath } from '../paths.ts';
import type { Receipt, DialogueSummary as Summary } from '../service.ts';
import { DialogueSummary } from './dialogue-summary.tsx';
import { formatDateTime } from './format.ts';

export function ReceiptPage({ lang, receipt }: { lang: Lang; receipt: Receipt }) {
  const m = dialogueMessages(lang);
  const { input, area } = receipt;
  const when = [
    input.weekday === null ? m.varies : (m.weekdays[input.weekday - 1] ?? ''),
    m.timeBands[input.time_band],
  ].join(', ');
  return (
    <>
      <h1>{m.thanksTitle}</h1>
      <p class="lead dialogue-thanks" role="status">
        {m.thanksLead(area.name)}
      </p>
      <section aria-labelledby="sent-heading">
        <h2 id="sent-heading">{m.youSent}</h2>
        <dl class="dialogue-facts">
          <dt>{m.whereLegend}</dt>
          <dd>{input.place_name ? `${input.place_name}, ${input.district_name}` : input.district_name}</dd>
          <dt>{m.whenLegend}</dt>
          <dd>{when}</dd>
          <dt>{m.categoriesLegend}</dt>
          <dd>{input.categories.map((c) => m.categories[c]).join(', ')}</dd>
          {input.age_band ? (
            <>
              <dt>{m.ageBand}</dt>
              <dd>{m.ageBands[input.age_band]}</dd>
            </>
          ) : null}
          <dt>{m.freeText}</dt>
          <dd class="dialogue-text">{input.free_text ?? m.nextNoText}</dd>
          <dt>{m.sentAt}</dt>
          <dd>{formatDateTime(input.submitted_at, lang)}</dd>
        </dl>
      </section>
      <section aria-labelledby="next-heading">
        <h2 id="next-heading">{m.whatNext}</h2>
        <ul>
          <li>{m.nextStructured}</li>
          {input.free_text ? <li>{m.nextText}</li> : null}
        </ul>
        <p>
          <a href={resultsPath(lang, area.slug)}>{m.seeResults}</a>
        </p>
        <p>
          <a href={formPath(lang, `lpo=${encodeURIComponent(area.slug)}`)}>{m.sendAnother}</a>
        </p>
      </section>
    </>
  );
}

export function ReceiptGonePage({ lang }: { lang: Lang }) {
  const m = dialogueMessages(lang);
  return (
    <>
      <h1>{m.thanksTitle}</h1>
      <p>{m.receiptGone}</p>
      <p>
        <a href={resultsPath(lang)}>{m.seeResults}</a>
      </p>
    </>
  );
}

export function ResultsPage(props: {
  lang: Lang;
  area: { slug: string; name: string };
  period: Period;
  summary: Summary;
}) {
  const { lang, area } = props;
  const m = dialogueMessages(lang);
  return (
    <>
      <p class="eyebrow">
        {m.areaLabel}: {area.name}
      </p>
      <h1>{m.resultsTitle}</h1>
      <p class="lead">{m.resultsIntro(area.name)}</p>
      <p class="meta">{m.period(formatDate(props.period.from, lang), formatDate(props.period.to, lang))}</p>
      <p>
        <a href={formPath(lang, `lpo=${encodeURIComponent(area.slug)}`)}>{m.giveInput}</a>
      </p>
      <DialogueSummary lang={lang} summary={props.summary} />
    </>
  );
}

export function ResultsAreaList(props: { lang: Lang; areas: { slug: string; name: string }[] }) {
  const m = dialogueMessages(props.lang);
  return (
    <>
      <h1>{m.resultsTitle}</h1>
      <p>{m.resultsChooseArea}</p>
      <ul>
        {props.areas.map((a) => (
          <li key={a.slug}>
            <a href={resultsPath(props.lang, a.slug)}>{a.name}</a>
          </li>
        ))}
      </ul>
    </>
  );
}
