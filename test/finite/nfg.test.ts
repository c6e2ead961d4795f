import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { makeGame, type NormalFormGame, samePayoffs } from "../../solvers/finite/game.js";
import { randomGame } from "../../solvers/finite/generators.js";
import { parseNfg, readNfgFile, writeNfg } from "../../solvers/finite/nfg.js";
import { Rational } from "../../solvers/finite/rational.js";
import { InputError } from "../../src/errors.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/nfg");
const fixture = (name: string) => join(FIXTURES, name);
const table = (g: NormalFormGame, p: number) => g.payoffs[p]!.map(String);

function expectSameGame(a: NormalFormGame, b: NormalFormGame): void {
  expect(samePayoffs(a, b)).toBe(true);
  expect(b.title).toBe(a.title);
  expect(b.comment).toBe(a.comment);
  expect(b.players).toEqual(a.players);
  expect(b.strategies).toEqual(a.strategies);
}

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error("expected an InputError");
}

describe(".nfg reading", () => {
  it("reads the payoff version", () => {
    const g = readNfgFile(fixture("pd.nfg"));
    expect(g.title).toBe("Prisoner's dilemma");
    expect(g.comment).toBe("Payoff version, strategy counts only");
    expect(g.players).toEqual(["Row", "Column"]);
    expect(g.shape).toEqual([2, 2]);
    expect(g.strategies).toEqual([
      ["1", "2"],
      ["1", "2"],
    ]);
    // profiles (0,0) (1,0) (0,1) (1,1)
    expect(table(g, 0)).toEqual(["3", "5", "0", "1"]);
    expect(table(g, 1)).toEqual(["3", "0", "5", "1"]);
    expect(g.outcomes).toBeUndefined();
  });

  it("reads the outcome version, with the null outcome 0", () => {
    const g = readNfgFile(fixture("bos-outcome.nfg"));
    expect(g.players).toEqual(["Alice", "Bob"]);
    expect(g.strategies).toEqual([
      ["Opera", "Football"],
      ["Opera", "Football"],
    ]);
    expect(table(g, 0)).toEqual(["2", "0", "0", "1"]);
    expect(table(g, 1)).toEqual(["1", "0", "0", "2"]);
    expect(g.outcomes?.list.map((o) => o.name)).toEqual(["both opera", "both football"]);
    expect(g.outcomes?.profileOutcome).toEqual([0, -1, -1, 1]);
  });

  it("reads fractions, decimals and exponents exactly", () => {
    const g = readNfgFile(fixture("exact-numbers.nfg"));
    expect(g.strategies).toEqual([
      ["Top", "Bottom"],
      ["Left", "Right"],
    ]);
    expect(table(g, 0)).toEqual(["1/3", "1/4", "-3/2000", "2"]);
    expect(table(g, 1)).toEqual(["-1/3", "-1/4", "3/2000", "-1/2"]);
  });

  it("reads N-player games", () => {
    const g = readNfgFile(fixture("mckelvey-2x2x2.nfg"));
    expect(g.shape).toEqual([2, 2, 2]);
    expect(table(g, 2)).toEqual(["12", "0", "0", "2", "0", "6", "6", "0"]);
  });

  it("accepts escaped quotes, commas and free layout", () => {
    const g = parseNfg('NFG 1 D "say \\"hi\\"" {"a" "b"}{{"x"}{"y" "z"}}\n1,2,\n3 ,4', "inline.nfg");
    expect(g.title).toBe('say "hi"');
    expect(g.comment).toBe("");
    expect(table(g, 0)).toEqual(["1", "3"]);
    expect(table(g, 1)).toEqual(["2", "4"]);
  });
});

