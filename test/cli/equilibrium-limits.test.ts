/**
 * Defaults that work: a two-producer game the default cannot enumerate falls back to Lemke-Howson
 * and says so; every limit a message of `modelmarket equilibrium` names is a flag of that command.
 */
import { describe, expect, it } from "vitest";
import { command } from "../../cli/commands/equilibrium.js";
import { main } from "../../cli/main.js";
import type { Equilibrium, MixedReport, WelfareOptimum } from "../../solvers/equilibrium/index.js";
import { pricesOver } from "../../solvers/equilibrium/prices.js";
import { equilibriumWorkEstimate } from "../../solvers/equilibrium/pure.js";
import { mixedReasonText } from "../../solvers/equilibrium/words.js";
import { readMarketFile } from "../../src/io/marketFile.js";
import { DEFAULT_MAX_EQUILIBRIA } from "../../src/limits.js";
import { runCli } from "../helpers/cli.js";

const K35 = "test/fixtures/markets/two-producers-35.json";
const C2 = "test/fixtures/markets/c2-two-producers.json";
const THREE = "test/fixtures/markets/three-strategic.json";
const FLAGS = new Set(command.flags.map((f) => f.name));

/** Every `--flag` a text names, and every library option name (camelCase) left in it. */
function named(text: string): { flags: string[]; options: string[] } {
  return {
    flags: [...text.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]!),
    options: [...text.matchAll(/\b(max[A-Z]\w*|\w+Limit)\b/g)].map((m) => m[1]!),
  };
}

