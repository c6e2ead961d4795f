/**
 * The flag table of `modelmarket equilibrium`: what `equilibrium --help` shows and the parser reads. The run is in
 * `equilibrium.ts`, imported only to run, so that help and flag errors load no solver code.
 */
import {
  APPROXIMATE_MIXED_TOLERANCE,
  ENUM_MIXED_LIMIT,
  ENUMPOLY_SUPPORT_LIMIT,
  GNM_WORK_LIMIT,
  LCP_LIMIT,
  LOGIT_WORK_LIMIT,
} from "../../solvers/equilibrium/mixed-types.js";
import { DEFAULT_MAX_VERTICES } from "../../solvers/finite/methods/limits.js";
import { DEFAULT_GNM_STARTS } from "../../solvers/finite/nplayer/defaults.js";
import {
  DEFAULT_MAX_EQUILIBRIA,
  DEFAULT_MAX_EQUILIBRIUM_WORK,
  DEFAULT_MAX_PROFILES,
} from "../../src/limits.js";
import type { CommandSpec } from "../command.js";
import { MARKET_FLAGS } from "../marketFlags.js";
import { SOLVER_FLAGS } from "../solverFlags.js";

export const spec: CommandSpec = {
  name: "equilibrium",
  summary:
    "Nash equilibria of the producer game: pure by certified best-response dynamics and enumeration; mixed over finite spaces, exact for two producers (enummixed, else Lemke-Howson, plus the certified LP when constant-sum), for three or more by support enumeration (enumpoly: every equilibrium, certified, complete where it says so) or global Newton path following (gnm) above its size, else one logit-traced equilibrium if its regret certificate passes; with PoA and PoS over the set found.",
  usage:
    "modelmarket equilibrium FILE [--rule R1,R2] [--max-profiles N] [--max-rounds N] [--starts N] [--seed S] [--mixed-limit N] [--lcp-limit N] [--max-vertices N] [--max-paths N] [--max-supports N] [--rays N] [--max-gnm-work N] [--mixed-tolerance X] [--max-equilibria N] [--max-equilibrium-work N] [--json | --csv] [--output PATH]",
  examples: [
    "modelmarket equilibrium examples/c2-two-producers.json --rule weighted-winrate",
    "modelmarket equilibrium examples/c2-two-producers.json --rule winrate --json",
    "modelmarket equilibrium examples/cycling-dynamics.json --rule winrate",
    "modelmarket equilibrium examples/c2-two-producers.json --rule winrate --selection logit:beta=8 --json",
    "modelmarket equilibrium examples/three-strategic.json --rule weighted-winrate",
    "modelmarket equilibrium examples/c2-two-producers.json --rule winrate,weighted-winrate",
    "modelmarket equilibrium examples/three-strategic.json --rule winrate --max-profiles 1000",
  ],
  flags: [
    ...MARKET_FLAGS,
    {
      name: "rule",
      kind: "string",
      placeholder: "R1,R2",
      help: "payoff rule(s) (default weighted-winrate); a list solves every rule, one report each",
      repeatable: true,
    },
    {
      name: "max-profiles",
      kind: "integer",
      placeholder: "N",
      help: `enumerate every pure profile (exhaustive pure search, and the finite game for mixed equilibria) up to N joint profiles (default ${DEFAULT_MAX_PROFILES})`,
    },
    {
      name: "max-equilibria",
      kind: "integer",
      placeholder: "N",
      help: `certify and list at most N pure equilibria of the exhaustive search; all are counted and priced (default ${DEFAULT_MAX_EQUILIBRIA})`,
    },
    {
      name: "max-equilibrium-work",
      kind: "integer",
      placeholder: "N",
      help: `refuse an exhaustive search whose estimate, profiles x (producers x tasks + strategies) + equilibria listed x strategies x producers x tasks, exceeds N units (default ${DEFAULT_MAX_EQUILIBRIUM_WORK.toExponential()}, about 20 s of CPU)`,
    },
    {
      name: "max-rounds",
      kind: "integer",
      placeholder: "N",
      help: "round limit of the dynamics (default 200)",
    },
    {
      name: "starts",
      kind: "integer",
      placeholder: "N",
      help: "seeded random starting profiles (default 4)",
    },
    {
      name: "seed",
      kind: "string",
      placeholder: "S",
      help: "seed of the random starts (default equilibrium)",
    },
    {
      name: "mixed-limit",
      kind: "integer",
      placeholder: "N",
      help: `two producers with m and n strategies: every extreme equilibrium, exact (enummixed), when m + n <= N (default ${ENUM_MIXED_LIMIT})`,
    },
    {
      name: "lcp-limit",
      kind: "integer",
      placeholder: "N",
      help: `two producers: above --mixed-limit, the equilibria reachable by Lemke-Howson (exact, possibly incomplete) when m + n <= N (default ${LCP_LIMIT}); constant-sum games also get the certified LP, at any size`,
    },
    {
      name: "max-vertices",
      kind: "integer",
      placeholder: "N",
      help: `two producers: enummixed runs only when its bound on the best-response polytopes' vertices is at most N (default ${DEFAULT_MAX_VERTICES}); above it Lemke-Howson runs instead`,
    },
    {
      name: "max-paths",
      kind: "integer",
      placeholder: "N",
      help: `two producers: Lemke-Howson stops continuing from its equilibria once m + n more paths would exceed N paths in all, reporting those found (default: 1 GiB of search state at 192 (m + n + 1) bytes a path, 169,000 paths at 16 x 16)`,
    },
    {
      name: "max-supports",
      kind: "integer",
      placeholder: "N",
      help: `three or more producers: every equilibrium by support enumeration (enumpoly, certified; proven complete unless the game is degenerate) when the game has at most N support profiles (default ${ENUMPOLY_SUPPORT_LIMIT}); above it, path following (gnm)`,
    },
    {
      name: "rays",
      kind: "integer",
      placeholder: "N",
      help: `three or more producers above --max-supports: gnm follows N seeded rays (default ${DEFAULT_GNM_STARTS}; --seed seeds them); more rays may find more equilibria`,
    },
    {
      name: "max-gnm-work",
      kind: "integer",
      placeholder: "N",
      help: `three or more producers: gnm runs when its bound rays x steps x profiles x producers^2 is at most N (default ${GNM_WORK_LIMIT.toExponential()}); above it, logit tracing`,
    },
    {
      name: "logit-limit",
      kind: "integer",
      placeholder: "N",
      help: `three or more producers, above --max-gnm-work: logit tracing runs when profiles x producers^2 is at most N (default ${LOGIT_WORK_LIMIT})`,
    },
    {
      name: "mixed-tolerance",
      kind: "number",
      placeholder: "X",
      help: `three or more producers: the logit-tracing profile is reported as an approximate equilibrium only when every producer's regret <= X * its own payoff range (default ${APPROXIMATE_MIXED_TOLERANCE.toExponential()}); otherwise "did not converge"`,
    },
    ...SOLVER_FLAGS,
  ],
};
