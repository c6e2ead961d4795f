/**
 * The flag table of `modelmarket replace`: what `replace --help` shows and the parser reads. The run is in
 * `replace.ts`, imported only to run, so that help and flag errors load no solver code.
 */

import type { CommandSpec } from "../command.js";
import { MARKET_FLAGS } from "../marketFlags.js";
import { rulesFlagSpecs, SOLVER_FLAGS } from "../solverFlags.js";

export const spec: CommandSpec = {
  name: "replace",
  summary: "Best response of an incumbent that re-chooses its strategy, under each payoff rule.",
  usage:
    "modelmarket replace FILE --producer NAME [--space SPEC] [--rules R1,R2] [--json | --csv] [--output PATH]",
  examples: [
    "modelmarket replace examples/three-producers.json --producer Copycat --space top-k:k=2",
    "modelmarket replace examples/three-producers.json --producer Specialist --space top-k:k=1",
    "modelmarket replace examples/three-producers.json --producer Specialist --space budget:budget=1.5,production=power,a=0.5 --rules winrate,weighted-winrate --json",
  ],
  flags: [
    ...MARKET_FLAGS,
    { name: "producer", kind: "string", placeholder: "NAME", help: "the incumbent that re-chooses" },
    {
      name: "space",
      kind: "string",
      placeholder: "SPEC",
      help: "its strategy space (default: its own from the file)",
    },
    ...rulesFlagSpecs("all built-ins"),
    ...SOLVER_FLAGS,
  ],
};
