/**
 * `modelmarket design FILE QUESTION (--family NAME --range P=FROM:TO | --benchmark-weights [--within F])`:
 * benchmark design (docs/design.md). The question flags are compare's; the logic is in
 * solvers/design/; this file parses flags and renders.
 */

import type { TidyTable } from "../../solvers/compare/tidy.js";
import { designBenchmark } from "../../solvers/design/index.js";
import { DEFAULT_MAX_SOLVES } from "../../solvers/design/sampled.js";
import { DEFAULT_MAX_STRATEGIES } from "../../solvers/design/table.js";
import type {
  DesignOptions,
  DesignReport,
  DesignSearch,
  FamilyDesign,
  WeightsDesign,
} from "../../solvers/design/types.js";
import { DEFAULT_MAX_LPS } from "../../solvers/design/weights.js";
import { InputError } from "../../src/errors.js";
import { parseDecimal } from "../../src/io/decimal.js";
import { writeFileAtomic } from "../../src/io/output.js";
import { ruleFamily } from "../../src/model/payoffs.js";
import { formatSelection } from "../../src/model/selection/index.js";
import { describeSpace } from "../../src/model/strategies.js";
import type { Market } from "../../src/model/types.js";
import { flagBoolean, flagNumber, flagString, type ParsedArgs, requirePositional } from "../args.js";
import type { Command, CommandIO } from "../command.js";
import { loadMarket, MARKET_FLAGS } from "../marketInput.js";
import { terminalProgress } from "../progress.js";
import { fmt, table, toJson } from "../render.js";
import { maxProfilesFlag, positiveInt, solveLimits } from "../solverFlags.js";
import { tidyTableCsv } from "../tidyCsv.js";
import { command as compareCommand, questionOf } from "./compare.js";

/** compare's question flags, reused as they are. */
const QUESTION_FLAGS = [
  "entry",
  "name",
  "replace",
  "equilibrium",
  "sequential",
  "space",
  "tie-break",
  "max-branches",
];

