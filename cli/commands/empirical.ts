/**
 * `modelmarket empirical SCORES.csv`: winrate against weighted winrate (and the other payoff rules) on
 * a real model x task score table: leaderboards, market entry, model replacement and a noise sweep,
 * as text, JSON or a self-contained HTML report with SVG charts.
 */
import { extname } from "node:path";
import type { BootstrapSpec } from "../../empirical/bootstrap.js";
import { type CalibrationReport, calibrateNoise } from "../../empirical/calibrate.js";
import { parseFittedSelection, selectionFromFit } from "../../empirical/fitted.js";
import { parseEmpiricalSpace, parseReplaceSpec, parseSweepSpec } from "../../empirical/options.js";
import { checkReplacementWork } from "../../empirical/replacement.js";
import { renderHtmlReport, renderTextReport } from "../../empirical/report.js";
import { fittedNoisePhrase } from "../../empirical/report-pairwise.js";
import { studyContext } from "../../empirical/setup.js";
import { projectSolver } from "../../empirical/solver.js";
import { runEmpiricalStudy } from "../../empirical/study.js";
import type { EmpiricalOptions } from "../../empirical/study-types.js";
import { InputError, oneLine } from "../../src/errors.js";
import { writeFileAtomic } from "../../src/io/output.js";
import { readScoreTable, scoreTableMarket } from "../../src/io/scoreTable.js";
import { parseNormalizationSpec, parseSelectionSpec, parseWeightsSpec } from "../../src/io/specs.js";
import { DEFAULT_MAX_REPLACEMENT_WORK } from "../../src/limits.js";
import { flagBoolean, flagList, flagString, requirePositional } from "../args.js";
import { bootstrapForCommand, isShard, requireBootstrapForShard, SHARD_WRITTEN } from "../bootstrapShard.js";
import type { Command } from "../command.js";
import { empiricalTable } from "../csvTables.js";
import { STDOUT_PATH } from "../output.js";
import { terminalProgress } from "../progress.js";
import { SHARD_FLAGS } from "../shard.js";
import { positiveInt } from "../solverFlags.js";
import { tidyTableCsv } from "../tidyCsv.js";
import { BOOTSTRAP_FLAGS, bootstrapFlags, PAIRWISE_FLAGS, readJudgements } from "./pairwise-flags.js";

/** The selection rule used when `--selection` is not given. */
export const DEFAULT_EMPIRICAL_SELECTION = "logit:beta=20";

