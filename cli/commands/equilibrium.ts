/**
 * `modelmarket equilibrium FILE [--rule R]`: equilibria of the simultaneous producer game (every
 * producer whose space is not `fixed` moves), with welfare, diversity, the welfare optimum and the
 * prices of anarchy and stability. Mixed equilibria over finite spaces come from the finite-game
 * solvers (`solvers/equilibrium/mixed.ts`): exact for two producers (enummixed, or Lemke-Howson above
 * its size limit, plus the certified LP for constant-sum games); for three or more, support
 * enumeration (enumpoly, certified) within its size limit, else global Newton path following (gnm),
 * else one logit-traced equilibrium if its regret certificate passes (as `--help` says). Runs that do
 * not converge are reported as such, never as equilibria.
 */

// async.js, not the facade index.js: a two-producer game loads no N-player search
import { solveEquilibriaAsync } from "../../solvers/equilibrium/async.js";
import {
  APPROXIMATE_MIXED_TOLERANCE,
  ENUM_MIXED_LIMIT,
  ENUMPOLY_SUPPORT_LIMIT,
  GNM_WORK_LIMIT,
  LCP_LIMIT,
  LOGIT_WORK_LIMIT,
} from "../../solvers/equilibrium/mixed-types.js";
import { equilibriumWorkEstimate } from "../../solvers/equilibrium/pure.js";
import type { EquilibriumReport } from "../../solvers/equilibrium/solve.js";
import type { Equilibrium, EquilibriumSource } from "../../solvers/equilibrium/types.js";
import {
  dynamicsStatusText,
  mixedReasonText,
  optimumMethodText,
  priceBasisText,
  sourceText,
  startText,
} from "../../solvers/equilibrium/words.js";
import { DEFAULT_MAX_VERTICES } from "../../solvers/finite/methods/limits.js";
import { DEFAULT_GNM_STARTS } from "../../solvers/finite/nplayer/defaults.js";
import { marketProfileCount } from "../../solvers/marketGame.js";
import { InputError } from "../../src/errors.js";
import { DEFAULT_MAX_EQUILIBRIA, DEFAULT_MAX_EQUILIBRIUM_WORK } from "../../src/limits.js";
import { formatSelection } from "../../src/model/selection/index.js";
import { describeSpace, spaceProblemText } from "../../src/model/strategies.js";
import type { Market } from "../../src/model/types.js";
import { inputName } from "../../src/textFile.js";
import { flagBoolean, flagNumber, flagString, requirePositional } from "../args.js";
import type { Command } from "../command.js";
import { equilibriumTable } from "../csvTables.js";
import { limitText } from "../fields.js";
import { loadMarket } from "../marketInput.js";
import { terminalProgress } from "../progress.js";
import { fmt, table } from "../render.js";
import { maxProfilesFlag, positiveInt, rulesFlag, solveLimits } from "../solverFlags.js";
import { emit, strategyText } from "./entry.js";
import { spec } from "./equilibrium-flags.js";

/** Library option names in messages, and the flag of this command that sets each. */
const OPTION_FLAGS: Readonly<Record<string, string>> = {
  maxProfiles: "max-profiles",
  enumMixedLimit: "mixed-limit",
  lcpLimit: "lcp-limit",
  maxVertices: "max-vertices",
  maxPaths: "max-paths",
  maxSupports: "max-supports",
  maxGnmWork: "max-gnm-work",
  logitWorkLimit: "logit-limit",
};

function foundBy(sources: readonly EquilibriumSource[]): string {
  const runs = sources.filter((s) => s.code === "dynamics").length;
  const other = sources.filter((s) => s.code !== "dynamics").map(sourceText);
  return [...other, ...(runs > 0 ? [`${runs} converged dynamics run(s)`] : [])].join("; ");
}

