/**
 * `modelmarket ratings FILE`: Bradley-Terry (or Davidson) ratings on the logit and Elo scales, winrate
 * and pairwise winrate from pairwise judgements (battle logs or WildBench counts), overall and per
 * task, with 95% intervals; optionally a seeded bootstrap of ratings and ranks.
 */

import type { BootstrapSummary } from "../../empirical/bootstrap-summary.js";
import type { TidyRow } from "../../empirical/ratings/leaderboard.js";
import {
  checkRatingFitMemory,
  type LeaderboardOptions,
  type RatingTable,
  ratingLeaderboards,
  tidyRatings,
} from "../../empirical/ratings/leaderboard.js";
import { DEFAULT_MAX_SE_WORK } from "../../empirical/ratings/sparse.js";
import type { Anchor, PriorPolicy } from "../../empirical/ratings/types.js";
import { anchorText, priorReasonText, standardErrorNoteText } from "../../empirical/ratings/words.js";
import { InputError } from "../../src/errors.js";
import type { PairwiseData } from "../../src/io/pairwise.js";
import { DEFAULT_MAX_RATING_MEMORY_MB } from "../../src/limits.js";
import { fixed, plural } from "../../src/numeric/format.js";
import { inputName } from "../../src/textFile.js";
import {
  flagBoolean,
  flagList,
  flagNumber,
  flagString,
  type ParsedArgs,
  requirePositional,
} from "../args.js";
import {
  type BootstrapJob,
  bootstrapForCommand,
  isShard,
  requireBootstrapForShard,
  SHARD_WRITTEN,
} from "../bootstrapShard.js";
import type { Command, CommandIO } from "../command.js";
import { terminalProgress } from "../progress.js";
import { tidyCsv } from "../tidyCsv.js";
import { bootstrapFlags, readJudgements } from "./pairwise-flags.js";
import {
  type ControlledOutput,
  controlledConverged,
  controlledTidyRows,
  controlNames,
  instructionColumn,
  renderControlled,
  runControlled,
} from "./ratings-controlled.js";
import { spec } from "./ratings-flags.js";

export { BOOTSTRAP_FLAGS, bootstrapFlags } from "./pairwise-flags.js";

const f = fixed;

/** Parses `--anchor`: `mean` or a model name. */
function parseAnchor(text: string | undefined): Anchor {
  if (text === undefined || text === "mean") return { kind: "mean" };
  return { kind: "model", model: text };
}

function parseChoice<T extends string>(
  text: string | undefined,
  flag: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (text === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(text))
    throw new InputError(undefined, flag, `expected one of ${allowed.join(", ")}, got "${text}"`);
  return text as T;
}

function renderText(file: string, tables: RatingTable[], boot: BootstrapSummary | null): string {
  const out: string[] = [];
  for (const t of tables) {
    const fit = t.fit;
    out.push(
      `${file}: ${t.task} (${fit.method}${fit.tieParameter ? `, nu ${f(fit.tieParameter.nu)} +- ${f(fit.tieParameter.standardError)}` : ""}; anchor ${anchorText(fit.anchor)}; ${plural(fit.judgements, "judgement")})`,
      `  ${fit.converged ? "converged" : "NOT CONVERGED (numbers below are not an answer)"}: gradientNorm ${fit.gradientNorm.toExponential(2)}, iterations ${fit.iterations} (Newton steps)${fit.prior.applied && fit.prior.reason !== null ? `; ${priorReasonText(fit.prior.reason)}` : ""}${fit.standardErrorNote === undefined ? "" : `; ${standardErrorNoteText(fit.standardErrorNote, "raise it with --max-se-work N")}`}`,
    );
    const b = boot?.ratings?.find((x) => x.task === t.task);
    const grouped = t.rows.some((r) => r.group > 0);
    if (grouped)
      out.push(
        "  groups: models in different groups never met, directly or through others; their ratings and ranks are not comparable (ranks are within groups)",
      );
    // each column under its JSON field of `ratings[].rows[]` (an interval as lower..upper), the
    // bootstrap's as its CSV statistic (docs/reference.md, "Names")
    const head = [
      "rank",
      "model",
      "rating",
      "standardError",
      "elo",
      "eloLower..eloUpper",
      "winrate",
      "winrate.lower..upper",
      "pairwiseWinrate",
    ];
    if (grouped) head.unshift("group");
    if (b) head.push("bootstrap.rating.lower..upper", "bootstrap.rank.lower..upper");
    const rows = t.rows
      .map((r, i) => ({ r, i }))
      .sort((a, c) => a.r.group - c.r.group || a.r.rank - c.r.rank || a.i - c.i)
      .map(({ r, i }) => {
        const cells = [
          ...(grouped ? [String(r.group + 1)] : []),
          String(r.rank),
          r.name,
          f(r.rating),
          f(r.standardError),
          f(r.elo, 0),
          `${f(r.eloLower, 0)}..${f(r.eloUpper, 0)}`,
          f(r.winrate.value),
          `${f(r.winrate.lower)}..${f(r.winrate.upper)}`,
          f(r.pairwiseWinrate),
        ];
        if (b) {
          const m = b.models[i]!;
          cells.push(`${f(m.rating.lower)}..${f(m.rating.upper)}`, `${m.rank.lower}..${m.rank.upper}`);
        }
        return cells;
      });
    const all = [head, ...rows];
    const widths = head.map((_, j) => Math.max(...all.map((r) => r[j]!.length)));
    const line = (r: string[]) =>
      `  ${r.map((x, j) => (j === (grouped ? 2 : 1) ? x.padEnd(widths[j]!) : x.padStart(widths[j]!))).join("  ")}`;
    // the header underlined with dashes, as every command's table (test/cli/names.test.ts finds it so)
    out.push(line(head), `  ${widths.map((w) => "-".repeat(w)).join("  ")}`, ...rows.map(line));
    out.push("");
  }
  if (boot !== null)
    out.push(
      `bootstrap: ${plural(boot.replicates, "replicate")} (${boot.scheme ?? ""}), seed ${boot.seed}; ${INTERVAL_WORDS[boot.ratingInterval ?? "percentile"]} intervals of the ratings, ${boot.rankInterval === "calibrated" ? "percentile intervals of the ranks at levels calibrated to 95% (iterated bootstrap)" : "percentile intervals of the ranks"}`,
    );
  return `${out.join("\n")}\n`;
}

