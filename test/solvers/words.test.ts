/**
 * The solvers and the empirical fits return reasons as codes and numbers; `mixedReasonText`,
 * `priceBasisText`, `sourceText`, `completenessText`, `compareNoteText`, `optimumBasisText`,
 * `changePointsNoteText`, `spaceProblemText`, `failureText`, `mleReasonText`, `priorReasonText`,
 * `lengthControlledReasonText` and `standardErrorNoteText` are the one wording of them (the command line and the explorer call these).
 * Every code is worded here with its numbers, and the commands' JSON carries the codes, not sentences.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type CalibrationWarning,
  calibrationWarningText,
  type NoiseIntervalReason,
  noiseIntervalReasonText,
} from "../../empirical/calibrate.js";
import type {
  FitAnchor,
  LengthControlledReason,
  MleReason,
  PriorReason,
  StandardErrorNote,
} from "../../empirical/ratings/types.js";
import {
  anchorText,
  lengthControlledReasonText,
  mleReasonText,
  priorReasonText,
  standardErrorNoteText,
} from "../../empirical/ratings/words.js";
import type { BestResponseMethod } from "../../solvers/bestResponse/types.js";
import { bestResponseMethodText } from "../../solvers/bestResponse/words.js";
import {
  type ChangePointsNote,
  type CompareNote,
  changePointsNoteText,
  compareNoteText,
  type OptimumBasis,
  optimumBasisText,
  sweepWorkText,
} from "../../solvers/compare/words.js";
import type { DesignMethod } from "../../solvers/design/types.js";
import { designMethodText } from "../../solvers/design/words.js";
import type { MixedNote } from "../../solvers/equilibrium/mixed-types.js";
import type { OptimumMethod } from "../../solvers/equilibrium/optimum.js";
import type { Equilibrium, EquilibriumSource, PriceScope } from "../../solvers/equilibrium/types.js";
import {
  dynamicsStatusText,
  mixedReasonText,
  optimumMethodText,
  priceBasisText,
  sourceText,
  startText,
} from "../../solvers/equilibrium/words.js";
import { fromBimatrix } from "../../solvers/finite/game.js";
import { checkConstantSum, constantSumReasonText } from "../../solvers/finite/lp/constant-sum.js";
import { METHOD_INFO } from "../../solvers/finite/methods/catalog.js";
import { failureText, type NashFailure } from "../../solvers/finite/methods/failure.js";
import { methodDescriptionText } from "../../solvers/finite/methods/words.js";
import type { NPlayerCompleteness } from "../../solvers/finite/nplayer/types.js";
import { completenessText } from "../../solvers/finite/nplayer/words.js";
import { NASH_METHODS } from "../../solvers/finite/solve.js";
import { type PairwiseWarning, pairwiseWarningText } from "../../src/io/pairwise.js";
import { type SpaceProblem, spaceMembership, spaceProblemText } from "../../src/model/strategies.js";
import type { StrategySpace } from "../../src/model/types.js";
import { runCli } from "../helpers/cli.js";

const certified: NPlayerCompleteness = { code: "all-supports-certified", complete: true, supports: 27 };
const unresolved: NPlayerCompleteness = {
  code: "unresolved-regions",
  complete: false,
  supports: 9,
  boxesPerSupport: 2,
  unresolved: [
    { support: [[0], [1]], boxes: 3, hull: [[0, 1]], reason: "box-budget" },
    { support: [[1], [0]], boxes: 1, hull: [[0, 1]], reason: "degenerate" },
  ],
};
const gnmPaths: NPlayerCompleteness = {
  code: "path-following",
  complete: false,
  method: "gnm",
  starts: 5,
  converged: 4,
  tolerance: null,
};
const simpdivPaths: NPlayerCompleteness = { ...gnmPaths, method: "simpdiv", starts: 1, tolerance: 1e-6 };

/** One note of every code, each with the words its numbers must produce (the record lists every code). */
const NOTES: { [C in MixedNote["code"]]: [Extract<MixedNote, { code: C }>, RegExp] } = {
  "no-strategic-producer": [{ code: "no-strategic-producer" }, /^no strategic producer$/],
  "one-strategic-producer": [
    { code: "one-strategic-producer" },
    /^one strategic producer: .*pure best responses$/,
  ],
  "not-task-separable": [{ code: "not-task-separable", rule: "r1" }, /^rule "r1" is not task-separable/],
  "too-many-profiles": [
    { code: "too-many-profiles", profiles: 123 },
    /has 123 profiles, above the enumeration/,
  ],
  "continuous-space": [{ code: "continuous-space" }, /continuous: no finite game/],
  "enummixed-complete": [{ code: "enummixed-complete", equilibria: 1 }, /all 1 extreme equilibrium, exact/],
  "lcp-instead": [
    {
      code: "lcp-instead",
      shape: [20, 21],
      because: "vertices",
      equilibria: 2,
      pivotCapHit: true,
      stoppedAtPathLimit: true,
    },
    /20 x 21, and enummixed's bound on the polytope vertices .* 2 equilibria reachable .* pivot cap\) \(stopped after 2 equilibria/,
  ],
  "exact-methods-too-large": [
    { code: "exact-methods-too-large", shape: [50, 60] },
    /50 x 60, above the exact/,
  ],
  "probability-artifacts": [
    { code: "probability-artifacts", equilibria: 2 },
    /^warning: 2 equilibria have a probability/,
  ],
  "constant-sum-lp-not-run": [
    { code: "constant-sum-lp-not-run", exact: false, constant: 1 },
    /^constant-sum \(up to floating-point rounding, c = 1\): LP not run/,
  ],
  "constant-sum-lp-certified": [
    {
      code: "constant-sum-lp-certified",
      exact: true,
      constant: 1,
      value: 0.5,
      lower: 0.4,
      upper: 0.6,
      maxRegret: 0,
      alreadyListed: true,
    },
    /^constant-sum \(exactly, c = 1\): lp certified, value 0.5 .* in \[0.4, 0.6\], max regret 0 \(an equilibrium already listed\)$/,
  ],
  "constant-sum-lp-rejected": [
    {
      code: "constant-sum-lp-rejected",
      exact: true,
      certified: false,
      maxRegret: 1,
      threshold: 0.1,
      lower: 0.25,
      upper: 0.75,
      gap: 0.5,
    },
    /lp answer not certified \(value in \[0.25, 0.75\], gap 0.5\); not listed$/,
  ],
  "certified-list": [
    {
      code: "certified-list",
      players: 3,
      method: "gnm",
      equilibria: 2,
      exact: 1,
      completeness: gnmPaths,
      supports: 27,
    },
    /^3 players: 27 support profiles, above enumpoly's limit, so gnm ran: gnm: 2 equilibria \(1 exact, 1 with a certified regret bound\); not proven complete \(path following from 5 rays/,
  ],
  "gnm-over-limit": [
    { code: "gnm-over-limit", players: 4, supports: 80 },
    /^4 players: 80 support profiles, .*gnm's work bound/,
  ],
  "logit-over-limit": [{ code: "logit-over-limit" }, /logit tracing skipped too/],
  "logit-not-converged": [
    {
      code: "logit-not-converged",
      iterations: 3,
      maxRelativeRegret: 0.5,
      tolerance: 0.001,
      reachedLambdaMax: false,
      lambda: 7,
    },
    /did not converge after 3 steps .*0.5 > tolerance 0.001 .*stopped at lambda 7\); no mixed equilibrium reported$/,
  ],
  "logit-approximate": [
    { code: "logit-approximate", epsilon: 0.0001, tolerance: 0.001, iterations: 40 },
    /^one approximate equilibrium \(epsilon = 1e-4 <= tolerance 0.001 .*after 40 steps/,
  ],
};

