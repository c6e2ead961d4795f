/**
 * Prices of anarchy and stability of `solveEquilibria` (Koutsoupias and Papadimitriou 1999;
 * Anshelevich et al. 2004) over the certified equilibria found, with the scope they range over.
 */
import type { MixedReport } from "./mixed.js";
import type { WelfareOptimum } from "./optimum.js";
import type { Equilibrium, PriceScope } from "./types.js";

/** `priceOfAnarchy`, `priceOfStability` and what they range over. */
export interface Prices {
  priceOfAnarchy: number | null;
  priceOfStability: number | null;
  priceScope: PriceScope;
}

/**
 * `PoA = U_opt / min U` and `PoS = U_opt / max U` over the certified pure and mixed equilibria (null
 * when there are none or the welfare is 0), with the scope they range over as data
 * (`priceBasisText` words it).
 *
 * @throws nothing for valid inputs of the declared types
 */
export function pricesOver(
  pure: readonly Equilibrium[],
  mixed: MixedReport,
  optimum: WelfareOptimum,
  pureExhaustive: boolean,
  N: number,
  enumerated?: { total: number; welfareLow: number | null; welfareHigh: number | null },
): Prices {
  // PoA and PoS range over the certified equilibria: pure ones and mixed ones with `certified: true`
  const mixedIn = mixed.equilibria.filter((e) => e.certified);
  const all = [...pure, ...mixedIn];
  let poa: number | null = null;
  let pos: number | null = null;
  // a loop, not Math.min(...ws): a degenerate game has more equilibria than the call stack has room
  // for arguments; the enumeration's range covers the equilibria it counted but did not list
  let lo = enumerated?.welfareLow ?? Number.POSITIVE_INFINITY;
  let hi = enumerated?.welfareHigh ?? Number.NEGATIVE_INFINITY;
  for (const e of all) {
    lo = Math.min(lo, e.welfare);
    hi = Math.max(hi, e.welfare);
  }
  if (all.length > 0 || enumerated?.welfareLow != null) {
    poa = lo > 0 ? optimum.welfare / lo : null;
    pos = hi > 0 ? optimum.welfare / hi : null;
  }
  const properlyMixed = mixedIn.filter((e) => e.kind === "mixed").length;
  const scope: PriceScope = {
    pure: Math.max(pure.length, enumerated?.total ?? 0),
    mixed: properlyMixed,
    excludedApproximate: mixed.equilibria.length - mixedIn.length,
    // two players: every extreme equilibrium (U is bilinear, so its extremes over each convex set are
    // attained there); three or more: every equilibrium, enumpoly having certified every root
    allEquilibria: pureExhaustive && (N === 1 || mixed.complete),
    found: all.length,
    mixedCertified: mixedIn.length,
    pureExhaustive,
    players: N,
    mixedMethods: mixed.methods.filter((m) => m !== "logit"),
    mixedComplete: mixed.complete,
    optimumExact: optimum.exact,
  };
  return { priceOfAnarchy: poa, priceOfStability: pos, priceScope: scope };
}
