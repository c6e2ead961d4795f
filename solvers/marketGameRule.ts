/** Payoff rule of a market file's game when `--rule` is not given (a module of its own, so `nash --help` reads it without loading the market model). */
export const DEFAULT_MARKET_RULE = "weighted-winrate";
