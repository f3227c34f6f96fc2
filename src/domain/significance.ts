// Is a change between two event counts larger than chance explains? Two Poisson counts compared by the
// conditional binomial test: given n = current + previous events, and no real change, the current period's
// share of n follows Binomial(n, exposure share). Exposure is the periods' lengths (equal by default).

export interface CountComparison {
  current: number;
  previous: number;
  /** Two-sided p-value; 1 when both counts are 0. */
  p: number;
  direction: 'up' | 'down' | 'same';
  /** True when p < the significance level (0.05 unless given). */
  significant: boolean;
}

export const SIGNIFICANCE_LEVEL = 0.05;
/** Above this many events the exact sum is replaced by the normal approximation (same answer, faster). */
const EXACT_LIMIT = 20_000;

export function compareCounts(
  current: number,
  previous: number,
  options: { currentLength?: number; previousLength?: number; level?: number } = {},
): CountComparison {
  const share = (options.currentLength ?? 1) / ((options.currentLength ?? 1) + (options.previousLength ?? 1));
  const n = current + previous;
  const expected = n * share;
  const p = n === 0 ? 1 : twoSidedBinomialP(current, n, share);
  return {
    current,
    previous,
    p,
    direction: current > expected ? 'up' : current < expected ? 'down' : 'same',
    significant: p < (options.level ?? SIGNIFICANCE_LEVEL),
  };
}

/** 2 × the smaller tail, at most 1. */
export function twoSidedBinomialP(k: number, n: number, q: number): number {
  if (n > EXACT_LIMIT) return normalTwoSided(k, n, q);
  let lower = 0;
  let upper = 0;
  for (let i = 0; i <= n; i++) {
    const mass = Math.exp(logBinomialMass(i, n, q));
    if (i <= k) lower += mass;
    if (i >= k) upper += mass;
  }
  return Math.min(1, 2 * Math.min(lower, upper));
}

function logBinomialMass(k: number, n: number, q: number): number {
  if (q <= 0) return k === 0 ? 0 : -Infinity;
  if (q >= 1) return k === n ? 0 : -Infinity;
  return (
    logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(q) + (n - k) * Math.log(1 - q)
  );
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++)
    logFactorials[i] = (logFactorials[i - 1] ?? 0) + Math.log(i);
  return logFactorials[n] ?? 0;
}

function normalTwoSided(k: number, n: number, q: number): number {
  const mean = n * q;
  const sd = Math.sqrt(n * q * (1 - q));
  const z = Math.max(0, Math.abs(k - mean) - 0.5) / sd;
  return Math.min(1, 2 * (1 - standardNormalCdf(z)));
}

/** Φ(z) by the Abramowitz–Stegun erf approximation (error < 1.5e-7). */
function standardNormalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** P(X ≥ k) for X ~ Poisson(mean): how unlikely a count this high is when the usual level is `mean`. */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  let below = 0;
  for (let i = 0; i < k; i++) below += Math.exp(i * Math.log(mean) - mean - logFactorial(i));
  return Math.max(0, 1 - below);
}
