/**
 * `modelmarket empirical SCORES.csv`: winrate against weighted winrate (and the other payoff rules) on
 * a real model x task score table: leaderboards, market entry, model replacement and a noise sweep,
 * as text, JSON or a self-contained HTML report with SVG charts.
 */
import { parseEmpiricalSpace, parseReplaceSpec, parseSweepSpec } from "../../empirical/options.js";
import { renderHtmlReport, renderTextReport } from "../../empirical/report.js";
import { projectSolver } from "../../empirical/solver.js";
import { runEmpiricalStudy } from "../../empirical/study.js";
import { writeFileAtomic } from "../../src/io/output.js";
import { readScoreTable, scoreTableMarket } from "../../src/io/scoreTable.js";
import { parseNormalizationSpec, parseSelectionSpec, parseWeightsSpec } from "../../src/io/specs.js";
import { flagBoolean, flagList, flagString, requirePositional } from "../args.js";
import type { Command } from "../command.js";

/** The selection rule used when `--selection` is not given. */
export const DEFAULT_EMPIRICAL_SELECTION = "logit:beta=20";

export const command: Command = {
  name: "empirical",
  summary:
    "Winrate against weighted winrate on a real model x task score table (leaderboards, entry, replacement, noise sweep).",
  usage:
    "modelmarket empirical SCORES.csv [--weights W] [--normalize N] [--selection RULE] [--space SPEC] [--sweep eps|beta] [--replace all|N|none] [--report out.html] [--json]",
  examples: [
    "modelmarket empirical data/mtbench101_task_scores.csv --normalize scale:max=10 --weights 80,149,153,83,147,136,74,77,73,108,71,150,87 --space top-k:k=3 --replace all --report mtbench.html",
    "modelmarket empirical data/wildbench_v2_task_scores.csv --normalize minmax --space budget --sweep beta --json",
    "modelmarket empirical data/livebench_2026_01_08_task_scores.csv --normalize scale:max=100 --space top-k:k=6 --sweep beta:min=1,max=1000,points=50",
    "modelmarket empirical data/mtbench101_task_scores.csv --normalize scale:max=10 --selection epsilon:eps=0.2 --sweep eps:points=21 --replace none",
  ],
  flags: [
    {
      name: "selection",
      kind: "string",
      placeholder: "RULE",
      help: `selection rule of the main analysis (default ${DEFAULT_EMPIRICAL_SELECTION}): perfect | epsilon:eps=E | logit:beta=B | probit:sigma=S`,
    },
    {
      name: "weights",
      kind: "string",
      placeholder: "W",
      help: "task weights: 2,1,1 (task order) or code=2,law=1 (default uniform)",
    },
    {
      name: "normalize",
      kind: "string",
      placeholder: "N",
      help: "none | minmax | scale[:max=M] (default scale by the table's maximum); negative scores need minmax",
    },
    {
      name: "space",
      kind: "string",
      placeholder: "SPEC",
      help: "entrant's strategy space for best responses: top-k:k=K | budget[:budget=B,production=...] | grid:step=H[,budget=B] (budget defaults to the best model's total quality)",
    },
    {
      name: "sweep",
      kind: "string",
      placeholder: "SPEC",
      help: "noise sweep: beta[:min=1,max=1000,points=50] (logit) | eps[:min=0,max=1,points=50] (epsilon) | none (default: eps for an epsilon selection, else beta)",
    },
    {
      name: "replace",
      kind: "string",
      placeholder: "WHICH",
      help: "model replacement: all | N (the N best by average score) | none (default all; under probit each replaced model costs about 1 s on LiveBench, 126 models about 2 min, so give N there)",
    },
    {
      name: "rules",
      kind: "string",
      repeatable: true,
      placeholder: "LIST",
      help: "payoff rules compared (default all six built-ins; winrate, weighted-winrate, average-score always)",
    },
    {
      name: "report",
      kind: "string",
      placeholder: "FILE",
      help: "write a self-contained HTML report (atomically)",
    },
    { name: "json", kind: "boolean", help: "print the full report as JSON instead of tables" },
  ],
  run(args, io) {
    const [file] = requirePositional(args, ["SCORES.csv"]);
    const selection = parseSelectionSpec(flagString(args, "selection") ?? DEFAULT_EMPIRICAL_SELECTION);
    const weightsText = flagString(args, "weights");
    const normalizeText = flagString(args, "normalize");
    const weights = weightsText === undefined ? undefined : parseWeightsSpec(weightsText);
    const normalization = normalizeText === undefined ? undefined : parseNormalizationSpec(normalizeText);
    const table = readScoreTable(file!);
    // the market once up front: validates weights and normalisation before any work, and gives the
    // tasks that --space is parsed against
    const market = scoreTableMarket(table, {
      selection,
      file: file!,
      ...(weights === undefined ? {} : { weights }),
      ...(normalization === undefined ? {} : { normalization }),
    });
    const spaceText = flagString(args, "space");
    const space = spaceText === undefined ? undefined : parseEmpiricalSpace(spaceText, market);
    const sweep = parseSweepSpec(
      flagString(args, "sweep") ?? (selection.rule === "epsilon" ? "eps" : "beta"),
    );
    const replacement = parseReplaceSpec(flagString(args, "replace") ?? "all");
    const rules = flagList(args, "rules");
    const report = runEmpiricalStudy(table, {
      selection,
      file: file!,
      solver: projectSolver,
      replacement,
      ...(weights === undefined ? {} : { weights }),
      ...(normalization === undefined ? {} : { normalization }),
      ...(space === undefined ? {} : { space }),
      ...(sweep === undefined ? {} : { sweep }),
      ...(rules.length === 0 ? {} : { rules }),
    });
    const reportPath = flagString(args, "report");
    if (reportPath !== undefined) {
      writeFileAtomic(reportPath, renderHtmlReport(report));
      io.stderr(`wrote ${reportPath}\n`);
    }
    io.stdout(flagBoolean(args, "json") ? `${JSON.stringify(report, null, 2)}\n` : renderTextReport(report));
    return 0;
  },
};
