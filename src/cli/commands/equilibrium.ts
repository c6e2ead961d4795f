/**
 * `modelmarket equilibrium FILE [--rule R]`: equilibria of the simultaneous producer game (every
 * producer whose space is not `fixed` moves), with welfare, diversity, the welfare optimum and the
 * prices of anarchy and stability. Runs that do not converge are reported as such, never as equilibria.
 */

import { type Equilibrium, solveEquilibria } from "../../../solvers/index.js";
import { formatSelection } from "../../model/selection/index.js";
import { describeSpace } from "../../model/strategies.js";
import type { Market } from "../../model/types.js";
import { flagString, requirePositional } from "../args.js";
import type { Command } from "../command.js";
import { loadMarket, MARKET_FLAGS } from "../marketInput.js";
import { fmt, table } from "../render.js";
import { emit, positiveInt, rulesFlag, SOLVER_FLAGS, strategyText } from "./entry.js";

function foundBy(sources: readonly string[]): string {
  const runs = sources.filter((s) => s.includes("dynamics")).length;
  const other = sources.filter((s) => !s.includes("dynamics"));
  return [...other, ...(runs > 0 ? [`${runs} converged dynamics run(s)`] : [])].join("; ");
}

function equilibriumLines(e: Equilibrium, k: number, market: Market): string[] {
  const head = `${e.kind} equilibrium ${k + 1}: U = ${fmt(e.welfare)}, mean pairwise distance ${fmt(e.diversity.meanPairwiseDistance)}, unique-best tasks ${e.diversity.uniqueBestTasks}${e.certified ? "" : `, epsilon = ${e.epsilon.toExponential(2)}`}`;
  const rows = e.producers.map((p, i) => [
    p.name,
    p.mixture
      ? p.mixture.map((m) => `${fmt(m.probability, 3)} ${m.label}`).join(" + ")
      : p.strategic
        ? strategyText(p, market)
        : "fixed",
    fmt(p.payoff),
    p.regret ? p.regret.regretBound.toExponential(1) : "-",
    fmt(e.expectedDiversity ? e.expectedDiversity.specialisation[i] : e.diversity.specialisation[i], 3),
  ]);
  return [
    head,
    table(["producer", "strategy", "payoff", "regret<=", "spec"], rows),
    `found by: ${foundBy(e.sources)}`,
    "",
  ];
}

export const command: Command = {
  name: "equilibrium",
  summary:
    "Nash equilibria of the producer game (pure by certified best-response dynamics and enumeration, mixed over finite spaces), with PoA and PoS.",
  usage: "modelmarket equilibrium FILE [--rule R] [--max-rounds N] [--starts N] [--seed S] [--json]",
  examples: [
    "modelmarket equilibrium test/fixtures/markets/c2-two-producers.json --rule weighted-winrate",
    "modelmarket equilibrium test/fixtures/markets/cycling-menus.json --rule winrate",
    "modelmarket equilibrium market.json --rule winrate --selection logit:beta=8 --json",
  ],
  flags: [
    ...MARKET_FLAGS,
    { name: "rule", kind: "string", placeholder: "R", help: "payoff rule (default weighted-winrate)" },
    {
      name: "max-rounds",
      kind: "integer",
      placeholder: "N",
      help: "round limit of the dynamics (default 200)",
    },
    {
      name: "starts",
      kind: "integer",
      placeholder: "N",
      help: "seeded random starting profiles (default 4)",
    },
    {
      name: "seed",
      kind: "string",
      placeholder: "S",
      help: "seed of the random starts (default equilibrium)",
    },
    ...SOLVER_FLAGS,
  ],
  run(args, io) {
    const [file] = requirePositional(args, ["FILE"]);
    const market = loadMarket(file!, args);
    const [rule] = rulesFlag(args, "rule", ["weighted-winrate"]);
    const starts = args.flags.has("starts") ? positiveInt(args, "starts", 4, 1000) : 4;
    const rep = solveEquilibria(market, rule!, {
      maxRounds: positiveInt(args, "max-rounds", 200, 1e6),
      randomStarts: starts,
      seed: flagString(args, "seed") ?? "equilibrium",
      units: positiveInt(args, "units", 256, 100000),
    });
    const converged = rep.runs.filter((r) => r.converged).length;
    const text = () => {
      const lines = [
        `${file}: rule ${rep.rule}, selection ${formatSelection(rep.selection)}`,
        `strategic producers: ${rep.strategic.map((n) => `${n} (${describeSpace(market.producers.find((p) => p.name === n)!.space)})`).join(", ") || "none"}`,
        "",
        `best-response dynamics: ${converged} of ${rep.runs.length} runs converged`,
        ...rep.runs.map(
          (r) =>
            `  ${r.mode} from ${r.start}: ${r.status}${r.certificate ? (r.certificate.certified ? " (certified equilibrium)" : ` (epsilon-equilibrium, epsilon = ${r.certificate.epsilon.toExponential(2)})`) : ""}`,
        ),
        "",
        `pure equilibria: ${rep.pure.length}${rep.pureExhaustive ? " (all, by enumeration)" : " (found by dynamics; not exhaustive)"}`,
        "",
        ...rep.pure.flatMap((e, k) => equilibriumLines(e, k, market)),
        ...(rep.approximate.length > 0
          ? [
              `approximate (epsilon-) equilibria: ${rep.approximate.length}`,
              "",
              ...rep.approximate.flatMap((e, k) => equilibriumLines(e, k, market)),
            ]
          : []),
        `mixed equilibria (extreme equilibria of the mixed extension, pure ones included): ${rep.mixed.status}: ${rep.mixed.reason}`,
        "",
        ...rep.mixed.equilibria.flatMap((e, k) => equilibriumLines(e, k, market)),
        `welfare optimum: U = ${fmt(rep.optimum.welfare)} (${rep.optimum.exact ? "exact" : "not proven"}; ${rep.optimum.method})`,
        `price of anarchy (U_opt / worst equilibrium U): ${fmt(rep.priceOfAnarchy)}`,
        `price of stability (U_opt / best equilibrium U): ${fmt(rep.priceOfStability)}`,
        `  over ${rep.priceBasis}`,
        "",
      ];
      return lines.join("\n");
    };
    io.stdout(emit(args, { file, converged: converged > 0, ...rep }, text));
    return 0;
  },
};
