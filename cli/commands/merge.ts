/**
 * `modelmarket merge DIR... [FLAGS]`: the strict, order-free merge of the shard files a `--shard k/N
 * --out DIR` job wrote. It refuses shards of different versions, builds or jobs (command line, input
 * files), damaged or edited files (checksum), impossible counts, a shard given twice or missing (the
 * missing ones printed as a ready `--array=` list), and input files changed since; then runs the
 * job's command with the shards' results in place of its long computation, so its output is the same
 * bytes as one process's. FLAGS are the job command's output flags (`--json`, `--output FILE`, `--csv`, ...).
 */
import { InputError } from "../../src/errors.js";
import { checkInputsUnchanged, readShardSet } from "../../src/io/shardSet.js";
import { type FlagSpec, parseArgs } from "../args.js";
import { type Command, type CommandSpec, commandHelp } from "../command.js";
import { checkOutputPath } from "../output.js";

const USAGE = "modelmarket merge DIR|FILE... [OUTPUT FLAGS OF THE JOB'S COMMAND]";

export const command: Command = {
  name: "merge",
  summary: "merge the shard files of a --shard k/N job into the output of one run",
  usage: USAGE,
  examples: [
    "modelmarket check --claim C6 --instances 1000 --shard 1/2 --out shards",
    "modelmarket check --claim C6 --instances 1000 --shard 2/2 --out shards",
    "modelmarket merge shards --output full.json --findings-exit 0",
  ],
  flags: [],
  async runRaw(argv, io, load, specs) {
    if (argv.includes("--help") || argv.includes("-h")) {
      io.stdout(mergeHelp(this as Command, await specs()));
      return 0;
    }
    const split = argv.findIndex((a) => a.startsWith("--"));
    const paths = split === -1 ? [...argv] : argv.slice(0, split);
    const extra = split === -1 ? [] : argv.slice(split);
    if (paths.length === 0)
      throw new InputError(undefined, "DIR", "give the folder(s) of the shard files (see --help)");
    const shards = readShardSet(paths);
    const first = shards[0]!;
    const [name, ...recorded] = first.command;
    const cmd = await load(name!);
    const render = cmd.renderFlags;
    if (render === undefined) throw new InputError(first.path, "$.command", `${name} cannot be sharded`);
    const extraArgs = parseArgs(extra, cmd.flags);
    for (const f of extraArgs.flags.keys()) {
      if (!render.includes(f))
        throw new InputError(
          undefined,
          `--${f}`,
          `not an output flag of ${name} (the merge takes ${render.map((r) => `--${r}`).join(", ")}; the rest is fixed by the shards)`,
        );
    }
    if (extraArgs.positional.length > 0) {
      const afterJson = extra[extra.indexOf(extraArgs.positional[0]!) - 1] === "--json";
      throw new InputError(
        undefined,
        extraArgs.positional[0],
        afterJson
          ? "unexpected argument after the flags (--json prints to standard output; write a file with --output FILE)"
          : "unexpected argument after the flags",
      );
    }
    for (const spec of cmd.flags) {
      const path = spec.output ? extraArgs.flags.get(spec.name)?.[0] : undefined;
      if (typeof path === "string") checkOutputPath(`--${spec.name}`, path);
    }
    checkInputsUnchanged(first);
    const args = parseArgs([...recorded, ...extra], cmd.flags);
    return await cmd.run(args, io, { shards });
  },
  run() {
    // `runRaw` handles the arguments (main calls it instead)
    return 2;
  },
};

/**
 * `merge --help`: the merge's usage and examples, and the flags it takes: the output flags
 * (`renderFlags`) of every command that can be sharded, each once, saying which commands' jobs take it.
 */
function mergeHelp(merge: CommandSpec, specs: readonly CommandSpec[]): string {
  const flags = new Map<string, { spec: FlagSpec; commands: string[] }>();
  for (const cmd of [...specs].sort((a, b) => (a.name < b.name ? -1 : 1)))
    for (const name of cmd.renderFlags ?? []) {
      const spec = cmd.flags.find((f) => f.name === name);
      if (spec === undefined) continue;
      const entry = flags.get(name) ?? { spec, commands: [] };
      entry.commands.push(cmd.name);
      flags.set(name, entry);
    }
  const listed = [...flags.values()].map(({ spec, commands }) => {
    const last = commands.at(-1)!;
    const who = commands.length === 1 ? last : `${commands.slice(0, -1).join(", ")} or ${last}`;
    return { ...spec, help: `for a job of ${who} (see its --help)` };
  });
  return commandHelp({ ...merge, flags: listed });
}
