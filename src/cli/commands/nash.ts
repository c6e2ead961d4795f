/**
 * `modelmarket nash FILE [--method M] [--decimals k] [--json]`: Nash equilibria of a finite
 * normal-form game, printed as Gambit does (`NE,p1,p2,...`, one line per equilibrium) or as JSON.
 */
import { extname } from "node:path";
import { enumMixed } from "../../../solvers/finite/enummixed/index.js";
import { enumPure } from "../../../solvers/finite/enumpure.js";
import type { NormalFormGame } from "../../../solvers/finite/game.js";
import { lemkeHowson } from "../../../solvers/finite/lcp/index.js";
import { readNfgFile } from "../../../solvers/finite/nfg.js";
import {
  type RenderOptions,
  renderJson,
  renderText,
  type SolveReport,
} from "../../../solvers/finite/render.js";
import { InputError } from "../../io/errors.js";
import { flagBoolean, flagNumber, flagString, type ParsedArgs, requirePositional } from "../args.js";
import type { Command, CommandIO } from "../command.js";

/** The methods `nash` knows, with the number of players they accept. */
export const NASH_METHODS = {
  enumpure: "all pure equilibria, exact, any number of players",
  enummixed: "all extreme equilibria (and with --convex the maximal convex sets), exact, two players",
  lcp: "Lemke-Howson from every label and every equilibrium found, exact, two players",
} as const;

/** A method name of `nash`. */
export type NashMethod = keyof typeof NASH_METHODS;

/**
 * Loads a game from a file, dispatching on the extension (`.nfg`: Gambit strategic game). Unknown
 * extensions are an `InputError` naming the file.
 *
 * @example
 * const game = gameFromFile("test/fixtures/nfg/pd.nfg");
 */
export function gameFromFile(path: string): NormalFormGame {
  const ext = extname(path).toLowerCase();
  if (ext === ".nfg") return readNfgFile(path);
  throw new InputError(
    path,
    undefined,
    `unsupported file type "${ext || "(none)"}" (expected a Gambit .nfg file)`,
  );
}

/** Options of `solveFinite`. */
export interface SolveFiniteOptions {
  /** enummixed: also compute the maximal convex sets of equilibria. */
  convex?: boolean;
  /** lcp: pivot cap per path. */
  maxPivots?: number;
  /** lcp: only the paths from the artificial equilibrium (no continuation from equilibria found). */
  startOnly?: boolean;
}

/**
 * Runs one exact method on a game and returns the renderer's report (every profile already has
 * exactly zero regret). Throws `InputError` (flag `--method`) when the method does not fit the game.
 *
 * @example
 * renderText(solveFinite(game, "enummixed")); // "NE,1/2,1/2,1/2,1/2\n"
 */
export function solveFinite(
  game: NormalFormGame,
  method: NashMethod,
  options: SolveFiniteOptions = {},
): SolveReport {
  const N = game.shape.length;
  if ((method === "enummixed" || method === "lcp") && N !== 2) {
    throw new InputError(
      undefined,
      "--method",
      `${method} needs a two-player game; this one has ${N} players`,
    );
  }
  if (method === "enumpure") {
    const r = enumPure(game);
    return {
      game,
      method,
      exact: true,
      complete: r.complete,
      equilibria: r.equilibria.map((profile, k) => ({
        profile,
        regret: r.regrets[k]!,
        extra: { strict: r.strict[k] },
      })),
    };
  }
  if (method === "enummixed") {
    const r = enumMixed(game);
    const report: SolveReport = {
      game,
      method,
      exact: true,
      complete: r.complete,
      equilibria: r.equilibria.map((profile, k) => ({ profile, regret: r.regrets[k]! })),
      details: { vertices: { row: r.vertexCounts[0], column: r.vertexCounts[1] } },
    };
    if (options.convex === true) report.convexSets = r.convexSets.map((s) => ({ equilibria: s.equilibria }));
    return report;
  }
  const r = lemkeHowson(game, {
    accessible: options.startOnly !== true,
    ...(options.maxPivots === undefined ? {} : { maxPivots: options.maxPivots }),
  });
  return {
    game,
    method,
    exact: true,
    complete: r.complete,
    equilibria: r.equilibria.map((e) => ({
      profile: e.profile,
      regret: e.regret,
      extra: { labelsFromArtificial: e.labelsFromArtificial },
    })),
    details: {
      paths: r.paths.length,
      cappedPaths: r.paths.filter((p) => p.to === null).length,
      longestPath: r.paths.reduce((a, p) => Math.max(a, p.pivots), 0),
    },
  };
}

