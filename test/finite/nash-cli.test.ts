import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fromBimatrix } from "../../solvers/finite/game.js";
import { Rational } from "../../solvers/finite/rational.js";
import { formatValue, profileLine, renderJson, renderText } from "../../solvers/finite/render.js";
import { gameFromFile, solveFinite } from "../../src/cli/commands/nash.js";
import { runCli } from "../helpers/cli.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/nfg");
const fixture = (name: string) => join(FIXTURES, name);

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
      [["nash", "game.txt"], /game\.txt: unsupported file type/],
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

  it("renders a report as text and JSON", () => {
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
    const report = solveFinite(game, "enummixed", { convex: true });
    expect(renderText(report)).toBe("NE,1/2,1/2,1/2,1/2\nconvex-1,1/2,1/2,1/2,1/2\n");
    const json = JSON.parse(renderJson(report, { decimals: 2 })) as { equilibria: { profile: number[][] }[] };
    expect(json.equilibria[0]!.profile).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
  });

  it("gameFromFile dispatches on the extension", () => {
    expect(gameFromFile(fixture("pd.nfg")).shape).toEqual([2, 2]);
    expect(() => gameFromFile("x.json")).toThrow(/unsupported file type/);
  });
});