describe(".nfg round trip (read, write, read gives the same game)", () => {
  for (const name of [
    "pd.nfg",
    "bos-outcome.nfg",
    "exact-numbers.nfg",
    "mckelvey-2x2x2.nfg",
    "degenerate-3x2.nfg",
  ]) {
    it(name, () => {
      const g = readNfgFile(fixture(name));
      const again = parseNfg(writeNfg(g), `${name} (written)`);
      expectSameGame(g, again);
      expect(again.outcomes === undefined).toBe(g.outcomes === undefined);
      // both versions from either one
      expectSameGame(g, parseNfg(writeNfg(g, "payoff"), "payoff.nfg"));
      const viaOutcome = parseNfg(writeNfg(g, "outcome"), "outcome.nfg");
      expectSameGame(g, viaOutcome);
      expect(viaOutcome.outcomes).toBeDefined();
    });
  }

  it("keeps the outcome list of an outcome file", () => {
    const g = readNfgFile(fixture("bos-outcome.nfg"));
    const again = parseNfg(writeNfg(g), "again.nfg");
    expect(again.outcomes).toEqual(g.outcomes);
  });

  it("random exact games with fractional payoffs, 2 and 3 players", () => {
    const rng = seedrandom.alea("nfg-roundtrip");
    for (const shape of [
      [3, 4],
      [2, 3, 2],
      [1, 5],
    ]) {
      const base = randomGame(shape, rng, -50, 50);
      const g = makeGame(
        shape,
        base.payoffs.map((t) => t.map((v, k) => v.div(Rational.fromInt(1 + (k % 7))))),
        "random fractions",
      );
      expectSameGame(g, parseNfg(writeNfg(g), "r.nfg"));
      expectSameGame(g, parseNfg(writeNfg(g, "outcome"), "r.nfg"));
    }
  });
});

describe("malformed .nfg files: one-line error with file, line and token", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["bad-number.nfg", "line 5, token zero", /not a number/],
    ["truncated.nfg", "line 5, token end of file", /expected 8 payoffs.*got 7/],
    ["bad-outcome.nfg", "line 12, token 3", /outcome 3 does not exist/],
    ["bad-header.nfg", "line 1, token EFG", /expected "NFG"/],
    ["zero-denominator.nfg", "line 4, token 3/0", /zero denominator/],
  ];
  for (const [name, where, problem] of cases) {
    it(name, () => {
      const err = inputError(() => readNfgFile(fixture(name)));
      expect(err.file).toBe(fixture(name));
      expect(err.where).toBe(where);
      expect(err.problem).toMatch(problem);
      expect(err.message).not.toContain("\n");
    });
  }

  const inline: Array<[string, string, RegExp]> = [
    ['NFG 1 R "t" { "1" "2" } { 2 }\n""\n1 2 3 4', "line 1, token }", /1 strategy lists for 2 players/],
    ['NFG 1 R "t" { "1" } { 2 }\n""\n1 2 3', "line 3, token 3", /unexpected text after the last payoff/],
    ['NFG 1 R "t { "1" } { 2 }', 'line 1, token "', /unterminated string/],
    ['NFG 1 R "t" { "1" } { 0 }', "line 1, token 0", /must be an integer >= 1/],
    ['NFG 1 R "t" { "1" } { 2.5 }', "line 1, token 2.5", /whole number/],
    ['NFG 2 R "t" { "1" } { 2 }', "line 1, token 2", /version/],
    ['NFG 1 R "t" { "1" }\n{ { "a" } }\n""\n{ { "o" 1 2 } }\n1', "line 4, token 2", /closing outcome 1/],
    ['NFG 1 R "t" { "1" } { 2 }\n\n\n1 {', "line 4, token {", /payoff of player 1 at profile 2/],
  ];
  for (const [text, where, problem] of inline) {
    it(`inline: ${where}`, () => {
      const err = inputError(() => parseNfg(text, "inline.nfg"));
      expect(err.file).toBe("inline.nfg");
      expect(err.where?.startsWith(where)).toBe(true);
      expect(err.problem).toMatch(problem);
    });
  }

  it("a missing file", () => {
    const err = inputError(() => readNfgFile(fixture("does-not-exist.nfg")));
    expect(err.problem).toBe("cannot read file (no such file)");
  });
});
