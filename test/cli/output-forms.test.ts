/**
 * The output forms every table-printing command shares: `--json` prints JSON on standard output
 * (check included, which once needed a file argument), `--output FILE` also writes it to a file, and
 * `--csv` prints full-precision rows that agree with the JSON, one row per observation.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "modelmarket-forms-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHECK = ["check", "--claim", "C1", "--claim", "C2", "--instances", "5", "--workers", "1"];

async function csvOf(argv: string[]): Promise<Array<Record<string, string>>> {
  const r = await runCli([...argv, "--csv"]);
  expect(r.stderr, argv.join(" ")).toBe("");
  expect(r.code).toBe(0);
  return parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
}

/** A JSON report, read loosely: the test compares its fields with the CSV's. */
// biome-ignore lint/suspicious/noExplicitAny: a parsed report of any command
type Report = any;

async function jsonOf(argv: string[]): Promise<Report> {
  const r = await runCli([...argv, "--json"]);
  expect(r.stderr, argv.join(" ")).toBe("");
  return JSON.parse(r.stdout);
}

describe("check --json prints to standard output like the other commands", () => {
  it("--json is the report on stdout; --output FILE writes the same bytes and still prints the table", async () => {
    const json = await runCli([...CHECK, "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).format).toBe("modelmarket-check/1");
    const path = join(dir, "check.json");
    const table = await runCli([...CHECK, "--output", path]);
    expect(readFileSync(path, "utf8")).toBe(json.stdout);
    expect(table.stdout).toBe((await runCli(CHECK)).stdout);
    expect((await runCli([...CHECK, "--output", "-"])).stdout).toBe(json.stdout);
  });

  it("the old form --json FILE is refused with the new one named", async () => {
    const r = await runCli([...CHECK, "--json", join(dir, "old.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--json prints to standard output; write the report to a file with --output FILE/,
    );
  });
});

describe("--csv agrees with --json", () => {
  it("evaluate: producer, task, statistic, value with the JSON's names", async () => {
    const argv = ["evaluate", "examples/three-producers.json"];
    const rows = await csvOf(argv);
    const rep = await jsonOf(argv);
    const get = (producer: string, task: string, statistic: string) =>
      Number(
        rows.find((r) => r.producer === producer && r.task === task && r.statistic === statistic)?.value,
      );
    expect(get("", "", "U")).toBe(rep.welfare.U);
    expect(get("", "", "perfect")).toBe(rep.welfare.perfect);
    expect(get("", "", "single")).toBe(rep.welfare.single);
    expect(get("", "law", "U")).toBe(rep.welfare.perTask[2]);
    for (const p of rep.producers) {
      for (const [rule, v] of Object.entries(p.payoffs)) expect(get(p.name, "", rule)).toBe(v);
      expect(get(p.name, "code", "choice")).toBe(p.choice[0]);
    }
    // winrates sum to 1 in the CSV too
    const wr = rows.filter((r) => r.statistic === "winrate").reduce((s, r) => s + Number(r.value), 0);
    expect(wr).toBeCloseTo(1, 12);
  });

  it("entry: one row per rule and tied best response", async () => {
    const argv = ["entry", "examples/c5-winrate-copies.json", "--entrant", "top-k:k=1"];
    const rows = await csvOf(argv);
    const rep = await jsonOf(argv);
    const all = [...rep.rules, rep.welfareOptimal];
    expect(rows.length).toBe(all.reduce((s: number, r: Report) => s + r.maximisers.length, 0));
    expect(Number(rows.find((r) => r.rule === "weighted-winrate")!.welfare)).toBe(
      rep.rules[2].maximisers[0].welfare,
    );
    expect(rows.at(-1)!.rule).toBe("welfare");
  });

  it("sequential and equilibrium: one row per step, per equilibrium and producer", async () => {
    const seq = ["sequential", "examples/three-producers.json", "--entrants", "2", "--space", "top-k:k=1"];
    const srows = await csvOf(seq);
    const srep = await jsonOf(seq);
    expect(srows.length).toBe(srep.rules.length * 2);
    expect(Number(srows[1]!.welfare)).toBe(srep.rules[0].steps[1].welfare);
    const eq = ["equilibrium", "examples/c2-two-producers.json", "--rule", "winrate"];
    const erows = await csvOf(eq);
    const erep = await jsonOf(eq);
    const listed = erep.pure.length + erep.approximate.length + erep.mixed.equilibria.length;
    expect(erows.length).toBe(listed * 2);
    expect(Number(erows[0]!.welfare)).toBe(erep.pure[0].welfare);
  });

  it("empirical: the tidy columns of ratings, payoffs and welfare as in the JSON", async () => {
    const argv = ["empirical", "test/fixtures/tables/hand-3x2.csv", "--replace", "none", "--sweep", "none"];
    const rows = await csvOf(argv);
    const rep = await jsonOf(argv);
    expect(Object.keys(rows[0]!)).toEqual(["model", "task", "statistic", "value", "lower", "upper"]);
    const get = (model: string, task: string, statistic: string) =>
      Number(rows.find((r) => r.model === model && r.task === task && r.statistic === statistic)?.value);
    expect(get("", "overall", "U")).toBe(rep.welfare.U);
    expect(get("", "b", "U")).toBe(rep.welfare.perTask[1]);
    for (const r of rep.leaderboards.rows)
      for (const [rule, v] of Object.entries(r.payoffs)) expect(get(r.name, "overall", rule)).toBe(v);
    expect(get("A", "overall", "welfareGain")).toBe(
      rep.entry.incumbentsAsEntrants.find((e: Report) => e.name === "A").welfareGain,
    );
  });

  it("empirical --bootstrap: a payoff or rank row's lower and upper are the JSON's interval, other rows empty", async () => {
    const argv = [
      "empirical",
      "test/fixtures/tables/hand-3x2.csv",
      "--replace",
      "none",
      "--sweep",
      "none",
      "--bootstrap",
      "40",
      "--seed",
      "3",
      "--workers",
      "1",
    ];
    const rows = await csvOf(argv);
    const rep = await jsonOf(argv);
    let filled = 0;
    for (const board of rep.uncertainty.leaderboards) {
      for (const m of board.models) {
        const row = rows.find(
          (r) => r.model === m.name && r.task === "overall" && r.statistic === board.rule,
        );
        expect(row, `${board.rule} ${m.name}`).toBeDefined();
        expect(Number(row!.lower)).toBe(m.payoff.lower);
        expect(Number(row!.upper)).toBe(m.payoff.upper);
        const rank = rows.find(
          (r) => r.model === m.name && r.task === "overall" && r.statistic === `ranks.${board.rule}`,
        );
        expect(Number(rank!.value), `rank ${board.rule} ${m.name}`).toBe(m.rank.estimate);
        expect([Number(rank!.lower), Number(rank!.upper)]).toEqual([m.rank.lower, m.rank.upper]);
        filled += 2;
      }
    }
    expect(filled).toBe(2 * rep.uncertainty.rules.length * rep.uncertainty.models.length);
    expect(rows.filter((r) => r.lower !== "").length).toBe(filled);
    // some interval is a real interval, so the columns cannot pass by copying the value
    expect(rows.some((r) => r.lower !== "" && Number(r.lower) < Number(r.upper))).toBe(true);
    // without --bootstrap there is no interval to print
    const plain = await csvOf(argv.slice(0, 6));
    expect(plain.every((r) => r.lower === "" && r.upper === "")).toBe(true);
    // the printed report shows the same rank intervals, lower..upper under each rule
    const text = (await runCli(argv)).stdout.split("\n");
    const at = text.findIndex((l) => l.startsWith("Bootstrap rank intervals (95%, 40 replicates)"));
    expect(at).toBeGreaterThan(-1);
    const head = text[at + 1]!.trim().split(/\s+/);
    const board = rep.uncertainty.leaderboards.find((b: Report) => b.rule === head[1]);
    const first = text[at + 3]!.trim().split(/\s+/);
    const m = board.models.find((x: Report) => x.name === first[0]);
    expect(first[1]).toBe(`${m.rank.lower}..${m.rank.upper}`);
  });

  it("empirical --pairwise --bootstrap: the fitted and the refitted noise with their intervals in the CSV", async () => {
    const argv = [
      "empirical",
      "test/fixtures/pairwise/scores.csv",
      "--pairwise",
      "test/fixtures/pairwise/battles.csv",
      "--replace",
      "none",
      "--sweep",
      "none",
      "--bootstrap",
      "40",
    ];
    const csv = await runCli([...argv, "--csv"]);
    const rows = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    const rep = await runCli([...argv, "--json"]).then((r) => JSON.parse(r.stdout) as Report);
    const get = (statistic: string) => rows.find((r) => r.model === "" && r.statistic === statistic)!;
    const fit = rep.calibration.pooled;
    expect([get("beta").value, get("beta").lower, get("beta").upper].map(Number)).toEqual([
      fit.value,
      fit.lower,
      fit.upper,
    ]);
    const noise = rep.uncertainty.noise;
    const boot = get("bootstrap.beta");
    expect([boot.value, boot.lower, boot.upper].map(Number)).toEqual([
      noise.estimate,
      noise.lower,
      noise.upper,
    ]);
    expect(noise.lower).toBeLessThan(noise.upper);
  });

  it("check: one row per claim", async () => {
    const rows = await csvOf(CHECK);
    const rep = await jsonOf(CHECK);
    expect(rows.map((r) => r.claim)).toEqual(rep.claims.map((c: Report) => c.id));
    expect(rows.map((r) => Number(r.tried))).toEqual(rep.claims.map((c: Report) => c.tried));
  });

  /** Every `nash --csv` row against the JSON: one row per equilibrium x player x strategy, in order. */
  async function nashAgrees(argv: string[]): Promise<Array<Record<string, string>>> {
    // not csvOf: gnm warns on stderr that its list may be incomplete
    const csv = await runCli([...argv, "--csv"]);
    expect(csv.code, argv.join(" ")).toBe(0);
    const rows = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    const rep = JSON.parse((await runCli([...argv, "--json"])).stdout);
    expect(Object.keys(rows[0]!)).toEqual([
      "equilibrium",
      "player",
      "strategy",
      "probability",
      "decimal",
      "regret",
      "values",
    ]);
    let i = 0;
    rep.equilibria.forEach((e: Report, k: number) => {
      e.profile.forEach((mix: Array<string | number>, p: number) => {
        mix.forEach((v, j) => {
          const row = rows[i++]!;
          expect([row.equilibrium, row.player, row.strategy]).toEqual([
            String(k + 1),
            rep.players[p],
            rep.strategies[p][j],
          ]);
          expect(row.probability).toBe(String(v));
          const [num, den] = String(v).split("/");
          expect(Number(row.decimal)).toBe(Number(num) / Number(den ?? 1));
          expect(row.regret).toBe(String(e.regret[p]));
          expect(row.values).toBe(e.values === undefined ? "" : String(e.values[p]));
        });
      });
    });
    expect(rows.length).toBe(i);
    return rows;
  }

  it("nash: exact rationals of a two-player method, the decimals beside them", async () => {
    const rows = await nashAgrees(["nash", "examples/degenerate.nfg"]);
    expect(rows.length).toBe(3 * (3 + 2));
    expect(rows.find((r) => r.probability === "1/3")?.decimal).toBe(String(1 / 3));
  });

  it("nash: an N-player method (enumpoly, gnm) and lp's equilibrium values", async () => {
    const poly = await nashAgrees(["nash", "examples/three-players.nfg", "--method", "enumpoly"]);
    expect(new Set(poly.map((r) => r.player)).size).toBe(3);
    expect(new Set(poly.map((r) => r.equilibrium)).size).toBe(9);
    const gnm = ["nash", "examples/three-players.nfg", "--method", "gnm", "--starts", "3", "--seed", "7"];
    expect((await nashAgrees(gnm)).length).toBeGreaterThan(0);
    const lp = await nashAgrees(["nash", "examples/constant-sum.nfg", "--method", "lp"]);
    expect(lp.every((r) => r.values !== "")).toBe(true);
    await nashAgrees(["nash", "examples/degenerate.nfg", "--method", "lcp", "--decimals", "4"]);
  });

  it("nash --csv is refused with --json, the many-games modes and --convex", async () => {
    for (const argv of [
      ["nash", "examples/degenerate.nfg", "--json", "--csv"],
      ["nash", "examples/degenerate.nfg", "--jsonl", "--csv"],
      ["nash", "examples/degenerate.nfg", "examples/battle-of-the-sexes.nfg", "--csv"],
      ["nash", "--stdin", "--csv"],
      ["nash", "examples/degenerate.nfg", "--convex", "--csv"],
    ]) {
      const r = await runCli(argv, "");
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^modelmarket nash: --csv: .*\n$/);
    }
  });

  it("--json with --csv, or --output - with --csv, is refused", async () => {
    for (const argv of [
      ["evaluate", "examples/three-producers.json", "--json", "--csv"],
      ["entry", "examples/c5-winrate-copies.json", "--entrant", "top-k:k=1", "--json", "--csv"],
      ["entry", "examples/c5-winrate-copies.json", "--entrant", "top-k:k=1", "--output", "-", "--csv"],
      [...CHECK, "--json", "--csv"],
      ["empirical", "test/fixtures/tables/hand-3x2.csv", "--json", "--csv"],
      ["empirical", "test/fixtures/tables/hand-3x2.csv", "--report", "-", "--csv"],
    ]) {
      const r = await runCli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
    }
  });
});