function equilibriumLines(e: Equilibrium, k: number, market: Market): string[] {
  const label = e.certified ? e.kind : `approximate (epsilon = ${e.epsilon.toExponential(2)}) ${e.kind}`;
  // expectations for properly mixed equilibria; a pure one (in the two-producer mixed list) is shown as pure
  const ex = e.kind === "mixed" ? e.expectedDiversity : undefined;
  // every number under its JSON field (docs/reference.md, "Names"); a mixed one's are expectations
  const div = ex
    ? `expectedDiversity: meanPairwiseDistance ${fmt(ex.meanPairwiseDistance)}, uniqueBestTasks ${fmt(ex.uniqueBestTasks, 3)}; diversity of the most likely profile: meanPairwiseDistance ${fmt(e.diversity.meanPairwiseDistance)}, uniqueBestTasks ${e.diversity.uniqueBestTasks}`
    : `meanPairwiseDistance ${fmt(e.diversity.meanPairwiseDistance)}, uniqueBestTasks ${e.diversity.uniqueBestTasks}`;
  const head = `${label} equilibrium ${k + 1}: welfare ${fmt(e.welfare)}${ex ? " (expected)" : ""}, ${div}`;
  const rows = e.producers.map((p, i) => [
    p.name,
    p.mixture
      ? p.mixture.map((m) => `${fmt(m.probability, 3)} ${m.label}`).join(" + ")
      : p.strategic
        ? strategyText(p, market)
        : "fixed",
    fmt(p.payoff),
    p.regret ? p.regret.regretBound.toExponential(1) : "-",
    fmt(ex ? ex.specialisation[i] : e.diversity.specialisation[i], 3),
  ]);
  return [
    head,
    table(["producer", "strategy", "payoff", "regretBound", "specialisation"], rows),
    `found by: ${foundBy(e.sources)}`,
    "",
  ];
}

function mixedLines(rep: EquilibriumReport, market: Market): string[] {
  const m = rep.mixed;
  const what =
    m.methods.length === 0
      ? "none ran"
      : `${m.methods.join(" + ")}; ${m.complete ? (rep.strategic.length >= 3 ? "proven complete (every equilibrium)" : "complete (every extreme equilibrium)") : "not complete"}`;
  const conv = m.converged === null ? "" : `; converged: ${m.converged ? "yes" : "no"}`;
  return [
    `mixed equilibria (pure ones included): ${m.status}; methods: ${what}${conv}`,
    `  ${mixedReasonText(m.reasons)}`,
    ...(m.limits.length > 0
      ? [`  limits reached: ${m.limits.map((l) => limitText(l, OPTION_FLAGS)).join("; ")}`]
      : []),
    "",
    ...m.equilibria.flatMap((e, k) => equilibriumLines(e, k, market)),
  ];
}

function reportText(file: string, market: Market, rep: EquilibriumReport): string {
  const converged = rep.runs.filter((r) => r.converged).length;
  const lines = [
    `${file}: rule ${rep.rule}, selection ${formatSelection(rep.selection)}`,
    `strategic producers: ${rep.strategic.map((n) => `${n} (${describeSpace(market.producers.find((p) => p.name === n)!.space)})`).join(", ") || "none"}`,
    ...rep.outsideSpace.map(
      (o) =>
        `  ${o.producer}'s file quality is not in its space (${spaceProblemText(o.problem)}): a starting point only, never an equilibrium strategy`,
    ),
    "",
    `best-response dynamics: ${converged} of ${rep.runs.length} runs converged`,
    ...rep.runs.map(
      (r) =>
        `  ${r.mode} from ${startText(r.start)}: ${dynamicsStatusText(r)}${r.movedIntoSpace.length > 0 ? ` (${r.movedIntoSpace.join(", ")} moved into ${r.movedIntoSpace.length === 1 ? "its space" : "their spaces"} first)` : ""}${r.certificate ? (r.certificate.certified ? " (certified equilibrium)" : ` (epsilon-equilibrium, epsilon = ${r.certificate.epsilon.toExponential(2)})`) : ""}`,
    ),
    "",
    `pure equilibria: ${rep.pureTotal}${rep.pureExhaustive ? " (all, by enumeration)" : " (found by dynamics; not exhaustive)"}${rep.pureTotal > rep.pure.length ? `; ${rep.pure.length} listed (raise it with --max-equilibria)` : ""}`,
    "",
    ...rep.pure.flatMap((e, k) => equilibriumLines(e, k, market)),
    ...(rep.approximate.length > 0
      ? [
          `approximate (epsilon-) equilibria: ${rep.approximate.length}`,
          "",
          ...rep.approximate.flatMap((e, k) => equilibriumLines(e, k, market)),
        ]
      : []),
    ...mixedLines(rep, market),
    `optimum.welfare ${fmt(rep.optimum.welfare)} (the welfare optimum, ${rep.optimum.exact ? "exact" : "not proven"}; ${optimumMethodText(rep.optimum.method)})`,
    `priceOfAnarchy ${fmt(rep.priceOfAnarchy)} (optimum.welfare / worst equilibrium welfare)`,
    `priceOfStability ${fmt(rep.priceOfStability)} (optimum.welfare / best equilibrium welfare)`,
    `  over ${priceBasisText(rep.priceScope)}`,
    "  (mixed equilibria count only when certified; approximate ones are left out: docs/producer-game.md)",
    "",
  ];
  return lines.join("\n");
}

