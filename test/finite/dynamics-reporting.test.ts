/**
 * Dynamics report what they reached: fictitious play and regret matching certify their last iterate
 * or a tail average when it is an equilibrium, not only the full average; `converged` means the
 * dynamic converged, and a profile made exact by polishing says so in its own field.
 */
import { describe, expect, it } from "vitest";
import { fictitiousPlay } from "../../solvers/finite/dynamics/fictitious-play.js";
import { compileGame } from "../../solvers/finite/dynamics/kernel.js";
import { regretMatching } from "../../solvers/finite/dynamics/regret-matching.js";
import { TailCandidates } from "../../solvers/finite/dynamics/tail-candidates.js";
import { fromBimatrix, regretFloat } from "../../solvers/finite/game.js";
import { dynamicsReport } from "../../solvers/finite/methods/dynamics.js";
import { readNfgFile } from "../../solvers/finite/nfg.js";
import { solveFinite } from "../../solvers/finite/solve.js";
import { runCli } from "../helpers/cli.js";

const SECOND = "test/fixtures/nfg/second-iterate.nfg";
const EQUILIBRIUM = [
  [0.5, 0.5],
  [0.5, 0.5],
  [1, 0],
];

describe("regret matching on a game whose second iterate is the equilibrium", () => {
  const game = readNfgFile(SECOND);

  it("certifies the last iterate at the first check (before: the average, with 1/(2T) on a dominated strategy, never converged)", () => {
    for (const mode of ["expected", "sampled"] as const) {
      const r = regretMatching(game, { mode, seed: "1" });
      if (mode === "sampled") {
        // actual play: whatever profile is reported must be what it says, and converged must mean it
        expect(r.converged).toBe(Math.max(...regretFloat(game, r.profile)) <= 1e-6 * 2);
        continue;
      }
      expect(r.converged).toBe(true);
      expect(r.reported).toBe("last iterate");
      expect(r.iterations).toBe(10);
      expect(r.profile).toEqual(EQUILIBRIUM);
      expect(Math.max(...regretFloat(game, r.profile))).toBe(0);
    }
  });

  it("`nash --method regret` prints it, exit 0, converged and not polished", async () => {
    const text = await runCli(["nash", SECOND, "--method", "regret"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe("NE,0.500000,0.500000,0.500000,0.500000,1.000000,0.000000\n");
    const json = JSON.parse((await runCli(["nash", SECOND, "--method", "regret", "--json"])).stdout);
    expect(json).toMatchObject({
      converged: true,
      polished: false,
      reported: "last iterate",
      iterations: 10,
    });
  });

  it("the full average alone is not an equilibrium at that point (so the last iterate is what was certified)", () => {
    const r = regretMatching(game, { maxIterations: 10, checkEvery: 1000 });
    expect(r.reported).toBe("average");
    // player 3's average weight on its dominated strategy is 1/(2 x 10)
    expect(r.profile[2]![1]).toBeCloseTo(0.05, 12);
    expect(r.converged).toBe(false);
  });
});

describe("fictitious play", () => {
  const pd = fromBimatrix(
    [
      ["3", "0"],
      ["5", "1"],
    ],
    [
      ["3", "5"],
      ["0", "1"],
    ],
  );

  it("prisoner's dilemma: the last play (D, D) is certified as the last iterate, not polished", async () => {
    const r = fictitiousPlay(pd);
    expect(r.converged).toBe(true);
    expect(r.reported).toBe("last iterate");
    expect(r.profile).toEqual([
      [0, 1],
      [0, 1],
    ]);
    const rep = await solveFinite(pd, "fp");
    expect(rep.outcome).toMatchObject({ converged: true, polished: false, reported: "last iterate" });
    expect(rep.details?.certifiedExactly).toBeUndefined();
  });

  it("a run that keeps its average reports `average`", () => {
    const r = fictitiousPlay(pd, { checkEvery: 1000, maxIterations: 50, tolerance: 0 });
    expect(r.reported).toBe("average");
    expect(r.converged).toBe(false);
  });
});

describe("the tail window", () => {
  it("restarts at powers of two and certifies the tail average when the last iterate is not an equilibrium", () => {
    const pennies = compileGame(
      fromBimatrix(
        [
          [1, -1],
          [-1, 1],
        ],
        [
          [-1, 1],
          [1, -1],
        ],
      ),
    );
    const c = new TailCandidates(pennies);
    const out = new Float64Array(4);
    // iterations 1..4 play (H, H), (T, T), (H, T), (T, H): the window restarts after 2 and after 4
    const plays = [
      [1, 0, 1, 0],
      [0, 1, 0, 1],
      [1, 0, 0, 1],
      [0, 1, 1, 0],
    ];
    plays.forEach((x, k) => {
      x.forEach((v, i) => {
        c.tail[i] = c.tail[i]! + v;
      });
      c.advance(k + 1);
      if (k + 1 === 2) expect(c.tailStart).toBe(2);
    });
    expect(c.tailStart).toBe(4);
    // play 5, (H, T): neither the last play nor the one-play tail is an equilibrium
    plays[2]!.forEach((v, i) => {
      c.tail[i] = c.tail[i]! + v;
    });
    expect(c.check(Float64Array.from(plays[2]!), 5, 1e-9, out)).toBeUndefined();
    // play 6, (T, H): the tail over plays 5 and 6 is uniform, the equilibrium; the last play is not
    plays[3]!.forEach((v, i) => {
      c.tail[i] = c.tail[i]! + v;
    });
    expect(c.check(Float64Array.from(plays[3]!), 6, 1e-9, out)).toBe("tail average");
    expect(Array.from(out)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });
});

describe("a polished profile says so, and converged stays false", () => {
  it("a dynamic stopped near the prisoner's dilemma equilibrium: polished true, converged false", () => {
    const pd = fromBimatrix(
      [
        ["3", "0"],
        ["5", "1"],
      ],
      [
        ["3", "5"],
        ["0", "1"],
      ],
    );
    const near = [
      [1e-4, 1 - 1e-4],
      [1e-4, 1 - 1e-4],
    ];
    const rep = dynamicsReport(
      pd,
      "regret",
      { profile: near, maxRegret: 1e-4, regrets: [1e-4, 1e-4], iterations: 7, converged: false },
      1e-6,
    );
    expect(rep.outcome).toMatchObject({ converged: false, polished: true, maxRegret: 0 });
    expect(rep.equilibria[0]!.profile).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });
});
