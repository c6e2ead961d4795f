/**
 * The flag table of `modelmarket sequential`: what `sequential --help` shows and the parser reads. The run is in
 * `sequential.ts`, imported only to run, so that help and flag errors load no solver code.
 */
import { DEFAULT_MAX_BRANCHES } from "../../src/limits.js";
import type { CommandSpec } from "../command.js";
import { MARKET_FLAGS } from "../marketFlags.js";
import { SOLVER_FLAGS } from "../solverFlags.js";

export const spec: CommandSpec = {
  name: "sequential",
  summary:
    "Producers enter one at a time, each best-responding to those already in; welfare and diversity after each entry.",
  usage:
    "modelmarket sequential FILE --entrants N --space SPEC [--rule R1,R2] [--tie-break first|welfare-best|welfare-worst|random[:SEED]|all] [--json | --csv] [--output PATH]",
  examples: [
    "modelmarket sequential examples/three-producers.json --entrants 3 --space top-k:k=1 --rule winrate,weighted-winrate",
    "modelmarket sequential examples/three-producers.json --entrants 5 --space grid:budget=1,step=0.1 --rule weighted-winrate --json",
    "modelmarket sequential examples/c2-two-producers.json --entrants 2 --space top-k:k=1 --rule winrate --tie-break all",
    "modelmarket sequential examples/three-producers.json --entrants 3 --space top-k:k=2 --tie-break random:7",
  ],
  flags: [
    ...MARKET_FLAGS,
    {
      name: "entrants",
      kind: "integer",
      placeholder: "N",
      help: "number of producers entering, one at a time",
    },
    {
      name: "space",
      kind: "string",
      placeholder: "SPEC",
      help: "their strategy space, e.g. top-k:k=1 or grid:budget=1,step=0.05",
    },
    {
      name: "rule",
      kind: "string",
      placeholder: "R1,R2",
      help: "payoff rule(s) (default winrate,weighted-winrate)",
      repeatable: true,
    },
    {
      name: "tie-break",
      kind: "string",
      placeholder: "TB",
      help: "which tied best response an entrant takes: first (default: the first listed) | welfare-best | welfare-worst | random[:SEED] (seed default 1) | all (every branch, with the range of outcomes)",
    },
    {
      name: "max-branches",
      kind: "integer",
      placeholder: "N",
      help: `--tie-break all: explore at most N complete paths (default ${DEFAULT_MAX_BRANCHES})`,
    },
    ...SOLVER_FLAGS,
  ],
};
