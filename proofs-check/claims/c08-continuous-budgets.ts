/**
 * C8 continuous budgets: with an effort-budget entrant (grid of effort units) C6's conclusion can fail.
 */
import { ColumnState } from "../../src/model/column.js";
import { produce } from "../../src/model/production.js";
import { gridUnits } from "../../src/model/strategies.js";
import type { Production, StrategySpace } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { defineClaim } from "../define.js";
import { instanceMarketFile } from "../instance.js";
import { intBetween, pick, uniform } from "../rng.js";
import type { Instance, Verdict } from "../types.js";
import { binaryIncumbents, column, fmt, logitIn, randomBeta, randomMarket, unitCaps } from "./common.js";

interface Allocation {
  units: number[];
  wr: number;
  wwr: number;
  u: number;
}

/** Every allocation of at most K units over T tasks, with the entrant's payoffs and welfare. */
function allocations(inst: Instance): { list: Allocation[]; step: number } {
  const space = inst.players[0] as { kind: "grid"; budget: number; step: number; production: Production };
  const K = gridUnits(space);
  const T = inst.weights.length;
  const n = inst.incumbents.length;
  const total = inst.weights.reduce((s, w) => s + w, 0);
  const col = new ColumnState(inst.selection);
  // per task and unit count: weighted terms
  const wr: number[][] = [];
  const wwr: number[][] = [];
  const u: number[][] = [];
  for (let t = 0; t < T; t++) {
    const w = inst.weights[t]! / total;
    const v = inst.caps[t]!;
    const c = column(inst, t, [0]);
    wr.push([]);
    wwr.push([]);
    u.push([]);
    for (let a = 0; a <= K; a++) {
      const q = v * produce(space.production, a * space.step);
      c[n] = q;
      col.load(c, n + 1, v);
      wr[t]!.push(w * col.pi[n]!);
      wwr[t]!.push(w * col.pi[n]! * q);
      u[t]!.push(w * col.welfare);
    }
  }
  const list: Allocation[] = [];
  const units = new Array<number>(T).fill(0);
  const rec = (t: number, left: number, a: number, b: number, c: number) => {
    if (t === T) {
      list.push({ units: units.slice(), wr: a, wwr: b, u: c });
      return;
    }
    for (let x = 0; x <= left; x++) {
      units[t] = x;
      rec(t + 1, left - x, a + wr[t]![x]!, b + wwr[t]![x]!, c + u[t]![x]!);
    }
    units[t] = 0;
  };
  rec(0, K, 0, 0, 0);
  return { list, step: space.step };
}

/** The grid hypothesis: budget in [1, 2], 2..8 units, production parameters in their ranges. */
function validGrid(space: StrategySpace): boolean {
  if (space.kind !== "grid") return false;
  const K = gridUnits(space);
  if (!(space.budget >= 1 && space.budget <= 2 && K >= 2 && K <= 8)) return false;
  const p = space.production;
  if (p.kind === "power") return p.a >= 0.3 && p.a <= 3;
  if (p.kind === "exponential") return p.k >= 0.5 && p.k <= 5;
  return true;
}

function check(inst: Instance): Verdict {
  const { list, step } = allocations(inst);
  const maxCap = Math.max(...inst.caps);
  const tol = RELATIVE_TOLERANCE * maxCap;
  let maxWR = Number.NEGATIVE_INFINITY;
  let maxWWR = Number.NEGATIVE_INFINITY;
  for (const a of list) {
    maxWR = Math.max(maxWR, a.wr);
    maxWWR = Math.max(maxWWR, a.wwr);
  }
  let best: Allocation | undefined;
  let worst: Allocation | undefined;
  for (const a of list) {
    if (a.wr >= maxWR - RELATIVE_TOLERANCE && (best === undefined || a.u > best.u)) best = a;
    if (a.wwr >= maxWWR - tol && (worst === undefined || a.u < worst.u)) worst = a;
  }
  if (worst!.u >= best!.u - tol) return { status: "pass" };
  const effort = (x: Allocation) => x.units.map((k) => Number((k * step).toPrecision(12)));
  return {
    status: "hit",
    message:
      `worst weighted-winrate-optimal effort (${effort(worst!).join(", ")}) gives U = ${fmt(worst!.u)} < ` +
      `U = ${fmt(best!.u)} of the best winrate-optimal effort (${effort(best!).join(", ")})`,
    details: {
      winrateEffort: effort(best!),
      weightedWinrateEffort: effort(worst!),
      welfareWinrate: best!.u,
      welfareWeightedWinrate: worst!.u,
    },
  };
}

