/**
 * A bootstrap replicate whose noise fit did not converge has no value (`noise: null`): the summary
 * leaves it out of the interval and counts it (`leftOut`), and its leaderboards use the data's own
 * fitted selection (it used to be a silent `beta = 20`); with no converged fit on the data either, the
 * leaderboards are refused. `fitNoise` is wrapped to fail on request (the real fits of these 8
 * battles converge).
 */
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { type BootstrapSpec, bootstrapReplicate } from "../../empirical/bootstrap.js";
import { summariseBootstrap } from "../../empirical/bootstrap-summary.js";
import { InputError } from "../../src/errors.js";
import { readPairwise } from "../../src/io/pairwise.js";
import { readScoreTable } from "../../src/io/scoreTable.js";
import { REPO_ROOT } from "../helpers/paths.js";

/** How many of the next `fitNoise` calls report no convergence. */
const failing = vi.hoisted(() => ({ next: 0 }));
vi.mock("../../empirical/calibrate.js", async (original) => {
  const m = await original<typeof import("../../empirical/calibrate.js")>();
  return {
    ...m,
    fitNoise: (...a: Parameters<typeof m.fitNoise>) => {
      const fit = m.fitNoise(...a);
      if (failing.next <= 0) return fit;
      failing.next--;
      return { ...fit, value: null, boundary: null, converged: false };
    },
  };
});

const FIX = join(REPO_ROOT, "test", "fixtures", "pairwise");
const table = readScoreTable(join(FIX, "fastchat-8-scores.csv"));
const pairwise = readPairwise(join(FIX, "fastchat-8.json"));
const spec = (selection: BootstrapSpec["selection"]): BootstrapSpec => ({
  table,
  pairwise,
  selection,
  replicates: 40,
  seed: "1",
});

describe("a replicate whose noise fit did not converge", () => {
  it("has its leaderboards at the data's fitted beta, not at beta = 20", () => {
    const s = spec({ fit: "logit" });
    const beta = bootstrapReplicate(s, -1).noise!;
    expect(beta).toBeCloseTo(10.0639, 4);
    failing.next = 1; // the replicate's fit; the data's (computed once per spec) converges
    const r = bootstrapReplicate(s, 0);
    expect(r.noise).toBeNull();
    expect(r.payoffs).toEqual(bootstrapReplicate(spec({ rule: "logit", beta }), 0).payoffs);
    expect(r.payoffs).not.toEqual(bootstrapReplicate(spec({ rule: "logit", beta: 20 }), 0).payoffs);
  });

  it("is refused when the data's fit did not converge either, naming the field", () => {
    failing.next = 2;
    expect(() => bootstrapReplicate(spec({ fit: "logit" }), 0)).toThrow(InputError);
    failing.next = 0;
  });

  it("is left out of the noise interval and counted (leftOut), apart from the infinite ones", () => {
    const s = { ...spec({ fit: "logit" as const }), leaderboards: false };
    const reps = Array.from({ length: 40 }, (_, k) => bootstrapReplicate(s, k));
    const point = bootstrapReplicate(s, -1);
    const all = summariseBootstrap(s, point, reps);
    const finite = reps.findIndex((r) => r.noise !== null && Number.isFinite(r.noise) && r.noise > 0);
    const holed = reps.map((r, k) => (k === finite ? { ...r, noise: null } : r));
    const less = summariseBootstrap(s, point, holed);
    expect(all.noiseIntervalReason).toEqual({
      code: "boundary-replicates",
      boundary: 5,
      infinite: 5,
      leftOut: 0,
      replicates: 40,
    });
    expect(less.noiseIntervalReason).toEqual({
      code: "boundary-replicates",
      boundary: 5,
      infinite: 5,
      leftOut: 1,
      replicates: 40,
    });
    expect(less.noise!.upper).toBe(Number.POSITIVE_INFINITY);
    expect(less.noise!.lower).not.toBe(all.noise!.lower);
  });
});
