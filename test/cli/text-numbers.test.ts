/**
 * Numbers in the printed text (src/numeric/format.ts, docs/reference.md "Output forms"): counts of one
 * in the singular, weighted counts rounded to the tolerance, no `-0.000`, `infinity` for a noise fit on
 * its infinite boundary, and the one missing symbol `-`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "modelmarket-text-numbers-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("printed numbers", () => {
  it("ratings: one judgement, and weights 0.3 + 0.6 + 0.1, print as 1 judgement", async () => {
    const one = file("one.csv", "model_a,model_b,winner,task\nA,B,model_a,code\n");
    const weighted = file(
      "weighted.csv",
      "model_a,model_b,winner,task,weight\nA,B,model_a,code,0.3\nA,B,model_b,code,0.6\nB,A,model_a,code,0.1\n",
    );
    for (const f of [one, weighted]) {
      const r = await runCli(["ratings", f, "--task", "overall"]);
      expect(r.stdout).toContain("; 1 judgement)");
      expect(r.stdout).not.toMatch(/-0\.0+\b/);
    }
  });

  it("calibrate: a task whose better-scored model always wins prints beta infinity, not -", async () => {
    const scores = file("s.csv", "model,code,law\nA,0.9,0.2\nB,0.5,0.5\nC,0.1,0.9\n");
    const battles = file(
      "b.csv",
      "model_a,model_b,winner,task\nA,B,model_a,code\nB,C,model_a,code\nA,C,model_a,code\nA,B,model_a,code\nC,A,model_a,law\nC,B,model_b,law\nB,A,model_a,law\nA,C,model_a,law\nC,B,model_a,law\n",
    );
    const r = await runCli(["calibrate", scores, "--pairwise", battles]);
    expect(r.code).toBe(0);
    const code = r.stdout.split("\n").find((l) => l.trim().startsWith("code "))!;
    expect(code.trim().split(/\s+/).slice(0, 3)).toEqual(["code", "infinity", "0.8870..infinity"]);
    expect(r.stdout).toContain("3 models, 2 tasks");
    const json = JSON.parse((await runCli(["calibrate", scores, "--pairwise", battles, "--json"])).stdout);
    expect(json.fits[0].perTask[0]).toMatchObject({
      task: "code",
      value: null,
      boundary: "infinite",
      upper: null,
    });
  });

  it("ratings --bootstrap: an interval bound that rounds to zero prints 0.000 (Vicuna80, --resample cells)", async () => {
    const r = await runCli([
      "ratings",
      "data/vicuna80_human_judgements.csv",
      ...["--task", "overall", "--bootstrap", "40", "--resample", "cells", "--seed", "1"],
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("40 replicates");
    expect(r.stdout).not.toMatch(/-0\.0+(?![0-9])/);
  });
});