export const command: Command = {
  name: "empirical",
  summary:
    "Winrate against weighted winrate on a real model x task score table (leaderboards, entry, replacement, noise sweep).",
  usage:
    "modelmarket empirical SCORES.csv [--weights W] [--normalize N] [--selection RULE] [--pairwise FILE] [--bootstrap N --seed S --workers W] [--space SPEC] [--sweep eps|beta] [--replace all|N|none] [--report out.html] [--json | --csv]",
  examples: [
    "modelmarket empirical data/mtbench101_task_scores.csv --normalize scale:max=10 --weights 80,149,153,83,147,136,74,77,73,108,71,150,87 --space top-k:k=3 --replace all --report mtbench.html",
    "modelmarket empirical data/wildbench_v2_task_scores.csv --normalize minmax --space budget --sweep beta --json",
    "modelmarket empirical data/livebench_2026_01_08_task_scores.csv --normalize scale:max=100 --space top-k:k=6 --sweep beta:min=1,max=1000,points=50",
    "modelmarket empirical data/mtbench101_task_scores.csv --normalize scale:max=10 --selection epsilon:eps=0.2 --sweep eps:points=21 --replace none",
    "modelmarket empirical data/wildbench_v2_task_scores.csv --normalize minmax --pairwise data/wildbench_v2_pairwise_by_category.csv --space top-k:k=2 --bootstrap 200 --workers 2 --report wildbench.html",
  ],
  flags: [
    {
      name: "selection",
      kind: "string",
      placeholder: "RULE",
      help: `selection rule of the main analysis (default ${DEFAULT_EMPIRICAL_SELECTION}, or logit:beta=fit with --pairwise): perfect | epsilon:eps=E | logit:beta=B | probit:sigma=S | logit:beta=fit | probit:sigma=fit`,
    },
    {
      name: "pairwise",
      kind: "string",
      input: true,
      placeholder: "FILE",
      help: "pairwise judgements of the same models and tasks (battle log or WildBench counts): the noise is fitted to them and the whole analysis runs at the fit",
    },
    ...BOOTSTRAP_FLAGS,
    ...PAIRWISE_FLAGS,
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
      name: "max-replacement-work",
      kind: "integer",
      placeholder: "N",
      help: `refuse --replace past N work units: replaced models x rules x models x tasks (default ${DEFAULT_MAX_REPLACEMENT_WORK.toLocaleString("en-US")})`,
    },
    {
      name: "report",
      kind: "string",
      output: true,
      placeholder: "FILE",
      help: "write a self-contained HTML report (atomically, through symbolic links; - = standard output, in place of the tables)",
    },
    { name: "json", kind: "boolean", help: "print the full report as JSON instead of tables" },
    {
      name: "csv",
      kind: "boolean",
      help: "print tidy CSV instead of tables: model, task, statistic, value, lower, upper (payoffs, welfare; lower and upper: the payoff intervals of --bootstrap)",
    },
    ...SHARD_FLAGS,
  ],
  renderFlags: ["report", "json", "csv"],
  async run(args, io, merged) {
    const [file] = requirePositional(args, ["SCORES.csv"]);
    const ext = extname(file!).toLowerCase();
    if (ext === ".json" || ext === ".nfg") {
      throw new InputError(
        file,
        undefined,
        `empirical takes a CSV score table (a model x task table of scores, e.g. data/mtbench101_task_scores.csv), not a ${ext} file; for a market file use evaluate, entry, replace or equilibrium`,
      );
    }
    if (flagBoolean(args, "json") && flagBoolean(args, "csv"))
      throw new InputError(undefined, "--csv", "give --json or --csv, not both");
    if (flagString(args, "report") === STDOUT_PATH && flagBoolean(args, "csv"))
      throw new InputError(undefined, "--report", "- and --csv would both print to standard output");
    if (flagString(args, "report") === STDOUT_PATH && flagBoolean(args, "json")) {
      throw new InputError(
        undefined,
        "--report",
        "- and --json would both print to standard output: give a file, or drop --json",
      );
    }
    // every flag is checked before the first long step (the pairwise fit, the study)
    const boot = bootstrapFlags(args);
    const selectionText = flagString(args, "selection");
    const pairwisePath = flagString(args, "pairwise");
    const fitted = parseFittedSelection(
      selectionText ?? (pairwisePath === undefined ? undefined : "logit:beta=fit"),
    );
    if (fitted !== undefined && pairwisePath === undefined)
      throw new InputError(
        undefined,
        "--selection",
        `${selectionText} needs --pairwise FILE (the judgements to fit)`,
      );
    const weightsText = flagString(args, "weights");
    const normalizeText = flagString(args, "normalize");
    const weights = weightsText === undefined ? undefined : parseWeightsSpec(weightsText);
    const normalization = normalizeText === undefined ? undefined : parseNormalizationSpec(normalizeText);
    const table = readScoreTable(file!);
    const pairwise =
      pairwisePath === undefined
        ? undefined
        : readJudgements(args, io, "empirical", pairwisePath, boot.resample);
    // a shard computes only its bootstrap replicates: the fit and the study are the merge's
    const shard = isShard(args);
    let calibration: CalibrationReport | undefined;
    if (pairwise !== undefined && !shard) {
      const fixed =
        fitted === undefined ? parseSelectionSpec(selectionText ?? DEFAULT_EMPIRICAL_SELECTION) : undefined;
      calibration = calibrateNoise(table, pairwise, {
        model: fitted ?? (fixed?.rule === "probit" ? "probit" : "logit"),
        file: file!,
        ...(weights === undefined ? {} : { weights }),
        ...(normalization === undefined ? {} : { normalization }),
      });
      for (const w of calibration.warnings) io.stderr(`modelmarket empirical: warning: ${oneLine(w)}\n`);
      io.stderr(
        `modelmarket empirical: fitted ${fittedNoisePhrase(calibration.pooled)}${fitted === undefined ? " (not used: --selection is fixed)" : ""}\n`,
      );
    }
    const selection =
      fitted !== undefined
        ? // a shard has no fit; the market below only checks the flags and gives the tasks, which
          // do not depend on the noise (each replicate refits it)
          calibration !== undefined
          ? selectionFromFit(calibration)
          : parseSelectionSpec(DEFAULT_EMPIRICAL_SELECTION)
        : parseSelectionSpec(selectionText ?? DEFAULT_EMPIRICAL_SELECTION);
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
    const maxReplacementWork = positiveInt(args, "max-replacement-work", DEFAULT_MAX_REPLACEMENT_WORK, 1e15);
    requireBootstrapForShard(args, boot.replicates);
    const studyOptions: EmpiricalOptions = {
      maxReplacementWork,
      selection,
      file: file!,
      solver: projectSolver,
      replacement,
      ...(weights === undefined ? {} : { weights }),
      ...(normalization === undefined ? {} : { normalization }),
      ...(space === undefined ? {} : { space }),
      ...(sweep === undefined ? {} : { sweep }),
      ...(rules.length === 0 ? {} : { rules }),
    };
    // a shard refuses what the merge's study would refuse, but leaves the study to the merge
    if (shard) checkReplacementWork(studyContext(table, studyOptions), replacement, maxReplacementWork);
    const report = shard ? undefined : runEmpiricalStudy(table, studyOptions);
    if (report !== undefined && calibration !== undefined) report.calibration = calibration;
    if (boot.replicates > 0) {
      const spec: BootstrapSpec = {
        table,
        replicates: boot.replicates,
        seed: boot.seed,
        resample: boot.resample,
        selection: fitted !== undefined ? { fit: fitted } : selection,
        // judgements are resampled only when the noise is fitted to them; otherwise they do not move
        // the leaderboards, and the tasks are resampled instead
        ...(pairwise === undefined || fitted === undefined ? {} : { pairwise }),
        ...(weights === undefined ? {} : { weights }),
        ...(normalization === undefined ? {} : { normalization }),
        ...(space === undefined ? {} : { space }),
        ...(rules.length === 0 ? {} : { rules }),
      };
      const progress = terminalProgress(io, flagBoolean(args, "json"));
      try {
        const inputs = pairwisePath === undefined ? [file!] : [file!, pairwisePath];
        const summary = await bootstrapForCommand({ command, args, io, inputs, merged }, spec, {
          workers: boot.workers,
          maxReplicates: boot.maxReplicates,
          maxBootstrapWork: boot.maxBootstrapWork,
          ...(progress.sink === undefined ? {} : { progress: progress.sink }),
        });
        if (summary === SHARD_WRITTEN || report === undefined) return 0;
        report.uncertainty = summary;
      } finally {
        progress.done();
      }
    }
    if (report === undefined) return 0;
    const reportPath = flagString(args, "report");
    if (reportPath === STDOUT_PATH) {
      // the HTML is the output: nothing else goes to standard output
      io.stdout(renderHtmlReport(report));
      return 0;
    }
    if (reportPath !== undefined) {
      writeFileAtomic(reportPath, renderHtmlReport(report));
      io.stderr(`wrote ${reportPath}\n`);
    }
    io.stdout(
      flagBoolean(args, "json")
        ? `${JSON.stringify(report, null, 2)}\n`
        : flagBoolean(args, "csv")
          ? tidyTableCsv(empiricalTable(report))
          : renderTextReport(report),
    );
    return 0;
  },
};
