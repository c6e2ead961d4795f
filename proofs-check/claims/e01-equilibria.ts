/**
 * Equilibrium claims of the simultaneous game: pure Nash equilibria under weighted winrate against
 * those under winrate, on the same random markets (solvers/marketGame.ts builds and solves the games).
 */

import { buildMarketGame, type MarketGame, profileOf, pureEquilibria } from "../../solvers/marketGame.js";
import { diversity, specialisationIndex } from "../../src/model/diversity.js";
import type { Market } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { defineClaim } from "../define.js";
import { instanceMarket, instanceMarketFile } from "../instance.js";
import { chance, intBetween, pick, randomWeights } from "../rng.js";
import type { Instance, Rng, Verdict } from "../types.js";
import { fmt, logitIn, randomBeta, unitCaps } from "./common.js";

/** A random game: 2-3 players with one shared space (top-k or a menu), 0-1 fixed binary incumbents. */
function generate(rng: Rng, spaceKind: "top-k" | "menu"): Instance {
  const T = intBetween(rng, 2, 4);
  const caps = new Array<number>(T).fill(1);
  const P = intBetween(rng, 2, 3);
  const incumbents = chance(rng, 0.3) ? [caps.map(() => (chance(rng, 0.5) ? 1 : 0))] : [];
  const space =
    spaceKind === "top-k"
      ? { kind: "top-k" as const, k: intBetween(rng, 1, T - 1) }
      : {
          kind: "menu" as const,
          options: Array.from({ length: intBetween(rng, 2, 4) }, () =>
            caps.map(() => (chance(rng, 0.4) ? 0 : pick(rng, [0.25, 0.5, 0.75, 1]))),
          ),
        };
  const selection = { rule: "logit" as const, beta: randomBeta(rng, 0.5, 20) };
  return {
    weights: randomWeights(rng, T),
    caps,
    incumbents,
    players: Array.from({ length: P }, () => structuredClone(space)),
    selection,
    params: {},
  };
}

interface Equilibrium {
  profile: number[];
  qualities: number[][];
  welfare: number;
  specialisation: number;
  diversity: number;
}

function equilibria(market: Market, game: MarketGame): Equilibrium[] {
  let scale = 0;
  for (const row of game.payoffs) for (const x of row) scale = Math.max(scale, Math.abs(x));
  const caps = market.tasks.map((t) => t.cap);
  return pureEquilibria(game, RELATIVE_TOLERANCE * Math.max(1, scale)).map(({ flat }) => {
    const profile = profileOf(game.shape, flat);
    const qualities = market.producers.map((p) => p.quality.slice());
    game.players.forEach((i, p) => {
      qualities[i] = game.strategies[p]![profile[p]!]!.slice();
    });
    const players = game.players.map((i) => qualities[i]!);
    return {
      profile,
      qualities,
      welfare: game.welfare[flat]!,
      specialisation: players.reduce((s, q) => s + specialisationIndex(q), 0) / players.length,
      diversity: diversity(qualities, caps).meanPairwiseDistance ?? 0,
    };
  });
}

type Measure = "welfare" | "specialisation" | "diversity";

/** `worst-best`: worst weighted-winrate equilibrium against the best winrate one; `best-best`: best against best. */
type Mode = "worst-best" | "best-best";

function compare(inst: Instance, measure: Measure, mode: Mode = "worst-best"): Verdict {
  const market = instanceMarket(inst);
  const wr = equilibria(market, buildMarketGame(market, "winrate"));
  const wwr = equilibria(market, buildMarketGame(market, "weighted-winrate"));
  if (wr.length === 0 || wwr.length === 0) return { status: "vacuous" };
  const worst =
    mode === "worst-best"
      ? wwr.reduce((a, b) => (b[measure] < a[measure] ? b : a))
      : wwr.reduce((a, b) => (b[measure] > a[measure] ? b : a));
  const best = wr.reduce((a, b) => (b[measure] > a[measure] ? b : a));
  if (worst[measure] >= best[measure] - RELATIVE_TOLERANCE * Math.max(1, Math.abs(best[measure]))) {
    return { status: "pass" };
  }
  const show = (e: Equilibrium) => e.profile.join(",");
  return {
    status: "hit",
    message:
      `${mode === "worst-best" ? "worst" : "best"} weighted-winrate equilibrium (strategies ${show(worst)}) has ${measure} ${fmt(worst[measure])} < ` +
      `${fmt(best[measure])} of the best winrate equilibrium (strategies ${show(best)}); ` +
      `${wwr.length} and ${wr.length} pure equilibria`,
    details: {
      measure,
      weightedWinrateEquilibrium: worst.qualities,
      winrateEquilibrium: best.qualities,
      weightedWinrateValue: worst[measure],
      winrateValue: best[measure],
      equilibriaWeightedWinrate: wwr.length,
      equilibriaWinrate: wr.length,
    },
  };
}

const validGame = (kind: "top-k" | "menu") => (inst: Instance) =>
  unitCaps(inst) &&
  inst.players.length >= 2 &&
  inst.players.every((p) => p.kind === kind) &&
  inst.players.length <= 3 &&
  inst.incumbents.length <= 1 &&
  inst.incumbents.every((q) => q.every((x) => x === 0 || x === 1)) &&
  logitIn(inst, 0.5, 20);

