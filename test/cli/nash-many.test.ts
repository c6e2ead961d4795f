/**
 * `nash` on many games in one process: several files or a stream on standard input, one JSON line per
 * game in input order, each line the game's own `--json` report (or its one-line error, with the
 * stream's line numbers), the other games going on after a bad one; exit code the worst of the games'.
 */
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { splitGames } from "../../cli/commands/nash-many.js";
import { runCli } from "../helpers/cli.js";

const lines = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("nash FILE... --jsonl", () => {
  it("one line per file, each equal to that file's --json report", async () => {
    const files = [
      "examples/degenerate.nfg",
      "examples/battle-of-the-sexes.nfg",
      "examples/three-players.nfg",
    ];
    const r = await runCli(["nash", ...files, "--method", "enumpure"]);
    expect(r.code).toBe(0);
    const got = lines(r.stdout);
    expect(got.map((l) => l.source)).toEqual(files);
    expect(got.map((l) => l.index)).toEqual([1, 2, 3]);
    for (const [k, file] of files.entries()) {
      const single = await runCli(["nash", file, "--method", "enumpure", "--json"]);
      const { index: _i, source: _s, code, ...report } = got[k]!;
      expect(code).toBe(0);
      expect(report).toEqual(JSON.parse(single.stdout));
    }
  });

  it("a bad file gets its one-line error on its line; the others are solved; exit 2", async () => {
    const r = await runCli([
      "nash",
      "examples/degenerate.nfg",
      "no/such.nfg",
      "examples/constant-sum.nfg",
      "--jsonl",
    ]);
    expect(r.code).toBe(2);
    const got = lines(r.stdout);
    expect(got).toHaveLength(3);
    expect(got[1]).toEqual({
      index: 2,
      source: "no/such.nfg",
      code: 2,
      error: (await runCli(["nash", "no/such.nfg"])).stderr.trim(),
    });
    expect(got[2]!.code).toBe(0);
    expect(got[2]!.equilibria).toBeInstanceOf(Array);
    expect(r.stderr).toMatch(/1 of 3 games gave a nonzero code/);
  });

  it("refuses --stdin together with files", async () => {
    const r = await runCli(["nash", "examples/degenerate.nfg", "--stdin"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--stdin: .*give no FILE/);
  });
});

describe("nash --stdin", () => {
  const deg = readFileSync("examples/degenerate.nfg", "utf8");
  const bos = readFileSync("examples/battle-of-the-sexes.nfg", "utf8");
  it("solves a stream of games, errors on their lines with the stream's line numbers", async () => {
    const bad = 'NFG 1 R "bad" { "1" "2" } { 2 2 }\n1 2 3 x 5 6 7 8\n';
    const input = `${deg.trimEnd()}\n${bad}\n${bos}`;
    const r = await runCli(["nash", "--stdin", "--method", "enumpure"], input);
    expect(r.code).toBe(2);
    const got = lines(r.stdout);
    expect(got.map((l) => l.code)).toEqual([0, 2, 0]);
    const badLine = deg.trimEnd().split("\n").length + 2; // the payoff line of the bad game
    expect(got[1]!.error).toBe(
      `modelmarket nash: <stdin>: line ${badLine}, token x: expected payoff of player 2 at profile 2: not a number (integer, decimal or a/b)`,
    );
    const single = await runCli([
      "nash",
      "examples/battle-of-the-sexes.nfg",
      "--method",
      "enumpure",
      "--json",
    ]);
    const { index: _i, source, code: _c, ...report } = got[2]!;
    expect(source).toBe("<stdin> game 3");
    expect(report).toEqual(JSON.parse(single.stdout));
  });

  it("splits at lines starting with NFG and keeps each game's first line number", async () => {
    const games = [];
    for await (const g of splitGames(
      Readable.from(['\n\nNFG 1 R "a"\n{ }\nNFG 1 R', ' "b"\n\n NFG 1 D "c"\n']),
    )) {
      games.push(g);
    }
    expect(games.map((g) => [g.line, g.text])).toEqual([
      [1, '\n\nNFG 1 R "a"\n{ }'],
      [5, 'NFG 1 R "b"\n'],
      [7, ' NFG 1 D "c"'],
    ]);
  });
});
