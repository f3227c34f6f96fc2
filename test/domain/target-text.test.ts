import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekStart } from '../../src/domain/iso-week.ts';
import type { Target } from '../../src/domain/target-schema.ts';
import {
  describeEvaluation,
  formatDate,
  formatNumberSv,
  formatPercent,
  statusLabel,
} from '../../src/domain/target-text.ts';
import {
  type Evaluation,
  type ExplanationCode,
  evaluateTarget,
  type Occurrence,
  periodFor,
  type TargetStatus,
} from '../../src/domain/targets.ts';
import { base, globen, YEAR_2026 } from './fixtures.ts';

const NBSP = '\u00a0';
function staffedWeeks(n: number): Occurrence[] {
  return Array.from({ length: n }, (_, i) => ({ date: addDays(isoWeekStart(2026, i + 1), 5) }));
}

function evaluation(
  code: ExplanationCode,
  params: Record<string, number | string>,
  status: TargetStatus = 'on_track',
) {
  const ev: Evaluation = {
    rule: 'count',
    status,
    period: YEAR_2026,
    current: 0,
    goal: 0,
    unit: 'count',
    fraction: 0,
    forecast: null,
    explanation: { code, params },
  };
  return ev;
}

describe('formatting', () => {
  it('formats numbers and percents the Swedish way', () => {
    expect(formatNumberSv(1234)).toBe(`1${NBSP}234`);
    expect(formatNumberSv(2.5)).toBe('2,5');
    expect(formatPercent(93, 'sv')).toBe(`93${NBSP}%`);
    expect(formatPercent(93, 'en')).toBe('93%');
    expect(formatPercent(66.666, 'sv')).toBe(`66,6${NBSP}%`);
    expect(formatPercent(99.96, 'sv')).toBe(`99,9${NBSP}%`);
  });

  it('formats dates', () => {
    expect(formatDate('2026-11-25', 'sv')).toBe('25 november 2026');
    expect(formatDate('2026-11-25', 'en')).toBe('25 November 2026');
    expect(formatDate('2027-01-03', 'sv')).toBe('3 januari 2027');
  });

  it('labels statuses', () => {
    expect(statusLabel('achieved', 'sv')).toBe('Uppnått');
    expect(statusLabel('on_track', 'sv')).toBe('I fas');
    expect(statusLabel('at_risk', 'sv')).toBe('I riskzonen');
    expect(statusLabel('missed', 'sv')).toBe('Ej uppnått');
    expect(statusLabel('not_started', 'sv')).toBe('Ej påbörjat');
    expect(statusLabel('at_risk', 'en')).toBe('At risk');
  });
});

