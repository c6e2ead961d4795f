/**
 * The market-file side of `nash`: the flags that change a market's producer game (`--rule`,
 * `--selection`, `--weights`, `--snap`), the work estimate, and the game built from the file. Loaded
 * only for market files, so that `nash` on a `.nfg` game does not load the market model.
 */
import type { NormalFormGame } from "../../solvers/finite/game.js";
import type { Rational } from "../../solvers/finite/rational.js";
import { tinyProbability } from "../../solvers/finite/snap.js";
import { marketProfileCount } from "../../solvers/marketGame.js";
import { gameFromFile } from "../../solvers/marketGameFile.js";
import { DEFAULT_MARKET_RULE } from "../../solvers/marketGameRule.js";
import { InputError } from "../../src/errors.js";
import { type MarketOverrides, readMarketFile } from "../../src/io/marketFile.js";
import { parseSelectionSpec, parseWeightsSpec } from "../../src/io/specs.js";
import { DEFAULT_MAX_PROFILES } from "../../src/limits.js";
import { payoffRule } from "../../src/model/payoffs.js";
import type { ProgressSink } from "../../src/work.js";
import { flagBoolean, flagString, type ParsedArgs } from "../args.js";
import type { CommandIO } from "../command.js";

/** The market flags of `nash`, parsed. */
export interface MarketGameFlags {
  overrides: MarketOverrides;
  rule: ReturnType<typeof payoffRule>;
  snap: boolean;
}

/**
 * Parses `--selection`, `--weights`, `--rule` (one rule) and `--snap`.
 *
 * @throws InputError naming the flag on a bad value or a list of rules.
 * @example
 * const flags = marketFlags(args);
 */
export function marketFlags(args: ParsedArgs): MarketGameFlags {
  const ruleText = flagString(args, "rule");
  const selectionText = flagString(args, "selection");
  const weightsText = flagString(args, "weights");
  const overrides: MarketOverrides = {};
  if (selectionText !== undefined) overrides.selection = parseSelectionSpec(selectionText);
  if (weightsText !== undefined) overrides.weights = parseWeightsSpec(weightsText);
  if (ruleText?.includes(",")) {
    throw new InputError(
      undefined,
      "--rule",
      `nash solves one game: give one payoff rule, not a list ("${ruleText}"); compare rules with \`modelmarket equilibrium --rule R1,R2\` or \`modelmarket compare --equilibrium\``,
    );
  }
  const rule = payoffRule(ruleText ?? DEFAULT_MARKET_RULE, "--rule");
  return { overrides, rule, snap: flagBoolean(args, "snap") };
}

/**
 * The producer game of the market file, after printing the work estimate on a terminal.
 *
 * @throws InputError naming the file and field (or `--max-profiles`) as `gameFromFile`.
 * @example
 * const game = marketGame("examples/c2-two-producers.json", marketFlags(args), io, false);
 */
export function marketGame(
  file: string,
  flags: MarketGameFlags,
  io: CommandIO,
  json: boolean,
  maxProfiles?: number,
  progress?: ProgressSink,
): NormalFormGame {
  if (io.isTTY && !json) {
    // the work estimate before the game is built: its joint profiles against the bound
    const count = marketProfileCount(readMarketFile(file, flags.overrides));
    const limit = maxProfiles ?? DEFAULT_MAX_PROFILES;
    io.stderr(
      `estimate: the producer game has ${Number.isFinite(count) ? count.toLocaleString("en-US") : "infinitely many"} joint profiles (limit ${limit.toLocaleString("en-US")}, --max-profiles)\n`,
    );
  }
  return gameFromFile(file, {
    rule: flags.rule,
    overrides: flags.overrides,
    snap: flags.snap,
    ...(maxProfiles !== undefined ? { maxProfiles } : {}),
    ...(progress ? { progress } : {}),
  });
}

/**
 * The warning for exact equilibria of a market game with a probability below 1e-9 (likely float
 * artifacts of payoffs equal but for their last bits), or `undefined` when there is none.
 *
 * @example
 * tinyProbabilityWarning([[[Rational.parse("1/10000000000000"), Rational.parse("9999999999999/10000000000000")]]]);
 */
export function tinyProbabilityWarning(profiles: readonly Rational[][][]): string | undefined {
  const tiny = profiles.map((p) => tinyProbability(p)).filter((p): p is number => p !== null);
  if (tiny.length === 0) return undefined;
  const smallest = tiny.reduce((a, b) => Math.min(a, b)).toExponential(1);
  return `${tiny.length} equilibri${tiny.length === 1 ? "um has" : "a have"} a probability below 1e-9 (smallest ${smallest}), likely an artifact of payoffs equal but for their last bits; --snap merges payoffs equal within the tolerance`;
}
