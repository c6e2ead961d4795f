/**
 * `modelmarket empirical SCORES.csv`: winrate against weighted winrate (and the other payoff rules) on
 * a real model x task score table: leaderboards, market entry, model replacement and a noise sweep,
 * as text, JSON or a self-contained HTML report with SVG charts.
 */
import { extname } from "node:path";
import type { BootstrapSpec } from "../../empirical/bootstrap.js";
import type { BootstrapSummary } from "../../empirical/bootstrap-summary.js";
import { type CalibrationReport, calibrateNoise, calibrationWarningText } from "../../empirical/calibrate.js";
import { parseFittedSelection, selectionFromFit } from "../../empirical/fitted.js";
import { parseEmpiricalSpace, parseReplaceSpec, parseSweepSpec } from "../../empirical/options.js";
import { checkReplacementWork } from "../../empirical/replacement.js";
import { renderHtmlReport, renderTextReport } from "../../empirical/report.js";
import { fittedNoisePhrase } from "../../empirical/report-pairwise.js";
import { studyContext } from "../../empirical/setup.js";
import { projectSolver } from "../../empirical/solver.js";
import { runEmpiricalStudy } from "../../empirical/study.js";
import type { EmpiricalOptions, EmpiricalReport } from "../../empirical/study-types.js";
import { InputError, oneLine } from "../../src/errors.js";
import { writeFileAtomic } from "../../src/io/output.js";
import type { PairwiseData } from "../../src/io/pairwise.js";
import {
  type Normalization,
  readScoreTable,
  type ScoreTable,
  scoreTableMarket,
} from "../../src/io/scoreTable.js";
import { parseNormalizationSpec, parseSelectionSpec, parseWeightsSpec } from "../../src/io/specs.js";
import { DEFAULT_MAX_REPLACEMENT_WORK } from "../../src/limits.js";
import type { SelectionRule } from "../../src/model/types.js";
import { flagBoolean, flagList, flagString, type ParsedArgs, requirePositional } from "../args.js";
import {
  type BootstrapJob,
  bootstrapForCommand,
  isShard,
  requireBootstrapForShard,
  SHARD_WRITTEN,
} from "../bootstrapShard.js";
import type { Command, CommandIO } from "../command.js";
import { empiricalTable } from "../csvTables.js";
import { STDOUT_PATH } from "../output.js";
import { terminalProgress } from "../progress.js";
import { positiveInt } from "../solverFlags.js";
import { tidyTableCsv } from "../tidyCsv.js";
import { DEFAULT_EMPIRICAL_SELECTION, spec } from "./empirical-flags.js";
import { bootstrapFlags, readJudgements } from "./pairwise-flags.js";

export { DEFAULT_EMPIRICAL_SELECTION };

/** Refuses a file that is not a score table and output flags that would both print to standard output. */
function checkOutputFlags(file: string, args: ParsedArgs): void {
  const ext = extname(file).toLowerCase();
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
}

/** Everything the flags ask for, read and checked before the study runs. */
interface EmpiricalSetup {
  table: ScoreTable;
  study: EmpiricalOptions;
  calibration: CalibrationReport | undefined;
  /** This process is one shard: it computes only bootstrap replicates. */
  shard: boolean;
  /** The bootstrap to run (`undefined` without `--bootstrap`). */
  bootstrap: { spec: BootstrapSpec; flags: ReturnType<typeof bootstrapFlags> } | undefined;
  /** The files read, hashed into a shard job's key. */
  inputs: string[];
}

/** Fits the noise to `--pairwise` (not on a shard) and reports the fit on standard error. */
function calibrate(
  file: string,
  table: ScoreTable,
  pairwise: PairwiseData,
  fitted: ReturnType<typeof parseFittedSelection>,
  selectionText: string | undefined,
  market: {
    weights: ReturnType<typeof parseWeightsSpec> | undefined;
    normalization: Normalization | undefined;
  },
  io: CommandIO,
): CalibrationReport {
  const fixed =
    fitted === undefined ? parseSelectionSpec(selectionText ?? DEFAULT_EMPIRICAL_SELECTION) : undefined;
  const calibration = calibrateNoise(table, pairwise, {
    model: fitted ?? (fixed?.rule === "probit" ? "probit" : "logit"),
    file,
    ...(market.weights === undefined ? {} : { weights: market.weights }),
    ...(market.normalization === undefined ? {} : { normalization: market.normalization }),
  });
  for (const w of calibration.warnings)
    io.stderr(`modelmarket empirical: warning: ${oneLine(calibrationWarningText(w))}\n`);
  io.stderr(
    `modelmarket empirical: fitted ${fittedNoisePhrase(calibration.pooled)}${fitted === undefined ? " (not used: --selection is fixed)" : ""}\n`,
  );
  return calibration;
}