describe('describeEvaluation', () => {
  const period = periodFor(globen, YEAR_2026, 2026);

  it('explains the weeks still needed', () => {
    const ev = evaluateTarget(globen, staffedWeeks(30), { today: '2026-09-30', period });
    expect(describeEvaluation(ev, globen, 'sv')).toBe(
      'Behöver 10 veckor till med helgbemanning under de 14 veckor som återstår.',
    );
    expect(describeEvaluation(ev, globen, 'en')).toBe('Needs 10 more qualifying weeks in the 14 weeks left.');
  });

  it('explains when the weeks left are too few', () => {
    const ev = evaluateTarget(globen, staffedWeeks(30), { today: '2026-11-25', period });
    expect(describeEvaluation(ev, globen, 'sv')).toBe(
      'Behöver 10 veckor till med helgbemanning, men bara 6 veckor återstår, så målet kan inte längre nås.',
    );
    expect(describeEvaluation(ev, globen, 'en')).toBe(
      'Needs 10 more qualifying weeks, but only 6 weeks are left, so the target can no longer be met.',
    );
  });

  it('uses singular forms for one', () => {
    const ev = evaluation('needs_more_intervals', { needed: 1, left: 1, unit: 'week' });
    expect(describeEvaluation(ev, globen, 'sv')).toBe(
      'Behöver 1 vecka till med helgbemanning under den vecka som återstår.',
    );
    expect(describeEvaluation(ev, globen, 'en')).toBe('Needs 1 more qualifying week in the one week left.');
  });

  it('formats large counts, percents and dates in the sentences', () => {
    const count: Target = { ...base, rule: 'count', comparator: '>=', value: 1500, per: 'year' };
    const needs = evaluation('count_needs_more', { needed: 1234, goal: 1500, daysLeft: 36 });
    expect(describeEvaluation(needs, count, 'sv')).toBe(
      `Behöver 1${NBSP}234 till av 1${NBSP}500 trygghetsvandringar under de 36 dagar som återstår.`,
    );
    expect(describeEvaluation(needs, count, 'en')).toBe('Needs 1,234 more of 1,500 in the 36 days left.');

    const share: Target = { ...base, rule: 'share', minPercent: 20, of: 'ungdomar', per: 'year' };
    const below = evaluation('share_below', { percent: 15, goal: 20, ok: 3, cases: 20 }, 'at_risk');
    expect(describeEvaluation(below, share, 'sv')).toBe(
      `Andelen är 15${NBSP}% av 20 ungdomar, under målet på minst 20${NBSP}%.`,
    );

    const gap: Target = { ...base, rule: 'max_gap', months: 2, per: 'year' };
    const due = evaluation('next_due', { date: '2026-11-25', months: 2 });
    expect(describeEvaluation(due, gap, 'sv')).toBe('Nästa behöver ske senast 25 november 2026.');
    expect(describeEvaluation(due, gap, 'en')).toBe('The next one is due by 25 November 2026.');
  });

  it('uses the worded deadline in Swedish', () => {
    const milestone: Target = {
      ...base,
      rule: 'milestone',
      deadline: '2026-05-31',
      deadlineText: 'våren 2026',
    };
    const missed = evaluation('milestone_missed', { deadline: '2026-05-31' }, 'missed');
    expect(describeEvaluation(missed, milestone, 'sv')).toBe('Skulle ha varit klart senast våren 2026.');
    expect(describeEvaluation(missed, milestone, 'en')).toBe('Was due by 31 May 2026.');
  });

  it('gives one non-empty sentence for every evaluation the engine produces', () => {
    const targets: Target[] = [
      globen,
      { ...globen, every: 'month', minIntervals: undefined },
      { ...base, rule: 'count', comparator: '>=', value: 3, per: 'year', seasons: ['spring', 'autumn'] },
      { ...base, rule: 'count', comparator: '<=', value: 3, per: 'year' },
      { ...base, rule: 'count', comparator: '==', value: 3, per: 'year' },
      { ...base, rule: 'share', minPercent: 100, of: 'skolor', per: 'year' },
      { ...base, rule: 'share', minPercent: 20, of: 'ungdomar', per: 'year' },
      { ...base, rule: 'max_gap', months: 2, per: 'year' },
      { ...base, rule: 'milestone', deadline: '2026-05-31' },
      { ...base, rule: 'response_time', maxHours: 24, per: 'year' },
      { ...base, rule: 'on_request', per: 'year' },
    ];
    const date = fc.integer({ min: 0, max: 420 }).map((n) => addDays('2025-12-15', n));
    const occurrence = fc.record(
      { date, ok: fc.boolean(), hours: fc.integer({ min: 0, max: 48 }) },
      { requiredKeys: ['date'] },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...targets),
        fc.array(occurrence, { maxLength: 40 }),
        date,
        (target, occ, today) => {
          const ev = evaluateTarget(target, occ, { today, period: periodFor(target, YEAR_2026, 2026) });
          for (const lang of ['sv', 'en'] as const) {
            const text = describeEvaluation(ev, target, lang);
            expect(text).toMatch(/^\S.*\.$/);
            expect(text).not.toMatch(/undefined|NaN|\{|\}/);
          }
        },
      ),
    );
  });
});
