/**
 * The study on the three public tables in data/: the identities sum_i WR_i = 1 and sum_i WWR_i = U under every selection rule,
 * and byte-identical JSON and HTML from the same flags.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { CommandIO } from "../../cli/command.js";
import { main } from "../../cli/main.js";
import { runEmpiricalStudy } from "../../empirical/study.js";
import type { EmpiricalReport } from "../../empirical/study-types.js";
import { readScoreTable } from "../../src/io/scoreTable.js";
import type { SelectionRule } from "../../src/model/types.js";
import { approxEqual } from "../../src/numeric/tolerance.js";

const DATA = fileURLToPath(new URL("../../data/", import.meta.url));

const MTBENCH_WEIGHTS = "80,149,153,83,147,136,74,77,73,108,71,150,87";

const TABLES = [
  {
    file: "mtbench101_task_scores.csv",
    normalize: "scale:max=10",
    weights: MTBENCH_WEIGHTS,
    models: 18,
    tasks: 13,
  },
  { file: "wildbench_v2_task_scores.csv", normalize: "minmax", weights: undefined, models: 61, tasks: 5 },
  {
    file: "livebench_2026_01_08_task_scores.csv",
    normalize: "scale:max=100",
    weights: undefined,
    models: 126,
    tasks: 23,
  },
];

const SELECTIONS: SelectionRule[] = [
  { rule: "perfect" },
  { rule: "epsilon", eps: 0.2 },
  { rule: "logit", beta: 20 },
  { rule: "probit", sigma: 0.05 },
];

function capture(): CommandIO & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    isTTY: false,
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

const tmp = mkdtempSync(join(tmpdir(), "modelmarket-empirical-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("real score tables", () => {
  for (const t of TABLES) {
    describe(t.file, () => {
      const table = readScoreTable(join(DATA, t.file));

      it("has the documented size", () => {
        expect(table.models.length).toBe(t.models);
        expect(table.tasks.length).toBe(t.tasks);
      });

      for (const selection of SELECTIONS) {
        it(`winrates sum to 1 and weighted winrates to U under ${selection.rule}`, () => {
          const r = runEmpiricalStudy(table, {
            selection,
            normalization:
              t.normalize === "minmax"
                ? { kind: "minmax" }
                : { kind: "scale", max: Number(t.normalize.split("=")[1]) },
            ...(t.weights === undefined ? {} : { weights: t.weights.split(",").map(Number) }),
            replacement: false,
          });
          const sum = (rule: string, rows: Array<{ payoffs: Record<string, number> }>) =>
            rows.reduce((s, x) => s + x.payoffs[rule]!, 0);
          const rows = r.leaderboards.rows;
          // closed-form rules are exact up to rounding; probit is a quadrature whose contract
          // (docs/model.md section 2) is 1e-9 absolute error per choice probability, so a sum over n models
          // may be off by up to n * 1e-9 (observed: 4.7e-8 on LiveBench's tablereformat column, where
          // 116 of 126 models tie)
          const tol = selection.rule === "probit" ? rows.length * 1e-9 : 1e-12;
          expect(Math.abs(sum("winrate", rows) - 1)).toBeLessThanOrEqual(tol);
          // WWR_i = sum_t w_t pi_it q_it and U = sum_t w_t sum_i pi_it q_it use the same pi: exact
          expect(approxEqual(sum("weighted-winrate", rows), r.welfare.U, 1, 1e-12)).toBe(true);
          // the same identities hold in every entry market (incumbents + one synthetic entrant): the
          // entrant's share is 1 minus the incumbents' and U decomposes the same way, so the entrant's
          // weighted winrate never exceeds U after entry
          for (const c of r.entry.synthetic.candidates) {
            expect(c.payoffs.winrate).toBeGreaterThanOrEqual(0);
            expect(c.payoffs.winrate).toBeLessThanOrEqual(1);
            expect(c.payoffs["weighted-winrate"]).toBeLessThanOrEqual(c.welfare + 1e-12);
          }
          // welfare lies between the two obvious bounds: below U_perfect, above the worst model's score
          expect(r.welfare.U).toBeLessThanOrEqual(r.welfare.perfect + 1e-12);
          expect(r.welfare.perfect).toBeGreaterThanOrEqual(r.welfare.single - 1e-12);
          if (selection.rule === "perfect") expect(approxEqual(r.welfare.U, r.welfare.perfect, 1)).toBe(true);
        });
      }

      it("the same flags give byte-identical JSON and HTML", async () => {
        const args = [
          "empirical",
          join(DATA, t.file),
          "--normalize",
          t.normalize,
          ...(t.weights === undefined ? [] : ["--weights", t.weights]),
          "--space",
          "top-k:k=2",
          "--sweep",
          "beta:points=6",
          "--replace",
          "2",
          "--json",
        ];
        const runs: Array<{ json: string; html: string }> = [];
        for (const k of [1, 2]) {
          const io = capture();
          const html = join(tmp, `${t.file}.${k}.html`);
          const code = await main([...args, "--report", html], io);
          expect(io.err).toBe(`wrote ${html}\n`);
          expect(code).toBe(0);
          runs.push({ json: io.out, html: readFileSync(html, "utf8") });
        }
        expect(runs[1]!.json).toBe(runs[0]!.json);
        expect(runs[1]!.html).toBe(runs[0]!.html);
        const report = JSON.parse(runs[0]!.json) as EmpiricalReport;
        expect(report.source.models).toBe(t.models);
        expect(report.sweep!.points).toHaveLength(6);
        expect(report.replacement!.models).toHaveLength(2);
        expect(report.entry.bestResponse!.perRule.map((x) => x.rule)).toEqual(report.rules);
        // the report embeds its three charts and nothing external
        expect(runs[0]!.html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(4);
        expect(runs[0]!.html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
      });
    });
  }

  it("WildBench's negative scores are refused without minmax, with a one-line error", async () => {
    const io = capture();
    const code = await main(["empirical", join(DATA, "wildbench_v2_task_scores.csv")], io);
    expect(code).toBe(2);
    expect(io.err).toMatch(
      /^modelmarket empirical: .*wildbench_v2_task_scores\.csv: --normalize: scores go down to -18\.\d+; .*minmax.*\n$/,
    );
  });
});
