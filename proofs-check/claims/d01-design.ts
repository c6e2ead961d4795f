/**
 * Design claims (docs/design.md): what benchmark weights and rule families can do for consumers.
 *
 * - D-weights-2: some benchmark weighting within a factor 2 of the consumer weights makes the
 *   welfare-optimal top-k entrant the weighted-winrate best response (every tied best response at
 *   least as good for consumers).
 * - D-power-large: power-winrate with a large exponent (alpha = 8) never lowers welfare against
 *   alpha = 1 (a menu entrant).
 */

import { entrantBestResponse } from "../../solvers/bestResponse/index.js";
import { marginLp } from "../../solvers/design/weights.js";
import { createJslpBackend } from "../../solvers/finite/lp/jslp.js";
import { ColumnState } from "../../src/model/column.js";
import { consumerWelfare } from "../../src/model/evaluate.js";
import { payoffRule } from "../../src/model/payoffs.js";
import { enumerateQualities } from "../../src/model/strategies.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { defineClaim } from "../define.js";
import { instanceMarket, instanceMarketFile } from "../instance.js";
import { intBetween, mixedQuality } from "../rng.js";
import type { Instance, Verdict } from "../types.js";
import { fmt, randomBeta, randomMarket } from "./common.js";
import { addTopKEntrant, isTopKEntrantInstance } from "./topk.js";

const lp = createJslpBackend();

/** Entrant strategies with their weighted-winrate terms per task and their welfare. */
function entrantTable(inst: Instance): { qs: number[][]; terms: Float64Array[]; welfare: number[] } {
  const market = instanceMarket({ ...inst, players: [] });
  const space = inst.players[0]!;
  const qs = enumerateQualities(space, market.tasks);
  const n = market.producers.length + 1;
  const col = new ColumnState(market.selection);
  const term = payoffRule("weighted-winrate").taskTerm!;
  const terms = qs.map((q) =>
    Float64Array.from(market.tasks, (task, t) => {
      col.load([...market.producers.map((p) => p.quality[t]!), q[t]!], n, task.cap);
      return term(col, n - 1);
    }),
  );
  const welfare = qs.map((q) =>
    consumerWelfare({
      ...market,
      producers: [...market.producers, { name: "E", quality: q, space: { kind: "fixed" } }],
    }),
  );
  return { qs, terms, welfare };
}

function weightsCheck(inst: Instance): Verdict {
  const { qs, terms, welfare } = entrantTable(inst);
  const tol = RELATIVE_TOLERANCE * Math.max(1, ...inst.caps);
  const best = Math.max(...welfare);
  const top = welfare.indexOf(best); // the argmax: best is one of the elements, found as itself
  const below = terms.filter((_, s) => welfare[s]! < best - tol);
  if (below.length === 0) return { status: "vacuous" };
  const total = inst.weights.reduce((a, x) => a + x, 0);
  const w = inst.weights.map((x) => x / total);
  const r = marginLp(
    lp,
    terms[top]!,
    below,
    w.map((x) => x / 2),
    w.map((x) => Math.min(1, 2 * x)),
  );
  if (r.margin > tol) return { status: "pass" };
  return {
    status: "hit",
    message:
      `no b with w/2 <= b <= 2w makes the welfare-optimal entrant (${qs[top]!.map(fmt).join(", ")}, U = ${fmt(best)}) ` +
      `beat every worse strategy under weighted winrate (best margin ${r.margin.toExponential(3)})`,
    details: { optimal: qs[top], welfare: best, margin: r.margin },
  };
}

