/**
 * The standard normal density and distribution function.
 */

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Standard normal density `phi(x) = exp(-x^2/2) / sqrt(2 pi)`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * normalPdf(0); // 0.3989422804014327
 */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Standard normal distribution function `Phi(x) = P(Z <= x)`.
 *
 * Hart's double-precision rational approximation (Hart 1968, algorithm 5666) in the form given by
 * G. West, "Better approximations to cumulative normal functions", Wilmott (2005): relative error
 * about 1e-15 in both tails, so the lower tail is accurate too (no `1 - Phi` cancellation). Tested
 * against reference values and against a fine quadrature of `normalPdf`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * normalCdf(1); // 0.8413447460685429
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  return z > 37 ? (x > 0 ? 1 : 0) : normalCdfFromExp(x, Math.exp(-0.5 * z * z));
}

/**
 * `Phi(x)` given `e = exp(-x^2 / 2)` (for `|x| <= 37`): lets callers that also need the density
 * `phi(x) = e / sqrt(2 pi)` pay for one exponential instead of two.
 *
 * @example
 * const e = Math.exp(-0.5); normalCdfFromExp(1, e); // 0.8413447460685429
 */
export function normalCdfFromExp(x: number, e: number): number {
  const z = Math.abs(x);
  let tail: number;
  if (z < 7.07106781186547) {
    let num = 3.52624965998911e-2 * z + 0.700383064443688;
    num = num * z + 6.37396220353165;
    num = num * z + 33.912866078383;
    num = num * z + 112.079291497871;
    num = num * z + 221.213596169931;
    num = num * z + 220.206867912376;
    let den = 8.83883476483184e-2 * z + 1.75566716318264;
    den = den * z + 16.064177579207;
    den = den * z + 86.7807322029461;
    den = den * z + 296.564248779674;
    den = den * z + 637.333633378831;
    den = den * z + 793.826512519948;
    den = den * z + 440.413735824752;
    tail = (e * num) / den;
  } else {
    let c = z + 0.65;
    c = z + 4 / c;
    c = z + 3 / c;
    c = z + 2 / c;
    c = z + 1 / c;
    tail = e / c / 2.506628274631;
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * `Phi(u - a_j)` and `phi(u - a_j)` for `j < n`, into `cdf` and `pdf`, with one exponential each. Above
 * `u - a_j > 9`, `Phi` is written as 1 and `phi` as 0 (`1 - Phi(9) < 1.2e-19`, `phi(9) < 1.1e-18`:
 * below every quadrature error in the project); below -37 both are 0 (they underflow).
 *
 * @example
 * const cdf = new Float64Array(2), pdf = new Float64Array(2);
 * normalAtShifts(0, new Float64Array([0, 1]), 2, cdf, pdf); // cdf = [0.5, Phi(-1)], pdf = [phi(0), phi(1)]
 */
export function normalAtShifts(
  u: number,
  a: Float64Array,
  n: number,
  cdf: Float64Array,
  pdf: Float64Array,
): void {
  for (let j = 0; j < n; j++) {
    const d = u - a[j]!;
    if (d > 9) {
      cdf[j] = 1;
      pdf[j] = 0;
    } else if (d < -37) {
      cdf[j] = 0;
      pdf[j] = 0;
    } else {
      const e = Math.exp(-0.5 * d * d);
      cdf[j] = normalCdfFromExp(d, e);
      pdf[j] = INV_SQRT_2PI * e;
    }
  }
}

/**
 * Logistic function `1 / (1 + exp(-x))`, evaluated without overflow for any finite `x`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * sigmoid(0); // 0.5
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
