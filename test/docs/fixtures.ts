/**
 * The values the `@example`s of the public API refer to without defining them (test/docs/doc-comment-examples.test.ts):
 * small shipped inputs, so that every example runs as written.
 */
import fastCheck from "fast-check";
import seedrandomModule from "seedrandom";
import { comparisonsFrom } from "../../empirical/ratings/comparisons.js";
import { runEmpiricalStudy } from "../../empirical/study.js";
import { BUILTIN_CLAIMS } from "../../proofs-check/claims/index.js";
import { generateInstance } from "../../proofs-check/runner.js";
import { fromBimatrix } from "../../solvers/finite/game.js";
import { Rational } from "../../solvers/finite/rational.js";
import { readMarketFile } from "../../src/io/marketFile.js";
import { readPairwise } from "../../src/io/pairwise.js";
import { readScoreTable } from "../../src/io/scoreTable.js";
import { REPO_ROOT } from "../helpers/paths.js";

process.chdir(REPO_ROOT); // examples name shipped files relative to the repository root

/** examples/three-producers.json (every producer fixed). */
export const market = readMarketFile("examples/three-producers.json");
/** Its tasks. */
export const tasks = market.tasks;
/** A market of two strategic producers A and B (top-k spaces), for the producer-game examples. */
export const twoPlayerMarket = readMarketFile("test/fixtures/markets/c2-two-producers.json");
/** A shipped score table. */
export const table = readScoreTable("data/mtbench101_task_scores.csv");
/** The shipped WildBench v2 score table and its pairwise judgements (same 53 models, 5 task categories). */
export const wildbenchTable = readScoreTable("data/wildbench_v2_task_scores.csv");
export const pairwise = readPairwise("data/wildbench_v2_pairwise_by_category.csv");
/** Their overall comparisons (the WildBench `ALL` rows) per pair of models. */
export const comp = comparisonsFrom(pairwise, { overall: true });
/** Matching pennies. */
export const pennies = fromBimatrix(
  [
    [1, -1],
    [-1, 1],
  ],
  [
    [-1, 1],
    [1, -1],
  ],
);
export const matchingPennies = pennies;
/** A two-player game (matching pennies), and the same under the name `g`. */
export const game = pennies;
export const g = pennies;
/** Rock-paper-scissors. */
export const rockPaperScissors = fromBimatrix(
  [
    [0, -1, 1],
    [1, 0, -1],
    [-1, 1, 0],
  ],
  [
    [0, 1, -1],
    [-1, 0, 1],
    [1, -1, 0],
  ],
);
/** The prisoner's dilemma (cooperate, defect). */
export const prisonersDilemma = fromBimatrix(
  [
    [3, 0],
    [5, 1],
  ],
  [
    [3, 5],
    [0, 1],
  ],
);
/** The exact 1/2 and the mixed profile of matching pennies' equilibrium. */
export const half = Rational.parse("1/2");
export const profile = [
  [half, half],
  [half, half],
];
/** The property-testing package (`import fc from "fast-check"`), for the proofs-check arbitraries. */
export const fc = fastCheck;
/** The seeded generator package (`seedrandom.alea(seed)`). */
export const seedrandom = seedrandomModule;
/** A built-in claim (C6) and one of its generated instances. */
export const claim = BUILTIN_CLAIMS.find((c) => c.id === "C6")!;
export const myClaim = claim;
export const inst = generateInstance(claim, "1", 0);
/** A small empirical study of the shipped MT-Bench-101 table (with a three-point noise sweep). */
export const report = runEmpiricalStudy(table, {
  selection: { rule: "logit", beta: 20 },
  normalization: { kind: "scale", max: 10 },
  sweep: { parameter: "beta", values: [1, 10, 100] },
});