function run(args: ParsedArgs, io: CommandIO): number {
  const [file] = requirePositional(args, ["FILE"]);
  const game = gameFromFile(file!);
  const methodText = flagString(args, "method") ?? (game.shape.length === 2 ? "enummixed" : "enumpure");
  if (!Object.hasOwn(NASH_METHODS, methodText)) {
    throw new InputError(
      undefined,
      "--method",
      `unknown method "${methodText}" (known: ${Object.keys(NASH_METHODS).join(", ")})`,
    );
  }
  const method = methodText as NashMethod;
  const decimals = flagNumber(args, "decimals");
  if (decimals !== undefined && (!Number.isInteger(decimals) || decimals < 0 || decimals > 30)) {
    throw new InputError(undefined, "--decimals", `must be an integer from 0 to 30, got ${decimals}`);
  }
  const maxPivots = flagNumber(args, "max-pivots");
  if (maxPivots !== undefined && (!Number.isInteger(maxPivots) || maxPivots < 1)) {
    throw new InputError(undefined, "--max-pivots", `must be a positive integer, got ${maxPivots}`);
  }
  const convex = flagBoolean(args, "convex");
  if (convex && method !== "enummixed") {
    throw new InputError(undefined, "--convex", "only applies to --method enummixed");
  }
  const options: SolveFiniteOptions = { convex, startOnly: flagBoolean(args, "start-only") };
  if (maxPivots !== undefined) options.maxPivots = maxPivots;
  const report = solveFinite(game, method, options);
  const render: RenderOptions = decimals === undefined ? {} : { decimals };
  io.stdout(flagBoolean(args, "json") ? renderJson(report, render) : renderText(report, render));
  if (!report.complete) {
    io.stderr(
      `modelmarket nash: warning: ${method} stopped early (iteration cap); the list may be incomplete\n`,
    );
  }
  return 0;
}

/** The `nash` subcommand. */
export const command: Command = {
  name: "nash",
  summary: "equilibria of a finite normal-form game (.nfg file)",
  usage: "modelmarket nash FILE.nfg [--method enumpure|enummixed|lcp] [--decimals k] [--json]",
  examples: [
    "modelmarket nash game.nfg",
    "modelmarket nash game.nfg --method lcp --decimals 4",
    "modelmarket nash game.nfg --method enummixed --convex --json",
    "modelmarket nash three-players.nfg --method enumpure",
  ],
  flags: [
    {
      name: "method",
      kind: "string",
      placeholder: "METHOD",
      help: `${Object.keys(NASH_METHODS).join(" | ")} (default enummixed for 2 players, else enumpure)`,
    },
    {
      name: "decimals",
      kind: "integer",
      placeholder: "K",
      help: "print probabilities as decimals with K digits",
    },
    { name: "json", kind: "boolean", help: "print JSON instead of NE lines" },
    {
      name: "convex",
      kind: "boolean",
      help: "enummixed: also print the maximal convex sets (convex-K lines)",
    },
    {
      name: "max-pivots",
      kind: "integer",
      placeholder: "N",
      help: "lcp: pivot cap per path (default 100000)",
    },
    { name: "start-only", kind: "boolean", help: "lcp: only paths from the artificial equilibrium" },
  ],
  run,
};
