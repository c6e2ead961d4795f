import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fromBimatrix } from "../../solvers/finite/game.js";
import { Rational } from "../../solvers/finite/rational.js";
import { formatValue, profileLine, renderJson, renderText } from "../../solvers/finite/render.js";
import { solveFinite } from "../../solvers/finite/solve.js";
import { gameFromFile } from "../../solvers/marketGameFile.js";
import { runCli } from "../helpers/cli.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/nfg");
const fixture = (name: string) => join(FIXTURES, name);
const MARKETS = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/markets");

describe("modelmarket nash", () => {
  it("prints one NE line per equilibrium with exact fractions (enummixed by default)", async () => {
    const r = await runCli(["nash", fixture("bos-outcome.nfg")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n").sort()).toEqual(["NE,0,1,0,1", "NE,1,0,1,0", "NE,2/3,1/3,1/3,2/3"]);
  });

  it("uses enumpure by default for N players", async () => {
    const r = await runCli(["nash", fixture("mckelvey-2x2x2.nfg")]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n").length).toBe(4);
    for (const line of r.stdout.trim().split("\n")) expect(line).toMatch(/^NE(,[01]){6}$/);
  });

  it("--method lcp --decimals 3", async () => {
    const r = await runCli(["nash", fixture("bos-outcome.nfg"), "--method", "lcp", "--decimals", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n").sort()).toEqual([
      "NE,0.000,1.000,0.000,1.000",
      "NE,0.667,0.333,0.333,0.667",
      "NE,1.000,0.000,1.000,0.000",
    ]);
  });

  it("--convex prints the maximal convex sets of a degenerate game", async () => {
    const r = await runCli(["nash", fixture("degenerate-3x2.nfg"), "--convex"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("NE,")).length).toBe(3);
    const convex = lines.filter((l) => l.startsWith("convex-"));
    // one isolated equilibrium and one segment with two extreme points
    expect(convex.length).toBe(3);
    expect(new Set(convex.map((l) => l.split(",")[0])).size).toBe(2);
  });

  it("--json gives the profile, the regret and method facts", async () => {
    const r = await runCli(["nash", fixture("exact-numbers.nfg"), "--json", "--method", "lcp"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      game: string;
      method: string;
      exact: boolean;
      complete: boolean;
      equilibria: { profile: string[][]; regret: string[]; labelsFromArtificial: number[] }[];
    };
    expect(out.method).toBe("lcp");
    expect(out.exact).toBe(true);
    expect(out.complete).toBe(true);
    expect(out.equilibria.length).toBe(1);
    expect(out.equilibria[0]!.profile).toEqual([
      ["1500/3509", "2009/3509"],
      ["12009/12509", "500/12509"],
    ]);
    expect(out.equilibria[0]!.regret).toEqual(["0", "0"]);
    expect(out.equilibria[0]!.labelsFromArtificial.sort()).toEqual([0, 1, 2, 3]);
  });

  it("user errors: one line, exit code 2", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["nash", fixture("bad-number.nfg")], /bad-number\.nfg: line 5, token zero: /],
      [["nash", fixture("pd.nfg"), "--method", "simplex"], /--method: unknown method "simplex"/],
      [["nash", fixture("mckelvey-2x2x2.nfg"), "--method", "lcp"], /--method: lcp needs a two-player game/],
      [["nash", fixture("pd.nfg"), "--decimals", "-1"], /--decimals/],
      [["nash", fixture("pd.nfg"), "--convex", "--method", "lcp"], /--convex: only applies/],
      [["nash", "game.csv"], /game\.csv: unsupported file type/],
      [["nash", "game.txt"], /game\.txt: cannot read file/],
      [["nash"], /FILE: missing argument/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n").length).toBe(1);
    }
  });

  it("an lcp pivot cap is reported on stderr and in the JSON", async () => {
    const r = await runCli([
      "nash",
      fixture("bos-outcome.nfg"),
      "--method",
      "lcp",
      "--max-pivots",
      "1",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/stopped early/);
    expect((JSON.parse(r.stdout) as { complete: boolean }).complete).toBe(false);
  });
});

/** The NE lines of a run, sorted. */
const neLines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .filter((l) => l !== "")
    .sort();

/** The numbers of one NE line (decimals or exact fractions `a/b`). */
const neNumbers = (line: string) =>
  line
    .split(",")
    .slice(1)
    .map((cell) => {
      const [a, b] = cell.split("/");
      return b === undefined ? Number(a) : Number(a) / Number(b);
    });

describe("modelmarket nash: floating methods", () => {
  it("lp on a constant-sum game prints the certified equilibrium, six decimals by default", async () => {
    const r = await runCli(["nash", fixture("constant-sum-2x2.nfg"), "--method", "lp"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("NE,0.454545,0.545455,0.363636,0.636364\n");
  });

  it("lp --json gives the certificate, the values (13/11 and 4 - 13/11) and the backend", async () => {
    const r = await runCli(["nash", fixture("constant-sum-2x2.nfg"), "--method", "lp", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      exact: boolean;
      certified: boolean;
      lower: number;
      upper: number;
      gap: number;
      equilibria: { profile: number[][]; regret: number[]; values: number[] }[];
      details: { values: number[]; backend: string; gap: number; constant: number };
    };
    expect(out.exact).toBe(false);
    expect(out.certified).toBe(true);
    expect(out.lower).toBeLessThanOrEqual(13 / 11 + 1e-12);
    expect(out.upper).toBeGreaterThanOrEqual(13 / 11 - 1e-12);
    expect(out.gap).toBeLessThanOrEqual(1e-9 * 8);
    expect(out.details.values[0]).toBeCloseTo(13 / 11, 9);
    expect(out.details.values[1]).toBeCloseTo(4 - 13 / 11, 9);
    expect(out.details.constant).toBe(4);
    expect(["jslp", "highs"]).toContain(out.details.backend);
    expect(out.equilibria).toHaveLength(1);
    for (const g of out.equilibria[0]!.regret) expect(g).toBeLessThanOrEqual(8e-9);
  });

  it("lp on a game that is not constant-sum: one line, exit code 2", async () => {
    const r = await runCli(["nash", fixture("bos-outcome.nfg"), "--method", "lp"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/--method: lp needs a two-player constant-sum game/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("each dynamic prints a profile with small regret", async () => {
    const cases: Array<[string, string[], number[]]> = [
      ["rps.nfg", ["--method", "fp", "--tolerance", "1e-2"], [1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3]],
      ["rps.nfg", ["--method", "regret", "--tolerance", "1e-4"], [1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3]],
      ["pd.nfg", ["--method", "replicator"], [0, 1, 0, 1]],
      ["constant-sum-2x2.nfg", ["--method", "logit"], [5 / 11, 6 / 11, 4 / 11, 7 / 11]],
    ];
    for (const [file, flags, expected] of cases) {
      const r = await runCli(["nash", fixture(file), ...flags]);
      expect(r.code, `${file} ${flags.join(" ")}`).toBe(0);
      expect(r.stderr).toBe("");
      const lines = neLines(r.stdout);
      expect(lines).toHaveLength(1);
      const got = neNumbers(lines[0]!);
      got.forEach((v, k) => {
        expect(Math.abs(v - expected[k]!), `${file} ${flags.join(" ")}`).toBeLessThan(2e-2);
      });
    }
  });

  it("fictitious play on Shapley's game with a tiny --iterations: not converged, exit 1, nothing on stdout", async () => {
    const r = await runCli(["nash", fixture("shapley.nfg"), "--method", "fp", "--iterations", "10"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      /fp did not converge after 10 iterations \(max regret [0-9.e-]+, [0-9.e-]+ of its player's payoff range, tolerance 1e-6 of each player's own payoff range\)/,
    );
  });

  it("a run that did not converge: JSON with converged false, the regret, an empty list and lastProfile", async () => {
    const r = await runCli([
      "nash",
      fixture("shapley.nfg"),
      "--method",
      "fp",
      "--iterations",
      "10",
      "--json",
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      converged: boolean;
      complete: boolean;
      maxRegret: number;
      iterations: number;
      equilibria: unknown[];
      lastProfile: number[][];
    };
    expect(out.converged).toBe(false);
    expect(out.complete).toBe(false);
    expect(out.iterations).toBe(10);
    expect(out.maxRegret).toBeGreaterThan(1e-3);
    expect(out.equilibria).toEqual([]);
    expect(out.lastProfile.map((x) => x.length)).toEqual([3, 3]);
    expect(r.stderr).toMatch(/did not converge/);
  });

  it("same --seed, same output (fp and replicator)", async () => {
    for (const flags of [
      ["--method", "fp", "--seed", "7", "--tolerance", "1e-2"],
      ["--method", "replicator", "--seed", "7"],
      ["--method", "fp", "--seed", "7", "--iterations", "25", "--json"],
    ]) {
      const a = await runCli(["nash", fixture("rps.nfg"), ...flags]);
      const b = await runCli(["nash", fixture("rps.nfg"), ...flags]);
      expect(a.stdout, flags.join(" ")).toBe(b.stdout);
      expect(a.stderr).toBe(b.stderr);
      expect(a.code).toBe(b.code);
    }
    const bos = ["nash", fixture("bos-outcome.nfg"), "--method", "replicator", "--seed", "5", "--json"];
    expect((await runCli(bos)).stdout).toBe((await runCli(bos)).stdout);
  });

  it("--decimals applies to floating methods", async () => {
    const r = await runCli(["nash", fixture("constant-sum-2x2.nfg"), "--method", "logit", "--decimals", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("NE,0.455,0.545,0.364,0.636\n");
  });

  it("bad flags: one line naming the flag, exit code 2", async () => {
    const pd = fixture("pd.nfg");
    const cases: Array<[string[], RegExp]> = [
      [["nash", pd, "--method", "fp", "--iterations", "0"], /--iterations: must be an integer from 1/],
      [["nash", pd, "--method", "fp", "--iterations", "2.5"], /--iterations: must be an integer/],
      [["nash", pd, "--method", "fp", "--tolerance", "0"], /--tolerance: must be a number between 0 and 1/],
      [["nash", pd, "--method", "fp", "--tolerance", "abc"], /--tolerance: must be a finite number/],
      [
        ["nash", pd, "--method", "logit", "--tolerance", "2"],
        /--tolerance: must be a number between 0 and 1/,
      ],
      [
        ["nash", pd, "--method", "replicator", "--iterations", "0"],
        /--iterations: must be an integer from 1/,
      ],
      [
        ["nash", pd, "--method", "replicator", "--tolerance", "-1"],
        /--tolerance: must be a number between 0 and 1/,
      ],
      [["nash", pd, "--method", "regret", "--iterations", "-3"], /--iterations: must be an integer from 1/],
      [
        ["nash", fixture("mckelvey-2x2x2.nfg"), "--method", "enummixed"],
        /--method: enummixed needs a two-player game; this one has 3 players/,
      ],
      [["nash", pd, "--method", "fp", "--seed", ""], /--seed: must not be empty/],
      [
        ["nash", pd, "--method", "logit", "--seed", "1"],
        /--seed: only applies to the methods that make random/,
      ],
      [["nash", pd, "--method", "regret", "--seed", "1"], /--seed: only applies/],
      [["nash", pd, "--method", "lcp", "--iterations", "5"], /--iterations: only applies to the dynamics/],
      [["nash", pd, "--method", "lp", "--tolerance", "1e-3"], /--tolerance: only applies to the dynamics/],
      [["nash", pd, "--method", "fp", "--max-pivots", "5"], /--max-pivots: only applies to --method lcp/],
      [["nash", pd, "--method", "fp", "--start-only"], /--start-only: only applies to --method lcp/],
      [["nash", pd, "--rule", "winrate"], /--rule: only applies to market files/],
      [["nash", pd, "--selection", "perfect"], /--selection: only applies to market files/],
      [
        ["nash", fixture("mckelvey-2x2x2.nfg"), "--method", "lp"],
        /--method: lp needs a two-player game; this one has 3 players \(methods for any number of players: enumpure, /,
      ],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr, argv.join(" ")).toMatch(message);
      expect(r.stderr.trim().split("\n").length).toBe(1);
    }
  });

  it("--help lists the new methods, their flags and a market-file example", async () => {
    const r = await runCli(["nash", "--help"]);
    expect(r.code).toBe(0);
    for (const word of [
      "lp",
      "fp",
      "replicator",
      "regret",
      "logit",
      "--iterations",
      "--tolerance",
      "--seed",
      "--rule",
    ]) {
      expect(r.stdout).toContain(word);
    }
    expect(r.stdout).toContain("examples/c2-two-producers.json");
  });
});

describe("modelmarket nash: market files", () => {
  const c2 = join(MARKETS, "c2-two-producers.json");
  // test/solvers/c2.test.ts and docs/producer-game.md: weighted winrate, the two specialised
  // profiles (A t1, B t2) and (A t2, B t1) plus one fully mixed equilibrium; winrate, both copy t1
  const specialised = ["NE,0,1,1,0", "NE,1,0,0,1"];

  it("enumpure: the two specialised profiles (weighted winrate, the default rule)", async () => {
    const r = await runCli(["nash", c2, "--method", "enumpure"]);
    expect(r.code).toBe(0);
    expect(neLines(r.stdout)).toEqual(specialised);
  });

  it("enummixed and lcp: the two specialised profiles and one fully mixed equilibrium, exact", async () => {
    for (const method of ["enummixed", "lcp"]) {
      const r = await runCli(["nash", c2, "--method", method]);
      expect(r.code, method).toBe(0);
      const lines = neLines(r.stdout);
      expect(lines, method).toHaveLength(3);
      expect(lines.filter((l) => specialised.includes(l))).toEqual(specialised);
      const mixed = lines.find((l) => !specialised.includes(l))!;
      // exact fractions of the binary payoffs; symmetric, both players mix with the same probabilities
      expect(mixed).toMatch(/^NE(,\d+\/\d+){4}$/);
      const [a1, a2, b1, b2] = neNumbers(mixed);
      expect(a1! + a2!).toBeCloseTo(1, 12);
      expect(a1).toBeCloseTo(b1!, 12);
      expect(a2).toBeCloseTo(b2!, 12);
      expect(a1! > 0 && a2! > 0).toBe(true);
    }
    // the default method for two producers is enummixed
    expect((await runCli(["nash", c2])).stdout).toBe(
      (await runCli(["nash", c2, "--method", "enummixed"])).stdout,
    );
  });

  it("--rule winrate: the unique equilibrium, both copy task 1", async () => {
    for (const method of ["enumpure", "enummixed", "lcp"]) {
      const r = await runCli(["nash", c2, "--rule", "winrate", "--method", method]);
      expect(r.code, method).toBe(0);
      expect(neLines(r.stdout), method).toEqual(["NE,1,0,1,0"]);
    }
  });

  it("the JSON names the producers and their strategies", async () => {
    const r = await runCli(["nash", c2, "--method", "enumpure", "--json"]);
    const out = JSON.parse(r.stdout) as { game: string; players: string[]; strategies: string[][] };
    expect(out.game).toBe("market game (weighted-winrate)");
    expect(out.players).toEqual(["A", "B"]);
    expect(out.strategies).toEqual([
      ["{t1}", "{t2}"],
      ["{t1}", "{t2}"],
    ]);
  });

  it("--weights and --selection override the file", async () => {
    // with weights (0.9, 0.1) task 1 is worth copying under weighted winrate too (w > 2s/(2s+1))
    const r = await runCli(["nash", c2, "--method", "enumpure", "--weights", "0.9,0.1"]);
    expect(r.code).toBe(0);
    expect(neLines(r.stdout)).toEqual(["NE,1,0,1,0"]);
    const bad = await runCli(["nash", c2, "--selection", "nonsense"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--selection/);
  });

  it("markets without a finite game: one line naming the file, exit code 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nash-market-"));
    const base = JSON.parse(readFileSync(c2, "utf8")) as { producers: { space: unknown }[] };
    const write = (name: string, spaces: unknown[]) => {
      const path = join(dir, name);
      const market = { ...base, producers: base.producers.map((p, i) => ({ ...p, space: spaces[i] })) };
      writeFileSync(path, JSON.stringify(market));
      return path;
    };
    const fixed = write("fixed.json", [{ kind: "fixed" }, { kind: "fixed" }]);
    const budget = write("budget.json", [
      { kind: "top-k", k: 1 },
      { kind: "budget", budget: 1, production: { kind: "linear" } },
    ]);
    const cases: Array<[string[], RegExp]> = [
      [["nash", fixed], /fixed\.json: no strategic producer/],
      [
        ["nash", budget],
        /budget\.json: \$\.producers\[1\]\.space: producer "B" has a budget space, not a finite one/,
      ],
      [["nash", c2, "--rule", "nonsense"], /--rule: unknown payoff rule "nonsense"/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr, argv.join(" ")).toMatch(message);
      expect(r.stderr.trim().split("\n").length).toBe(1);
    }
  });

  it("floating methods run on the market game too", async () => {
    const r = await runCli(["nash", c2, "--method", "logit", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { converged: boolean; equilibria: { regret: number[] }[] };
    expect(out.converged).toBe(true);
    expect(out.equilibria).toHaveLength(1);
    const lp = await runCli(["nash", c2, "--method", "lp"]);
    expect(lp.code).toBe(2);
    expect(lp.stderr).toMatch(/not: A \+ B is/);
  });
});

describe("render", () => {
  it("formats exact and float values as Gambit does", () => {
    expect(formatValue(Rational.parse("1/3"))).toBe("1/3");
    expect(formatValue(Rational.parse("1/3"), 4)).toBe("0.3333");
    expect(formatValue(1 / 3)).toBe("0.333333");
    expect(formatValue(-1e-12, 3)).toBe("0.000");
    expect(
      profileLine(
        [
          [0.25, 0.75],
          [1, 0],
        ],
        { decimals: 2 },
      ),
    ).toBe("NE,0.25,0.75,1.00,0.00");
  });

  it("renders a report as text and JSON", async () => {
    const game = fromBimatrix(
      [
        [1, -1],
        [-1, 1],
      ],
      [
        [-1, 1],
        [1, -1],
      ],
      "pennies",
    );
    const report = await solveFinite(game, "enummixed", { convex: true });
    expect(renderText(report)).toBe("NE,1/2,1/2,1/2,1/2\nconvex-1,1/2,1/2,1/2,1/2\n");
    const json = JSON.parse(renderJson(report, { decimals: 2 })) as { equilibria: { profile: number[][] }[] };
    expect(json.equilibria[0]!.profile).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
  });

  it("gameFromFile dispatches on the extension", () => {
    expect(gameFromFile(fixture("pd.nfg")).shape).toEqual([2, 2]);
    expect(() => gameFromFile("x.csv")).toThrow(/x\.csv: unsupported file type/);
    // any other extension is a market file
    expect(() => gameFromFile("x.json")).toThrow(/x\.json: cannot read file \(no such file\)/);
    expect(gameFromFile(join(MARKETS, "c2-two-producers.json")).shape).toEqual([2, 2]);
  });
});

describe("modelmarket nash --method enumpoly | gnm (N players)", () => {
  it("enumpoly prints all 9 equilibria of the McKelvey-McLennan game, exact, and says nothing on stderr", async () => {
    const r = await runCli(["nash", fixture("mckelvey-2x2x2.nfg"), "--method", "enumpoly"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trim().split("\n");
    expect(lines.length).toBe(9);
    expect(lines).toContain("NE,2/5,3/5,1/2,1/2,1/3,2/3");
  });

  it("enumpoly --json: completeness, supports and certificates", async () => {
    const r = await runCli(["nash", fixture("mckelvey-2x2x2.nfg"), "--method", "enumpoly", "--json"]);
    const out = JSON.parse(r.stdout) as {
      complete: boolean;
      completeness: string;
      equilibria: { exact: boolean; support: number[][]; certificate: { kind: string } }[];
      details: { completeness: { message: string }; stats: { supports: number } };
    };
    expect(out.complete).toBe(true);
    expect(out.completeness).toBe("all-supports-certified");
    expect(out.details.stats.supports).toBe(27);
    expect(out.equilibria.every((e) => e.exact && e.certificate.kind === "exact")).toBe(true);
  });

  it("gnm with a seed: certified equilibria, the same bytes twice, and the path-following caveat on stderr", async () => {
    const args = [
      "nash",
      fixture("mckelvey-2x2x2.nfg"),
      "--method",
      "gnm",
      "--seed",
      "3",
      "--starts",
      "4",
      "--json",
    ];
    const a = await runCli(args);
    const b = await runCli(args);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stderr).toMatch(/gnm: path following from 4 rays/);
    const out = JSON.parse(a.stdout) as { complete: boolean; equilibria: unknown[] };
    expect(out.complete).toBe(false);
    expect(out.equilibria.length).toBeGreaterThan(0);
  });

  it("a support that runs out of boxes makes the list incomplete, and the warning names --max-boxes", async () => {
    const r = await runCli([
      "nash",
      fixture("mckelvey-2x2x2.nfg"),
      "--method",
      "enumpoly",
      "--max-boxes",
      "2",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /out of boxes \(2 per support\).*\(raise the boxes per support with --max-boxes\)/,
    );
  });

  it("a work limit names its flag; a flag of another method is refused", async () => {
    const limit = await runCli([
      "nash",
      fixture("mckelvey-2x2x2.nfg"),
      "--method",
      "enumpoly",
      "--max-supports",
      "10",
    ]);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toMatch(/27 support profiles exceed the limit of 10/);
    expect(limit.stderr).toMatch(/--max-supports/);
    const work = await runCli(["nash", fixture("mckelvey-2x2x2.nfg"), "--method", "gnm", "--max-work", "5"]);
    expect(work.code).toBe(2);
    expect(work.stderr).toMatch(/--max-work/);
    const wrong = await runCli([
      "nash",
      fixture("mckelvey-2x2x2.nfg"),
      "--method",
      "enumpoly",
      "--starts",
      "3",
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--starts.*only applies to --method gnm/);
  });
});
