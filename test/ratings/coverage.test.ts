/**
 * Coverage of the reported 95% intervals on judgements drawn from a known Bradley-Terry model with a
 * known beta: qualities q, ratings beta q, every pair of models meets 80 times (seeded, so the test is
 * deterministic). Each true rating (mean-anchored) must lie within rating +- 1.96 SE, and the true beta
 * within the profile-likelihood interval, in at least 90 of 100 replications.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { fitNoise, type NoiseObservations } from "../../empirical/calibrate.js";
import { fitBradleyTerry } from "../../empirical/ratings/bradley-terry.js";
import type { Comparisons } from "../../empirical/ratings/comparisons.js";
import { Z95 } from "../../empirical/ratings/winrate.js";

const Q = [0.9, 0.75, 0.6, 0.5, 0.3, 0.1];
const BETA = 3;
const PER_PAIR = 80;
const REPLICATIONS = 100;

describe("coverage of the 95% intervals (100 seeded replications)", () => {
  it("every rating and beta are covered in at least 90 of 100 replications", () => {
    const n = Q.length;
    const theta = Q.map((q) => BETA * q);
    const mean = theta.reduce((s, x) => s + x, 0) / n;
    const truth = theta.map((x) => x - mean);
    const ratingHits = new Array<number>(n).fill(0);
    let betaHits = 0;
    for (let rep = 0; rep < REPLICATIONS; rep++) {
      const rng = seedrandom.alea(`coverage/${rep}`);
      const comp: Comparisons = {
        models: Q.map((_, k) => `m${k}`),
        i: [],
        j: [],
        winsI: [],
        winsJ: [],
        ties: [],
      };
      const obs: NoiseObservations = { tasks: ["t"], task: [], d: [], s: [], n: [], a: [], b: [] };
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          const p = 1 / (1 + Math.exp(-(theta[i]! - theta[j]!)));
          let w = 0;
          for (let k = 0; k < PER_PAIR; k++) if (rng() < p) w++;
          comp.i.push(i);
          comp.j.push(j);
          comp.winsI.push(w);
          comp.winsJ.push(PER_PAIR - w);
          comp.ties.push(0);
          obs.task.push(0);
          obs.d.push(Q[i]! - Q[j]!);
          obs.s.push(w);
          obs.n.push(PER_PAIR);
          obs.a.push(`m${i}`);
          obs.b.push(`m${j}`);
        }
      const fit = fitBradleyTerry(comp);
      expect(fit.converged).toBe(true);
      for (let k = 0; k < n; k++)
        if (Math.abs(fit.ratings[k]! - truth[k]!) <= Z95 * fit.standardErrors[k]!) ratingHits[k]!++;
      const b = fitNoise(obs, "logit");
      expect(b.converged).toBe(true);
      if (b.lower! <= BETA && BETA <= b.upper!) betaHits++;
    }
    for (const h of ratingHits) expect(h).toBeGreaterThanOrEqual(90);
    expect(betaHits).toBeGreaterThanOrEqual(90);
    // and not trivially wide: the nominal level is 95, so coverage near 100 everywhere would be suspect
    expect(ratingHits.reduce((s, h) => s + h, 0) / n).toBeLessThan(99.5);
  });
});