/** The study's options from `--space`, `--sweep`, `--replace`, `--rules`; `shared` are the bootstrap's too. */
function studyOptions(
  file: string,
  args: ParsedArgs,
  table: ScoreTable,
  selection: SelectionRule,
  market: {
    weights: ReturnType<typeof parseWeightsSpec> | undefined;
    normalization: Normalization | undefined;
  },
) {
  const { weights, normalization } = market;
  // the market once up front: validates weights and normalisation before any work, and gives the
  // tasks that --space is parsed against
  const tasks = scoreTableMarket(table, {
    selection,
    file,
    ...(weights === undefined ? {} : { weights }),
    ...(normalization === undefined ? {} : { normalization }),
  });
  const spaceText = flagString(args, "space");
  const space = spaceText === undefined ? undefined : parseEmpiricalSpace(spaceText, tasks);
  const sweep = parseSweepSpec(flagString(args, "sweep") ?? (selection.rule === "epsilon" ? "eps" : "beta"));
  const replacement = parseReplaceSpec(flagString(args, "replace") ?? "all");
  const rules = flagList(args, "rules");
  const maxReplacementWork = positiveInt(args, "max-replacement-work", DEFAULT_MAX_REPLACEMENT_WORK, 1e15);
  const shared = {
    ...(weights === undefined ? {} : { weights }),
    ...(normalization === undefined ? {} : { normalization }),
    ...(space === undefined ? {} : { space }),
    ...(rules.length === 0 ? {} : { rules }),
  };
  const study: EmpiricalOptions = {
    maxReplacementWork,
    selection,
    file,
    solver: projectSolver,
    replacement,
    ...shared,
    ...(sweep === undefined ? {} : { sweep }),
  };
  return { study, shared };
}

/** Reads every flag and input, every check before the first long step (the pairwise fit, the study). */
function prepare(file: string, args: ParsedArgs, io: CommandIO): EmpiricalSetup {
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
  const table = readScoreTable(file);
  const pairwise =
    pairwisePath === undefined
      ? undefined
      : readJudgements(args, io, "empirical", pairwisePath, boot.resample);
  // a shard computes only its bootstrap replicates: the fit and the study are the merge's
  const shard = isShard(args);
  const calibration =
    pairwise !== undefined && !shard
      ? calibrate(file, table, pairwise, fitted, selectionText, { weights, normalization }, io)
      : undefined;
  const selection =
    fitted !== undefined
      ? // a shard has no fit; the market below only checks the flags and gives the tasks, which
        // do not depend on the noise (each replicate refits it)
        calibration !== undefined
        ? selectionFromFit(calibration)
        : parseSelectionSpec(DEFAULT_EMPIRICAL_SELECTION)
      : parseSelectionSpec(selectionText ?? DEFAULT_EMPIRICAL_SELECTION);
  const { study, shared } = studyOptions(file, args, table, selection, { weights, normalization });
  requireBootstrapForShard(args, boot.replicates);
  const spec: BootstrapSpec = {
    table,
    replicates: boot.replicates,
    seed: boot.seed,
    resample: boot.resample,
    selection: fitted !== undefined ? { fit: fitted } : selection,
    // judgements are resampled only when the noise is fitted to them; otherwise they do not move
    // the leaderboards, and the tasks are resampled instead
    ...(pairwise === undefined || fitted === undefined ? {} : { pairwise }),
    ...shared,
  };
  return {
    table,
    study,
    calibration,
    shard,
    bootstrap: boot.replicates > 0 ? { spec, flags: boot } : undefined,
    inputs: pairwisePath === undefined ? [file] : [file, pairwisePath],
  };
}

/** Runs the bootstrap (whole, one shard, or from merged shards) with progress on a terminal. */
async function bootstrapStudy(
  boot: NonNullable<EmpiricalSetup["bootstrap"]>,
  job: BootstrapJob,
): Promise<BootstrapSummary | typeof SHARD_WRITTEN> {
  const progress = terminalProgress(job.io, flagBoolean(job.args, "json"));
  try {
    return await bootstrapForCommand(job, boot.spec, {
      workers: boot.flags.workers,
      maxReplicates: boot.flags.maxReplicates,
      maxBootstrapWork: boot.flags.maxBootstrapWork,
      ...(progress.sink === undefined ? {} : { progress: progress.sink }),
    });
  } finally {
    progress.done();
  }
}

/** Prints the report as `--report`, `--json`, `--csv` or text ask. */
function writeReport(report: EmpiricalReport, args: ParsedArgs, io: CommandIO): void {
  const reportPath = flagString(args, "report");
  if (reportPath === STDOUT_PATH) {
    // the HTML is the output: nothing else goes to standard output
    io.stdout(renderHtmlReport(report));
    return;
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
}

export const command: Command = {
  ...spec,
  async run(args, io, merged) {
    const [file] = requirePositional(args, ["SCORES.csv"]);
    checkOutputFlags(file!, args);
    const setup = prepare(file!, args, io);
    // a shard refuses what the merge's study would refuse, but leaves the study to the merge
    if (setup.shard)
      checkReplacementWork(
        studyContext(setup.table, setup.study),
        setup.study.replacement!,
        setup.study.maxReplacementWork!,
      );
    const report = setup.shard ? undefined : runEmpiricalStudy(setup.table, setup.study);
    if (report !== undefined && setup.calibration !== undefined) report.calibration = setup.calibration;
    if (setup.bootstrap !== undefined) {
      const summary = await bootstrapStudy(setup.bootstrap, {
        command,
        args,
        io,
        inputs: setup.inputs,
        merged,
      });
      if (summary === SHARD_WRITTEN || report === undefined) return 0;
      report.uncertainty = summary;
    }
    if (report !== undefined) writeReport(report, args, io);
    return 0;
  },
};
