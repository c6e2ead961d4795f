/**
 * Real zeros of an exponential sum `g(x) = sum_k c_k exp(e_k x)` on an interval, isolated exactly (up
 * to floating evaluation) and refined by bisection.
 *
 * Guarantee. Descartes' rule of signs for exponential sums (Pólya and Szegő, "Problems and Theorems in
 * Analysis II", Part V, problem 75; Laguerre): with the exponents sorted, the number of real zeros of
 * `g`, counted with multiplicity, is at most the number of sign changes of its coefficients. Zeros are
 * isolated by Rolle's theorem: `h(x) = g(x) exp(-e_max x)` has the zeros of `g`, and `h'` is an
 * exponential sum with one term fewer, so the zeros of `h'` (found recursively) cut the interval into
 * pieces on which `h` is monotone; each piece holds at most one zero, found by bisection when `h`
 * changes sign across it. A zero where `h` touches 0 without changing sign (even multiplicity) is a
 * zero of `h'` too and is reported when `|h|` there is within the cancellation bound.
 */

/** One term `c exp(e x)`. */
export interface ExpTerm {
  readonly c: number;
  readonly e: number;
}

/** Sorts by exponent, merges equal exponents and drops coefficients below `zero`. */
function normaliseTerms(terms: readonly ExpTerm[], zero: number): ExpTerm[] {
  const sorted = [...terms].sort((a, b) => a.e - b.e);
  const out: { c: number; e: number }[] = [];
  for (const t of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last.e === t.e) last.c += t.c;
    else out.push({ c: t.c, e: t.e });
  }
  return out.filter((t) => Math.abs(t.c) > zero);
}

/** Sign changes of the coefficients (in exponent order): Descartes' bound on the number of zeros. */
function signChanges(terms: readonly ExpTerm[]): number {
  let v = 0;
  for (let k = 1; k < terms.length; k++) if (terms[k - 1]!.c > 0 !== terms[k]!.c > 0) v++;
  return v;
}

/** `g(x) exp(-e_max x)`: the scaled sum (no overflow for exponents <= e_max). */
function scaled(terms: readonly ExpTerm[], eMax: number, x: number): number {
  let s = 0;
  for (const t of terms) s += t.c * Math.exp((t.e - eMax) * x);
  return s;
}

/**
 * The zeros of `sum_k c_k exp(e_k x)` in `[a, b]`, ascending, each to within `xTol`; `[]` when there
 * are none or the sum is identically zero (every coefficient at most `zero` after merging equal
 * exponents). `zero` is the cancellation bound below which a coefficient or a value counts as 0.
 *
 * @throws nothing for finite inputs.
 * @example
 * // 1 - 2 exp(-x) is zero at x = ln 2
 * const z = expSumZeros([{ c: 1, e: 0 }, { c: -2, e: -1 }], 0, 5, 1e-12, 1e-15);
 * z.length === 1 && Math.abs(z[0] - Math.LN2) < 1e-9; // true
 */
export function expSumZeros(
  terms: readonly ExpTerm[],
  a: number,
  b: number,
  xTol: number,
  zero: number,
): number[] {
  const g = normaliseTerms(terms, zero);
  if (g.length <= 1 || signChanges(g) === 0 || !(a <= b)) return [];
  const eMax = g[g.length - 1]!.e;
  const h = (x: number) => scaled(g, eMax, x);
  // h' = sum_k c_k (e_k - e_max) exp((e_k - e_max) x): the top term drops out
  const deriv = g.slice(0, -1).map((t) => ({ c: t.c * (t.e - eMax), e: t.e - eMax }));
  const crit = signChanges(g) === 1 ? [] : expSumZeros(deriv, a, b, xTol, zero * Math.max(1, Math.abs(eMax)));
  const cuts = [a, ...crit.filter((x) => x > a && x < b), b];
  const roots: number[] = [];
  const valueZero = zero * g.length;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const lo = cuts[k]!;
    const hi = cuts[k + 1]!;
    const hl = h(lo);
    const hh = h(hi);
    if (Math.abs(hl) <= valueZero) roots.push(lo);
    else if (hl > 0 !== hh > 0 && Math.abs(hh) > valueZero) roots.push(bisect(h, lo, hi, hl, xTol));
  }
  if (Math.abs(h(b)) <= valueZero) roots.push(b);
  // a touching zero found both as a cut and an endpoint appears twice: keep one of each cluster
  const out: number[] = [];
  for (const r of roots) if (out.length === 0 || r - out[out.length - 1]! > xTol) out.push(r);
  return out;
}

function bisect(h: (x: number) => number, lo: number, hi: number, hLo: number, xTol: number): number {
  let l = lo;
  let r = hi;
  const sl = hLo > 0;
  for (let it = 0; it < 200 && r - l > xTol; it++) {
    const m = (l + r) / 2;
    if (m <= l || m >= r) break;
    if (h(m) > 0 === sl) l = m;
    else r = m;
  }
  return (l + r) / 2;
}
