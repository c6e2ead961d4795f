/**
 * The shape of one subcommand. Each lives in `cli/commands/NAME.ts` and exports `command`; its flag table
 * (`spec`, a `CommandSpec`) is in `cli/commands/NAME-flags.ts`, which `--help` loads alone.
 */
import type { FlagSpec, ParsedArgs } from "./args.js";
import type { MergeContext } from "./shard.js";

/** Where a command writes. Tests pass string buffers; the CLI passes process streams. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** `true` when stdout/stderr is an interactive terminal (progress bars only then). */
  isTTY: boolean;
  /** Standard input, for the commands that read a stream (`nash --stdin`). */
  stdin?: AsyncIterable<string | Uint8Array>;
}

/**
 * What `--help` shows and what the parser needs: a command's flag table without its run. Each command's
 * spec lives in a module that imports no solver, so `COMMAND --help` and a flag error load only it.
 */
export interface CommandSpec {
  name: string;
  /** One line for `modelmarket --help`. */
  summary: string;
  /** Usage line, e.g. `modelmarket evaluate FILE [--json]`. */
  usage: string;
  /** Worked examples shown by `--help`. */
  examples: string[];
  flags: FlagSpec[];
  /**
   * For a command that can be sharded (`--shard k/N --out DIR`): its flags that only choose the output
   * (files, formats). They stay out of a job's key, a shard refuses them, `modelmarket merge` takes them.
   */
  renderFlags?: string[];
}

export interface Command extends CommandSpec {
  /**
   * Runs the command; returns the exit code. Throws `InputError` for user errors. `merge` is given by
   * `modelmarket merge`: the verified shards whose results replace the command's long computation.
   */
  run: (args: ParsedArgs, io: CommandIO, merge?: MergeContext) => Promise<number> | number;
  /**
   * Takes the raw arguments instead of `flags` (`merge`, whose flags are those of the merged job). `load`
   * loads a command by name; `specs` loads every command's flag table (for `merge --help`).
   */
  runRaw?: (
    argv: readonly string[],
    io: CommandIO,
    load: (name: string) => Promise<Command>,
    specs: () => Promise<CommandSpec[]>,
  ) => Promise<number>;
}

/** Renders a command's `--help` text. */
export function commandHelp(cmd: CommandSpec): string {
  const lines = [`Usage: ${cmd.usage}`, "", cmd.summary, ""];
  if (cmd.flags.length > 0) {
    lines.push("Flags:");
    for (const f of cmd.flags) {
      const head =
        f.kind === "boolean" ? `--${f.name}` : `--${f.name} ${f.placeholder ?? f.kind.toUpperCase()}`;
      lines.push(`  ${head.padEnd(30)} ${f.help}`);
    }
    lines.push("  --help                         show this help");
    lines.push("");
  }
  if (cmd.examples.length > 0) {
    lines.push("Examples:");
    for (const e of cmd.examples) lines.push(`  ${e}`);
    lines.push("");
  }
  return lines.join("\n");
}