export const command: Command = {
  ...spec,
  async run(args, io) {
    const [file] = requirePositional(args, ["FILE"]);
    const market = await loadMarket(file!, args);
    const rules = rulesFlag(args, "rule", ["weighted-winrate"]);
    const maxProfiles = maxProfilesFlag(args);
    // --units and --max-maximisers checked as every producer-game command checks them
    const limits = solveLimits(args);
    const starts = args.flags.has("starts") ? positiveInt(args, "starts", 4, 1000) : 4;
    const mixedTolerance = flagNumber(args, "mixed-tolerance", APPROXIMATE_MIXED_TOLERANCE);
    if (!(mixedTolerance > 0 && mixedTolerance < 1)) {
      throw new InputError(
        undefined,
        "--mixed-tolerance",
        `must be a number between 0 and 1 (relative to each producer's payoff range), got ${mixedTolerance}`,
      );
    }
    const json = flagBoolean(args, "json");
    const count = marketProfileCount(market);
    const maxEquilibria = positiveInt(args, "max-equilibria", DEFAULT_MAX_EQUILIBRIA, 1e9);
    const maxEquilibriumWork = positiveInt(args, "max-equilibrium-work", DEFAULT_MAX_EQUILIBRIUM_WORK, 1e15);
    if (io.isTTY && !json) {
      io.stderr(
        `estimate: ${rules.length} rule(s); ${
          Number.isFinite(count)
            ? count <= maxProfiles
              ? `exhaustive search over ${count.toLocaleString("en-US")} joint profiles each (${equilibriumWorkEstimate(market, maxEquilibria).toExponential(2)} work units of at most ${maxEquilibriumWork.toExponential(2)})`
              : `${count.toLocaleString("en-US")} joint profiles exceed --max-profiles ${maxProfiles.toLocaleString("en-US")}: dynamics only`
            : "a continuous space: dynamics only"
        }\n`,
      );
    }
    const reps: EquilibriumReport[] = [];
    for (const rule of rules) {
      const progress = terminalProgress(io, json);
      try {
        reps.push(
          await solveEquilibriaAsync(market, rule, {
            maxRounds: positiveInt(args, "max-rounds", 200, 1e6),
            randomStarts: starts,
            seed: flagString(args, "seed") ?? "equilibrium",
            units: limits.units,
            maxProfiles,
            maxEquilibria,
            maxEquilibriumWork,
            enumMixedLimit: args.flags.has("mixed-limit")
              ? positiveInt(args, "mixed-limit", ENUM_MIXED_LIMIT, 1000)
              : undefined,
            lcpLimit: args.flags.has("lcp-limit")
              ? positiveInt(args, "lcp-limit", LCP_LIMIT, 1000)
              : undefined,
            maxVertices: positiveInt(args, "max-vertices", DEFAULT_MAX_VERTICES, 1e12),
            maxPaths: args.flags.has("max-paths") ? positiveInt(args, "max-paths", 1, 1e12) : undefined,
            maxSupports: positiveInt(args, "max-supports", ENUMPOLY_SUPPORT_LIMIT, 1e9),
            maxGnmWork: positiveInt(args, "max-gnm-work", GNM_WORK_LIMIT, 1e15),
            gnmStarts: positiveInt(args, "rays", DEFAULT_GNM_STARTS, 10_000),
            logitWorkLimit: positiveInt(args, "logit-limit", LOGIT_WORK_LIMIT, 1e12),
            mixedTolerance,
            ...(progress.sink ? { progress: progress.sink } : {}),
          }),
        );
      } finally {
        progress.done();
      }
    }
    const withConverged = (rep: EquilibriumReport) => ({
      converged: rep.runs.some((r) => r.converged),
      ...rep,
    });
    const report =
      reps.length === 1 ? { file, ...withConverged(reps[0]!) } : { file, rules: reps.map(withConverged) };
    const text = () =>
      reps
        .map((rep) => reportText(inputName(file!), market, rep))
        .join(reps.length > 1 ? `${"=".repeat(72)}\n` : "");
    io.stdout(emit(args, report, text, () => equilibriumTable(reps)));
    return 0;
  },
};
