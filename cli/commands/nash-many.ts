/**
 * `nash` on many games in one process, for scripts: several files (`nash A.nfg B.nfg --jsonl`) or a
 * stream of `.nfg` games on standard input (`nash --stdin`), one JSON line out per game, in input
 * order. Starting Node costs more CPU than solving a small game, so a script that calls the command
 * once per game pays that start-up every time; here it pays it once.
 *
 * Each line is `{"index": k, "source": ..., "code": c, ...}`: `code` is the exit code the game alone
 * would give (0 solved, 1 no certified answer, 2 bad input); with code 0 or 1 the rest is the game's
 * `--json` report, with code 2 `error` is the one-line message `nash FILE` would print. A bad game
 * does not stop the others; the command's exit code is the largest of the games'.
 *
 * On standard input the games are split at each line that starts with `NFG` (the first word of every
 * Gambit strategic-form file); errors name `<stdin>` and the line in the whole stream.
 */
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { InputError, oneLine } from "../../src/errors.js";
import { WorkLimitError } from "../../src/work.js";
import { type FlagSpec, flagBoolean, type ParsedArgs } from "../args.js";
import type { CommandIO } from "../command.js";
import { translateInputError } from "../fields.js";

/** One game read from standard input. */
export interface GameSource {
  /** The game's text (its first line is line `line` of the stream). */
  text: string;
  /** The name errors give (`<stdin>`). */
  name: string;
  /** The stream line where the game starts. */
  line: number;
  /** Set when the game could not be read whole (too long): the one problem its line reports. */
  problem?: string;
}

/** Solves one game as `nash` would (its report as `--json` on `io.stdout`), returning the exit code. */
export type SolveOne = (args: ParsedArgs, io: CommandIO, source?: GameSource) => Promise<number>;

/** Largest text of one game read from standard input (bytes); a longer one is reported and skipped. */
export const MAX_STDIN_GAME_BYTES = 256 * 2 ** 20;

/**
 * Runs `solveOne` on every game of the command line (`args.positional`) or of standard input
 * (`--stdin`, or the file `-`), writing one JSON line per game.
 *
 * @throws InputError when files and standard input are both given, or standard input is not available.
 * @example
 * await runMany(parseArgs(["a.nfg", "b.nfg", "--jsonl"], flags), io, solveOne, flags);
 */
export async function runMany(
  args: ParsedArgs,
  io: CommandIO,
  solveOne: SolveOne,
  flags: readonly FlagSpec[],
): Promise<number> {
  const files = args.positional.filter((f) => f !== "-");
  const useStdin = flagBoolean(args, "stdin") || args.positional.includes("-");
  if (useStdin && files.length > 0) {
    throw new InputError(undefined, "--stdin", "reads games from standard input: give no FILE with it");
  }
  let worst = 0;
  let failed = 0;
  let k = 0;
  const one = async (name: string, source?: GameSource): Promise<void> => {
    k++;
    const code = await solveToLine(k, name, args, io, solveOne, flags, source);
    if (code !== 0) failed++;
    worst = Math.max(worst, code);
  };
  if (!useStdin) {
    if (files.length === 0) throw new InputError(undefined, "FILE", "missing argument (see --help)");
    for (const file of files) await one(file);
  } else {
    const stdin = io.stdin;
    if (stdin === undefined)
      throw new InputError(undefined, "--stdin", "standard input is not available here");
    for await (const source of splitGames(stdin)) await one(source.name, source);
  }
  if (failed > 0)
    io.stderr(`modelmarket nash: ${failed} of ${k} games gave a nonzero code (see their lines)\n`);
  return worst;
}

async function solveToLine(
  k: number,
  name: string,
  args: ParsedArgs,
  io: CommandIO,
  solveOne: SolveOne,
  flags: readonly FlagSpec[],
  source?: GameSource,
): Promise<number> {
  let out = "";
  const messages: string[] = [];
  const sub: CommandIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      for (const line of t.split("\n")) if (line !== "") messages.push(line);
    },
    isTTY: false,
  };
  const flagsOne = new Map(args.flags);
  flagsOne.set("json", [true]);
  for (const f of ["jsonl", "stdin"]) flagsOne.delete(f);
  const one: ParsedArgs = { positional: source === undefined ? [name] : [], flags: flagsOne };
  const head = { index: k, source: source === undefined ? name : `${name} game ${k}` };
  let code: number;
  try {
    if (source?.problem !== undefined)
      throw new InputError(source.name, `line ${source.line}`, source.problem);
    code = await solveOne(one, sub, source);
  } catch (caught) {
    if (!(caught instanceof InputError)) throw caught;
    let err = caught;
    const at = /^line (\d+)/.exec(err.where ?? "");
    if (source !== undefined && err.file === source.name && at !== null && source.problem === undefined) {
      // the parser counts lines from the game's start; the user counts them in the stream
      const where = err.where!.replace(at[0], `line ${Number(at[1]) + source.line - 1}`);
      err =
        err instanceof WorkLimitError
          ? new WorkLimitError(err.limitName, err.estimate, err.limit, err.what, err.file, where)
          : new InputError(err.file, where, err.problem);
    }
    const error = `modelmarket nash: ${oneLine(translateInputError(err, flags).message)}`;
    io.stdout(`${JSON.stringify({ ...head, code: 2, error })}\n`);
    return 2;
  }
  const report = out === "" ? {} : (JSON.parse(out) as Record<string, unknown>);
  const extra = messages.length > 0 ? { messages } : {};
  io.stdout(`${JSON.stringify({ ...head, code, ...extra, ...report })}\n`);
  return code;
}

/**
 * The games of a stream of `.nfg` texts, split at lines starting with `NFG`, each with the stream line
 * it starts on. A game longer than `MAX_STDIN_GAME_BYTES` comes with `problem` set and no text.
 *
 * @example
 * for await (const g of splitGames(Readable.from(['NFG 1 R "a" { "1" } { 1 }\n1\n']))) console.log(g.name);
 */
export async function* splitGames(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<GameSource> {
  const stream = input instanceof Readable ? input : Readable.from(input);
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let current: string[] = [];
  let hasText = false;
  let bytes = 0;
  let start = 1;
  let lineNo = 0;
  let tooLong = false;
  const flush = (): GameSource | null => {
    let game: GameSource | null = null;
    if (tooLong) {
      const problem = `the game is longer than ${MAX_STDIN_GAME_BYTES} bytes`;
      game = { text: "", name: "<stdin>", line: start, problem };
    } else if (hasText) {
      game = { text: current.join("\n"), name: "<stdin>", line: start };
    }
    current = [];
    hasText = false;
    bytes = 0;
    tooLong = false;
    return game;
  };
  for await (const line of lines) {
    lineNo++;
    if ((hasText || tooLong) && /^\s*NFG(\s|$)/.test(line)) {
      const game = flush();
      if (game !== null) yield game;
    }
    if (current.length === 0 && !tooLong) start = lineNo;
    bytes += line.length + 1;
    if (tooLong) continue;
    if (bytes > MAX_STDIN_GAME_BYTES) {
      tooLong = true;
      current = [];
      continue;
    }
    current.push(line);
    if (line.trim() !== "") hasText = true;
  }
  const last = flush();
  if (last !== null) yield last;
}
