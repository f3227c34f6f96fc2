import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/iso-week.ts';
import type { Target } from '../../src/domain/target-schema.ts';
import { evaluateTarget, type Occurrence, periodFor } from '../../src/domain/targets.ts';
import { weeklySeries } from '../../src/domain/weekly-series.ts';
import { WeeklyChart, WeeklyTable } from '../../src/web/components/weekly-chart.tsx';

const NBSP = '\u00a0';
const validity = { from: '2026-01-01', to: '2026-12-31' };

const weekly: Target = {
  rule: 'recurring',
  text: 'Bemanna kvällspass minst 40 av årets veckor.',
  metric: 'bemannade kvällspass',
  source: 'logged',
  every: 'week',
  minPerInterval: 1,
  minIntervals: 40,
  per: 'year',
};

const count: Target = {
  rule: 'count',
  text: 'Minst 5 000 kontakter med boende.',
  metric: 'kontakter',
  source: 'logged',
  comparator: '>=',
  value: 5000,
  per: 'year',
};

const share: Target = {
  rule: 'share',
  text: 'Minst 90 procent av ärendena återkopplas.',
  metric: 'återkopplade ärenden',
  source: 'reported',
  minPercent: 90,
  of: 'ärenden',
  per: 'year',
};

function setup(target: Target, occurrences: Occurrence[], today: string) {
  const period = periodFor(target, validity, 2026);
  const evaluation = evaluateTarget(target, occurrences, { today, period });
  return { points: weeklySeries(target, occurrences, period, today), evaluation };
}

// One evening shift each Wednesday of ISO weeks 1-11 of 2026, except week 4.
const shifts: Occurrence[] = Array.from({ length: 11 }, (_, i) => ({
  date: addDays('2025-12-31', 7 * i),
})).filter((_, i) => i !== 3);
const today = '2026-03-15'; // Sunday of week 11

describe('WeeklyChart', () => {
  const { points, evaluation } = setup(weekly, shifts, today);
  const sv = render(
    <WeeklyChart points={points} evaluation={evaluation} lang="sv" title="Kvällspass" id="t1" />,
  );

  it('puts all 53 ISO weeks of 2026 on the axis, not only the weeks so far', () => {
    expect(evaluation.period).toEqual({ from: '2025-12-29', to: '2027-01-03' });
    expect(points).toHaveLength(11);
    expect(sv).toMatch(/^<svg /);
    expect(sv).toContain('data-weeks="53"');
    // One bar per week so far, ten of them met.
    expect(sv.match(/<rect /g)).toHaveLength(11);
    expect(sv.match(/weekly-chart__bar--met/g)).toHaveLength(10);
    // Quarter ticks only: no stray "jan" for the three days of 2027 in week 53.
    for (const month of ['>jan<', '>apr<', '>jul<', '>okt<']) expect(sv.split(month)).toHaveLength(2);
  });

  it('is an image labelled by its title and description', () => {
    expect(sv).toContain('role="img"');
    expect(sv).toContain('aria-labelledby="t1-title t1-desc"');
    expect(sv).toContain('<title id="t1-title">Kvällspass</title>');
    expect(sv).toContain(
      '<desc id="t1-desc">10 av 40 veckor uppfyllda till och med vecka 11; takten för målet är 8.</desc>',
    );
  });

  it('draws a dashed pace line, a labelled goal and uses no inline styles', () => {
    expect(sv).toContain('stroke-dasharray="6 4"');
    expect(sv).toMatch(/>Mål<tspan[^>]*>40<\/tspan>/);
    expect(sv).not.toContain('style=');
  });

  it('uses English labels in English', () => {
    const en = render(
      <WeeklyChart points={points} evaluation={evaluation} lang="en" title="Evening shifts" id="t1" />,
    );
    expect(en).toContain('10 of 40 weeks met by week 11; the pace for the target is 8.');
    expect(en).toMatch(/>Target<tspan[^>]*>40<\/tspan>/);
    expect(en).toContain('>Oct<');
    expect(en).not.toContain('>okt<');
  });

  it('draws bars only for interval targets, and a flat pace line for percent targets', () => {
    const c = setup(count, [{ date: '2026-01-07', count: 700 }], today);
    const countSvg = render(<WeeklyChart {...c} lang="sv" title="Kontakter" id="c" />);
    expect(countSvg).not.toContain('<rect');
    expect(countSvg).toContain(`>5${NBSP}000</tspan>`);

    const s = setup(
      share,
      [
        { date: '2026-01-07', count: 14, ok: true },
        { date: '2026-01-08', ok: false },
      ],
      today,
    );
    const shareSvg = render(<WeeklyChart {...s} lang="sv" title="Återkoppling" id="s" />);
    const pace = shareSvg.match(/class="weekly-chart__pace" d="M([\d.]+),([\d.]+)L([\d.]+),([\d.]+)"/);
    expect(pace?.[2]).toBe(pace?.[4]);
    expect(shareSvg).toContain(`93,3${NBSP}% till och med vecka 11; målet är 90${NBSP}%.`);
  });

  it('still shows the whole period before it starts', () => {
    const { points: none, evaluation: before } = setup(weekly, [], '2025-12-01');
    const svg = render(<WeeklyChart points={none} evaluation={before} lang="sv" title="Kvällspass" id="b" />);
    expect(none).toHaveLength(0);
    expect(svg).toContain('data-weeks="53"');
    expect(svg).toContain('Perioden har inte börjat; målet är 40.');
  });
});

