/**
 * The third hardening round's command-line defects, each checked through `main` as a user meets it:
 * sweep grids that overflowed, work that was not capped before allocation, outputs that overwrote
 * their own inputs, and the small inconsistencies between commands. Every case failed before its fix.
 */
import { copyFileSync, linkSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "modelmarket-round3-"));
const C2 = "examples/c2-two-producers.json";

/** Exit 2 with one line on stderr (no stack trace), returned for further checks. */
function oneLineError(r: { code: number; stdout: string; stderr: string }): string {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r.stderr.trim();
}

describe("sweep grids never overflow", () => {
  for (const question of [
    ["--entry", "top-k:k=1"],
    ["--equilibrium"],
    ["--sequential", "1", "--space", "top-k:k=1"],
  ]) {
    it(`beta=1:1e308:5 with ${question[0]} gives finite points and exit 0`, async () => {
      const r = await runCli([
        "compare",
        C2,
        ...question,
        "--rules",
        "winrate",
        "--sweep",
        "beta=1:1e308:5",
        "--json",
      ]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const rep = JSON.parse(r.stdout) as {
        points: Array<{ values: number[]; rules: Array<{ choice: string[] }> }>;
      };
      const xs = rep.points.map((p) => p.values[0]!);
      expect(xs).toEqual(
        [1, 2.5e307 + 0.75, 5e307 + 0.5, 7.5e307 + 0.25, 1e308].map((x) => expect.closeTo(x, -300)),
      );
      expect(xs.every(Number.isFinite)).toBe(true);
      for (const p of rep.points) expect(p.rules[0]!.choice.length).toBeGreaterThan(0);
    });
  }

  it("ends of opposite signs near the double range: the midpoint is 0", async () => {
    const r = await runCli([
      "compare",
      C2,
      "--entry",
      "top-k:k=1",
      "--rules",
      "winrate",
      "--sweep",
      "weight.t1=-1.7e308:1.7e308:3",
      "--json",
    ]);
    // weights must be in [0, 1]: refused by the parameter check, not by an overflow
    expect(oneLineError(r)).toMatch(/--sweep weight\.t1/);
    const b = await runCli([
      "compare",
      C2,
      "--entry",
      "top-k:k=1",
      "--rules",
      "winrate",
      "--sweep",
      "budget=-1.7e308:1.7e308:3",
      "--json",
    ]);
    expect(b.stderr).not.toMatch(/NaN|Infinity|TypeError/);
  });

  it("refuses hexadecimal and other non-decimal numbers (the one number parser)", async () => {
    const r = await runCli(["compare", C2, "--entry", "top-k:k=1", "--sweep", "eps=0:0x3:5"]);
    expect(oneLineError(r)).toContain("--sweep: FROM and TO must be finite decimal numbers");
    const p = await runCli(["compare", C2, "--entry", "top-k:k=1", "--sweep", "eps=0:1:0x3"]);
    expect(oneLineError(p)).toContain("POINTS must be an integer");
  });
});

describe("work is estimated and capped before any allocation", () => {
  it("a 3000 x 3000 two-parameter sweep is refused at once, naming the flag that raises the limit", async () => {
    const r = await runCli([
      "compare",
      C2,
      "--entry",
      "top-k:k=1",
      "--sweep",
      "beta=1:2:3000",
      "--sweep",
      "eps=0:1:3000",
    ]);
    expect(oneLineError(r)).toBe(
      "modelmarket compare: 45,000,000 sweep work units (9,000,000 points x 5 choices x 1 per choice) exceed the limit of 250,000; raise it with --max-sweep-work N",
    );
  });

  it("a 5,000-point equilibrium sweep is refused; the flag raises the limit", async () => {
    const r = await runCli(["compare", C2, "--equilibrium", "--sweep", "eps=0:0.9:5000"]);
    expect(oneLineError(r)).toContain(
      "1,350,000 sweep work units (5,000 points x 5 choices x 54 per choice)",
    );
    const ok = await runCli([
      "compare",
      C2,
      "--equilibrium",
      "--rules",
      "winrate",
      "--sweep",
      "eps=0:0.9:3",
      "--max-sweep-work",
      "1000",
      "--json",
    ]);
    expect(ok.code).toBe(0);
  });
});

describe("no command overwrites one of its own inputs", () => {
  const table = join(dir, "table.csv");
  copyFileSync("data/mtbench101_task_scores.csv", table);
  const before = readFileSync(table, "utf8");

  it("empirical TABLE --report TABLE is refused before any work, and the table is intact", async () => {
    const r = await runCli(["empirical", table, "--report", table]);
    expect(oneLineError(r)).toContain("--report: is an input of this command");
    expect(readFileSync(table, "utf8")).toBe(before);
  });

  it("through a symbolic link and a hard link too", async () => {
    const sym = join(dir, "sym.html");
    symlinkSync(table, sym);
    const hard = join(dir, "hard.csv");
    linkSync(table, hard);
    expect(oneLineError(await runCli(["empirical", table, "--report", sym]))).toContain("is an input");
    expect(
      oneLineError(
        await runCli([
          "entry",
          hard,
          "--normalize",
          "scale:max=10",
          "--entrant",
          "top-k:k=1",
          "--output",
          table,
        ]),
      ),
    ).toContain("is an input");
    expect(readFileSync(table, "utf8")).toBe(before);
  });

  it("compare --output and --report, and a pairwise file given by flag", async () => {
    const market = join(dir, "m.json");
    copyFileSync(C2, market);
    const m = readFileSync(market, "utf8");
    expect(
      oneLineError(await runCli(["compare", market, "--entry", "top-k:k=1", "--output", market])),
    ).toContain("--output: is an input");
    const pw = join(dir, "pw.html");
    writeFileSync(pw, "model_a,model_b,winner\nx,y,model_a\n");
    expect(oneLineError(await runCli(["empirical", table, "--pairwise", pw, "--report", pw]))).toContain(
      "--report: is an input",
    );
    expect(readFileSync(market, "utf8")).toBe(m);
  });
});

describe("small inconsistencies", () => {
  it("compare --output names its flag when the folder does not exist", async () => {
    const r = await runCli([
      "compare",
      C2,
      "--entry",
      "top-k:k=1",
      "--output",
      join(dir, "no", "such", "x.json"),
    ]);
    expect(oneLineError(r)).toMatch(/--output: cannot write: folder .* does not exist/);
  });

  it("compare --report - prints the HTML report on standard output", async () => {
    const r = await runCli(["compare", C2, "--entry", "top-k:k=1", "--report", "-"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("<!DOCTYPE html>") || r.stdout.startsWith("<!doctype html>")).toBe(true);
    expect(r.stdout).not.toContain("welfareRatio  ");
    expect(
      oneLineError(await runCli(["compare", C2, "--entry", "top-k:k=1", "--report", "-", "--json"])),
    ).toContain("only one output can go to standard output");
  });
});

describe("perfect selection judges ties relative to the column's best quality", () => {
  it("qualities near 1e-10: U under perfect equals U_perfect, and each task has a unique best", async () => {
    const market = join(dir, "tiny.json");
    writeFileSync(
      market,
      JSON.stringify({
        tasks: [{ name: "a" }, { name: "b" }],
        selection: { rule: "perfect" },
        producers: [
          { name: "A", quality: [1e-10, 0] },
          { name: "B", quality: [0.5e-10, 1e-10] },
        ],
      }),
    );
    const r = await runCli(["evaluate", market, "--json"]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as {
      welfare: { U: number; perfect: number };
      diversity: { uniqueBestTasks: number };
    };
    expect(rep.welfare.U).toBe(rep.welfare.perfect);
    expect(rep.welfare.U).toBe(1e-10);
    expect(rep.diversity.uniqueBestTasks).toBe(2);
  });
});

describe("flags checked before any work", () => {
  it("equilibrium --max-maximisers 0 is refused as entry refuses it", async () => {
    const e = oneLineError(await runCli(["equilibrium", C2, "--max-maximisers", "0"]));
    expect(e).toBe("modelmarket equilibrium: --max-maximisers: must be between 1 and 10000000, got 0");
    expect(oneLineError(await runCli(["entry", C2, "--entrant", "top-k:k=1", "--max-maximisers", "0"]))).toBe(
      "modelmarket entry: --max-maximisers: must be between 1 and 10000000, got 0",
    );
  });

  it("empirical --workers 0 is refused before the pairwise fit reads its file", async () => {
    // the pairwise file does not exist: the old order read it (and fitted) before looking at --workers
    const e = oneLineError(
      await runCli([
        "empirical",
        "data/mtbench101_task_scores.csv",
        "--pairwise",
        join(dir, "none.csv"),
        "--workers",
        "0",
      ]),
    );
    expect(e).toContain("--workers: must be an integer in 1..64, got 0");
  });
});

describe("every long job is estimated and refused past its limit, naming the flag", () => {
  it("nash on a market file with two fine grids is refused before any strategy is listed", async () => {
    const market = join(dir, "grids.json");
    const grid = { kind: "grid", budget: 1, step: 0.0001, production: { kind: "linear" } };
    writeFileSync(
      market,
      JSON.stringify({
        tasks: [{ name: "a" }, { name: "b" }],
        selection: { rule: "logit", beta: 5 },
        producers: [
          { name: "A", space: grid },
          { name: "B", space: grid },
        ],
      }),
    );
    expect(oneLineError(await runCli(["nash", market]))).toBe(
      `modelmarket nash: ${market}: 2.50e+15 pure profiles of the producer game (before equal strategies are merged) exceed the limit of 200,000; raise it with --max-profiles N`,
    );
  });

  it("ratings on a log of 20,000 models takes the sparse path; past its memory estimate it is refused before any fit", async () => {
    const log = join(dir, "big.csv");
    const rows = ["model_a,model_b,winner"];
    for (let i = 0; i < 20000; i++) rows.push(`m${i},m${(i + 1) % 20000},model_a`);
    writeFileSync(log, `${rows.join("\n")}\n`);
    expect(oneLineError(await runCli(["ratings", log, "--max-fit-memory", "3"]))).toBe(
      "modelmarket ratings: 5 MB of estimated memory for the rating fits (20,000 models, 20,000 cells, Newton-CG) exceed the limit of 3; raise it with --max-fit-memory N",
    );
  });

  it("ratings above 2,000 models: past --max-se-work the standard errors are - and the fit line names the flag", async () => {
    const log = join(dir, "wide-log.csv");
    const n = 2100;
    const rows = ["model_a,model_b,winner"];
    // a ring both ways plus chords: every model wins and loses, and the graph is well connected
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const k = (i * 37 + 11) % n;
      rows.push(`m${i},m${j},model_a`, `m${i},m${j},model_a`, `m${j},m${i},model_a`);
      if (k !== i) rows.push(`m${i},m${k},model_a`, `m${k},m${i},model_a`);
    }
    writeFileSync(log, `${rows.join("\n")}\n`);
    const r = await runCli(["ratings", log, "--max-se-work", "1000"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /standard errors not computed: at least \S+ pair products estimated \(2100 conjugate-gradient solves of at least 1 step over \d+ pairs\) exceed the limit of 1\.00e\+3 \(raise it with --max-se-work N\); use the bootstrap for intervals/,
    );
    expect(r.stdout).not.toContain("maxStandardErrorWork");
    const bad = await runCli(["ratings", log, "--max-se-work", "0"]);
    expect(oneLineError(bad)).toBe("modelmarket ratings: --max-se-work: must be >= 1, got 0");
  });

  it("ratings --bootstrap 100000 is refused by its total work (replicates x cells)", async () => {
    const log = join(dir, "small.csv");
    writeFileSync(log, "model_a,model_b,winner\nA,B,model_a\nB,C,model_a\nC,A,tie\nA,C,model_b\n");
    expect(
      oneLineError(await runCli(["ratings", log, "--bootstrap", "100000", "--max-bootstrap-work", "1000"])),
    ).toBe(
      "modelmarket ratings: 400,000 bootstrap work units (100,000 replicates x 4 cells redrawn and refitted) exceed the limit of 1,000; raise it with --max-bootstrap-work N",
    );
  });

  it("empirical --replace all on 2,000 models is refused before the leaderboards and the first best response", async () => {
    const table = join(dir, "wide.csv");
    const rows = ["model,t0,t1"];
    for (let i = 0; i < 2000; i++) rows.push(`m${i},${((i * 7) % 100) / 100},${((i * 13) % 100) / 100}`);
    writeFileSync(table, `${rows.join("\n")}\n`);
    expect(oneLineError(await runCli(["empirical", table, "--replace", "all"]))).toBe(
      "modelmarket empirical: 48,000,000 replacement work units (2000 replaced models x 6 rules x 2000 models x 2 tasks) exceed the limit of 25,000,000; raise it with --max-replacement-work N",
    );
  });
});
