/**
 * The producer game of a market file as a finite normal-form game, and the one loader of the `nash`
 * command's FILE (a Gambit `.nfg` file or a market file). This adapter sits with the producer game,
 * not in `finite/`, so that `modelmarket/finite` stays a game library that knows nothing of markets.
 */
import { extname } from "node:path";
import { InputError } from "../src/errors.js";
import { type MarketOverrides, readMarketFile } from "../src/io/marketFile.js";
import { isFiniteSpace } from "../src/model/strategies.js";
import { inputName } from "../src/textFile.js";
import { type ProgressSink, WorkLimitError } from "../src/work.js";
import type { RuleLike } from "./bestResponse/types.js";
import type { NormalFormGame } from "./finite/game.js";
import { readNfgFile } from "./finite/nfg.js";
import { snapPayoffs } from "./finite/snap.js";
import { buildMarketGame, toNormalFormGame } from "./marketGame.js";
import { DEFAULT_MARKET_RULE } from "./marketGameRule.js";

export { DEFAULT_MARKET_RULE };

/** Options of `gameFromFile` (all but `maxProfiles` apply to market files only). */
export interface GameFileOptions {
  /** Payoff rule of the producer game (default `DEFAULT_MARKET_RULE`). */
  rule?: RuleLike;
  /** Selection rule and task weights replacing the market file's. */
  overrides?: MarketOverrides;
  /**
   * Largest number of pure profiles accepted: `.nfg` files default to `MAX_NFG_PROFILES`
   * (1,000,000), market games to 200,000 (their payoffs are computed, not read).
   */
  maxProfiles?: number;
  /** Hears the game construction's progress (joint profiles evaluated). */
  progress?: ProgressSink;
  /**
   * Snap each player's payoffs that are equal within `RELATIVE_TOLERANCE x` that player's payoff range
   * to one value before the exact conversion (`snapPayoffs`), so that payoffs differing only in their
   * last bits do not create equilibria with probabilities of order 1e-15.
   */
  snap?: boolean;
}

/**
 * Loads a game from a file, dispatching on the extension: `.nfg` is a Gambit strategic game, `.csv` is
 * rejected (a score table has no strategic producer), anything else is a market JSON file whose
 * producer game is built by `marketGameFromFile`. Errors are `InputError`s naming the file.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const pd = gameFromFile("test/fixtures/nfg/pd.nfg");
 * const c2 = gameFromFile("test/fixtures/markets/c2-two-producers.json", { rule: "winrate" });
 */
export function gameFromFile(path: string, options: GameFileOptions = {}): NormalFormGame {
  const ext = extname(path).toLowerCase();
  if (ext === ".nfg") {
    return readNfgFile(path, options.maxProfiles === undefined ? {} : { maxProfiles: options.maxProfiles });
  }
  if (ext === ".csv") {
    throw new InputError(
      path,
      undefined,
      'unsupported file type ".csv" (a score table has no strategic producer; expected a Gambit .nfg file or a market JSON file)',
    );
  }
  return marketGameFromFile(path, options);
}

/**
 * The finite producer game of a market file as a normal-form game: players are the strategic
 * producers (space not `fixed`), strategies the distinct quality vectors of their `menu`, `top-k` or
 * `grid` spaces, payoffs the payoff rule (`buildMarketGame` + `toNormalFormGame`). The float payoffs
 * become exact rationals by their binary value (`Rational.fromNumber`), so the exact methods solve the
 * game of the doubles exactly. `InputError` naming the file when no producer is strategic, a strategic
 * space is not finite (`budget`), or the game is too large.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const game = marketGameFromFile("test/fixtures/markets/c2-two-producers.json", { rule: "weighted-winrate" });
 * game.shape; // [2, 2]
 */
export function marketGameFromFile(path: string, options: GameFileOptions = {}): NormalFormGame {
  const market = readMarketFile(path, options.overrides ?? {});
  if (market.producers.every((p) => p.space.kind === "fixed")) {
    throw new InputError(
      inputName(path),
      undefined,
      "no strategic producer (every space is fixed): there is no game to solve",
    );
  }
  const bad = market.producers.findIndex((p) => !isFiniteSpace(p.space));
  if (bad !== -1) {
    const p = market.producers[bad]!;
    throw new InputError(
      inputName(path),
      `$.producers[${bad}].space`,
      `producer "${p.name}" has a ${p.space.kind} space, not a finite one (nash needs menu, top-k or grid spaces)`,
    );
  }
  try {
    const game = buildMarketGame(
      market,
      options.rule ?? DEFAULT_MARKET_RULE,
      options.maxProfiles,
      options.progress,
    );
    if (options.snap === true) for (const t of game.payoffs) snapPayoffs(t);
    return toNormalFormGame(game, market);
  } catch (err) {
    // the same error naming the file (a work limit stays a WorkLimitError)
    if (err instanceof WorkLimitError && err.file === undefined)
      throw new WorkLimitError(err.limitName, err.estimate, err.limit, err.what, path);
    if (err instanceof InputError && err.file === undefined && !(err.where ?? "").startsWith("--")) {
      throw new InputError(path, err.where, err.problem);
    }
    throw err;
  }
}
