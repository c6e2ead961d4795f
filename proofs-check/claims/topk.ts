/**
 * Shared predicate of the top-k claims (C6, C7 and their variants): the welfare of the worst
 * weighted-winrate-optimal entrant against the best winrate-optimal one.
 */
import { InputError } from "../../src/errors.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { GainScratch, setQuality } from "../gains.js";
import { instanceMarketFile } from "../instance.js";
import { intBetween } from "../rng.js";
import type { Instance, MarketFile, Rng, Verdict } from "../types.js";

/**
 * Makes the instance's only strategic player a top-k entrant with `k` uniform in `1..T-1` (covering
 * every task would leave it nothing to choose).
 *
 * @example
 * addTopKEntrant(rng, inst); // inst.players = [{ kind: "top-k", k }]
 */
export function addTopKEntrant(rng: Rng, inst: Instance): Instance {
  inst.players = [{ kind: "top-k", k: intBetween(rng, 1, inst.weights.length - 1) }];
  return inst;
}

/**
 * The hypothesis shared by the top-k claims: exactly one strategic player, a top-k entrant with
 * `k < T`, against at least one incumbent.
 *
 * @example
 * isTopKEntrantInstance(inst) && inst.selection.rule === "logit";
 */
export function isTopKEntrantInstance(inst: Instance): boolean {
  const p = inst.players[0];
  return (
    inst.players.length === 1 &&
    p?.kind === "top-k" &&
    p.k < inst.weights.length &&
    inst.incumbents.length >= 1
  );
}

const scratch = new GainScratch({ rule: "perfect" });
let wBuf = new Float64Array(8);
let incBuf = new Float64Array(64);

/**
 * Compares `min U` over the entrant's weighted-winrate maximisers with `max U` over its winrate
 * maximisers (a top-k entrant, `players[0]`). A hit when the former is below the latter by more than
 * `tol * max_t v_t`. Payoff ties: per-task gains within `tol * max_t |gain_t|` of the `k`-th largest.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * topKComparison(inst, RELATIVE_TOLERANCE);
 */
export function topKComparison(inst: Instance, tol = RELATIVE_TOLERANCE): Verdict {
  const T = inst.weights.length;
  const n = inst.incumbents.length;
  const space = inst.players[0]!;
  if (space.kind !== "top-k")
    throw new InputError(undefined, "entrant", "topKComparison needs a top-k entrant");
  const k = space.k;
  if (wBuf.length < T) wBuf = new Float64Array(2 * T);
  if (incBuf.length < n * T) incBuf = new Float64Array(2 * n * T);
  let total = 0;
  let maxCap = 0;
  for (let t = 0; t < T; t++) {
    total += inst.weights[t]!;
    if (inst.caps[t]! > maxCap) maxCap = inst.caps[t]!;
  }
  for (let t = 0; t < T; t++) wBuf[t] = inst.weights[t]! / total;
  for (let i = 0; i < n; i++) {
    const q = inst.incumbents[i]!;
    for (let t = 0; t < T; t++) incBuf[i * T + t] = q[t]!;
  }
  const s = scratch.use(inst.selection);
  const g = s.binaryGains(incBuf, n, T, wBuf, inst.caps);
  let scaleWR = 0;
  let scaleWWR = 0;
  for (let t = 0; t < T; t++) {
    scaleWR = Math.max(scaleWR, Math.abs(g.winrate[t]!));
    scaleWWR = Math.max(scaleWWR, Math.abs(g.weightedWinrate[t]!));
  }
  const bestWR = s.topKExtreme(g.winrate, g.welfare, T, k, tol * scaleWR, "max");
  const wrSet = s.chosenSet(k);
  const worstWWR = s.topKExtreme(g.weightedWinrate, g.welfare, T, k, tol * scaleWWR, "min");
  if (worstWWR >= bestWR - tol * maxCap) return { status: "pass" };
  const wwrSet = s.chosenSet(k);
  return {
    status: "hit",
    message:
      `worst weighted-winrate-optimal entrant {${wwrSet.map((t) => `t${t + 1}`).join(",")}} has ` +
      `U = ${(g.base + worstWWR).toPrecision(10)} < U = ${(g.base + bestWR).toPrecision(10)} of the best ` +
      `winrate-optimal entrant {${wrSet.map((t) => `t${t + 1}`).join(",")}}`,
    details: {
      k,
      winrateSet: wrSet,
      weightedWinrateSet: wwrSet,
      welfareWinrate: g.base + bestWR,
      welfareWeightedWinrate: g.base + worstWWR,
      gainWinrate: Array.from(g.winrate.subarray(0, T)),
      gainWeightedWinrate: Array.from(g.weightedWinrate.subarray(0, T)),
      gainWelfare: Array.from(g.welfare.subarray(0, T)),
    },
  };
}

/** The market file of a top-k hit: the entrant at its worst weighted-winrate-optimal set. */
export function topKMarket(inst: Instance, verdict: Verdict): MarketFile | undefined {
  if (verdict.status !== "hit") return undefined;
  const set = verdict.details.weightedWinrateSet as number[];
  return instanceMarketFile(
    inst,
    // `replace` re-solves the entrant already in the file against the same incumbents (`entry`
    // would add a second entrant and change the market)
    `${verdict.message}. The entrant (top-k) is shown at its weighted-winrate choice; run ` +
      "`modelmarket replace THIS_FILE --producer entrant --rules winrate,weighted-winrate` to see " +
      "both best responses and the welfare U each leads to.",
    [setQuality(set, inst.caps)],
  );
}
