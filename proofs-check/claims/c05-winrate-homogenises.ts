/**
 * C5 winrate homogenises: entry and replacement instances where the winrate-optimal choice copies an
 * existing producer while specialising gives strictly higher welfare.
 */

import {
  bestResponse,
  entrantBestResponse,
  welfareOptimalEntrant,
  welfareOptimalResponse,
} from "../../solvers/bestResponse/index.js";
import { topKQuality } from "../../src/model/strategies.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { defineClaim } from "../define.js";
import { instanceMarket, instanceMarketFile } from "../instance.js";
import { intBetween, pick, randomWeights } from "../rng.js";
import type { Instance, Rng, Verdict } from "../types.js";
import { fmt, logitIn, randomBeta, unitCaps } from "./common.js";

function sameVector(a: readonly number[], b: readonly number[]): boolean {
  return a.every((x, t) => x === b[t]);
}

/** Incumbents covering random k-sets; an entrant (or producer 0) with a top-k space of the same k. */
function generate(rng: Rng, nMin: number): Instance {
  const T = intBetween(rng, 2, 4);
  const k = intBetween(rng, 1, T - 1);
  const n = intBetween(rng, nMin, 3);
  const caps = new Array<number>(T).fill(1);
  const incumbents = Array.from({ length: n }, () => {
    const order = Array.from({ length: T }, (_, t) => t);
    for (let a = T - 1; a > 0; a--) {
      const b = intBetween(rng, 0, a);
      [order[a], order[b]] = [order[b]!, order[a]!];
    }
    return topKQuality(
      order.slice(0, k),
      caps.map((v, t) => ({ name: `t${t}`, weight: 1, cap: v })),
    );
  });
  const selection =
    pick(rng, ["logit", "epsilon"] as const) === "logit"
      ? { rule: "logit" as const, beta: randomBeta(rng, 0.1, 20) }
      : { rule: "epsilon" as const, eps: rng() };
  return {
    weights: randomWeights(rng, T),
    caps,
    incumbents,
    players: [{ kind: "top-k", k }],
    selection,
    params: {},
  };
}

const HYPOTHESIS_BASE =
  "Unit caps; T in 2..4 tasks; k uniform in 1..T-1; incumbents each cover a uniformly random k-set (quality 1 " +
  "there, 0 elsewhere); weights uniform on [0.05, 1] (sometimes equal or with a zero); logit (beta log-uniform on " +
  "[0.1, 20] or an integer in 1..10) or epsilon (eps uniform on [0, 1]).";

function witness(
  who: string,
  others: readonly (readonly number[])[],
  wr: ReturnType<typeof bestResponse>,
  welfare: ReturnType<typeof bestResponse>,
): Verdict {
  const tol = RELATIVE_TOLERANCE;
  const copies = (q: readonly number[]) => others.some((o) => sameVector(o, q));
  if (!wr.maximisers.every((m) => copies(m.quality))) return { status: "pass" };
  const bestWR = Math.max(...wr.maximisers.map((m) => m.welfare));
  const spec = welfare.maximisers.find((m) => !copies(m.quality) && m.welfare > bestWR + tol);
  if (spec === undefined) return { status: "pass" };
  return {
    status: "hit",
    message:
      `every winrate-optimal ${who} copies an existing producer (best U = ${fmt(bestWR)}); specialising at ` +
      `(${spec.quality.join(",")}) gives U = ${fmt(spec.welfare)}`,
    details: {
      winrateChoices: wr.maximisers.map((m) => m.quality),
      winrateWelfare: bestWR,
      specialise: spec.quality,
      specialiseWelfare: spec.welfare,
    },
  };
}

const valid = (inst: Instance) =>
  unitCaps(inst) &&
  (logitIn(inst, 0.1, 20) || inst.selection.rule === "epsilon") &&
  inst.players.length === 1 &&
  inst.players[0]!.kind === "top-k" &&
  inst.incumbents.length >= 1;

/** C5 for entry. */
export const c05Entry = defineClaim({
  id: "C5-entry",
  title: "winrate makes an entrant copy (entry)",
  statement:
    "There are entry instances where the winrate-optimal entrant copies an incumbent while specialising gives " +
    "strictly higher U.",
  hypothesis: `${HYPOTHESIS_BASE} n in 1..3 incumbents; the entrant has a top-k space.`,
  predicate:
    "Witness when every winrate maximiser of the entrant (solvers' entrantBestResponse, all ties) equals some " +
    "incumbent's vector, and some welfare-optimal entrant (welfareOptimalEntrant) equals no incumbent and has U " +
    "greater than the best winrate maximiser's U by more than 1e-9.",
  expectation: "witness",
  searchBudget: 20_000,
  generate: (rng) => generate(rng, 1),
  valid,
  check: (inst) => {
    const market = instanceMarket({ ...inst, players: [] });
    const entrant = { name: "entrant", space: inst.players[0]! };
    return witness(
      "entrant",
      inst.incumbents,
      entrantBestResponse(market, entrant, "winrate"),
      welfareOptimalEntrant(market, entrant),
    );
  },
  market: (inst, v) =>
    v.status === "hit"
      ? instanceMarketFile(inst, `${v.message}. The entrant is shown copying.`, [
          (v.details.winrateChoices as number[][])[0]!,
        ])
      : undefined,
  module: import.meta.url,
});

/** C5 for replacement: producer 1 (the first incumbent) re-chooses. */
export const c05Replacement = defineClaim({
  id: "C5-replacement",
  title: "winrate makes a replacing producer copy (replacement)",
  statement:
    "There are replacement instances where the winrate-optimal new strategy of an existing producer copies another " +
    "producer while specialising gives strictly higher U.",
  hypothesis: `${HYPOTHESIS_BASE} n in 2..3 producers; the first (inc1) re-chooses within its top-k space.`,
  predicate:
    "Witness when every winrate maximiser of producer inc1 (solvers' bestResponse, all ties) equals another " +
    "producer's vector, and some welfare-optimal response (welfareOptimalResponse) equals no other producer and has " +
    "U greater than the best winrate maximiser's U by more than 1e-9.",
  expectation: "witness",
  searchBudget: 20_000,
  generate: (rng) => generate(rng, 2),
  valid: (inst) => valid(inst) && inst.incumbents.length >= 2,
  check: (inst) => {
    const market = instanceMarket({ ...inst, players: [] });
    const space = inst.players[0]!;
    return witness(
      "replacement",
      inst.incumbents.slice(1),
      bestResponse(market, 0, "winrate", { space }),
      welfareOptimalResponse(market, 0, { space }),
    );
  },
  module: import.meta.url,
});