const INTERVAL_WORDS = {
  bca: "BCa (bias-corrected and accelerated)",
  "bias-corrected": "bias-corrected percentile",
  percentile: "percentile",
} as const;

/** The flags read and checked, and the judgements, before any fit. */
interface RatingsSetup {
  json: boolean;
  csv: boolean;
  data: PairwiseData;
  opts: LeaderboardOptions;
  /** The fit's settings, as the bootstrap and the controlled fits take them. */
  fit: { ties: "half" | "davidson"; prior: PriorPolicy; anchor: Anchor };
  boot: ReturnType<typeof bootstrapFlags>;
}

/** Reads the flags and the judgements; every check before the first fit. */
function prepare(file: string, args: ParsedArgs, io: CommandIO): RatingsSetup {
  const json = flagBoolean(args, "json");
  const csv = flagBoolean(args, "csv");
  if (json && csv) throw new InputError(undefined, "--csv", "give --json or --csv, not both");
  const ties = parseChoice(flagString(args, "ties"), "--ties", ["half", "davidson"] as const, "half");
  const prior = parseChoice<PriorPolicy>(
    flagString(args, "prior"),
    "--prior",
    ["auto", "always", "none"],
    "auto",
  );
  const anchor = parseAnchor(flagString(args, "anchor"));
  // --length-controlled reads the --resample clusters: column as the instructions' column
  const boot = bootstrapFlags(args, flagString(args, "length-controlled") === undefined ? [] : ["resample"]);
  const data = readJudgements(
    args,
    io,
    "ratings",
    file,
    boot.resample,
    controlNames(args),
    instructionColumn(args, boot.resample),
  );
  const tasks = flagList(args, "task");
  // a repeated task would be fitted and printed twice
  tasks.forEach((t, k) => {
    if (tasks.indexOf(t) !== k) throw new InputError(undefined, "--task", `"${t}" given more than once`);
  });
  for (const t of tasks)
    if (t !== "overall" && !data.tasks.includes(t))
      throw new InputError(
        undefined,
        "--task",
        `unknown task "${t}" (known: overall, ${data.tasks.join(", ")})`,
      );
  if (anchor.kind === "model" && !data.models.includes(anchor.model))
    throw new InputError(undefined, "--anchor", `unknown model "${anchor.model}" (not in ${file})`);
  const maxFitMemory = flagNumber(args, "max-fit-memory", DEFAULT_MAX_RATING_MEMORY_MB);
  if (!(Number.isInteger(maxFitMemory) && maxFitMemory >= 1))
    throw new InputError(undefined, "--max-fit-memory", `must be an integer >= 1, got ${maxFitMemory}`);
  const maxStandardErrorWork = flagNumber(args, "max-se-work", DEFAULT_MAX_SE_WORK);
  if (!(maxStandardErrorWork >= 1))
    throw new InputError(undefined, "--max-se-work", `must be >= 1, got ${maxStandardErrorWork}`);
  const opts: LeaderboardOptions = {
    ties,
    prior,
    anchor,
    maxFitMemory,
    maxStandardErrorWork,
    ...(tasks.length > 0 ? { tasks } : {}),
  };
  return { json, csv, data, opts, fit: { ties, prior, anchor }, boot };
}