function searchOf(args: ParsedArgs): DesignSearch {
  const family = flagString(args, "family");
  const weights = flagBoolean(args, "benchmark-weights");
  if ((family !== undefined) === weights)
    throw new InputError(
      undefined,
      "--family",
      "give --family NAME --range P=FROM:TO, or --benchmark-weights (one of them)",
    );
  if (weights) {
    for (const f of ["range", "param", "samples"])
      if (args.flags.has(f)) throw new InputError(undefined, `--${f}`, "only applies with --family");
    const within = flagNumber(args, "within");
    if (within !== undefined && !(within >= 1))
      throw new InputError(undefined, "--within", `must be a factor >= 1, got ${within}`);
    return {
      kind: "benchmark-weights",
      rule: flagString(args, "rule") ?? "weighted-winrate",
      ...(within === undefined ? {} : { within }),
    };
  }
  if (args.flags.has("within"))
    throw new InputError(undefined, "--within", "only applies with --benchmark-weights");
  if (args.flags.has("rule"))
    throw new InputError(undefined, "--rule", "only applies with --benchmark-weights");
  const f = ruleFamily(family!, "--family");
  const rangeText = flagString(args, "range");
  if (rangeText === undefined) throw new InputError(undefined, "--range", "--family needs --range P=FROM:TO");
  const m = /^([A-Za-z][A-Za-z0-9_]*)=([^:]+):([^:]+)$/.exec(rangeText.trim());
  if (m === null) throw new InputError(undefined, "--range", `expected P=FROM:TO, got "${rangeText}"`);
  const parameter = m[1]!;
  const from = parseDecimal(m[2]!.trim(), undefined, "--range");
  const to = parseDecimal(m[3]!.trim(), undefined, "--range");
  // the family's other parameters: --param k=v,... (numbers) and text ones (mix: rules=R1+R2)
  const params: Record<string, number> = {};
  const text: Record<string, string> = {};
  const paramText = flagString(args, "param");
  for (const part of paramText === undefined ? [] : paramText.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new InputError(undefined, "--param", `expected NAME=VALUE, got "${part}"`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if ((f.textParameters ?? []).includes(key)) text[key] = value;
    else params[key] = parseDecimal(value, undefined, "--param");
  }
  return { kind: "family", family: f.name, parameter, from, to, params, text };
}

function questionText(r: DesignReport): string {
  const q = r.question;
  switch (q.kind) {
    case "entry":
      return `entry of ${q.entrant.name} (${describeSpace(q.entrant.space)})`;
    case "replace":
      return `replacement of ${q.producer}${q.space ? ` (${describeSpace(q.space)})` : ""}`;
    case "equilibrium":
      return "equilibria of the simultaneous game";
    case "sequential":
      return `${q.entrants} sequential entrant(s) (${describeSpace(q.space)})`;
  }
}

function interval(r: { from: number; to: number; point: boolean }, first: boolean): string {
  if (r.point) return `${fmt(r.from, 6)}`;
  return `${first ? "[" : "("}${fmt(r.from, 6)}, ${fmt(r.to, 6)})`;
}

function familyText(d: FamilyDesign): string[] {
  const rows = d.regions.map((r, k) => [
    interval(r, k === 0),
    r.key.length > 60 ? `${r.key.slice(0, 57)}...` : r.key,
    fmt(r.welfareWorst),
    fmt(r.welfareBest),
    r.optimal ? "*" : "",
  ]);
  return [
    `family ${d.family}, ${d.parameter} in [${d.from}, ${d.to}]: ${d.regions.length} region(s), ${d.method}`,
    `boundaries located to ${d.parameterTolerance.toExponential(1)}${d.exact ? "" : `; gap: regions narrower than ${fmt(d.gap, 6)} can be missed`}`,
    "",
    table([d.parameter, "response", "U worst", "U best", "optimal"], rows),
  ];
}

function weightsText(d: WeightsDesign, market: Market): string[] {
  const names = market.tasks.map((t) => t.name);
  const count = (k: string) => d.classes.filter((c) => c.implementable === k).length;
  const out = [
    `benchmark weights for ${d.rule}, bounds ${names.map((n, t) => `${n} in [${fmt(d.lower[t], 4)}, ${fmt(d.upper[t], 4)}]`).join(", ")}`,
    d.method,
    `${d.classes.length} class(es) of strategies: ${count("strict")} implementable strictly, ${count("tie-only")} only as a tie, ${count("never")} never`,
  ];
  if (d.best === null) out.push("no weighting implements any response (every LP failed)");
  else {
    const b = d.best;
    out.push(
      `best: ${b.responses.map((r) => r.label).join(" | ")}  U worst ${fmt(b.welfareWorst)} best ${fmt(b.welfareBest)}`,
      `  weights ${names.map((n, t) => `${n}=${fmt(b.weights[t], 4)}`).join(",")}  margin ${b.margin.toExponential(3)}  (checked by the best-response solver: ${b.verified ? "yes" : "NO"})`,
    );
  }
  const sorted = [...d.classes].sort((x, y) => y.welfareWorst - x.welfareWorst);
  const shown = sorted.slice(0, 20);
  out.push(
    "",
    table(
      ["response", "U worst", "U best", "implementable", "margin"],
      shown.map((c) => [
        c.labels.join(" | "),
        fmt(c.welfareWorst),
        fmt(c.welfareBest),
        c.implementable,
        fmt(c.margin, 6),
      ]),
    ),
  );
  if (sorted.length > shown.length) out.push(`(${sorted.length - shown.length} more in --json / --csv)`);
  return out;
}

function designText(file: string, market: Market, r: DesignReport): string {
  const d = r.result;
  const lines = [
    `${file}: design of the benchmark for ${questionText(r)}, selection ${formatSelection(market.selection)}, objective ${r.objective}`,
    "",
    ...(d.kind === "family" ? familyText(d) : weightsText(d, market)),
    "",
    `price of the benchmark (objective ${r.objective}; U under the consumer weights):`,
    table(
      ["", "U", "optimum / U"],
      [
        ...r.references.map((x) => {
          const u = r.objective === "worst" ? x.welfareWorst : x.welfareBest;
          return [`${x.rule} (${x.key})`, fmt(u), fmt(r.priceOfBenchmark[x.rule])];
        }),
        ["design optimum", fmt(d.optimum), ""],
        ["welfare-optimal response", fmt(r.welfareOptimum), ""],
      ],
    ),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * The tidy rows of a design: columns `section`, `index`, `from`, `to`, `response`, `statistic`,
 * `value` (sections `region`, `class`, `reference`, `optimum`).
 *
 * @throws nothing for valid inputs of the declared types.
 */
export function designRows(r: DesignReport): TidyTable {
  const rows: TidyTable["rows"] = [];
  const d = r.result;
  if (d.kind === "family") {
    d.regions.forEach((g, k) => {
      rows.push(["region", k, g.from, g.to, g.key, "welfare_worst", g.welfareWorst]);
      rows.push(["region", k, g.from, g.to, g.key, "welfare_best", g.welfareBest]);
      rows.push(["region", k, g.from, g.to, g.key, "optimal", g.optimal ? 1 : 0]);
    });
  } else {
    d.classes.forEach((c, k) => {
      const key = c.labels.join(" | ");
      rows.push(["class", k, null, null, key, "welfare_worst", c.welfareWorst]);
      rows.push(["class", k, null, null, key, "welfare_best", c.welfareBest]);
      rows.push(["class", k, null, null, key, "margin", Number.isFinite(c.margin) ? c.margin : null]);
      rows.push(["class", k, null, null, key, "implementable", c.implementable]);
      for (const [t, b] of (c.weights ?? []).entries())
        rows.push(["class", k, null, null, key, `weight_${t}`, b]);
    });
  }
  r.references.forEach((x, k) => {
    rows.push(["reference", k, null, null, `${x.rule}: ${x.key}`, "welfare_worst", x.welfareWorst]);
    rows.push(["reference", k, null, null, `${x.rule}: ${x.key}`, "welfare_best", x.welfareBest]);
    rows.push([
      "reference",
      k,
      null,
      null,
      `${x.rule}: ${x.key}`,
      "price_of_benchmark",
      r.priceOfBenchmark[x.rule] ?? null,
    ]);
  });
  rows.push(["optimum", 0, null, null, "design", "welfare", Number.isFinite(d.optimum) ? d.optimum : null]);
  rows.push(["optimum", 0, null, null, "welfare-optimal response", "welfare", r.welfareOptimum]);
  return { columns: ["section", "index", "from", "to", "response", "statistic", "value"], rows };
}

async function run(args: ParsedArgs, io: CommandIO): Promise<number> {
  const [file] = requirePositional(args, ["FILE"]);
  // here --benchmark-weights asks for the weight design, not for weights to read: the market keeps its own b
  const market = await loadMarket(file!, {
    ...args,
    flags: new Map([...args.flags].filter(([k]) => k !== "benchmark-weights")),
  });
  const question = questionOf(args, market);
  const search = searchOf(args);
  const json = flagBoolean(args, "json");
  const csv = flagBoolean(args, "csv");
  if (json && csv) throw new InputError(undefined, "--csv", "give --json or --csv, not both");
  const objective = flagString(args, "objective") ?? "worst";
  if (objective !== "worst" && objective !== "best")
    throw new InputError(undefined, "--objective", `must be worst or best, got "${objective}"`);
  const reportPath = flagString(args, "report");
  if (reportPath !== undefined && !reportPath.toLowerCase().endsWith(".html"))
    throw new InputError(undefined, "--report", `must name an .html file, got "${reportPath}"`);
  const opts: DesignOptions = {
    ...solveLimits(args),
    maxProfiles: maxProfilesFlag(args),
    objective,
    samples: positiveInt(args, "samples", 101, 100_000),
    maxStrategies: positiveInt(args, "max-strategies", DEFAULT_MAX_STRATEGIES, 1e8),
    maxSolves: positiveInt(args, "max-solves", DEFAULT_MAX_SOLVES, 1e8),
    maxLps: positiveInt(args, "max-lps", DEFAULT_MAX_LPS, 1e8),
  };
  const tolFlag = flagNumber(args, "parameter-tolerance");
  if (tolFlag !== undefined) {
    if (!(tolFlag > 0))
      throw new InputError(undefined, "--parameter-tolerance", `must be > 0, got ${tolFlag}`);
    opts.parameterTolerance = tolFlag;
  }
  if (io.isTTY && !json && !csv)
    io.stderr(
      `estimate: ${search.kind === "family" ? `a partition of ${search.parameter} in [${search.from}, ${search.to}] (exact for entry/replacement with a finite space, else ${opts.samples} samples plus bisection)` : "two LPs per class of strategies"}\n`,
    );
  const progress = terminalProgress(io, json || csv);
  let rep: DesignReport;
  try {
    rep = await designBenchmark(market, question, search, {
      ...opts,
      ...(progress.sink ? { progress: progress.sink } : {}),
    });
  } finally {
    progress.done();
  }
  const report = { file, selection: market.selection, ...rep };
  const out = flagString(args, "output");
  if (out !== undefined) writeFileAtomic(out, toJson(report));
  if (reportPath !== undefined) {
    const { designHtml } = await import("../designReport.js");
    writeFileAtomic(reportPath, designHtml(file!, market, rep));
  }
  io.stdout(json ? toJson(report) : csv ? tidyTableCsv(designRows(rep)) : designText(file!, market, rep));
  return 0;
}

export const command: Command = {
  name: "design",
  summary:
    "Benchmark design: the rule-family parameter (power-winrate alpha, threshold-winrate tau, mix lambda) or the benchmark weights b that make the producers' response best for consumers, exact where the game is finite, with the welfare of winrate and weighted winrate beside it (the price of the benchmark).",
  usage:
    "modelmarket design FILE (--entry SPEC | --replace NAME | --equilibrium | --sequential N --space SPEC) (--family NAME --range P=FROM:TO [--param K=V] | --benchmark-weights [--within F] [--rule R]) [--objective worst|best] [--json | --csv] [--report FILE.html]",
  examples: [
    "modelmarket design examples/c2-entry.json --entry top-k:k=1 --family mix --range lambda=0:1 --param rules=winrate+weighted-winrate",
    "modelmarket design examples/three-producers.json --replace Copycat --space top-k:k=2 --family power-winrate --range alpha=0:4",
    "modelmarket design examples/c2-entry.json --entry top-k:k=1 --benchmark-weights --rule winrate --within 2",
    "modelmarket design examples/c2-two-producers.json --equilibrium --family threshold-winrate --range tau=0:1 --objective best",
    "modelmarket design data/mtbench101_task_scores.csv --normalize scale:max=10 --selection logit:beta=20 --entry top-k:k=3 --benchmark-weights --within 2 --csv",
  ],
  flags: [
    ...MARKET_FLAGS.filter((f) => f.name !== "benchmark-weights"),
    ...compareCommand.flags.filter((f) => QUESTION_FLAGS.includes(f.name)),
    {
      name: "family",
      kind: "string",
      placeholder: "NAME",
      help: "design a rule family's parameter: power-winrate | threshold-winrate | mix | a registered family",
    },
    {
      name: "range",
      kind: "string",
      placeholder: "P=FROM:TO",
      help: "--family: the parameter and its interval, e.g. alpha=0:4",
    },
    {
      name: "param",
      kind: "string",
      placeholder: "K=V",
      help: "--family: the family's other parameters, e.g. rules=winrate+weighted-winrate for mix",
    },
    {
      name: "benchmark-weights",
      kind: "boolean",
      help: "design the benchmark weights b (welfare stays under the task weights): one LP per class of strategies",
    },
    {
      name: "within",
      kind: "number",
      placeholder: "F",
      help: "--benchmark-weights: bounds w_t/F <= b_t <= F w_t (default: the whole simplex)",
    },
    {
      name: "rule",
      kind: "string",
      placeholder: "R",
      help: "--benchmark-weights: the rule producers are paid under (default weighted-winrate)",
    },
    {
      name: "objective",
      kind: "string",
      placeholder: "O",
      help: "worst (default: the designer cannot pick among ties or equilibria) | best",
    },
    {
      name: "samples",
      kind: "integer",
      placeholder: "N",
      help: "sampled partitions: N equally spaced values before bisection (default 101)",
    },
    {
      name: "parameter-tolerance",
      kind: "number",
      placeholder: "X",
      help: "locate boundaries to width X (default 1e-9 x max(1, |FROM|, |TO|))",
    },
    {
      name: "max-strategies",
      kind: "integer",
      placeholder: "N",
      help: `exact designs: at most N strategies of the responder (default ${DEFAULT_MAX_STRATEGIES})`,
    },
    {
      name: "max-solves",
      kind: "integer",
      placeholder: "N",
      help: `sampled partitions: at most N solves of the question (default ${DEFAULT_MAX_SOLVES})`,
    },
    {
      name: "max-lps",
      kind: "integer",
      placeholder: "N",
      help: `--benchmark-weights: at most N linear programs, two per class of strategies (default ${DEFAULT_MAX_LPS})`,
    },
    ...compareCommand.flags.filter((f) => ["max-profiles", "units", "max-maximisers"].includes(f.name)),
    { name: "json", kind: "boolean", help: "print JSON" },
    { name: "csv", kind: "boolean", help: "print tidy CSV: one row per region (or class) x statistic" },
    { name: "output", kind: "string", placeholder: "PATH", help: "also write the JSON report to PATH" },
    {
      name: "report",
      kind: "string",
      placeholder: "FILE.html",
      help: "write an HTML report: welfare against the parameter, regions shaded",
    },
  ],
  run,
};
