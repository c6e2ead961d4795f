/**
 * `modelmarket check`: verifies the model's claims (MODEL.md section 7 and more; docs/proofs-check.md) on
 * seeded random instances; `modelmarket check merge` combines shard reports.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILTIN_CLAIMS } from "../../proofs-check/claims/index.js";
import { selectClaims } from "../../proofs-check/define.js";
import { compactMarketJson, formatReport } from "../../proofs-check/format.js";
import { type CheckReport, mergeReports, type ReportFile } from "../../proofs-check/report.js";
import { runCheck } from "../../proofs-check/runner.js";
import { InputError } from "../../src/errors.js";
import { parseJson } from "../../src/io/marketFile.js";
import { writeFileAtomic } from "../../src/io/output.js";
import { flagBoolean, flagList, flagNumber, flagString } from "../args.js";
import type { Command } from "../command.js";
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

function readReport(path: string): CheckReport {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new InputError(
      path,
      undefined,
      `cannot read file (${(err as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  const value = parseJson(text, path) as Partial<ReportFile>;
  if (value === null || typeof value !== "object" || value.format !== "modelmarket-check/1") {
    throw new InputError(path, "$.format", 'not a check report (expected format "modelmarket-check/1")');
  }
  const { timings: _timings, ...report } = value as ReportFile;
  return report;
}

function writeCounterexamples(dir: string, report: CheckReport): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const c of report.claims) {
    if (c.counterexample?.market == null) continue;
    const path = join(dir, `${c.id}.json`);
    writeFileAtomic(path, `${compactMarketJson(c.counterexample.market)}\n`);
    written.push(path);
  }
  return written;
}

export const command: Command = {
  name: "check",
  summary: "verify the model's theorems on seeded random instances",
  usage:
    "modelmarket check [--claim ID ...] [--instances N] [--seed S] [--workers K] [--shard k/N] [--json FILE]\n" +
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
    { name: "workers", kind: "integer", placeholder: "K", help: "worker threads (default: available cores)" },
    {
      name: "shard",
      kind: "string",
      placeholder: "k/N",
      help: "run only shard k of N (1-based); merge the JSON reports",
    },
    {
      name: "json",
      kind: "string",
      placeholder: "FILE",
      help: "write the report as JSON (timings in a separate field)",
    },
    {
      name: "counterexamples",
      kind: "string",
      placeholder: "DIR",
      help: "write each shrunk hit as DIR/ID.json (a market file)",
    },
    { name: "list", kind: "boolean", help: "list the claims and exit" },
  ],
  async run(args, io) {
    const json = flagString(args, "json");
    const cxDir = flagString(args, "counterexamples");
    if (args.positional[0] === "merge") {
      const files = args.positional.slice(1);
      if (files.length === 0) throw new InputError(undefined, "merge", "give the shard reports to merge");
      const report = mergeReports(files.map(readReport));
      if (json !== undefined) writeFileAtomic(json, `${JSON.stringify(report, null, 2)}\n`);
      if (cxDir !== undefined) writeCounterexamples(cxDir, report);
      io.stdout(formatReport(report));
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
    const instances = flagNumber(args, "instances", 200);
    if (instances < 1) throw new InputError(undefined, "--instances", `must be >= 1, got ${instances}`);
    const workers = flagNumber(args, "workers");
    if (workers !== undefined && workers < 1)
      throw new InputError(undefined, "--workers", `must be >= 1, got ${workers}`);
    const shard = parseShard(flagString(args, "shard"));
    const bar = io.isTTY ? new ProgressBar(io.stderr) : undefined;
    const file = await runCheck(claims, {
      seed: flagString(args, "seed") ?? "1",
      instances,
      ...(workers === undefined ? {} : { workers }),
      ...(shard === undefined ? {} : { shard }),
      ...(bar === undefined
        ? {}
        : { onProgress: (d: number, t: number, id: string) => bar.update(d, t, id) }),
    });
    bar?.done();
    if (json !== undefined) writeFileAtomic(json, `${JSON.stringify(file, null, 2)}\n`);
    const { timings, ...report } = file;
    if (cxDir !== undefined) writeCounterexamples(cxDir, report);
    io.stdout(formatReport(report, timings));
    return report.ok ? 0 : 1;
  },
};
