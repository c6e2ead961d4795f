/**
 * The flag table of `modelmarket nash`: what `nash --help` shows and the parser reads. The run is in
 * `nash.ts`, imported only to run, so that help and flag errors load no solver code.
 */
import { DEFAULT_DYNAMICS_TOLERANCE } from "../../solvers/finite/dynamics/defaults.js";
import {
  DYNAMICS_DEFAULT_ITERATIONS,
  DYNAMICS_METHODS,
  METHOD_INFO,
} from "../../solvers/finite/methods/catalog.js";
import { DEFAULT_MAX_EVALUATIONS, DEFAULT_MAX_VERTICES } from "../../solvers/finite/methods/limits.js";
import {
  DEFAULT_GNM_MAX_WORK,
  DEFAULT_GNM_STARTS,
  DEFAULT_MAX_BOXES_PER_SUPPORT,
  DEFAULT_MAX_SUPPORTS,
  DEFAULT_SIMPDIV_MAX_PIVOTS,
  DEFAULT_SIMPDIV_MAX_WORK,
  DEFAULT_SIMPDIV_STARTS,
  DEFAULT_SIMPDIV_TOLERANCE,
} from "../../solvers/finite/nplayer/defaults.js";
import { DEFAULT_MARKET_RULE } from "../../solvers/marketGameRule.js";
import { MAX_NFG_PROFILES } from "../../src/limits.js";
import type { CommandSpec } from "../command.js";
import { MARKET_FLAGS } from "../marketFlags.js";

