// Targets shared by the domain tests: Globen's weekend operation, as the promise states it.
import type { Target } from '../../src/domain/target-schema.ts';
import type { Period } from '../../src/domain/targets.ts';

export const base = {
  text: 'Målet som löftet formulerar det.',
  metric: 'trygghetsvandringar',
  source: 'logged' as const,
};

export const YEAR_2026: Period = { from: '2026-01-01', to: '2026-12-31' };

export const globen: Extract<Target, { rule: 'recurring' }> = {
  ...base,
  metric: 'helgbemanning',
  rule: 'recurring',
  every: 'week',
  minPerInterval: 1,
  minIntervals: 40,
  per: 'year',
};
