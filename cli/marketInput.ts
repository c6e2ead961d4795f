/**
 * Loading the market a command works on: a market JSON file, or a model x task score table (CSV),
 * with the shared flags `--selection`, `--weights`, `--benchmark-weights` and `--normalize` overriding
 * the file.
 */
import { InputError } from "../src/errors.js";
import { readMarketFile, setBenchmarkWeights } from "../src/io/marketFile.js";
import { parseNormalizationSpec, parseSelectionSpec, parseWeightsSpec } from "../src/io/specs.js";
import type { Market } from "../src/model/types.js";
import { flagString, type ParsedArgs } from "./args.js";
import { MARKET_FLAGS } from "./marketFlags.js";

export { MARKET_FLAGS };

/**
 * Reads the market named by `path` (`.csv` = score table, anything else = market JSON), applying the
 * shared flags. The score-table reader (and its CSV parser) loads only for a `.csv` path.
 *
 * @example
 * const market = await loadMarket("examples/three-producers.json", args);
 */
export async function loadMarket(path: string, args: ParsedArgs): Promise<Market> {
  const selectionText = flagString(args, "selection");
  const weightsText = flagString(args, "weights");
  const normalizeText = flagString(args, "normalize");
  const benchmarkText = flagString(args, "benchmark-weights");
  const benchmarkWeights =
    benchmarkText === undefined ? undefined : parseWeightsSpec(benchmarkText, "benchmark-weights");
  const selection = selectionText === undefined ? undefined : parseSelectionSpec(selectionText);
  const weights = weightsText === undefined ? undefined : parseWeightsSpec(weightsText);
  if (path.toLowerCase().endsWith(".csv")) {
    if (selection === undefined) {
      throw new InputError(path, "--selection", "a score table has no selection rule: give --selection");
    }
    const normalization = normalizeText === undefined ? undefined : parseNormalizationSpec(normalizeText);
    const { readScoreTable, scoreTableMarket } = await import("../src/io/scoreTable.js");
    const table = readScoreTable(path);
    const market = scoreTableMarket(table, {
      selection,
      file: path,
      ...(weights === undefined ? {} : { weights }),
      ...(normalization === undefined ? {} : { normalization }),
    });
    if (benchmarkWeights !== undefined) setBenchmarkWeights(market.tasks, benchmarkWeights);
    return market;
  }
  if (normalizeText !== undefined)
    throw new InputError(path, "--normalize", "only applies to CSV score tables");
  return readMarketFile(path, {
    ...(selection === undefined ? {} : { selection }),
    ...(weights === undefined ? {} : { weights }),
    ...(benchmarkWeights === undefined ? {} : { benchmarkWeights }),
  });
}