export const spec: CommandSpec = {
  name: "nash",
  summary:
    "equilibria of a finite normal-form game (.nfg file, or the producer game of a market file with finite spaces)",
  usage:
    "modelmarket nash FILE [--method enumpure|enummixed|lcp|enumpoly|gnm|simpdiv|lp|fp|replicator|regret|logit] [--decimals k] [--json | --csv]\n       modelmarket nash FILE... --jsonl | modelmarket nash --stdin [flags]",
  examples: [
    "modelmarket nash examples/degenerate.nfg",
    "modelmarket nash examples/degenerate.nfg --method lcp --decimals 4",
    "modelmarket nash examples/degenerate.nfg --method enummixed --convex --json",
    "modelmarket nash examples/three-players.nfg --method enumpure",
    "modelmarket nash examples/degenerate.nfg --csv",
    "modelmarket nash examples/three-players.nfg --method enumpoly",
    "modelmarket nash examples/three-players.nfg --method gnm --starts 20 --seed 7 --json",
    "modelmarket nash examples/three-players.nfg --method simpdiv --starts 3 --decimals 4",
    "modelmarket nash examples/constant-sum.nfg --method lp",
    "modelmarket nash examples/constant-sum.nfg --method fp --seed 7 --tolerance 1e-3 --iterations 200000",
    "modelmarket nash examples/three-players.nfg --method logit --decimals 4",
    "modelmarket nash examples/c2-two-producers.json --rule weighted-winrate --decimals 4",
    "modelmarket nash examples/c2-two-producers.json --method enumpure --rule winrate --selection logit:beta=8",
    "modelmarket nash examples/degenerate.nfg examples/battle-of-the-sexes.nfg --jsonl",
    "modelmarket nash --stdin --method enumpure < examples/three-players.nfg",
  ],
  flags: [
    {
      name: "method",
      kind: "string",
      placeholder: "METHOD",
      help: `${Object.keys(METHOD_INFO).join(" | ")} (default enummixed for 2 players, else enumpure)`,
    },
    {
      name: "decimals",
      kind: "integer",
      placeholder: "K",
      help: "print probabilities as decimals with K digits (floating methods: default 6)",
    },
    { name: "json", kind: "boolean", help: "print JSON instead of NE lines" },
    {
      name: "csv",
      kind: "boolean",
      help: "print tidy CSV instead of NE lines: equilibrium, player, strategy, probability (as in --json), decimal, regret, values (lp)",
    },
    {
      name: "jsonl",
      kind: "boolean",
      help: "many games in one process (several FILEs, or --stdin): one JSON line per game, in order; a bad game gets its error on its line and the others go on (also implied by several FILEs)",
    },
    {
      name: "stdin",
      kind: "boolean",
      help: "read a stream of .nfg games from standard input (a new game at each line starting with NFG); one JSON line per game",
    },
    {
      name: "convex",
      kind: "boolean",
      help: "enummixed: also print the maximal convex sets (convex-K lines)",
    },
    {
      name: "max-pivots",
      kind: "integer",
      placeholder: "N",
      help: `lcp: pivot cap per path (default 100000); simpdiv: label cap per start, over all its grids (default ${DEFAULT_SIMPDIV_MAX_PIVOTS})`,
    },
    { name: "start-only", kind: "boolean", help: "lcp: only paths from the artificial equilibrium" },
    {
      name: "lcp-variant",
      kind: "string",
      placeholder: "V",
      help: "lcp: modelmarket (default) or gambit: Gambit's payoff shift, lexicographic rule and search order, so degenerate games list exactly what gambit-lcp prints, in its order",
    },
    {
      name: "max-vertices",
      kind: "number",
      placeholder: "N",
      help: `enummixed: refuse games whose best-response polytopes may have more than N vertices (upper-bound theorem; default ${DEFAULT_MAX_VERTICES.toExponential()}: square games to 19 x 19)`,
    },
    {
      name: "max-paths",
      kind: "number",
      placeholder: "N",
      help: "lcp: refuse a search once it would follow more than N Lemke-Howson paths (default: as many as fit in half the heap at 192 (m + n + 1) bytes a path, 185,000 at 30 x 30 with a 4 GB heap; --start-only is not limited)",
    },
    {
      name: "max-evaluations",
      kind: "number",
      placeholder: "N",
      help: `fp, replicator, regret, logit: refuse more than N payoff evaluations, iterations x profiles x players (default ${DEFAULT_MAX_EVALUATIONS.toExponential()})`,
    },
    {
      name: "max-supports",
      kind: "number",
      placeholder: "N",
      help: `enumpoly: refuse games with more than N support profiles, prod (2^n_p - 1) (default ${DEFAULT_MAX_SUPPORTS.toExponential()}; 3x3x3 has 343)`,
    },
    {
      name: "max-boxes",
      kind: "number",
      placeholder: "N",
      help: `enumpoly: boxes of one support's certified subdivision before that support is reported undecided (default ${DEFAULT_MAX_BOXES_PER_SUPPORT})`,
    },
    {
      name: "starts",
      kind: "integer",
      placeholder: "N",
      help: `gnm: number of seeded rays followed (default ${DEFAULT_GNM_STARTS}); simpdiv: number of starts, the first every player's first strategy, the others seeded random pure profiles (default ${DEFAULT_SIMPDIV_STARTS})`,
    },
    {
      name: "max-work",
      kind: "number",
      placeholder: "N",
      help: `gnm: refuse more than N payoff multiply-adds in the bound starts x steps x profiles x players^2 (default ${DEFAULT_GNM_MAX_WORK.toExponential()}); simpdiv: in the bound starts x max-pivots x profiles x players (default ${DEFAULT_SIMPDIV_MAX_WORK.toExponential()})`,
    },
    {
      name: "float",
      kind: "boolean",
      help: "simpdiv: compute the labels in doubles instead of exact integers (faster; the answer's regret is still checked exactly)",
    },
    {
      name: "iterations",
      kind: "integer",
      placeholder: "N",
      help: `fp, replicator, regret, logit: iteration cap (defaults ${DYNAMICS_METHODS.map((m) => `${m} ${DYNAMICS_DEFAULT_ITERATIONS[m]}`).join(", ")})`,
    },
    {
      name: "tolerance",
      kind: "number",
      placeholder: "X",
      help: `fp, replicator, regret, logit: converged when every player's regret <= X * that player's own payoff range (default ${DEFAULT_DYNAMICS_TOLERANCE.toExponential()}); simpdiv: the grid is refined until then (default ${DEFAULT_SIMPDIV_TOLERANCE.toExponential()})`,
    },
    {
      name: "seed",
      kind: "string",
      placeholder: "S",
      help: "fp, gnm and simpdiv (default modelmarket), replicator (random interior start; default uniform): seed, same seed same output",
    },
    {
      name: "rule",
      kind: "string",
      placeholder: "R",
      help: `market files: payoff rule of the producer game (default ${DEFAULT_MARKET_RULE}); payoffs become exact rationals by their binary value`,
    },
    {
      name: "snap",
      kind: "boolean",
      help: "market files: snap each producer's payoffs equal within the tolerance (1e-9 x its payoff range) to one value before the exact solve",
    },
    ...MARKET_FLAGS.filter((f) => f.name === "selection" || f.name === "weights"),
    {
      name: "max-profiles",
      kind: "integer",
      placeholder: "N",
      help: `largest game read, in pure profiles (default ${MAX_NFG_PROFILES} for .nfg files, 200000 for market files)`,
    },
  ],
};