const HYP =
  "Unit caps; T in 2..4 tasks; 2 or 3 players sharing one strategy space; with prob. 0.3 one fixed incumbent " +
  "with random 0/1 qualities; weights uniform on [0.05, 1] (sometimes equal or with a zero); logit with beta " +
  "log-uniform on [0.5, 20] or an integer in 1..10 (the noise of C6). Pure Nash equilibria of " +
  "the game under each rule (solvers' buildMarketGame + pureEquilibria, regret tolerance 1e-9 max(1, payoff " +
  "scale)); instances where either rule's game has no pure equilibrium are vacuous.";

function market(inst: Instance, v: Verdict) {
  if (v.status !== "hit") return undefined;
  const q = v.details.weightedWinrateEquilibrium as number[][];
  return instanceMarketFile(
    inst,
    `${v.message}. Shown at the weighted-winrate equilibrium.`,
    q.slice(inst.incumbents.length),
  );
}

/** Equilibrium welfare: weighted winrate at least as good as winrate (worst against best). */
export const e1Welfare = defineClaim({
  id: "E1-welfare",
  title: "weighted-winrate equilibria have at least the welfare of winrate equilibria (top-k)",
  statement:
    "On the same market, every pure equilibrium under weighted winrate has U at least that of every pure " +
    "equilibrium under winrate (worst weighted-winrate equilibrium against the best winrate equilibrium, as in C6).",
  hypothesis: `${HYP} Space: top-k with k uniform in 1..T-1 (binary strategies, the setting where C6-binary holds).`,
  predicate: "Violation when min U over weighted-winrate equilibria < max U over winrate equilibria - 1e-9.",
  expectation: "holds",
  generate: (rng) => generate(rng, "top-k"),
  valid: validGame("top-k"),
  check: (inst) => compare(inst, "welfare"),
  market,
  module: import.meta.url,
});

/** The weaker, price-of-stability form: best against best. */
export const e1WelfareBest = defineClaim({
  id: "E1-welfare-best",
  title: "the best weighted-winrate equilibrium has at least the welfare of the best winrate one (top-k)",
  statement:
    "On the same market, the best pure equilibrium under weighted winrate has U at least that of the best pure " +
    "equilibrium under winrate.",
  hypothesis: `${HYP} Space: top-k with k uniform in 1..T-1.`,
  predicate: "Violation when max U over weighted-winrate equilibria < max U over winrate equilibria - 1e-9.",
  expectation: "holds",
  generate: (rng) => generate(rng, "top-k"),
  valid: validGame("top-k"),
  check: (inst) => compare(inst, "welfare", "best-best"),
  market,
  module: import.meta.url,
});

/** With menus (non-binary strategies) the welfare comparison fails, as C8 does for entry. */
export const e1WelfareMenu = defineClaim({
  id: "E1-welfare-menu",
  title: "with menu strategies, weighted-winrate equilibria can have lower welfare",
  statement:
    "With menu spaces of non-binary vectors, some market has a weighted-winrate equilibrium with lower U than a " +
    "winrate equilibrium (the equilibrium analogue of C8).",
  hypothesis: `${HYP} Space: a menu of 2..4 vectors with entries 0 (prob. 0.4) or one of 0.25, 0.5, 0.75, 1.`,
  predicate:
    "Counterexample when min U over weighted-winrate equilibria < max U over winrate equilibria - 1e-9.",
  expectation: "falsifiable",
  searchBudget: 5_000,
  generate: (rng) => generate(rng, "menu"),
  valid: validGame("menu"),
  check: (inst) => compare(inst, "welfare"),
  market,
  module: import.meta.url,
});

/** Differentiation: mean pairwise distance between all producers. */
export const e2Diversity = defineClaim({
  id: "E2-diversity",
  title: "weighted-winrate equilibria are at least as specialised/differentiated (top-k)",
  statement:
    "On the same market, every pure equilibrium under weighted winrate has a mean pairwise L1 distance between " +
    "producers (diversity().meanPairwiseDistance) at least that of every pure equilibrium under winrate. (With " +
    "top-k every strategy has the same specialisation index, so specialisation shows as differentiation.)",
  hypothesis: `${HYP} Space: top-k with k uniform in 1..T-1.`,
  predicate:
    "Violation when min over weighted-winrate equilibria of the mean pairwise distance < its max over winrate " +
    "equilibria - 1e-9 max(1, that max).",
  expectation: "holds",
  generate: (rng) => generate(rng, "top-k"),
  valid: validGame("top-k"),
  check: (inst) => compare(inst, "diversity"),
  market,
  module: import.meta.url,
});

/** Specialisation index with menus: fails. */
export const e2SpecialisationMenu = defineClaim({
  id: "E2-specialisation-menu",
  title: "with menu strategies, weighted-winrate equilibria can be less specialised",
  statement:
    "With menu spaces, some market has a weighted-winrate equilibrium whose players' mean specialisation index " +
    "(1 - H(q/sum q)/log T) is below that of a winrate equilibrium.",
  hypothesis: `${HYP} Space: a menu as in E1-welfare-menu.`,
  predicate:
    "Counterexample when min over weighted-winrate equilibria of the players' mean specialisation index < its max " +
    "over winrate equilibria - 1e-9.",
  expectation: "falsifiable",
  searchBudget: 5_000,
  generate: (rng) => generate(rng, "menu"),
  valid: validGame("menu"),
  check: (inst) => compare(inst, "specialisation"),
  market,
  module: import.meta.url,
});