/** D-weights-2. */
export const dWeightsFactor2 = defineClaim({
  id: "D-weights-2",
  title: "benchmark weights within a factor 2 implement the welfare-optimal top-k entrant",
  statement:
    "With a top-k entrant and logit noise, some benchmark weighting b with w_t/2 <= b_t <= 2 w_t makes every " +
    "weighted-winrate best response of the entrant welfare-optimal.",
  hypothesis:
    "Unit caps. T in 2..6 tasks, n in 1..4 incumbents with mixed qualities (0, 1, quarter grid or uniform), " +
    "weights uniform on [0.05, 1] (sometimes equal, never all zero), k in 1..T-1, logit beta log-uniform on [0.1, 50].",
  predicate:
    "One LP (javascript-lp-solver): max m such that sum_t b_t (term_t(S*) - term_t(S)) >= m for every S with " +
    "U(S) < U(S*) - 1e-9, sum b = 1, w/2 <= b <= 2w, S* a welfare-optimal k-set (U from consumerWelfare); " +
    "the margin recomputed at the LP's b. Violation when it is not above 1e-9 max(1, max_t v_t).",
  expectation: "holds",
  generate: (rng) =>
    addTopKEntrant(
      rng,
      randomMarket(
        rng,
        { n: [1, 4], T: [2, 6], caps: "unit", quality: "mixed" },
        { rule: "logit", beta: randomBeta(rng) },
      ),
    ),
  valid: (inst) => isTopKEntrantInstance(inst) && inst.weights.length <= 6 && inst.weights.some((x) => x > 0),
  check: weightsCheck,
  market: (inst, v) =>
    v.status === "hit" ? instanceMarketFile(inst, v.message, [v.details.optimal as number[]]) : undefined,
  module: import.meta.url,
});

function powerCheck(inst: Instance): Verdict {
  const market = instanceMarket({ ...inst, players: [] });
  const entrant = { name: "E", space: inst.players[0]! };
  const large = entrantBestResponse(market, entrant, "power-winrate:alpha=8", { maxMaximisers: 1000 });
  const one = entrantBestResponse(market, entrant, "power-winrate:alpha=1", { maxMaximisers: 1000 });
  const tol = RELATIVE_TOLERANCE * Math.max(1, ...inst.caps);
  const worstLarge = Math.min(...large.maximisers.map((m) => m.welfare));
  const bestOne = Math.max(...one.maximisers.map((m) => m.welfare));
  if (worstLarge >= bestOne - tol) return { status: "pass" };
  const a = large.maximisers.find((m) => m.welfare === worstLarge)!;
  const b = one.maximisers.find((m) => m.welfare === bestOne)!;
  return {
    status: "hit",
    message: `alpha = 8 picks (${a.quality.map(fmt).join(", ")}) with U = ${fmt(worstLarge)}, alpha = 1 picks (${b.quality.map(fmt).join(", ")}) with U = ${fmt(bestOne)}`,
    details: { large: a.quality, welfareLarge: worstLarge, one: b.quality, welfareOne: bestOne },
  };
}

/** D-power-large. */
export const dPowerLarge = defineClaim({
  id: "D-power-large",
  title: "power-winrate with a large exponent never lowers welfare against alpha = 1",
  statement:
    "With a menu entrant and logit noise, the worst power-winrate:alpha=8 best response gives at least the welfare " +
    "of the best power-winrate:alpha=1 best response.",
  hypothesis:
    "Unit caps. T in 2..5 tasks, n in 1..4 incumbents and a menu of 2..5 options, all with mixed qualities (0, 1, " +
    "quarter grid or uniform), weights uniform on [0.05, 1], logit beta log-uniform on [0.1, 50].",
  predicate:
    "Best responses (all ties) from entrantBestResponse under both rules; violation when min U(alpha = 8) < " +
    "max U(alpha = 1) - 1e-9 max(1, max_t v_t).",
  expectation: "holds",
  generate: (rng) => {
    const inst = randomMarket(
      rng,
      { n: [1, 4], T: [2, 5], caps: "unit", quality: "mixed" },
      { rule: "logit", beta: randomBeta(rng) },
    );
    const options = Array.from({ length: intBetween(rng, 2, 5) }, () =>
      inst.caps.map((v) => mixedQuality(rng, v)),
    );
    inst.players = [{ kind: "menu", options }];
    return inst;
  },
  valid: (inst) =>
    inst.players.length === 1 && inst.players[0]!.kind === "menu" && inst.incumbents.length >= 1,
  check: powerCheck,
  market: (inst, v) =>
    v.status === "hit" ? instanceMarketFile(inst, v.message, [v.details.large as number[]]) : undefined,
  module: import.meta.url,
});
