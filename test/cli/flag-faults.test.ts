/**
 * Flags that a new user's re-trial found silently ignored or badly named: a bootstrap-only flag
 * without `--bootstrap` is refused (one line, exit 2) as `--difficulty` without `--length-controlled` is;
 * standard input is named `<stdin>` in every message and header, whichever flag reads it.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const VICUNA = "data/vicuna80_human_judgements.csv";
const TABLE = "test/fixtures/pairwise/scores.csv";
const BATTLES = "test/fixtures/pairwise/battles.csv";

describe("bootstrap-only flags need --bootstrap", () => {
  const cases: Array<[string, string]> = [
    ["rank-interval", "calibrated"],
    ["interval", "percentile"],
    ["seed", "5"],
    ["resample", "cells"],
    ["workers", "2"],
    ["max-replicates", "10"],
    ["max-bootstrap-work", "100"],
  ];
  for (const [flag, value] of cases)
    it(`ratings --${flag} without --bootstrap: exit 2, one line`, async () => {
      const r = await runCli(["ratings", VICUNA, "--task", "overall", `--${flag}`, value]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`modelmarket ratings: --${flag}: needs --bootstrap N\n`);
    });

  it("calibrate and empirical --seed without --bootstrap are refused; --bootstrap 0 too", async () => {
    const cal = await runCli(["calibrate", TABLE, "--pairwise", BATTLES, "--seed", "3"]);
    expect([cal.code, cal.stderr]).toEqual([2, "modelmarket calibrate: --seed: needs --bootstrap N\n"]);
    const emp = await runCli(["empirical", TABLE, "--workers", "2", "--bootstrap", "0"]);
    expect([emp.code, emp.stderr]).toEqual([2, "modelmarket empirical: --workers: needs --bootstrap N\n"]);
  });

  it("a bad value is still named as such, and the flags with --bootstrap run", async () => {
    const bad = await runCli(["ratings", VICUNA, "--workers", "0"]);
    expect(bad.stderr).toContain("--workers: must be an integer in 1..64, got 0");
    const ok = await runCli([
      "calibrate",
      TABLE,
      "--pairwise",
      BATTLES,
      "--bootstrap",
      "39",
      "--seed",
      "3",
      "--json",
    ]);
    expect(ok.code).toBe(0);
  });
});

/** Runs a bash line in which `$MM` is the built command (bin/modelmarket.js); code, stdout, stderr. */
function bash(line: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync("bash", ["-c", line.replaceAll("$MM", '"$MM_NODE" "$MM_BIN"')], {
    env: { ...process.env, MM_NODE: process.execPath, MM_BIN: join(process.cwd(), "bin/modelmarket.js") },
    encoding: "utf8",
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("standard input is <stdin> wherever a path is shown", () => {
  it("--difficulty -, calibrate's table and --pairwise, a market file from -", () => {
    const lc = bash(
      `$MM ratings data/alpacaeval2_annotations_partial.csv --length-controlled gpt4_1106_preview --difficulty - </dev/null`,
    );
    expect([lc.code, lc.stderr]).toEqual([
      2,
      "modelmarket ratings: <stdin>: line 1: empty file (no header row)\n",
    ]);
    const table = bash(`echo model,coding | $MM calibrate - --pairwise ${BATTLES}`);
    expect(table.stderr).toBe(
      "modelmarket calibrate: <stdin>: line 2, column 1: empty table (no model rows)\n",
    );
    const pairwise = bash(`$MM calibrate ${TABLE} --pairwise - < ${BATTLES}`);
    expect(pairwise.code).toBe(0);
    expect(pairwise.stdout.split("\n")[0]).toMatch(/^test\/fixtures\/pairwise\/scores\.csv with <stdin>: /);
    const market = "examples/three-producers.json";
    for (const cmd of [
      "evaluate",
      "equilibrium",
      "entry --entrant top-k:k=1",
      "sequential --entrants 1 --space top-k:k=1",
    ])
      expect(bash(`$MM ${cmd} - < ${market}`).stdout).toMatch(/^<stdin>: /);
    expect(bash(`$MM nash - < ${market}`).stderr).toMatch(
      /^modelmarket nash: <stdin>: no strategic producer/,
    );
  });
});

describe("standard input given to two inputs is refused before any read", () => {
  const lc = ["data/alpacaeval2_annotations_partial.csv", "--length-controlled", "gpt4_1106_preview"];
  const cases: Array<[string[], string]> = [
    [
      ["ratings", "-", ...lc.slice(1), "--difficulty", "-"],
      "ratings: standard input given twice (FILE and --difficulty)",
    ],
    [
      ["ratings", ...lc, "--difficulty", "-", "--gamed-judgements", "-"],
      "ratings: standard input given twice (--difficulty and --gamed-judgements)",
    ],
    [["calibrate", "-", "--pairwise", "-"], "calibrate: standard input given twice (FILE and --pairwise)"],
    [["empirical", "-", "--pairwise", "-"], "empirical: standard input given twice (FILE and --pairwise)"],
  ];
  for (const [argv, message] of cases)
    it(argv.join(" "), async () => {
      const r = await runCli(argv, "model,coding\n");
      expect([r.code, r.stdout, r.stderr]).toEqual([2, "", `modelmarket ${message}\n`]);
    });
});

describe("ratings --task with --bootstrap rates only the tasks asked for", () => {
  it("bootstrap.ratings and the CSV hold the requested tasks, in order, with the full run's numbers", async () => {
    const base = ["ratings", VICUNA, "--bootstrap", "39", "--seed", "2", "--interval", "percentile"];
    const all = JSON.parse((await runCli([...base, "--json"])).stdout);
    expect(all.bootstrap.ratings.length).toBeGreaterThan(2);
    const task = all.tasks[1] as string;
    const some = JSON.parse((await runCli([...base, "--task", task, "--task", "overall", "--json"])).stdout);
    expect(some.ratings.map((r: { task: string }) => r.task)).toEqual([task, "overall"]);
    expect(some.bootstrap.ratings.map((r: { task: string }) => r.task)).toEqual([task, "overall"]);
    // each replicate draws the same judgements whichever tasks are rated: the same intervals
    type Iv = { estimate: number; lower: number; upper: number };
    type Table = { task: string; models: Array<{ name: string; rating: Iv; rank: Iv }> };
    for (const b of some.bootstrap.ratings as Table[]) {
      const full = (all.bootstrap.ratings as Table[]).find((x) => x.task === b.task)!;
      b.models.forEach((m, i) => {
        const w = full.models[i]!;
        expect(m.name).toBe(w.name);
        for (const k of ["estimate", "lower", "upper"] as const) {
          expect(m.rating[k]).toBeCloseTo(w.rating[k], 10);
          expect(m.rank[k]).toBeCloseTo(w.rank[k], 10);
        }
      });
    }
    const csv = (await runCli([...base, "--task", "overall", "--csv"])).stdout;
    const tasks = new Set(
      csv
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[1]),
    );
    expect([...tasks]).toEqual(["overall"]);
  });
});
