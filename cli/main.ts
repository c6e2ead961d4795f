/**
 * `modelmarket` command-line dispatcher: finds the subcommand, parses its flags, turns `InputError`
 * into the one-line message and exit code 2, and never prints a stack trace for user errors.
 */
import { InputError, oneLine } from "../src/errors.js";

export { oneLine };

/** Exit code for user errors (bad files, flags or values). */
export const EXIT_INPUT_ERROR = 2;

import { type ParsedArgs, parseArgs } from "./args.js";
import { type Command, type CommandIO, type CommandSpec, commandHelp } from "./command.js";

/**
 * Subcommands, loaded lazily so that `modelmarket evaluate` does not pay for the solvers' start-up. `spec`
 * loads the command's flag table alone (`cli/commands/NAME-flags.ts`): the flags are parsed and `--help`
 * answered from it, and `load` (the run, with the solvers it needs) is imported only when the command runs.
 * A command without `spec` parses its own arguments (`merge`).
 */
const COMMANDS: Record<
  string,
  { summary: string; spec?: () => Promise<CommandSpec>; load: () => Promise<Command> }
> = {
  evaluate: {
    summary: "welfare, payoffs under every rule, and diversity of a market",
    spec: async () => (await import("./commands/evaluate-flags.js")).spec,
    load: async () => (await import("./commands/evaluate.js")).command,
  },
  entry: {
    summary: "best response of a new producer under each payoff rule",
    spec: async () => (await import("./commands/entry-flags.js")).spec,
    load: async () => (await import("./commands/entry.js")).command,
  },
  replace: {
    summary: "best response of an incumbent that re-chooses its strategy",
    spec: async () => (await import("./commands/replace-flags.js")).spec,
    load: async () => (await import("./commands/replace.js")).command,
  },
  equilibrium: {
    summary: "Nash equilibria of the producer game, with price of anarchy and stability",
    spec: async () => (await import("./commands/equilibrium-flags.js")).spec,
    load: async () => (await import("./commands/equilibrium.js")).command,
  },
  sequential: {
    summary: "producers enter one at a time, each best-responding",
    spec: async () => (await import("./commands/sequential-flags.js")).spec,
    load: async () => (await import("./commands/sequential.js")).command,
  },
  compare: {
    summary: "one question under several payoff rules side by side, swept, with change points",
    spec: async () => (await import("./commands/compare-flags.js")).spec,
    load: async () => (await import("./commands/compare.js")).command,
  },
  design: {
    summary:
      "the rule-family parameter or benchmark weights that make producers' responses best for consumers",
    spec: async () => (await import("./commands/design-flags.js")).spec,
    load: async () => (await import("./commands/design.js")).command,
  },
  nash: {
    summary: "equilibria of a finite normal-form game (.nfg or market file)",
    spec: async () => (await import("./commands/nash-flags.js")).spec,
    load: async () => (await import("./commands/nash.js")).command,
  },
  check: {
    summary: "verify the model's theorems on seeded random instances",
    spec: async () => (await import("./commands/check.js")).command,
    load: async () => (await import("./commands/check.js")).command,
  },
  ratings: {
    summary: "Bradley-Terry / Elo ratings and winrates from pairwise judgements",
    spec: async () => (await import("./commands/ratings-flags.js")).spec,
    load: async () => (await import("./commands/ratings.js")).command,
  },
  calibrate: {
    summary: "fit the selection rule's noise (logit beta, probit sigma) to pairwise judgements",
    spec: async () => (await import("./commands/calibrate-flags.js")).spec,
    load: async () => (await import("./commands/calibrate.js")).command,
  },
  empirical: {
    summary: "winrate against weighted winrate on a real model x task score table",
    spec: async () => (await import("./commands/empirical-flags.js")).spec,
    load: async () => (await import("./commands/empirical.js")).command,
  },
  merge: {
    summary: "merge the shard files of a --shard k/N job into the output of one run",
    load: async () => (await import("./commands/merge.js")).command,
  },
};

/**
 * Loads a command by name (for `merge`, which runs the command its shards name).
 *
 * @throws InputError naming an unknown command.
 */
async function loadCommand(name: string): Promise<Command> {
  const entry = COMMANDS[name];
  if (entry === undefined) throw new InputError(undefined, "$.command", `unknown command "${name}"`);
  return entry.load();
}

