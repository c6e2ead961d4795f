/**
 * The flag table of `modelmarket entry`: what `entry --help` shows and the parser reads. The run is in
 * `entry.ts`, imported only to run, so that help and flag errors load no solver code.
 */
import { DEFAULT_MAX_GRID_CELLS, DEFAULT_MAX_GRID_WORK } from "../../src/limits.js";
import { BUILTIN_PAYOFF_RULES } from "../../src/model/payoffs.js";
import type { CommandSpec } from "../command.js";
import { MARKET_FLAGS } from "../marketFlags.js";
import { rulesFlagSpecs, SOLVER_FLAGS } from "../solverFlags.js";

export const spec: CommandSpec = {
  name: "entry",
  summary:
    "Best response of a new producer under each payoff rule, with welfare, diversity and the welfare-optimal entrant.",
  usage:
    "modelmarket entry FILE --entrant SPEC [--rules R1,R2] [--name NAME] [--selection RULE] [--json | --csv] [--output PATH]",
  examples: [
    "modelmarket entry examples/three-producers.json --entrant top-k:k=1",
    "modelmarket entry examples/c5-winrate-copies.json --entrant top-k:k=1",
    "modelmarket entry examples/three-producers.json --entrant grid:budget=1,step=0.05 --rules winrate,weighted-winrate",
    "modelmarket entry examples/three-producers.json --entrant budget:budget=1,production=power,a=0.5 --json",
    "modelmarket entry examples/three-producers.json --entrant top-k:k=2 --selection epsilon:eps=0.2 --output entry.json",
  ],
  flags: [
    ...MARKET_FLAGS,
    {
      name: "entrant",
      kind: "string",
      placeholder: "SPEC",
      help: "entrant's space: top-k:k=K | grid:budget=B,step=H[,production=..] | budget:budget=B[,production=..]",
    },
    ...rulesFlagSpecs(`all: ${BUILTIN_PAYOFF_RULES.map((r) => r.name).join(",")}`),
    { name: "name", kind: "string", placeholder: "NAME", help: "the entrant's name (default Entrant)" },
    ...SOLVER_FLAGS,
    {
      name: "max-grid-work",
      kind: "number",
      placeholder: "N",
      help: `grid entrants: refuse a DP of more than N cell updates, tasks x (K+1) x (useful units+1) (default ${DEFAULT_MAX_GRID_WORK.toExponential()}, a few seconds)`,
    },
    {
      name: "max-grid-cells",
      kind: "number",
      placeholder: "N",
      help: `grid entrants: refuse a DP table of more than N cells, tasks x (K+1), 24 bytes each (default ${DEFAULT_MAX_GRID_CELLS.toExponential()}, about 480 MB)`,
    },
  ],
};