describe('WeeklyTable', () => {
  const rowsOf = (html: string) => html.match(/<tr>/g)?.length ?? 0;

  it('has a caption, scoped headers and one row per week so far', () => {
    const { points, evaluation } = setup(weekly, shifts, today);
    const html = render(
      <WeeklyTable points={points} evaluation={evaluation} lang="sv" title="Kvällspass" id="t1" />,
    );
    expect(html).toContain('<caption>Kvällspass: vecka för vecka</caption>');
    expect(html.match(/scope="col"/g)).toHaveLength(4);
    expect(html.match(/scope="row"/g)).toHaveLength(11);
    expect(rowsOf(html)).toBe(1 + 11);
    expect(html).toContain('v. 7, <time datetime="2026-02-15">15 feb 2026</time>');
  });

  it('formats numbers the Swedish way', () => {
    const contacts: Occurrence[] = [
      { date: '2026-01-07', count: 700 },
      { date: '2026-01-14', count: 534 },
    ];
    const { points, evaluation } = setup(count, contacts, today);
    const html = render(
      <WeeklyTable points={points} evaluation={evaluation} lang="sv" title="Kontakter" id="c" />,
    );
    expect(html).toContain(`<td class="num">1${NBSP}234</td>`);

    const s = setup(
      share,
      [
        { date: '2026-01-07', count: 14, ok: true },
        { date: '2026-01-08', ok: false },
      ],
      today,
    );
    const shares = render(<WeeklyTable {...s} lang="sv" title="Återkoppling" id="s" />);
    expect(shares).toContain(`<td class="num">93,3${NBSP}%</td>`);
    expect(shares).toContain(`<td class="num">90${NBSP}%</td>`);
  });

  it('uses English labels and number format in English', () => {
    const { points, evaluation } = setup(count, [{ date: '2026-01-07', count: 1234 }], today);
    const html = render(
      <WeeklyTable points={points} evaluation={evaluation} lang="en" title="Contacts" id="c" />,
    );
    expect(html).toContain('<caption>Contacts: week by week</caption>');
    expect(html).toContain('<th scope="col">Week, last day</th>');
    expect(html).toContain('wk 7, <time datetime="2026-02-15">15 Feb 2026</time>');
    expect(html).toContain('<td class="num">1,234</td>');
    expect(html).not.toContain('Vecka');
  });
});