/** Every command's flag table, none of their runs (for `merge --help`, which lists the output flags of the commands that can be sharded). */
async function loadSpecs(): Promise<CommandSpec[]> {
  return Promise.all(Object.values(COMMANDS).flatMap((c) => (c.spec === undefined ? [] : [c.spec()])));
}

function topHelp(): string {
  const lines = [
    "Usage: modelmarket COMMAND [ARGS] [--help]",
    "",
    "Equilibria of AI-model marketplaces under noisy aggregation.",
    "",
    "Commands:",
  ];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)} ${c.summary}`);
  lines.push(
    "",
    "Examples:",
    "  modelmarket evaluate examples/three-producers.json",
    "  modelmarket evaluate examples/three-producers.json --selection logit:beta=20 --json",
    "  modelmarket entry examples/three-producers.json --entrant top-k:k=1",
    "  modelmarket check --instances 500 --seed 1",
    "",
    "Run `modelmarket COMMAND --help` for a command's flags and examples.",
    "",
  );
  return lines.join("\n");
}

const processIO: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true && process.stdout.isTTY === true,
  // a getter: touching process.stdin builds a stream (readline, decoders), about 30 ms of start-up
  get stdin() {
    return process.stdin;
  },
};

/**
 * Runs the command line; returns the exit code (0 ok, 1 a check failed, 2 bad input).
 *
 * @example
 * const code = await main(["evaluate", "market.json", "--json"]);
 */
export async function main(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // a usage error: the help goes to standard error, so that nothing reads it as output
    io.stderr(topHelp());
    return EXIT_INPUT_ERROR;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(topHelp());
    return 0;
  }
  if (name === "--version") {
    io.stdout("modelmarket 0.1.0\n");
    return 0;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    io.stderr(`modelmarket: ${name}: unknown command (known: ${Object.keys(COMMANDS).join(", ")})\n`);
    return EXIT_INPUT_ERROR;
  }
  let cmd: CommandSpec | undefined;
  try {
    const raw = entry.spec === undefined ? await entry.load() : undefined;
    if (raw?.runRaw !== undefined) return await raw.runRaw(rest, io, loadCommand, loadSpecs);
    cmd = raw ?? (await entry.spec!());
    const args = parseArgs(rest, cmd.flags);
    if (args.flags.has("help")) {
      io.stdout(commandHelp(cmd));
      return 0;
    }
    // every input: the positional arguments and the flags marked as input files
    const inputs = [
      ...args.positional,
      ...cmd.flags.filter((f) => f.input).flatMap((f) => (args.flags.get(f.name) ?? []).map(String)),
    ];
    stdinOnce(args, cmd);
    for (const spec of cmd.flags) {
      const path = spec.output ? args.flags.get(spec.name)?.[0] : undefined;
      // the output checks load on demand: most runs write no file
      if (typeof path === "string") {
        const output = await import("./output.js");
        output.checkOutputPath(`--${spec.name}`, path);
        output.checkNotAnInput(`--${spec.name}`, path, inputs);
      }
    }
    return await (raw ?? (await entry.load())).run(args, io);
  } catch (err) {
    if (err instanceof InputError) {
      const shown = (await import("./fields.js")).translateInputError(err, cmd?.flags ?? []);
      io.stderr(`modelmarket ${name}: ${oneLine(shown.message)}\n`);
      return EXIT_INPUT_ERROR;
    }
    throw err;
  }
}

/**
 * Standard input read by two inputs (`ratings - --difficulty -`): the second would read an empty
 * stream, so the run is refused before any read, naming both.
 *
 * @throws InputError `standard input given twice (FILE and --difficulty)`.
 */
function stdinOnce(args: ParsedArgs, cmd: CommandSpec): void {
  const readers = [
    ...args.positional.map((p) => [p, "FILE"] as const),
    ...cmd.flags
      .filter((f) => f.input)
      .flatMap((f) => (args.flags.get(f.name) ?? []).map((v) => [String(v), `--${f.name}`] as const)),
  ]
    // "-" is STDIN_PATH (src/textFile.ts), not imported: the start-up loads no reader
    .filter(([path]) => path === "-")
    .map(([, label]) => label);
  if (readers.length > 1)
    throw new InputError(
      undefined,
      undefined,
      `standard input given twice (${readers.slice(0, 2).join(" and ")})`,
    );
}
