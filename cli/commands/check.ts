/**
 * `modelmarket check`: verifies the model's claims (docs/model.md section 7 and more; docs/proofs-check.md) on
 * seeded random instances; `modelmarket check merge` combines shard reports.
 */
import { mkdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { BUILTIN_CLAIMS } from "../../proofs-check/claims/index.js";
import { selectClaims } from "../../proofs-check/define.js";
import { compactMarketJson, formatReport } from "../../proofs-check/format.js";
import { type CheckReport, mergeReports, type ReportFile } from "../../proofs-check/report.js";
import { runCheck } from "../../proofs-check/runner.js";
import { InputError } from "../../src/errors.js";
import { parseJson } from "../../src/io/marketFile.js";
import { writeFileAtomic } from "../../src/io/output.js";
import { readTextFile } from "../../src/textFile.js";
import { flagBoolean, flagList, flagNonEmpty, flagNumber, flagString } from "../args.js";
import type { Command } from "../command.js";
import { STDOUT_PATH, writeOutput } from "../output.js";
import { ProgressBar } from "../progress.js";

function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) throw new InputError(undefined, "--shard", `expected k/N (e.g. 2/4), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new InputError(undefined, "--shard", `k must be in 1..N, got ${index}/${count}`);
  }
  return { index, count };
}

const EXPECTATIONS = ["holds", "witness", "falsifiable"];

/** Reads a `--json` report of `check` for `check merge`, checking the fields the merge reads. */
function readReport(path: string): CheckReport {
  const value = parseJson(readTextFile(path), path) as Partial<ReportFile> | null;
  if (value === null || typeof value !== "object" || value.format !== "modelmarket-check/1") {
    throw new InputError(path, "$.format", 'not a check report (expected format "modelmarket-check/1")');
  }
  const fail = (where: string, problem: string): never => {
    throw new InputError(path, where, `${problem} (not a complete check report)`);
  };
  if (typeof value.seed !== "string") fail("$.seed", "missing or not a string");
  if (typeof value.instances !== "number") fail("$.instances", "missing or not a number");
  const shard = value.shard as unknown;
  if (
    shard !== null &&
    (typeof shard !== "object" ||
      typeof (shard as { index?: unknown }).index !== "number" ||
      typeof (shard as { count?: unknown }).count !== "number")
  ) {
    fail("$.shard", "must be null or {index, count}");
  }
  if (!Array.isArray(value.claims)) fail("$.claims", "missing or not an array");
  value.claims!.forEach((c: unknown, k) => {
    const where = `$.claims[${k}]`;
    if (typeof c !== "object" || c === null) fail(where, "must be an object");
    const o = c as Record<string, unknown>;
    if (typeof o.id !== "string") fail(`${where}.id`, "missing or not a string");
    if (!EXPECTATIONS.includes(o.expectation as string)) fail(`${where}.expectation`, "missing or unknown");
    for (const key of ["tried", "hits"])
      if (typeof o[key] !== "number") fail(`${where}.${key}`, "missing or not a number");
    for (const key of ["firstHit", "vacuous"]) {
      if (o[key] !== null && typeof o[key] !== "number") fail(`${where}.${key}`, "must be a number or null");
    }
    if (o.counterexample !== null && typeof o.counterexample !== "object") {
      fail(`${where}.counterexample`, "must be an object or null");
    }
  });
  const { timings: _timings, ...report } = value as ReportFile;
  return report;
}

/**
 * Checks `--counterexamples DIR` before the run: a directory (created when missing), never an
 * existing file or standard output.
 */
function prepareCounterexampleDir(dir: string): void {
  if (dir === "" || dir === STDOUT_PATH) {
    throw new InputError(undefined, "--counterexamples", `needs a folder name, got "${dir}"`);
  }
  let isDir: boolean | undefined;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = undefined;
  }
  if (isDir === false) throw new InputError(dir, "--counterexamples", "exists and is not a folder");
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputError(
      dir,
      "--counterexamples",
      `cannot create the folder (${(err as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
}

function writeCounterexamples(dir: string, report: CheckReport): string[] {
  const written: string[] = [];
  for (const c of report.claims) {
    if (c.counterexample?.market == null) continue;
    const path = join(dir, `${c.id}.json`);
    writeFileAtomic(path, `${compactMarketJson(c.counterexample.market)}\n`);
    written.push(path);
  }
  return written;
}

/**
 * Default largest `--instances` (per claim): above it the run takes days and its work list alone
 * takes gigabytes; `--max-instances` raises it.
 */
export const MAX_CHECK_INSTANCES = 1_000_000;

/** Most worker threads accepted: 4 per available core, and never more than 64 (each takes ~30 MB). */
export function maxCheckWorkers(): number {
  return Math.max(1, Math.min(64, 4 * availableParallelism()));
}

export const command: Command = {
  name: "check",
  summary: "verify the model's theorems on seeded random instances",
  usage:
    "modelmarket check [--claim ID ...] [--instances N] [--seed S] [--workers K] [--shard k/N] [--json FILE] [--timings]\n" +
    "       modelmarket check merge REPORT.json ... [--json FILE]",
  examples: [
    "modelmarket check --instances 500 --seed 1",
    "modelmarket check --claim C6 --claim C7 --instances 20000 --workers 2",
    "modelmarket check --claim C6 --instances 4000 --shard 1/2 --json part1.json",
    "modelmarket check --claim C6 --instances 4000 --shard 2/2 --json part2.json",
    "modelmarket check merge part1.json part2.json --json full.json",
    "modelmarket check --claim C8 --counterexamples cx/ && modelmarket evaluate cx/C8.json",
    "modelmarket check --list",
  ],
  flags: [
    {
      name: "claim",
      kind: "string",
      repeatable: true,
      placeholder: "ID",
      help: "check only these claims (C3 selects C3-*)",
    },
    {
      name: "instances",
      kind: "integer",
      placeholder: "N",
      help: "instances per claim (searches: at least N; default 200)",
    },
    { name: "seed", kind: "string", placeholder: "S", help: "seed of every instance stream (default 1)" },
    {
      name: "workers",
      kind: "integer",
      placeholder: "K",
      help: "worker threads (default: available cores; at most 4 per core and 64)",
    },
    {
      name: "shard",
      kind: "string",
      placeholder: "k/N",
      help: "run only shard k of N (1-based); merge the JSON reports",
    },
    {
      name: "json",
      kind: "string",
      output: true,
      placeholder: "FILE",
      help: "write the report as JSON (atomically, through symbolic links; - = standard output, in place of the table)",
    },
    {
      name: "timings",
      kind: "boolean",
      help: "add wall-clock times (table column, total line, JSON field timings); without it reports are byte-identical for any --workers",
    },
    {
      name: "max-instances",
      kind: "integer",
      placeholder: "N",
      help: `largest --instances accepted (default ${MAX_CHECK_INSTANCES})`,
    },
    {
      name: "counterexamples",
      kind: "string",
      placeholder: "DIR",
      help: "write each shrunk hit as DIR/ID.json (a market file); DIR is created, and must not be a file",
    },
    { name: "list", kind: "boolean", help: "list the claims and exit" },
  ],
  async run(args, io) {
    const json = flagString(args, "json");
    const cxDir = flagString(args, "counterexamples");
    const withTimings = flagBoolean(args, "timings");
    if (args.positional[0] === "merge") {
      if (cxDir !== undefined) prepareCounterexampleDir(cxDir);
      const files = args.positional.slice(1);
      if (files.length === 0) throw new InputError(undefined, "merge", "give the shard reports to merge");
      const report = mergeReports(files.map(readReport));
      if (json !== undefined) writeOutput(io, json, `${JSON.stringify(report, null, 2)}\n`);
      if (cxDir !== undefined) writeCounterexamples(cxDir, report);
      if (json !== STDOUT_PATH) io.stdout(formatReport(report));
      return report.ok ? 0 : 1;
    }
    if (args.positional.length > 0) {
      throw new InputError(
        undefined,
        args.positional[0],
        "unexpected argument (did you mean `check merge`?)",
      );
    }
    const claims = selectClaims(BUILTIN_CLAIMS, flagList(args, "claim"));
    if (flagBoolean(args, "list")) {
      for (const c of claims) io.stdout(`${c.id.padEnd(24)} ${c.expectation.padEnd(12)} ${c.title}\n`);
      return 0;
    }
    // checked before the run, so that a long run does not fail at its end
    if (cxDir !== undefined) prepareCounterexampleDir(cxDir);
    const maxInstances = flagNumber(args, "max-instances", MAX_CHECK_INSTANCES);
    if (maxInstances < 1)
      throw new InputError(undefined, "--max-instances", `must be >= 1, got ${maxInstances}`);
    const instances = flagNumber(args, "instances", 200);
    if (instances < 1) throw new InputError(undefined, "--instances", `must be >= 1, got ${instances}`);
    if (instances > maxInstances) {
      throw new InputError(
        undefined,
        "--instances",
        `${instances} is more than the limit ${maxInstances} per claim (raise it with --max-instances)`,
      );
    }
    const workers = flagNumber(args, "workers");
    if (workers !== undefined && workers < 1)
      throw new InputError(undefined, "--workers", `must be >= 1, got ${workers}`);
    if (workers !== undefined && workers > maxCheckWorkers()) {
      throw new InputError(
        undefined,
        "--workers",
        `${workers} is more than ${maxCheckWorkers()} (at most 4 per available core, 64 in all)`,
      );
    }
    const shard = parseShard(flagString(args, "shard"));
    const bar = io.isTTY ? new ProgressBar(io.stderr) : undefined;
    const file = await runCheck(claims, {
      seed: flagNonEmpty(args, "seed") ?? "1",
      instances,
      ...(workers === undefined ? {} : { workers }),
      ...(shard === undefined ? {} : { shard }),
      ...(bar === undefined
        ? {}
        : { onProgress: (d: number, t: number, id: string) => bar.update(d, t, id) }),
    });
    bar?.done();
    const { timings, ...report } = file;
    // timings only on request: without them the report is the same bytes for any --workers
    const shown = withTimings ? file : report;
    if (json !== undefined) writeOutput(io, json, `${JSON.stringify(shown, null, 2)}\n`);
    if (cxDir !== undefined) writeCounterexamples(cxDir, report);
    if (json !== STDOUT_PATH) io.stdout(formatReport(report, withTimings ? timings : undefined));
    return report.ok ? 0 : 1;
  },
};
