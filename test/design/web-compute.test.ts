/**
 * The explorer's design computations (web/designCompute.ts, run in its worker) for the equilibrium
 * question, without a browser: the weight design counts pure profiles and agrees with `design`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type DesignRequest, responseAt, weightsView } from "../../web/designCompute.js";
import type { MarketJson } from "../../web/state.js";
import { REPO_ROOT } from "../helpers/paths.js";

const market = JSON.parse(
  readFileSync(join(REPO_ROOT, "examples", "c2-two-producers.json"), "utf8"),
) as MarketJson;

const req: DesignRequest = {
  kind: "design",
  gen: 1,
  market,
  question: { kind: "equilibrium" },
  family: "mix",
  from: 0,
  to: 1,
  value: 0.5,
  objective: "worst",
  weightsRule: "winrate",
  within: 2,
  b: [0.5, 0.5],
};

describe("the design view's equilibrium question", () => {
  it("designs the weights of the pure equilibria, with the bound of the worst one", async () => {
    const w = await weightsView(req);
    expect(w.counted).toBe("pure profiles");
    expect(w.classes).toBe(4);
    expect(w.implementable).toBe(2);
    expect(w.optimum).toBeCloseTo(0.6, 12);
    expect(w.bound).toEqual({ upper: expect.closeTo(0.95, 12), exact: false });
    expect(w.best!.verified).toBe(true);
  });

  it("draws an equilibrium's best quality per task over the strategic producers", () => {
    const r = responseAt(req, "weighted-winrate", [0.5, 0.5]);
    const specialised = r.outcomes.find((o) => o.label === "A={t1} B={t2}")!;
    expect(specialised.quality).toEqual([1, 1]);
  });
});