describe("the one wording of the solvers' reasons", () => {
  it("mixedReasonText words every code with its numbers, notes joined by '; ' in order", () => {
    for (const [code, [note, words]] of Object.entries(NOTES))
      expect(mixedReasonText([note]), code).toMatch(words);
    const two = mixedReasonText([NOTES["gnm-over-limit"][0], NOTES["logit-over-limit"][0]]);
    expect(two).toBe(
      `${mixedReasonText([NOTES["gnm-over-limit"][0]])}; logit tracing skipped too (its work is above its limit)`,
    );
  });

  it("completenessText words every completeness code", () => {
    expect(completenessText(certified)).toBe(
      "all 27 support profiles searched; every root certified unique (Krawczyk), every other region excluded",
    );
    expect(completenessText(unresolved)).toMatch(
      /^2 of 9 support profiles have regions .*\(1 with solutions that are not isolated .*, 1 out of boxes \(2 per support\)\); the equilibria listed/,
    );
    expect(completenessText(gnmPaths)).toMatch(/^path following from 5 rays \(4 reached the end/);
    expect(completenessText(simpdivPaths)).toMatch(
      /^simplicial subdivision from 1 start \(4 reached regret <= 0.000001 x/,
    );
  });

  it("priceBasisText: none found, every equilibrium bounded, a partial and a three-player scope", () => {
    const scope: PriceScope = {
      pure: 1,
      mixed: 1,
      excludedApproximate: 1,
      allEquilibria: true,
      found: 2,
      mixedCertified: 2,
      pureExhaustive: true,
      players: 2,
      mixedMethods: ["enummixed"],
      mixedComplete: true,
      optimumExact: true,
    };
    expect(priceBasisText({ ...scope, found: 0, pure: 0 })).toBe("no equilibrium found");
    expect(priceBasisText(scope)).toBe(
      "1 pure (all of them) and 1 certified mixed equilibrium (enummixed); these attain the worst and best U over every Nash equilibrium, mixed ones included; 1 approximate mixed equilibrium left out; optimum exact",
    );
    expect(
      priceBasisText({
        ...scope,
        players: 3,
        mixedComplete: false,
        allEquilibria: false,
        optimumExact: false,
      }),
    ).toMatch(
      /\(enummixed, not proven complete\); not every equilibrium: PoA is a lower bound .*; optimum a local optimum/,
    );
    expect(
      priceBasisText({
        ...scope,
        players: 3,
        mixed: 0,
        mixedCertified: 0,
        mixedMethods: [],
        pureExhaustive: false,
      }),
    ).toMatch(/^1 pure \(found by dynamics; not exhaustive\) \(mixed equilibria not searched/);
  });
});

/** One compare note of every code, with the words its numbers must produce. */
const COMPARE_NOTES: { [C in CompareNote["code"]]: [Extract<CompareNote, { code: C }>, RegExp] } = {
  "every-maximiser": [
    { code: "every-maximiser", method: "top-k-select" },
    /^every tied maximiser \(top-k-select\)$/,
  ],
  "not-proven-optimal": [
    { code: "not-proven-optimal", gapBound: 0.0125, method: "budget-refine-uncertified" },
    /^not proven optimal \(certified gap <= 1\.25e-2, method budget-refine \(no certificate for this rule\)\)$/,
  ],
  "tie-list-cut": [{ code: "tie-list-cut", maximisers: 7 }, /^tie list cut at 7 maximisers/],
  "joint-optimum": [
    { code: "joint-optimum", method: { code: "enumeration", profiles: 36 } },
    /^enumeration of 36 joint profiles$/,
  ],
  equilibria: [
    {
      code: "equilibria",
      scope: {
        pure: 2,
        mixed: 0,
        excludedApproximate: 0,
        allEquilibria: false,
        found: 2,
        mixedCertified: 0,
        pureExhaustive: true,
        players: 2,
        mixedMethods: [],
        mixedComplete: false,
        optimumExact: true,
      },
    },
    /^2 pure \(all of them\); not every equilibrium/,
  ],
  "tie-branches": [
    {
      code: "tie-branches",
      branches: 4,
      capped: true,
      maxBranches: 4,
      tiesTruncated: true,
      tiesPerStep: [
        { min: 1, max: 1 },
        { min: 1, max: 3 },
      ],
    },
    /^4 tie branch\(es\), cut at 4, some tie lists cut at maxMaximisers; ties per step 1,1-3$/,
  ],
  "one-path": [
    {
      code: "one-path",
      tieBreak: "first",
      steps: [
        { ties: 2, cut: false },
        { ties: 5, cut: true },
      ],
      greedy: true,
    },
    /^tie-break first; ties per step 2,5\+ \(\+: list cut at maxMaximisers\); greedy: each entrant maximises U/,
  ],
};

describe("compareRules' notes: codes and numbers, worded by compareNoteText and optimumBasisText", () => {
  it("compareNoteText words every code with its numbers", () => {
    for (const [note, words] of Object.values(COMPARE_NOTES)) expect(compareNoteText(note)).toMatch(words);
  });

  it("optimumBasisText words every basis, with the welfare answer's note where it has one", () => {
    const note = COMPARE_NOTES["every-maximiser"][0];
    const bases: Record<OptimumBasis, string> = {
      "greedy-sequence": "the greedy sequence in which each entrant maximises U (not a proven joint optimum)",
      "joint-optimum": "the welfare optimum over joint strategies (every tied maximiser (top-k-select))",
      "welfare-optimal-entrant": "the welfare-optimal entrant (every tied maximiser (top-k-select))",
      "welfare-optimal-replacement": "the welfare-optimal replacement (every tied maximiser (top-k-select))",
    };
    for (const [basis, words] of Object.entries(bases))
      expect(optimumBasisText(basis as OptimumBasis, note)).toBe(words);
  });
});

describe("a sweep's work estimate: numbers, worded by sweepWorkText", () => {
  it("words the product with thousands separators", () => {
    expect(sweepWorkText({ points: 9_000_000, choices: 5, perChoice: 1 })).toBe(
      "9,000,000 points x 5 choices x 1 per choice",
    );
    expect(sweepWorkText({ points: 7, choices: 3, perChoice: 1250 })).toBe(
      "7 points x 3 choices x 1,250 per choice",
    );
  });
});

describe("a sweep's change-point note: a code, worded by changePointsNoteText", () => {
  it("words every code with its numbers", () => {
    const notes: { [C in ChangePointsNote["code"]]: [Extract<ChangePointsNote, { code: C }>, RegExp] } = {
      "two-dimensional": [{ code: "two-dimensional" }, /one-dimensional sweeps only$/],
      "turned-off": [{ code: "turned-off" }, /^not computed \(turned off\)$/],
      "continuous-choice": [{ code: "continuous-choice" }, /^not computed: a continuous budget space/],
      integer: [{ code: "integer" }, /^integer parameter: value is the first integer/],
      bisected: [{ code: "bisected", tolerance: 0.001 }, /^bisected to 0\.001; value is the midpoint/],
      shard: [
        { code: "shard", index: 2, count: 4 },
        /^shard 2\/4: change points are located after the merge$/,
      ],
    };
    for (const [note, words] of Object.values(notes)) expect(changePointsNoteText(note)).toMatch(words);
  });
});

describe("where an equilibrium was found: an EquilibriumSource, worded by sourceText", () => {
  it("words every code with its numbers", () => {
    const cases: {
      [C in EquilibriumSource["code"]]: Array<[Extract<EquilibriumSource, { code: C }>, string]>;
    } = {
      enumeration: [[{ code: "enumeration" }, "enumeration"]],
      dynamics: [
        [
          { code: "dynamics", mode: "simultaneous", start: { code: "file" } },
          "simultaneous dynamics from file profile",
        ],
        [
          { code: "dynamics", mode: "sequential", start: { code: "canonical" } },
          "sequential dynamics from canonical profile",
        ],
        [
          { code: "dynamics", mode: "sequential", start: { code: "random", index: 3 } },
          "sequential dynamics from random start 3",
        ],
      ],
      enummixed: [[{ code: "enummixed" }, "enummixed (exact vertex enumeration)"]],
      lcp: [[{ code: "lcp" }, "lcp (Lemke-Howson with continuation, exact)"]],
      lp: [
        [
          { code: "lp", backend: "highs", gap: 0.000125 },
          "lp (constant-sum maximin, highs, certified gap 1.25e-4)",
        ],
      ],
      enumpoly: [
        [{ code: "enumpoly", exact: true, epsilon: 0 }, "enumpoly (support enumeration, exact, regret 0)"],
      ],
      gnm: [
        [
          { code: "gnm", exact: false, epsilon: 0.5 },
          "gnm (global Newton path following, certified enclosure, regret <= 0.5)",
        ],
      ],
      logit: [[{ code: "logit", epsilon: 0.001 }, "logit tracing (approximate, epsilon = 0.001)"]],
    };
    for (const [code, list] of Object.entries(cases))
      for (const [source, words] of list) expect(sourceText(source), code).toBe(words);
  });
});

describe("how a best response and a welfare optimum were found: bestResponseMethodText, optimumMethodText", () => {
  it("words every method code", () => {
    const methods: Record<BestResponseMethod, string> = {
      fixed: "fixed",
      "brute-force": "brute-force",
      "menu-enumeration": "menu-enumeration",
      "top-k-select": "top-k-select",
      "grid-dp": "grid-dp",
      "budget-refine": "budget-refine (grid DP + pattern search, interval-bound certificate)",
      "budget-refine-uncertified": "budget-refine (no certificate for this rule)",
      "water-filling-greedy": "water-filling (greedy, linear)",
      "water-filling-bisection": "water-filling (bisection on lambda, Lagrangian dual certificate)",
    };
    for (const [m, words] of Object.entries(methods))
      expect(bestResponseMethodText(m as BestResponseMethod)).toBe(words);
    const optimum: { [C in OptimumMethod["code"]]: [Extract<OptimumMethod, { code: C }>, string] } = {
      enumeration: [{ code: "enumeration", profiles: 4 }, "enumeration of 4 joint profiles"],
      "coordinate-ascent": [{ code: "coordinate-ascent" }, "block-coordinate ascent on U (local optimum)"],
    };
    for (const [m, words] of Object.values(optimum)) expect(optimumMethodText(m)).toBe(words);
  });
});

describe("why best-response dynamics stopped: a status code, worded by dynamicsStatusText", () => {
  it("words every status with its rounds", () => {
    const cases: Array<[Parameters<typeof dynamicsStatusText>[0], string]> = [
      [{ status: "converged", rounds: 3, cycle: null }, "converged after 3 round(s)"],
      [
        { status: "cycle", rounds: 7, cycle: { period: 4, firstRound: 3 } },
        "did not converge: the dynamics cycle with period 4 (profile of round 3 repeated in round 7)",
      ],
      [{ status: "round-limit", rounds: 50, cycle: null }, "did not converge within 50 rounds"],
    ];
    for (const [run, words] of cases) expect(dynamicsStatusText(run)).toBe(words);
  });
});

describe("the commands' JSON carries codes, the printed report their words", () => {
  it("compare --sweep --json: changePointsNote is a code; the text prints its wording", async () => {
    const argv = [
      "compare",
      "examples/c5-witness.json",
      "--entry",
      "top-k:k=1",
      "--sweep",
      "weight.t1=0.05:0.95:7",
    ];
    const rep = JSON.parse((await runCli([...argv, "--json"])).stdout);
    expect(rep.changePointsNote).toMatchObject({ code: "bisected" });
    expect(typeof rep.changePointsNote.tolerance).toBe("number");
    expect((await runCli(argv)).stdout).toContain(
      `change points (${changePointsNoteText(rep.changePointsNote)}):`,
    );
  });

  it("compare --json: each rule's note and the optimum's basis are codes; the text prints their wording", async () => {
    const argv = [
      "compare",
      "examples/c5-witness.json",
      "--entry",
      "top-k:k=1",
      "--rules",
      "winrate,weighted-winrate",
    ];
    const rep = JSON.parse((await runCli([...argv, "--json"])).stdout);
    expect(rep.welfareOptimumBasis).toBe("welfare-optimal-entrant");
    expect(rep.welfare.note).toMatchObject({ code: "every-maximiser" });
    for (const r of rep.rules) expect(typeof r.note.code).toBe("string");
    const text = (await runCli(argv)).stdout;
    expect(text).toContain(`: ${optimumBasisText(rep.welfareOptimumBasis, rep.welfare.note)}\n`);
    const seq = ["compare", "examples/three-producers.json", "--sequential", "2", "--space", "top-k:k=1"];
    const all = JSON.parse((await runCli([...seq, "--tie-break", "all", "--json"])).stdout);
    expect(all.welfareOptimumBasis).toBe("greedy-sequence");
    expect(all.rules[0].note).toMatchObject({ code: "tie-branches", capped: false });
  });

  it("equilibrium --json: mixed.reasons and priceScope are data; the text prints their wording", async () => {
    const argv = ["equilibrium", "examples/c2-two-producers.json", "--rule", "winrate"];
    const rep = JSON.parse((await runCli([...argv, "--json"])).stdout);
    expect(rep.mixed.reason).toBeUndefined();
    expect(rep.priceBasis).toBeUndefined();
    expect(rep.mixed.reasons.map((n: MixedNote) => n.code)).toContain("enummixed-complete");
    expect(typeof rep.priceScope.pureExhaustive).toBe("boolean");
    const text = (await runCli(argv)).stdout;
    expect(text).toContain(`  ${mixedReasonText(rep.mixed.reasons)}\n`);
    expect(text).toContain(`  over ${priceBasisText(rep.priceScope)}\n`);
    const mixedSources: EquilibriumSource[] = rep.mixed.equilibria.flatMap((e: Equilibrium) => e.sources);
    expect(mixedSources.map((s) => s.code)).toContain("enummixed");
    expect(text).toContain(`found by: ${sourceText(mixedSources[0]!)}`);
    expect(rep.pure[0].sources.map((s: EquilibriumSource) => s.code)).toContain("enumeration");
    expect(rep.optimum.method).toEqual({ code: "enumeration", profiles: expect.any(Number) });
    expect(text).toContain(`; ${optimumMethodText(rep.optimum.method)})\n`);
    const run = rep.runs[0];
    expect(["converged", "cycle", "round-limit"]).toContain(run.status);
    expect(run.start).toEqual({ code: "file" });
    expect(text).toContain(`  ${run.mode} from ${startText(run.start)}: ${dynamicsStatusText(run)}`);
  });

  it("nash --json: details.completeness is a code and numbers; the warning words it", async () => {
    const r = await runCli(["nash", "examples/three-players.nfg", "--method", "gnm", "--json"]);
    const completeness = JSON.parse(r.stdout).details.completeness;
    expect(completeness).toMatchObject({ code: "path-following", method: "gnm", tolerance: null });
    expect(completeness.message).toBeUndefined();
    expect(r.stderr).toContain(`modelmarket nash: warning: gnm: ${completenessText(completeness)}`);
  });
});

describe("why a quality is outside its space: a SpaceProblem, worded by spaceProblemText", () => {
  it("spaceMembership returns each code with its numbers, and spaceProblemText words it", () => {
    const tasks = [
      { name: "a", weight: 0.5, cap: 1 },
      { name: "b", weight: 0.5, cap: 1 },
    ];
    const cases: Array<[StrategySpace, number[], SpaceProblem, RegExp]> = [
      [{ kind: "top-k", k: 1 }, [1], { code: "length", qualities: 1, tasks: 2 }, /^1 qualities for 2 tasks$/],
      [
        { kind: "menu", options: [[1, 0]] },
        [0, 1],
        { code: "not-a-menu-option", options: 1 },
        /^not one of the 1 menu/,
      ],
      [
        { kind: "top-k", k: 1 },
        [0.5, 0],
        { code: "neither-zero-nor-cap", task: "a", quality: 0.5 },
        /^quality 0\.5 on task a is neither 0 nor its cap$/,
      ],
      [
        { kind: "top-k", k: 1 },
        [1, 1],
        { code: "wrong-number-at-cap", atCap: 2, k: 1 },
        /^2 task\(s\) at their cap, the space has exactly 1$/,
      ],
      [
        { kind: "budget", budget: 1, production: { kind: "linear" } },
        [1, 1],
        { code: "over-budget", effort: 2 - 2e-9, budget: 1 },
        /^needs effort 2\.00000, above the budget 1$/,
      ],
    ];
    for (const [space, quality, problem, words] of cases) {
      const m = spaceMembership(space, quality, tasks);
      expect(m.member).toBe(false);
      if (problem.code === "over-budget") expect(m.problem).toMatchObject({ code: "over-budget", budget: 1 });
      else expect(m.problem).toEqual(problem);
      expect(spaceProblemText(m.problem!)).toMatch(words);
    }
    expect(spaceProblemText({ code: "off-grid", task: "b", quality: 0.3 })).toBe(
      "quality 0.3 on task b is not on the effort grid",
    );
    expect(spaceProblemText({ code: "too-many-steps", units: 5, step: 0.5, allowed: 4 })).toBe(
      "needs 5 effort steps of 0.5, the budget allows 4",
    );
  });

  it("equilibrium --json: outsideSpace[].problem is a code; the text prints its wording", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mm-words-"));
    const file = join(dir, "m.json");
    const market = JSON.parse(readFileSync("examples/c2-two-producers.json", "utf8"));
    market.producers[0].quality = market.producers[0].quality.map(() => 0.5);
    writeFileSync(file, JSON.stringify(market));
    const rep = JSON.parse((await runCli(["equilibrium", file, "--rule", "winrate", "--json"])).stdout);
    expect(rep.outsideSpace[0].problem.code).toBe("neither-zero-nor-cap");
    const text = (await runCli(["equilibrium", file, "--rule", "winrate"])).stdout;
    expect(text).toContain(`(${spaceProblemText(rep.outsideSpace[0].problem)})`);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("why a finite method reports no equilibrium: a NashFailure, worded by failureText", () => {
  it("words every code with its numbers, on one line", () => {
    const regrets = { maxRegret: 2, maxRelativeRegret: 0.5, tolerance: 1e-6 };
    const cases: { [C in NashFailure["code"]]: [Extract<NashFailure, { code: C }>, RegExp] } = {
      "not-converged": [
        { code: "not-converged", method: "fp", iterations: 2000, ...regrets },
        /^fp did not converge after 2000 iterations \(max regret 2, 0\.5 of its player's payoff range, tolerance 1e-6/,
      ],
      "failed-regret-check": [
        { code: "failed-regret-check", method: "rd", ...regrets },
        /^rd profile failed the regret check \(max regret 2, /,
      ],
      "simpdiv-not-converged": [
        {
          code: "simpdiv-not-converged",
          starts: 2,
          leastRelativeRegret: 0.01234,
          tolerance: 1e-6,
          labels: [5, 7],
        },
        /^simpdiv did not converge from any of 2 starts \(least relative regret 0\.0123 > tolerance 0\.000001 after 5, 7 labels\)/,
      ],
      "lp-failed-regret-check": [
        { code: "lp-failed-regret-check", maxRelativeRegret: 0.5, tolerance: 1e-9 },
        /^lp answer failed the regret check .* 0\.5 > tolerance 1e-9\)/,
      ],
      "lp-not-certified": [
        {
          code: "lp-not-certified",
          lower: -0.25,
          upper: 0.25,
          gap: 0.5,
          tolerance: 2e-9,
          backends: ["highs", "jslp"],
        },
        /^lp answer not certified: the value lies in \[-0\.25, 0\.25\], gap 0\.5 > tolerance 2e-9 \(backends tried: highs, jslp\)/,
      ],
    };
    for (const [failure, words] of Object.values(cases)) {
      expect(failureText(failure)).toMatch(words);
      expect(failureText(failure)).not.toContain("\n");
    }
  });
});

describe("the length-controlled GLM's reasons: codes, worded by lengthControlledReasonText", () => {
  it("words every code with its terms and numbers", () => {
    const cases: {
      [C in LengthControlledReason["code"]]: Array<[Extract<LengthControlledReason, { code: C }>, string]>;
    } = {
      separated: [
        [
          { code: "separated", terms: ["lengthSlope"] },
          "not estimable: the judgements are separated (a combination of lengthSlope orders every one, so the likelihood has no maximum)",
        ],
        [
          { code: "separated", terms: ["intercept", "lengthSlope", "difficulty"] },
          "not estimable: the judgements are separated (a combination of intercept, lengthSlope, difficulty orders every one, so the likelihood has no maximum)",
        ],
      ],
      "not-identified": [
        [
          { code: "not-identified", parameters: 7 },
          "not estimable: the judgements do not determine the 7 parameters",
        ],
      ],
      "no-difficulty": [
        [{ code: "no-difficulty" }, "not estimable: the instruction-difficulty fit has no answer"],
      ],
      "not-converged": [
        [
          { code: "not-converged", iterations: 200, gradientNorm: 0.8 },
          "NOT CONVERGED after 200 Newton steps, gradientNorm 8.00e-1",
        ],
        [
          { code: "not-converged", iterations: 1, gradientNorm: 2e-3 },
          "NOT CONVERGED after 1 Newton step, gradientNorm 2.00e-3",
        ],
      ],
    };
    for (const list of Object.values(cases))
      for (const [r, words] of list) expect(lengthControlledReasonText(r)).toBe(words);
  });
});

describe("the rating fits' reasons: codes, worded by mleReasonText, priorReasonText, standardErrorNoteText", () => {
  it("words every code with its names and numbers", () => {
    const mle: { [C in MleReason["code"]]: Array<[Extract<MleReason, { code: C }>, RegExp]> } = {
      "hunter-condition": [
        [
          { code: "hunter-condition", unjudged: ["Z"], neverWin: ["C"], neverLose: ["A", "B"] },
          /^no judgements: Z; never wins: C; never loses: A, B$/,
        ],
        [
          { code: "hunter-condition", unjudged: [], neverWin: [], neverLose: [] },
          /^the models split into groups that never beat one another$/,
        ],
      ],
      "ties-unbounded": [[{ code: "ties-unbounded" }, /tie parameter nu grow without bound together$/]],
      separated: [
        [
          { code: "separated", coefficients: ["length", "bold"] },
          /^the ratings and the covariates together separate the wins from the losses: moving the coefficients of length, bold \(and the ratings\)/,
        ],
      ],
    };
    for (const list of Object.values(mle))
      for (const [r, words] of list) expect(mleReasonText(r)).toMatch(words);
    const never: MleReason = { code: "hunter-condition", unjudged: [], neverWin: ["C"], neverLose: [] };
    const prior: { [C in PriorReason["code"]]: Array<[Extract<PriorReason, { code: C }>, string]> } = {
      requested: [[{ code: "requested" }, "prior requested (prior=always)"]],
      "no-mle": [
        [
          { code: "no-mle", components: [{ among: null, why: never }], everyModel: true },
          "maximum-likelihood ratings do not exist (never wins: C): one virtual judgement per model against rating 0 added",
        ],
        [
          {
            code: "no-mle",
            components: [
              { among: ["e", "f"], why: never },
              { among: null, why: { code: "ties-unbounded" } },
            ],
            everyModel: false,
          },
          `maximum-likelihood ratings do not exist (among e, f: never wins: C; ${mleReasonText({ code: "ties-unbounded" })}): one virtual judgement per model of those components only against rating 0 added`,
        ],
        [
          {
            code: "no-mle",
            components: [{ among: null, why: { code: "separated", coefficients: ["length"] } }],
            everyModel: true,
          },
          `maximum-likelihood ratings do not exist (${mleReasonText({ code: "separated", coefficients: ["length"] })}): one virtual judgement per model against rating 0, and one virtual tie per coefficient at 0, added`,
        ],
      ],
    };
    for (const list of Object.values(prior))
      for (const [r, words] of list) expect(priorReasonText(r)).toBe(words);
    const note: StandardErrorNote = {
      code: "over-work-limit",
      estimate: 5.0237e9,
      atLeast: true,
      solves: 4000,
      steps: 1,
      pairs: 4000,
      limit: 5e9,
    };
    expect(standardErrorNoteText(note)).toBe(
      "standard errors not computed: at least 5.02e+9 pair products estimated (4000 conjugate-gradient solves of at least 1 step over 4000 pairs) exceed the limit of 5.00e+9 (maxStandardErrorWork); use the bootstrap for intervals",
    );
    expect(standardErrorNoteText({ ...note, atLeast: false, steps: 2 })).toMatch(/ of 2 steps over /);
    const anchors: Array<[FitAnchor, string]> = [
      [{ kind: "mean", perGroup: false }, "mean rating 0"],
      [{ kind: "mean", perGroup: true }, "mean rating 0 in each group"],
      [{ kind: "model", model: "B", perGroup: false }, "B = 0"],
      [{ kind: "model", model: "B", perGroup: true }, "B = 0, other groups: mean rating 0 in each"],
    ];
    for (const [a, words] of anchors) expect(anchorText(a)).toBe(words);
  });

  it("ratings --json: prior.reason is a code; the text prints its wording", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mm-words-"));
    try {
      const file = join(dir, "p.csv");
      writeFileSync(file, "model_a,model_b,winner\nA,B,model_a\nB,C,model_a\nA,C,model_a\nB,A,model_a\n");
      const argv = ["ratings", file, "--task", "overall"];
      const rep = JSON.parse((await runCli([...argv, "--json"])).stdout);
      const reason: PriorReason = rep.ratings[0].fit.prior.reason;
      expect(reason).toMatchObject({ code: "no-mle", everyModel: true });
      expect(rep.ratings[0].fit.anchor).toEqual({ kind: "mean", perGroup: false });
      expect((await runCli(argv)).stdout).toContain(
        "; maximum-likelihood ratings do not exist (never wins: C): one virtual judgement per model against rating 0 added\n",
      );
      expect(priorReasonText(reason)).toContain("(never wins: C)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the pairwise reader's and the calibration's warnings: codes, worded by pairwiseWarningText and calibrationWarningText", () => {
  it("words every code with its count or names", () => {
    const pairwise: { [C in PairwiseWarning["code"]]: Array<[PairwiseWarning, string]> } = {
      "skipped-self-battles": [
        [{ code: "skipped-self-battles", rows: 1 }, "skipped 1 self-battle (a model against itself)"],
        [{ code: "skipped-self-battles", rows: 3 }, "skipped 3 self-battles (a model against itself)"],
      ],
      "skipped-no-verdict": [
        [{ code: "skipped-no-verdict", rows: 1 }, "skipped 1 row without a verdict"],
        [{ code: "skipped-no-verdict", rows: 2 }, "skipped 2 rows without a verdict"],
      ],
    };
    for (const list of Object.values(pairwise))
      for (const [w, words] of list) expect(pairwiseWarningText(w)).toBe(words);
    const calibration: { [C in CalibrationWarning["code"]]: [CalibrationWarning, string] } = {
      "models-left-out": [
        { code: "models-left-out", pairwiseOnly: ["a"], tableOnly: ["b,c"] },
        'models left out: in the pairwise data, not the score table: "a"; in the score table, not the pairwise data: "b,c"',
      ],
      "tasks-pairwise-only": [
        { code: "tasks-pairwise-only", tasks: ["x"] },
        'tasks in the pairwise data, not the score table: "x"',
      ],
      "tasks-table-only": [
        { code: "tasks-table-only", tasks: ["y", "z"] },
        'tasks in the score table, not the pairwise data: "y", "z"',
      ],
    };
    for (const [w, words] of Object.values(calibration)) expect(calibrationWarningText(w)).toBe(words);
    const interval: { [C in NoiseIntervalReason["code"]]: Array<[NoiseIntervalReason, string]> } = {
      "boundary-replicates": [
        [
          { code: "boundary-replicates", boundary: 3, infinite: 2, leftOut: 0, replicates: 40 },
          "percentile, not normal on the log scale: 3 of 40 replicates fit beta on a boundary (0 or infinite; 2 infinite), which has no log",
        ],
        [
          { code: "boundary-replicates", boundary: 5, infinite: 5, leftOut: 2, replicates: 40 },
          "percentile, not normal on the log scale: 5 of 40 replicates fit beta on a boundary (0 or infinite; 5 infinite), which has no log; 2 of 40 replicates' fits of beta did not converge: they have no value and are left out of the interval (their leaderboards, if any, use the data's fitted beta)",
        ],
        [
          { code: "boundary-replicates", boundary: 0, infinite: 0, leftOut: 1, replicates: 40 },
          "percentile, not normal on the log scale: 1 of 40 replicates' fits of beta did not converge: they have no value and are left out of the interval (their leaderboards, if any, use the data's fitted beta)",
        ],
      ],
      "boundary-estimate": [
        [
          { code: "boundary-estimate" },
          "percentile, not normal on the log scale: the data's own fit of beta is on a boundary (0 or infinite), which has no log",
        ],
      ],
    };
    for (const list of Object.values(interval))
      for (const [r, words] of list) expect(noiseIntervalReasonText(r, "beta")).toBe(words);
  });

  it("ratings and calibrate print the warnings' wording on standard error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mm-words-"));
    try {
      const file = join(dir, "p.csv");
      writeFileSync(file, "model_a,model_b,winner\nA,B,model_a\nA,A,model_a\nB,A,model_a\n");
      const r = await runCli(["ratings", file, "--task", "overall", "--skip-self"]);
      expect(r.stderr).toContain(
        `modelmarket ratings: warning: ${pairwiseWarningText({ code: "skipped-self-battles", rows: 1 })}\n`,
      );
      const scores = "data/wildbench_v2_task_scores.csv";
      const pairs = "data/wildbench_v2_pairwise_by_category.csv";
      const c = await runCli(["calibrate", scores, "--pairwise", pairs, "--normalize", "minmax"]);
      expect(c.stderr).toMatch(
        /^modelmarket calibrate: warning: models left out: in the pairwise data, not the score table: "Qwen1\.5-72B-Chat"/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("what each finite method computes: methodDescriptionText, the table holding data only", () => {
  it("words every method, its players and arithmetic as the table records them", () => {
    expect([...NASH_METHODS]).toEqual(Object.keys(METHOD_INFO));
    for (const m of NASH_METHODS) {
      const words = methodDescriptionText(m);
      expect(words, m).toMatch(METHOD_INFO[m].players === "two" ? /two(-| )player/ : /any number of players/);
      expect(words, m).not.toContain("\n");
      expect(
        Object.values(METHOD_INFO[m]).every((v) => typeof v !== "string" || v === "two" || v === "any"),
      ).toBe(true);
    }
    expect(methodDescriptionText("lp")).toBe(
      "one equilibrium of a two-player constant-sum game by linear programming, certified, floating",
    );
  });
});

describe("how a design was obtained: a DesignMethod, worded by designMethodText", () => {
  it("words every code with its numbers", () => {
    const sampled: DesignMethod = { code: "sampled-partition", samples: 65, solves: 80, gap: 0.015625 };
    const outcome = {
      code: "outcome-lps",
      outcomes: "pure equilibria",
      lps: 4,
      rowsPer: 3,
      columns: 3,
      objective: null,
      tried: 0,
      gap: Number.NaN,
    } as const;
    const cases: { [C in DesignMethod["code"]]: Array<[DesignMethod, string | RegExp]> } = {
      "exact-partition": [
        [
          { code: "exact-partition", family: "threshold-winrate", strategies: 6 },
          "exact over all 6 strategies (payoffs are step functions of tau: boundaries at the quality ratios q/v)",
        ],
      ],
      "sampled-partition": [
        [
          sampled,
          "sampled: 65 equally spaced values, boundaries bisected (80 solves); a region narrower than the step 0.015625 between two samples with the same response can be missed",
        ],
      ],
      rows: [
        [
          { code: "rows", rows: 9, parameter: "alpha", asked: 7, tolerance: 1e-6, row: sampled },
          /^9 rows of alpha \(7 equally spaced, neighbours with different partitions bisected to 0\.00000100\); along each row: sampled: 65 /,
        ],
      ],
      "class-lps": [
        [
          { code: "class-lps", classes: 2, strategies: 3 },
          "one LP per class of payoff-identical strategies (2 classes of 3 strategies), HiGHS; margins recomputed from the weights",
        ],
      ],
      "outcome-lps": [
        [
          outcome,
          "one LP per pure profile (4 LPs of at most 3 rows x 3 columns, HiGHS); margins recomputed from the weights",
        ],
        [
          { ...outcome, outcomes: "entry paths", objective: "best" },
          /^one LP per entry path .*; the best outcome is exact$/,
        ],
        [
          { ...outcome, objective: "worst", tried: 2, gap: 0.05 },
          /; worst outcome: upper bound from the LPs, certified lower bound from every outcome at the LP weights of 2 implementable one\(s\) \(gap 0\.05000\)$/,
        ],
      ],
    };
    for (const list of Object.values(cases))
      for (const [m, words] of list) expect(designMethodText(m)).toMatch(words);
  });

  it("design --json: the method is a code; the text prints its wording", async () => {
    const argv = ["design", "examples/c2-entry.json", "--entry", "top-k:k=1", "--family", "mix"];
    argv.push("--range", "lambda=0:1", "--param", "rules=winrate+weighted-winrate");
    const rep = JSON.parse((await runCli([...argv, "--json"])).stdout);
    expect(rep.result.method).toEqual({ code: "exact-partition", family: "mix", strategies: 2 });
    expect((await runCli(argv)).stdout).toContain(`3 region(s), ${designMethodText(rep.result.method)}\n`);
  });
});

describe("why a game is not constant-sum: a ConstantSumReason, worded by constantSumReasonText", () => {
  it("returns the witness profiles and sums, and words both codes", () => {
    const check = checkConstantSum(fromBimatrix([[1, 2]], [[0, 0]]));
    expect(check.constantSum).toBe(false);
    if (check.constantSum) return;
    expect(check.reason).toEqual({
      code: "sums-differ",
      first: { profile: ["1", "1"], sum: "1" },
      other: { profile: ["1", "2"], sum: "2" },
    });
    expect(constantSumReasonText(check.reason)).toBe("A + B is 1 at (1, 1) but 2 at (1, 2)");
    expect(constantSumReasonText({ code: "not-two-players", players: 3 })).toBe("it has 3 players, not 2");
  });
});
