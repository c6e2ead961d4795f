import { describe, expect, it } from "vitest";
import { joinFamilySpecs } from "../../cli/solverFlags.js";
import { entrantBestResponse } from "../../solvers/bestResponse/index.js";
import { InputError } from "../../src/errors.js";
import { parseMarket } from "../../src/io/marketFile.js";
import { evaluate } from "../../src/model/evaluate.js";
import {
  familyMember,
  payoffRule,
  registerRuleFamily,
  ruleFamilyNames,
  unregisterRuleFamily,
} from "../../src/model/payoffs.js";
import { runCli } from "../helpers/cli.js";

// caps 2 and 1 so that q / v differs from q; one zero quality so alpha = 0 is its own case
const market = parseMarket({
  tasks: [
    { name: "a", weight: 3, cap: 2 },
    { name: "b", weight: 1, cap: 1 },
  ],
  selection: { rule: "logit", beta: 3 },
  producers: [
    { name: "X", quality: [1.5, 0] },
    { name: "Y", quality: [0.5, 0.8] },
  ],
});

function payoffs(rule: string): number[] {
  const ev = evaluate(market, [rule, "winrate"]);
  return ev.producers.map((p) => p.payoffs[rule]!);
}

describe("rule families", () => {
  it("power-winrate equals the hand-computed sum of b_t pi (q/v)^alpha", () => {
    const ev = evaluate(market, ["winrate"]);
    const pi = ev.producers.map((p) => p.choice);
    const w = [0.75, 0.25];
    const caps = [2, 1];
    const q = [
      [1.5, 0],
      [0.5, 0.8],
    ];
    for (const alpha of [0.5, 2, 7]) {
      const got = payoffs(`power-winrate:alpha=${alpha}`);
      for (let i = 0; i < 2; i++) {
        const want = w.reduce((s, wt, t) => s + wt * pi[i]![t]! * (q[i]![t]! / caps[t]!) ** alpha, 0);
        expect(got[i]).toBeCloseTo(want, 14);
      }
    }
  });

  it("power-winrate at alpha = 0 is winrate (zero qualities included) and at alpha = 1 is weighted winrate / v", () => {
    const ev = evaluate(market);
    const a0 = payoffs("power-winrate:alpha=0");
    const a1 = payoffs("power-winrate:alpha=1");
    ev.producers.forEach((p, i) => {
      expect(a0[i]).toBeCloseTo(p.payoffs.winrate!, 15);
      // weighted winrate divided by the cap task by task
      const want = p.choice.reduce(
        (s, c, t) => s + market.tasks[t]!.weight * c * (p.quality[t]! / market.tasks[t]!.cap),
        0,
      );
      expect(a1[i]).toBeCloseTo(want, 15);
    });
    // with unit caps, alpha = 1 is weighted winrate itself
    const unit = parseMarket({
      tasks: [{ name: "a" }, { name: "b" }],
      selection: { rule: "epsilon", eps: 0.2 },
      producers: [
        { name: "X", quality: [0.9, 0.3] },
        { name: "Y", quality: [0.4, 0.7] },
      ],
    });
    const e = evaluate(unit, ["weighted-winrate", "power-winrate:alpha=1"]);
    for (const p of e.producers)
      expect(p.payoffs["power-winrate:alpha=1"]).toBeCloseTo(p.payoffs["weighted-winrate"]!, 15);
  });

  it("threshold-winrate counts wins only at q >= tau v (the boundary included)", () => {
    const ev = evaluate(market, ["winrate"]);
    const pi = ev.producers.map((p) => p.choice);
    // tau = 0.75: X clears task a (1.5 >= 1.5, exactly at the boundary), not b; Y clears b (0.8 >= 0.75), not a
    const got = payoffs("threshold-winrate:tau=0.75");
    expect(got[0]).toBeCloseTo(0.75 * pi[0]![0]!, 15);
    expect(got[1]).toBeCloseTo(0.25 * pi[1]![1]!, 15);
    // tau = 0: every win counts (winrate)
    const all = payoffs("threshold-winrate:tau=0");
    expect(all[0]).toBeCloseTo(ev.producers[0]!.payoffs.winrate!, 15);
  });

  it("mix at lambda 1 and 0 is each rule, and is linear in between", () => {
    const ev = evaluate(market);
    const mix = (l: number) => payoffs(`mix:lambda=${l},rules=winrate+marginal-contribution`);
    ev.producers.forEach((p, i) => {
      expect(mix(1)[i]).toBeCloseTo(p.payoffs.winrate!, 15);
      expect(mix(0)[i]).toBeCloseTo(p.payoffs["marginal-contribution"]!, 15);
      expect(mix(0.3)[i]).toBeCloseTo(
        0.3 * p.payoffs.winrate! + 0.7 * p.payoffs["marginal-contribution"]!,
        14,
      );
    });
  });

  it("the same spec gives the same rule object, named canonically", () => {
    expect(payoffRule("power-winrate:alpha=0.50")).toBe(familyMember("power-winrate", { alpha: 0.5 }));
    expect(payoffRule("power-winrate:alpha=0.50").name).toBe("power-winrate:alpha=0.5");
    expect(payoffRule("power-winrate:alpha=0.50").family).toEqual({
      name: "power-winrate",
      params: { alpha: 0.5 },
      text: {},
    });
  });

  it("bad specs name the problem", () => {
    const bad = [
      ["power-winrate:alpha=-1", /alpha must be in \[0/],
      ["power-winrate:beta=1", /needs alpha/],
      ["power-winrate:alpha=1,beta=2", /no parameter "beta"/],
      ["power-winrate:alpha=x", /decimal number/],
      ["mix:lambda=0.5,rules=winrate", /rules=R1\+R2/],
      ["mix:lambda=0.5,rules=winrate+nope", /unknown payoff rule "nope"/],
      ["nofamily:x=1", /unknown payoff rule/],
    ] as const;
    for (const [spec, re] of bad) {
      expect(() => payoffRule(spec)).toThrow(InputError);
      expect(() => payoffRule(spec)).toThrow(re);
    }
  });

  it("users register their own family and every solver accepts its members", () => {
    registerRuleFamily({
      name: "scaled-winrate",
      description: "c pi",
      parameters: [{ name: "c", min: 0, max: 10 }],
      make: ({ c }) => ({ description: "c pi", taskTerm: (col, i) => c! * col.pi[i]! }),
    });
    try {
      expect(ruleFamilyNames()).toContain("scaled-winrate");
      const br = entrantBestResponse(
        market,
        { name: "E", space: { kind: "top-k", k: 1 } },
        "scaled-winrate:c=2",
      );
      const wr = entrantBestResponse(market, { name: "E", space: { kind: "top-k", k: 1 } }, "winrate");
      expect(br.value).toBeCloseTo(2 * wr.value, 14);
      expect(() =>
        registerRuleFamily({
          name: "winrate",
          description: "",
          parameters: [{ name: "c", min: 0, max: 1 }],
          make: () => ({ description: "", taskTerm: () => 0 }),
        }),
      ).toThrow(/already/);
    } finally {
      unregisterRuleFamily("scaled-winrate");
    }
    expect(() => payoffRule("scaled-winrate:c=2")).toThrow(/unknown payoff rule/);
  });

  it("list flags keep a mix spec whole and the CLI accepts families as rules", async () => {
    expect(joinFamilySpecs(["winrate", "mix:lambda=0.5", "rules=winrate+weighted-winrate"])).toEqual([
      "winrate",
      "mix:lambda=0.5,rules=winrate+weighted-winrate",
    ]);
    const res = await runCli([
      "entry",
      "examples/c2-entry.json",
      "--entrant",
      "top-k:k=1",
      "--rules",
      "winrate,mix:lambda=0.4,rules=winrate+weighted-winrate",
      "--json",
    ]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("mix:lambda=0.4,rules=winrate+weighted-winrate");
  });
});