/** The bootstrap of the ratings (whole, one shard, or from merged shards), with progress on a terminal. */
async function bootstrapRatings(
  setup: RatingsSetup,
  job: BootstrapJob,
): Promise<BootstrapSummary | typeof SHARD_WRITTEN> {
  const { boot } = setup;
  const progress = terminalProgress(job.io, setup.json || setup.csv);
  try {
    return await bootstrapForCommand(
      job,
      {
        pairwise: setup.data,
        ratings: true,
        // only the tasks asked for: the bootstrap refits each of them in every replicate
        ...(setup.opts.tasks === undefined ? {} : { ratingTasks: setup.opts.tasks }),
        ratingOptions: setup.fit,
        ratingInterval: parseChoice(
          flagString(job.args, "interval"),
          "--interval",
          ["bca", "percentile"] as const,
          "bca",
        ),
        rankInterval: parseChoice(
          flagString(job.args, "rank-interval"),
          "--rank-interval",
          ["percentile", "calibrated"] as const,
          "percentile",
        ),
        replicates: boot.replicates,
        seed: boot.seed,
        resample: boot.resample,
      },
      {
        workers: boot.workers,
        maxReplicates: boot.maxReplicates,
        maxBootstrapWork: boot.maxBootstrapWork,
        ...(progress.sink === undefined ? {} : { progress: progress.sink }),
      },
    );
  } finally {
    progress.done();
  }
}

/** `--json`: the leaderboards, the bootstrap's intervals (or `null`) and the controlled fits. */
function jsonOutput(
  file: string,
  data: PairwiseData,
  tables: RatingTable[],
  boot: BootstrapSummary | null,
  controlled: object,
): string {
  const bootstrap =
    boot?.ratings === undefined
      ? null
      : {
          replicates: boot.replicates,
          seed: boot.seed,
          resample: boot.scheme,
          ratings: boot.ratings,
          interval: boot.ratingInterval ?? null,
          rankInterval: boot.rankInterval ?? null,
        };
  return `${JSON.stringify({ file, format: data.format, models: data.models, tasks: data.tasks, ratings: tables, bootstrap, ...controlled }, null, 2)}\n`;
}

/** `--csv`: the tidy leaderboard rows, the controlled fits' rows, then each model's bootstrap rating and rank with their intervals. */
function csvRows(
  tables: RatingTable[],
  boot: BootstrapSummary | null,
  controlled: ControlledOutput,
): TidyRow[] {
  const rows: TidyRow[] = [...tidyRatings(tables), ...controlledTidyRows(controlled)];
  for (const b of boot?.ratings ?? [])
    for (const m of b.models) {
      const { estimate: value, lower, upper } = m.rating;
      rows.push({ model: m.name, task: b.task, statistic: "bootstrap.rating", value, lower, upper });
      const r = m.rank;
      rows.push({
        model: m.name,
        task: b.task,
        statistic: "bootstrap.rank",
        value: r.estimate,
        lower: r.lower,
        upper: r.upper,
      });
    }
  return rows;
}

export const command: Command = {
  ...spec,
  async run(args, io, merged) {
    const [file] = requirePositional(args, ["FILE"]);
    const setup = prepare(file!, args, io);
    requireBootstrapForShard(args, setup.boot.replicates);
    // a shard computes only its replicates: the boards and the controlled fits are the merge's (it
    // is still refused the fits' memory, as the whole run would be)
    const shard = isShard(args);
    if (shard) checkRatingFitMemory(setup.data, setup.opts);
    const tables = shard ? [] : ratingLeaderboards(setup.data, setup.opts);
    const controlled = shard
      ? { controlled: null, lengthControlled: null }
      : runControlled(args, setup.data, setup.fit);
    let boot: BootstrapSummary | null = null;
    if (setup.boot.replicates > 0) {
      const summary = await bootstrapRatings(setup, { command, args, io, inputs: [file!], merged });
      if (summary === SHARD_WRITTEN) return 0;
      boot = summary;
    }
    if (setup.json) io.stdout(jsonOutput(file!, setup.data, tables, boot, controlled));
    else if (setup.csv) io.stdout(tidyCsv(csvRows(tables, boot, controlled)));
    else io.stdout(renderText(inputName(file!), tables, boot) + renderControlled(controlled));
    return tables.every((t) => t.fit.converged) && controlledConverged(controlled) ? 0 : 1;
  },
};
