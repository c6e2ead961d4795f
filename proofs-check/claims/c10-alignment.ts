/**
 * C10 alignment: under marginal-contribution the entrant's best response maximises U.
 */

import { entrantBestResponse } from "../../solvers/bestResponse/index.js";
import { consumerWelfare } from "../../src/model/evaluate.js";
import { enumerateQualities } from "../../src/model/strategies.js";
import type { StrategySpace } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { defineClaim } from "../define.js";
import { instanceMarket, instanceMarketFile } from "../instance.js";
import { intBetween, mixedQuality, pick, uniform } from "../rng.js";
import type { Instance, Rng } from "../types.js";
import { ALL_RULES, fmt, randomMarket, randomSelection } from "./common.js";

function randomSpace(rng: Rng, caps: readonly number[]): StrategySpace {
  const T = caps.length;
  switch (pick(rng, ["top-k", "menu", "grid"] as const)) {
    case "top-k":
      return { kind: "top-k", k: intBetween(rng, 1, T) };
    case "menu":
      return {
        kind: "menu",
        options: Array.from({ length: intBetween(rng, 1, 5) }, () => caps.map((v) => mixedQuality(rng, v))),
      };
    case "grid": {
      const K = intBetween(rng, 1, 6);
      const production = pick(rng, [
        { kind: "linear" as const },
        { kind: "power" as const, a: Number(uniform(rng, 0.3, 3).toFixed(3)) },
        { kind: "exponential" as const, k: Number(uniform(rng, 0.5, 5).toFixed(3)) },
      ]);
      return { kind: "grid", budget: 1, step: Number((1 / K).toFixed(4)), production };
    }
  }
}

/** C10. */
export const c10Alignment = defineClaim({
  id: "C10",
  title: "marginal contribution aligns the entrant with welfare",
  statement: "Under the marginal-contribution payoff, the entrant's best response maximises U.",
  hypothesis:
    "n in 1..4 incumbents, T in 1..4 tasks, weights uniform on [0.05, 1] (sometimes equal or with a zero), caps 1 " +
    "or uniform on [0.2, 2], incumbent qualities 0, v_t, quarter grid or uniform; selection perfect, epsilon, logit " +
    "or probit (as in C1); the entrant's space top-k (k in 1..T), a menu of 1..5 random vectors, or a grid " +
    "(budget 1, K in 1..6 units, linear / power / exponential production).",
  predicate:
    "Every maximiser of the solvers' entrantBestResponse under marginal-contribution (all ties) must have U >= " +
    "max over the whole space of U - 1e-9 max(1, max_t v_t) (the space enumerated, U from consumerWelfare), and " +
    "its reported welfare must match consumerWelfare within the same tolerance.",
  expectation: "holds",
  generate: (rng) => {
    const inst = randomMarket(
      rng,
      { n: [1, 4], T: [1, 4], caps: rng() < 0.5 ? "unit" : "random", quality: "mixed" },
      randomSelection(rng, ALL_RULES),
    );
    inst.players = [randomSpace(rng, inst.caps)];
    return inst;
  },
  valid: (inst) => inst.players.length === 1 && inst.incumbents.length >= 1,
  check: (inst: Instance) => {
    const market = instanceMarket({ ...inst, players: [] });
    const space = inst.players[0]!;
    const br = entrantBestResponse(market, { name: "entrant", space }, "marginal-contribution");
    const welfareWith = (q: readonly number[]) =>
      consumerWelfare({
        ...market,
        producers: [...market.producers, { name: "entrant", quality: q.slice(), space: { kind: "fixed" } }],
      });
    let maxU = Number.NEGATIVE_INFINITY;
    let argmax: number[] = [];
    for (const q of enumerateQualities(space, market.tasks)) {
      const u = welfareWith(q);
      if (u > maxU) {
        maxU = u;
        argmax = q;
      }
    }
    const tol = RELATIVE_TOLERANCE * Math.max(1, ...inst.caps);
    for (const m of br.maximisers) {
      const u = welfareWith(m.quality);
      if (Math.abs(u - m.welfare) > tol || u < maxU - tol) {
        return {
          status: "hit",
          message:
            `marginal-contribution maximiser (${m.quality.map(fmt).join(", ")}) has U = ${fmt(u)} (reported ` +
            `${fmt(m.welfare)}), but (${argmax.map(fmt).join(", ")}) gives U = ${fmt(maxU)}`,
          details: { maximiser: m.quality, welfare: u, reported: m.welfare, best: argmax, bestWelfare: maxU },
        };
      }
    }
    return { status: "pass" };
  },
  market: (inst, v) =>
    v.status === "hit" ? instanceMarketFile(inst, v.message, [v.details.maximiser as number[]]) : undefined,
  module: import.meta.url,
});