describe("equilibrium: a 35 x 35 two-producer game under the defaults", () => {
  it("falls back to Lemke-Howson, says so, and reports its exact equilibria (before: refused, naming maxPaths)", async () => {
    const r = await runCli(["equilibrium", K35, "--rule", "weighted-winrate", "--starts", "1", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.mixed.methods).toEqual(["lcp"]);
    expect(rep.mixed.complete).toBe(false);
    expect(rep.mixed.reasons).toMatchObject([{ code: "lcp-instead", shape: [35, 35], because: "size" }]);
    expect(mixedReasonText(rep.mixed.reasons)).toMatch(
      /the game is 35 x 35, above enummixed's limit on m \+ n, so Lemke-Howson .* ran instead/,
    );
    // the limit as data: the library names its option, the command line its flag
    expect(rep.mixed.limits).toEqual([
      {
        code: "work-limit",
        option: "enumMixedLimit",
        estimate: 70,
        limit: 30,
        what: "strategies m + n of enummixed",
      },
    ]);
    const text = await runCli(["equilibrium", K35, "--rule", "weighted-winrate", "--starts", "1"]);
    expect(text.stdout).toContain(
      "  limits reached: strategies m + n of enummixed: 70 > 30 (raise it with --mixed-limit)\n",
    );
    expect(rep.mixed.equilibria.length).toBeGreaterThan(1);
    for (const e of rep.mixed.equilibria) expect(e.epsilon).toBe(0);
    expect(rep.priceScope.allEquilibria).toBe(false);
  });
});

describe("every limit a message of `equilibrium` names is one of its flags", () => {
  const cases: Array<{ why: string; argv: string[]; expect: RegExp }> = [
    { why: "joint profiles", argv: [THREE, "--max-profiles", "10"], expect: /--max-profiles/ },
    { why: "enummixed's size", argv: [C2, "--mixed-limit", "3"], expect: /--mixed-limit/ },
    { why: "enummixed's vertices", argv: [C2, "--max-vertices", "2"], expect: /--max-vertices/ },
    {
      why: "Lemke-Howson's paths",
      argv: [C2, "--mixed-limit", "3", "--max-paths", "3"],
      expect: /--max-paths/,
    },
    {
      why: "enumpoly's supports",
      argv: [THREE, "--max-supports", "1", "--rays", "1"],
      expect: /--max-supports/,
    },
    {
      why: "gnm's work",
      argv: [THREE, "--max-supports", "1", "--max-gnm-work", "1"],
      expect: /--max-gnm-work/,
    },
    {
      why: "logit's work",
      argv: [THREE, "--max-supports", "1", "--max-gnm-work", "1", "--logit-limit", "1"],
      expect: /--logit-limit/,
    },
    {
      why: "both exact methods' sizes",
      argv: [C2, "--mixed-limit", "2", "--lcp-limit", "3"],
      expect: /--lcp-limit/,
    },
  ];
  for (const c of cases) {
    it(`${c.why}: ${c.argv.slice(1).join(" ")}`, async () => {
      const r = await runCli(["equilibrium", ...c.argv, "--starts", "1"]);
      expect(r.code).toBe(0);
      const text = r.stdout + r.stderr;
      expect(text).toMatch(c.expect);
      const { flags, options } = named(text);
      expect(flags.filter((f) => !FLAGS.has(f))).toEqual([]);
      expect(options).toEqual([]);
    });
  }
});

describe("equilibrium: the exhaustive search's work, estimated first", () => {
  const BIG = "test/fixtures/markets/top2-30-tasks.json";
  const DEGENERATE = "test/fixtures/markets/top2-6-tasks.json";

  it("estimates 2 producers x top-k k=2 over 30 tasks (189,225 profiles) before any allocation", () => {
    const market = readMarketFile(BIG);
    // 435^2 x (2 x 30 + 870) + 1000 x 870 x 2 x 30
    expect(equilibriumWorkEstimate(market, DEFAULT_MAX_EQUILIBRIA)).toBe(189_225 * 930 + 1000 * 870 * 60);
    expect(equilibriumWorkEstimate(market, 1)).toBe(189_225 * 930 + 870 * 60);
  });

  it("refuses past --max-equilibrium-work, naming the flag, without running the search", async () => {
    const r = await runCli(["equilibrium", BIG, "--rule", "winrate", "--max-equilibrium-work", "1000000"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^modelmarket equilibrium: 228,179,250 work units of the exhaustive equilibrium search .* exceed the limit of 1,000,000; raise it with --max-equilibrium-work N\n$/,
    );
  });

  it("a game where every profile is an equilibrium: all counted and priced, the list cut (before: a stack overflow)", async () => {
    const argv = ["equilibrium", DEGENERATE, "--rule", "winrate", "--starts", "1"];
    const small = ["--mixed-limit", "2", "--lcp-limit", "2"];
    const r = await runCli([...argv, ...small, "--max-equilibria", "5", "--json"]);
    expect(r.stderr).toBe("");
    const rep = JSON.parse(r.stdout);
    expect(rep.pureTotal).toBe(225);
    // 5 from the enumeration plus those the dynamics found first
    expect(rep.pure.length).toBeGreaterThanOrEqual(5);
    expect(rep.pure.length).toBeLessThan(225);
    expect(rep.priceScope.pure).toBe(225);
    const text = await runCli([...argv, ...small, "--max-equilibria", "5"]);
    expect(text.stdout).toMatch(
      /pure equilibria: 225 \(all, by enumeration\); \d+ listed \(raise it with --max-equilibria\)/,
    );
    // the prices range over every equilibrium counted, not only the listed ones
    const all = JSON.parse((await runCli([...argv, ...small, "--max-equilibria", "1000", "--json"])).stdout);
    expect(all.pure.length).toBe(225);
    expect(rep.priceOfAnarchy).toBeCloseTo(all.priceOfAnarchy, 12);
    expect(rep.priceOfStability).toBeCloseTo(all.priceOfStability, 12);
  });

  it("on a terminal, states the estimate and its limit before the search", async () => {
    let stderr = "";
    const code = await main(
      [
        "equilibrium",
        DEGENERATE,
        "--rule",
        "winrate",
        "--starts",
        "1",
        "--mixed-limit",
        "2",
        "--lcp-limit",
        "2",
      ],
      { stdout: () => {}, stderr: (t) => (stderr += t), isTTY: true },
    );
    expect(code).toBe(0);
    // 15^2 x (2 x 6 + 30) + 225 x 30 x 2 x 6 = 90,450
    expect(stderr).toContain(
      "estimate: 1 rule(s); exhaustive search over 225 joint profiles each (9.05e+4 work units of at most 1.00e+9)",
    );
  });

  it("prices over more equilibria than a call's arguments can hold", () => {
    const many = Array.from({ length: 300_000 }, (_, k) => ({ welfare: 1 + (k % 7) }) as Equilibrium);
    const mixed = { equilibria: [], methods: [], complete: true } as unknown as MixedReport;
    const p = pricesOver(many, mixed, { welfare: 14, exact: true } as WelfareOptimum, true, 2);
    expect(p.priceOfAnarchy).toBe(14);
    expect(p.priceOfStability).toBe(2);
  });
});
