/**
 * `modelmarket check`: verifies the model's claims (docs/model.md section 7 and more; docs/proofs-check.md) on
 * seeded random instances; `modelmarket check merge` combines shard reports. This module is the command's
 * flag table only (what `check --help` loads); the run is in `check-run.ts`, loaded when a check runs.
 */
import type { Command } from "../command.js";
import { SHARD_FLAGS } from "../shardFlags.js";
import { CHECK_RENDER_FLAGS, MAX_CHECK_INSTANCES } from "./check-limits.js";

export const command: Command = {
  name: "check",
  summary: "verify the model's theorems on seeded random instances",
  usage:
    "modelmarket check [--claim ID ...] [--instances N] [--seed S] [--workers K] [--json | --csv] [--output FILE] [--timings] [--findings-exit E]\n" +
    "       modelmarket check ... --shard k/N --out DIR [--skip-existing]\n" +
    "       modelmarket check merge DIR ... [--json] [--output FILE] [--findings-exit E]   (the same as modelmarket merge DIR)",
  examples: [
    "modelmarket check --instances 500 --seed 1",
    "modelmarket check --claim C6 --claim C7 --instances 20000 --workers 2",
    "modelmarket check --claim C6 --instances 4000 --shard 1/2 --out shards",
    "modelmarket check --claim C6 --instances 4000 --shard 2/2 --out shards",
    "modelmarket check merge shards --output full.json --findings-exit 0",
    "modelmarket check --claim C6 --instances 100 --json",
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
    { name: "json", kind: "boolean", help: "print the report as JSON instead of the table" },
    { name: "csv", kind: "boolean", help: "print CSV, one row per claim, instead of the table" },
    {
      name: "output",
      kind: "string",
      output: true,
      placeholder: "FILE",
      help: "also write the JSON report to FILE (atomically, through symbolic links; - = standard output, in place of the table)",
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
    {
      name: "findings-exit",
      kind: "integer",
      placeholder: "E",
      help: "exit status when a claim contradicts its expectation (default 1; 0: findings are data, only bad input (2) or a crash fail)",
    },
    { name: "list", kind: "boolean", help: "list the claims and exit" },
    ...SHARD_FLAGS,
  ],
  renderFlags: CHECK_RENDER_FLAGS,
  async run(args, io, merged) {
    return (await import("./check-run.js")).runCheckCommand(this, args, io, merged);
  },
};
