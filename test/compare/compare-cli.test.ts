/**
 * `modelmarket compare`: the C5 witness (winrate's entrant copies, weighted winrate's specialises) named
 * as a disagreement with the welfare gap exactly as `entry` computes it; the tidy CSV equal to the
 * JSON value by value; the same bytes for any number of workers; bad input in one line.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { tidyTableCsv } from "../../cli/tidyCsv.js";
import { run } from "./helpers.js";

const C5 = "examples/c5-witness.json";
const C2 = "test/fixtures/markets/c2-two-producers.json";
const THREE = "examples/three-producers.json";

describe("compare: the C5 witness", () => {
  it("names the disagreement and the welfare gap exactly as entry computes it", async () => {
    const c = await run(["compare", C5, "--entry", "top-k:k=1", "--json"]);
    expect(c.code).toBe(0);
    const rep = JSON.parse(c.out);
    const e = await run(["entry", C5, "--entrant", "top-k:k=1", "--json"]);
    expect(e.code).toBe(0);
    const entry = JSON.parse(e.out);
    const welfareOf = (rule: string) => {
      const r = entry.rules.find((x: { rule: string }) => x.rule === rule);
      expect(r.maximisers).toHaveLength(1);
      return r.maximisers[0].welfare as number;
    };
    const d = rep.disagreements.find(
      (x: { rules: string[] }) => x.rules[0] === "winrate" && x.rules[1] === "weighted-winrate",
    );
    expect(d).toBeDefined();
    expect(d.sameChoice).toBe(false);
    expect(d.higherWelfare).toBe("weighted-winrate");
    const gap = welfareOf("winrate") - welfareOf("weighted-winrate");
    expect(d.welfareGapMin).toBe(gap);
    expect(d.welfareGapMax).toBe(gap);
    expect(gap).toBeLessThan(0);
    // winrate copies the incumbent (distance 0), weighted winrate specialises on the other task
    const wr = rep.rules.find((r: { rule: string }) => r.rule === "winrate");
    const wwr = rep.rules.find((r: { rule: string }) => r.rule === "weighted-winrate");
    expect(wr.outcomes.map((o: { label: string }) => o.label)).toEqual(["{t1}"]);
    expect(wwr.outcomes.map((o: { label: string }) => o.label)).toEqual(["{t2}"]);
    expect(wr.stats.nearestDistanceMax).toBe(0);
    expect(wwr.stats.nearestDistanceMin).toBe(2);
    expect(wwr.stats.welfareRatioMax).toBe(1);
    // the text names the disagreement and the rule with the higher welfare
    const t = await run(["compare", C5, "--entry", "top-k:k=1"]);
    expect(t.out).toMatch(/winrate vs weighted-winrate: DISAGREE .*higher welfare: weighted-winrate/);
  });

  it("ties are shown as ties", async () => {
    // winrate and pairwise winrate choose the same entrant here: same welfare, a tie
    const { out } = await run(["compare", C5, "--entry", "top-k:k=1", "--json"]);
    const rep = JSON.parse(out);
    const same = rep.contrasts.find(
      (x: { rules: string[] }) => x.rules[0] === "winrate" && x.rules[1] === "pairwise-winrate",
    );
    expect(same.sameChoice).toBe(true);
    expect(same.higherWelfare).toBe("tie");
  });
});

describe("compare: tidy CSV", () => {
  it("every value in --csv equals the one in --json (1-D sweep, all rules)", async () => {
    const args = ["compare", C5, "--entry", "top-k:k=1", "--sweep", "eps=0:1:6"];
    const j = JSON.parse((await run([...args, "--json"])).out);
    const rows = parse((await run([...args, "--csv"])).out) as string[][];
    expect(rows[0]).toEqual(["point", "eps", "rule", "statistic", "value"]);
    const body = rows.slice(1);
    const rules = [...j.rules, "welfare"];
    expect(body).toHaveLength(j.points.length * rules.length * 11);
    for (const [point, eps, rule, stat, value] of body) {
      const p = j.points[Number(point)];
      expect(Number(eps)).toBe(p.values[0]);
      const r = rule === "welfare" ? p.welfare : p.rules.find((x: { rule: string }) => x.rule === rule);
      const want = r.stats[stat!];
      if (want === null) expect(value).toBe("");
      else expect(Number(value)).toBe(want);
    }
  });

  it("a 2-D sweep has one column per parameter; a single comparison rule x statistic rows", async () => {
    const two = parse(
      (
        await run([
          "compare",
          C2,
          "--equilibrium",
          "--rules",
          "winrate,weighted-winrate",
          "--sweep",
          "eps=0:0.5:2",
          "--sweep",
          "weight.t1=0.5:0.8:2",
          "--csv",
        ])
      ).out,
    ) as string[][];
    expect(two[0]).toEqual(["point", "eps", "weight.t1", "rule", "statistic", "value"]);
    expect(two).toHaveLength(1 + 4 * 3 * 11);
    const one = parse((await run(["compare", C5, "--entry", "top-k:k=1", "--csv"])).out) as string[][];
    expect(one[0]).toEqual(["rule", "statistic", "value"]);
    expect(one).toHaveLength(1 + 5 * 11);
  });

  it("quotes cells with commas, quotes and newlines (RFC 4180), so a parser gets them back", () => {
    const cells = ["a,b", 'say "hi"', "two\nlines", 0.1 + 0.2, null];
    const text = tidyTableCsv({ columns: ["c1", "c2", "c3", "c4", "c5"], rows: [cells] });
    const back = parse(text) as string[][];
    expect(back[1]).toEqual(["a,b", 'say "hi"', "two\nlines", String(0.1 + 0.2), ""]);
  });
});

describe("compare: workers", () => {
  it("the same bytes for --workers 1 and 2", { timeout: 120_000 }, async () => {
    const args = [
      "compare",
      THREE,
      "--entry",
      "top-k:k=2",
      "--rules",
      "winrate,weighted-winrate,average-score",
      "--sweep",
      "beta=1:30:9",
      "--json",
    ];
    const a = await run([...args, "--workers", "1"]);
    const b = await run([...args, "--workers", "2"]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.out).toBe(a.out);
    const rep = JSON.parse(a.out);
    expect(rep.points).toHaveLength(9);
  });
});

describe("compare: questions and flags", () => {
  it("equilibrium: every equilibrium per rule, the optimum exact by enumeration", async () => {
    const { code, out } = await run([
      "compare",
      C2,
      "--equilibrium",
      "--rules",
      "winrate,weighted-winrate",
      "--json",
    ]);
    expect(code).toBe(0);
    const rep = JSON.parse(out);
    expect(rep.welfareOptimumExact).toBe(true);
    const wr = rep.rules[0];
    const wwr = rep.rules[1];
    // w = 0.6, s = 0.95: winrate's equilibrium has both on t1; weighted winrate's specialises
    expect(wr.outcomes.map((o: { label: string }) => o.label)).toContain("A={t1} B={t1}");
    expect(wr.complete).toBe(true);
    expect(wwr.stats.welfareMax).toBeGreaterThan(wr.stats.welfareMax);
    expect(rep.disagreements[0].higherWelfare).toBe("weighted-winrate");
  });

  it("replacement and sequential questions run; a sweep over k and incumbents", async () => {
    const r = await run(["compare", THREE, "--replace", "Copycat", "--space", "top-k:k=2", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rules).toHaveLength(4);
    const s = await run([
      "compare",
      THREE,
      "--sequential",
      "2",
      "--space",
      "top-k:k=1",
      "--tie-break",
      "all",
    ]);
    expect(s.code).toBe(0);
    expect(s.out).toContain("ties per step");
    const k = await run(["compare", THREE, "--entry", "top-k:k=1", "--sweep", "k=1:4:4", "--json"]);
    expect(k.code).toBe(0);
    expect(JSON.parse(k.out).points.map((p: { values: number[] }) => p.values[0])).toEqual([1, 2, 3, 4]);
    const inc = await run([
      "compare",
      THREE,
      "--entry",
      "top-k:k=1",
      "--sweep",
      "incumbents=0:6:4",
      "--seed",
      "7",
      "--json",
    ]);
    expect(inc.code).toBe(0);
    const again = await run([
      "compare",
      THREE,
      "--entry",
      "top-k:k=1",
      "--sweep",
      "incumbents=0:6:4",
      "--seed",
      "7",
      "--json",
    ]);
    expect(again.out).toBe(inc.out);
  });

  it("bad input: one line, exit 2", async () => {
    for (const argv of [
      ["compare", C5],
      ["compare", C5, "--entry", "top-k:k=1", "--equilibrium"],
      ["compare", C5, "--entry", "top-k:k=1", "--sweep", "gamma=0:1:3"],
      ["compare", C5, "--entry", "top-k:k=1", "--sweep", "eps=0:2:3"],
      ["compare", C5, "--entry", "top-k:k=1", "--sweep", "weight.nope=0:1:3"],
      ["compare", C5, "--entry", "top-k:k=1", "--sweep", "k=1:2:3"],
      ["compare", C5, "--entry", "top-k:k=1", "--rules", "winrate,nope"],
      ["compare", C5, "--entry", "top-k:k=1", "--json", "--csv"],
      ["compare", C5, "--entry", "top-k:k=1", "--report", "x.txt"],
      ["compare", C5, "--entry", "top-k:k=1", "--workers", "2"],
      ["compare", C5, "--sequential", "2", "--space", "top-k:k=1", "--tie-break", "sometimes"],
      ["compare", C2, "--equilibrium", "--max-profiles", "0"],
    ]) {
      const { code, out, err } = await run(argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(out).toBe("");
      expect(err.trim().split("\n"), argv.join(" ")).toHaveLength(1);
      expect(err).toMatch(/^modelmarket compare: /);
    }
  });
});

describe("--rule lists on the other commands", () => {
  it("equilibrium solves every listed rule", async () => {
    const { code, out } = await run(["equilibrium", C2, "--rule", "winrate,weighted-winrate", "--json"]);
    expect(code).toBe(0);
    const rep = JSON.parse(out);
    expect(rep.rules.map((r: { rule: string }) => r.rule)).toEqual(["winrate", "weighted-winrate"]);
    const text = await run(["equilibrium", C2, "--rule", "winrate", "--rule", "weighted-winrate"]);
    expect(text.out).toContain("rule winrate,");
    expect(text.out).toContain("rule weighted-winrate,");
  });

  it("equilibrium --max-profiles bounds the exhaustive search", async () => {
    const small = JSON.parse(
      (await run(["equilibrium", C2, "--rule", "winrate", "--max-profiles", "3", "--json"])).out,
    );
    expect(small.pureExhaustive).toBe(false);
    // the limit as data in JSON; the text names the flag (test/cli/equilibrium-limits.test.ts)
    expect(small.mixed.limits).toEqual([
      {
        code: "work-limit",
        option: "maxProfiles",
        estimate: 4,
        limit: 3,
        what: "joint profiles to enumerate",
      },
    ]);
    const big = JSON.parse(
      (await run(["equilibrium", C2, "--rule", "winrate", "--max-profiles", "4", "--json"])).out,
    );
    expect(big.pureExhaustive).toBe(true);
  });

  it("nash refuses a list in one line and bounds the game with --max-profiles", async () => {
    const a = await run(["nash", C2, "--rule", "winrate,weighted-winrate"]);
    expect(a.code).toBe(2);
    expect(a.err.trim().split("\n")).toHaveLength(1);
    expect(a.err).toContain("--rule");
    const b = await run(["nash", C2, "--max-profiles", "3"]);
    expect(b.code).toBe(2);
    expect(b.err).toContain("--max-profiles");
    expect((await run(["nash", C2, "--max-profiles", "4"])).code).toBe(0);
  });

  it("entry and replace take --rule as well as --rules, not both", async () => {
    const a = await run([
      "entry",
      C5,
      "--entrant",
      "top-k:k=1",
      "--rule",
      "winrate,weighted-winrate",
      "--json",
    ]);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out).rules).toHaveLength(2);
    const b = await run([
      "replace",
      THREE,
      "--producer",
      "Copycat",
      "--space",
      "top-k:k=1",
      "--rule",
      "winrate",
      "--json",
    ]);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out).rules).toHaveLength(1);
    const c = await run(["entry", C5, "--entrant", "top-k:k=1", "--rule", "winrate", "--rules", "winrate"]);
    expect(c.code).toBe(2);
  });
});

describe("work estimates on a terminal", () => {
  async function tty(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: true });
    return { code, out, err };
  }

  it("compare, equilibrium and nash state the work before they start; not with --json", async () => {
    const c = await tty(["compare", C2, "--equilibrium", "--sweep", "eps=0:0.5:3"]);
    expect(c.code).toBe(0);
    expect(c.err).toContain("estimate: 3 point(s) x 5 choices");
    expect(c.err).toContain("exhaustive search over 4 joint profiles");
    const e = await tty(["equilibrium", C2, "--rule", "winrate", "--max-profiles", "3"]);
    expect(e.err).toContain("4 joint profiles exceed --max-profiles 3");
    const n = await tty(["nash", C2]);
    expect(n.err).toContain("estimate: the producer game has 4 joint profiles");
    const j = await tty(["compare", C2, "--equilibrium", "--json"]);
    expect(j.err).toBe("");
  });
});
