/**
 * `lemkeHowson(game, { variant: "gambit" })` and `nash --method lcp --lcp-variant gambit` against lists
 * recorded from Gambit itself (test/fixtures/gambit-lcp/, written by scripts/record-gambit-lcp.ts from
 * `gambit-lcp` 17.0.0-alpha.2): on every fixture game the variant lists exactly Gambit's equilibria, in
 * Gambit's order (Gambit prints a profile once per complementary basis, so a degenerate equilibrium
 * reached at two bases is printed twice; modelmarket lists it once, at its first place). The default
 * variant's lists are checked to be exact equilibria, and the counts docs/finite-games.md states for
 * both variants are the ones measured here.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isNondegenerate } from "../../solvers/finite/enummixed/index.js";
import { type ExactProfile, regretExact } from "../../solvers/finite/game.js";
import { lemkeHowson } from "../../solvers/finite/lcp/index.js";
import { parseNfg } from "../../solvers/finite/nfg.js";
import { runCli } from "../helpers/cli.js";

interface Fixture {
  source: string;
  games: { name: string; nfg: string; gambit: string[] }[];
}

const DIR = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/gambit-lcp");
const KINDS = ["degenerate", "random", "shifted"] as const;
const fixtures = Object.fromEntries(
  KINDS.map((k) => [k, JSON.parse(readFileSync(join(DIR, `${k}.json`), "utf8")) as Fixture]),
) as Record<(typeof KINDS)[number], Fixture>;

const line = (p: ExactProfile) => p.map((x) => x.map(String).join(",")).join(",");
const distinct = (lines: readonly string[]) => [...new Set(lines)];
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("|") === [...b].sort().join("|");

describe("lemkeHowson variant gambit against gambit-lcp", () => {
  it("the fixtures say where they come from", () => {
    for (const k of KINDS) {
      expect(fixtures[k].source).toMatch(
        /^gambit-lcp, Gambit version 17\.0\.0-alpha\.2, commit [0-9a-f]{40}/,
      );
      expect(fixtures[k].games.length).toBe(k === "shifted" ? 8 : 16);
    }
  });

  for (const k of KINDS) {
    it(`lists exactly Gambit's equilibria in Gambit's order on the ${k} games`, () => {
      for (const g of fixtures[k].games) {
        const game = parseNfg(g.nfg, g.name);
        const r = lemkeHowson(game, { variant: "gambit" });
        expect(r.complete).toBe(true);
        expect(
          r.equilibria.map((e) => line(e.profile)),
          g.name,
        ).toEqual(distinct(g.gambit));
        for (const e of r.equilibria)
          expect(regretExact(game, e.profile).every((x) => x.isZero())).toBe(true);
      }
    });
  }

  it("measured counts (docs/finite-games.md): the default variant's lists are exact and differ on degenerate games", () => {
    const counts: Record<string, number[]> = {};
    let nondegenerate = 0;
    for (const k of KINDS) {
      let agree = 0;
      let gambitDistinct = 0;
      let gambitLines = 0;
      let ours = 0;
      for (const g of fixtures[k].games) {
        const game = parseNfg(g.nfg, g.name);
        const got = lemkeHowson(game).equilibria;
        for (const e of got) expect(regretExact(game, e.profile).every((x) => x.isZero())).toBe(true);
        const lines = got.map((e) => line(e.profile));
        const same = sameSet(lines, distinct(g.gambit));
        if (same) agree++;
        // on nondegenerate games both perturbations walk the same paths: the sets agree
        if (k === "random" && isNondegenerate(game)) {
          expect(same, g.name).toBe(true);
          nondegenerate++;
        }
        gambitLines += g.gambit.length;
        gambitDistinct += distinct(g.gambit).length;
        ours += lines.length;
      }
      counts[k] = [agree, gambitDistinct, gambitLines, ours];
    }
    // [games whose sets agree, Gambit's distinct equilibria, Gambit's NE lines, default variant's]
    expect(counts).toEqual({
      degenerate: [0, 60, 62, 79],
      random: [14, 78, 78, 76],
      shifted: [0, 23, 24, 22],
    });
    expect(nondegenerate).toBe(11);
  });

  it("the variant is checked", () => {
    const g = parseNfg(fixtures.degenerate.games[0]!.nfg, "g");
    expect(() => lemkeHowson(g, { variant: "lrs" as "gambit" })).toThrow(/variant.*modelmarket.*gambit/);
  });
});

describe("nash --method lcp --lcp-variant gambit", () => {
  it("prints Gambit's NE lines (a degenerate game where Gambit prints one equilibrium twice)", async () => {
    const g = fixtures.degenerate.games.find((x) => distinct(x.gambit).length < x.gambit.length)!;
    const file = join(mkdtempSync(join(tmpdir(), "lcp-gambit-")), "game.nfg");
    writeFileSync(file, g.nfg);
    const r = await runCli(["nash", file, "--method", "lcp", "--lcp-variant", "gambit"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual(distinct(g.gambit).map((l) => `NE,${l}`));
    const d = await runCli(["nash", file, "--method", "lcp", "--lcp-variant", "modelmarket"]);
    expect(d.stdout).toBe((await runCli(["nash", file, "--method", "lcp"])).stdout);
    expect(d.stdout).not.toBe(r.stdout);
  });

  it("refuses an unknown variant and other methods, exit 2, one line", async () => {
    const file = join(dirname(fileURLToPath(import.meta.url)), "../../examples/degenerate.nfg");
    for (const [argv, message] of [
      [
        ["--method", "lcp", "--lcp-variant", "lrs"],
        /--lcp-variant: must be modelmarket or gambit, got "lrs"/,
      ],
      [["--lcp-variant", "gambit"], /--lcp-variant: only applies to --method lcp, not --method enummixed/],
    ] as const) {
      const r = await runCli(["nash", file, ...argv]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