/** C8. */
export const c08ContinuousBudgets = defineClaim({
  id: "C8",
  title: "with an effort-budget entrant, weighted winrate can hurt",
  statement:
    "With a budget/grid entrant (effort split across tasks, quality v_t f(e_t)) the conclusion of C6 can fail: " +
    "some instance has U(worst weighted-winrate-optimal entrant) < U(best winrate-optimal entrant).",
  hypothesis:
    "Unit caps; T in 2..4 tasks; n in 1..4 incumbents with q_{i,t} in {0, 1} (fair coin) — the setting where the " +
    "top-k version (C6-binary) holds; weights uniform on [0.05, 1] (sometimes equal or with a zero); logit with beta " +
    "log-uniform on [0.1, 50] or an integer in 1..10; the entrant has a grid space: budget in {1, 1.5, 2}, K in 2..8 " +
    "units (step = budget/K rounded to 4 decimals), production linear, power(a), a uniform on [0.3, 3], or " +
    "exponential(k), k uniform on [0.5, 5]. In scope (what the shrinker keeps): budget in [1, 2], 2..8 units " +
    "floor(budget/step), a in [0.3, 3], k in [0.5, 5], beta in [0.1, 50], T >= 2, 0/1 incumbents, unit caps.",
  predicate:
    "Every allocation of the grid is enumerated; payoffs and U are sums of per-task terms from the model's " +
    "ColumnState. Maximisers: payoff >= max - 1e-9 (sum level). Counterexample when min U over weighted-winrate " +
    "maximisers < max U over winrate maximisers - 1e-9 max_t v_t.",
  expectation: "falsifiable",
  searchBudget: 50_000,
  generate: (rng) => {
    const inst = randomMarket(
      rng,
      { n: [1, 4], T: [2, 4], caps: "unit", quality: "binary" },
      {
        rule: "logit",
        beta: randomBeta(rng),
      },
    );
    const budget = pick(rng, [1, 1.5, 2]);
    const K = intBetween(rng, 2, 8);
    const step = Number((budget / K).toFixed(4));
    const kind = pick(rng, ["linear", "power", "exponential"] as const);
    const production: Production =
      kind === "linear"
        ? { kind }
        : kind === "power"
          ? { kind, a: Number(uniform(rng, 0.3, 3).toFixed(3)) }
          : { kind, k: Number(uniform(rng, 0.5, 5).toFixed(3)) };
    inst.players = [{ kind: "grid", budget, step, production }];
    return inst;
  },
  valid: (inst) =>
    inst.players.length === 1 &&
    validGrid(inst.players[0]!) &&
    inst.incumbents.length >= 1 &&
    inst.weights.length >= 2 &&
    logitIn(inst, 0.1, 50) &&
    unitCaps(inst) &&
    binaryIncumbents(inst),
  check,
  market: (inst, v) => {
    if (v.status !== "hit") return undefined;
    const space = inst.players[0] as { kind: "grid"; production: Production };
    const effort = v.details.weightedWinrateEffort as number[];
    const quality = effort.map((e, t) => inst.caps[t]! * produce(space.production, e));
    return instanceMarketFile(inst, `${v.message}. The entrant is shown at its weighted-winrate choice.`, [
      quality,
    ]);
  },
  module: import.meta.url,
});
