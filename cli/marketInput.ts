/**
 * Loading the market a command works on: a market JSON file, or a model x task score table (CSV),
 * with the shared flags `--selection`, `--weights`, `--benchmark-weights` and `--normalize` overriding
 * the file.
 */
import { InputError } from "../src/errors.js";
import { readMarketFile, setBenchmarkWeights } from "../src/io/marketFile.js";
import { readScoreTable, scoreTableMarket } from "../src/io/scoreTable.js";
import { parseNormalizationSpec, parseSelectionSpec, parseWeightsSpec } from "../src/io/specs.js";
import type { Market } from "../src/model/types.js";
import { type FlagSpec, flagString, type ParsedArgs } from "./args.js";

/** The flags every market-reading command accepts. */
export const MARKET_FLAGS: FlagSpec[] = [
  {
    name: "selection",
    kind: "string",
    placeholder: "RULE",
    help: "selection rule, overrides the file: perfect | epsilon:eps=E | logit:beta=B | probit:sigma=S",
  },
  {
    name: "weights",
    kind: "string",
    placeholder: "W",
    help: "task weights, overrides the file: 2,1,1 (task order) or code=2,law=1",
  },
  {
    name: "benchmark-weights",
    kind: "string",
    placeholder: "B",
    help: "benchmark weights b (producers are paid under b, welfare stays under the task weights w); default b = w: 2,1,1 or code=2,law=1",
  },
  {
    name: "normalize",
    kind: "string",
    placeholder: "N",
    help: "for CSV score tables: none | minmax | scale[:max=M] (default scale by the table's maximum)",
  },
];

/**
 * Reads the market named by `path` (`.csv` = score table, anything else = market JSON), applying the
 * shared flags.
 *
 * @example
 * const market = loadMarket("examples/three-producers.json", args);
 */
export function loadMarket(path: string, args: ParsedArgs): Market {
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
