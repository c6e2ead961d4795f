import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { command as calibrateCommand } from "../../cli/commands/calibrate.js";
import { command as ratingsCommand } from "../../cli/commands/ratings.js";
import { testBudget } from "../helpers/budget.js";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";

const FIX = join(REPO_ROOT, "test", "fixtures", "pairwise");
const WB_PAIRS = "data/wildbench_v2_pairwise_by_category.csv";
const WB_SCORES = "data/wildbench_v2_task_scores.csv";
const AE2 = "data/alpacaeval2_annotations_partial.csv";
const AE2_DIFFICULTY = "data/alpacaeval2_instruction_difficulty.csv";
const AE2_GAMED = "data/alpacaeval2_gamed_judgements.csv";

/** A `--help` example as argv: quotes respected, a trailing `> file` redirection dropped. */
function exampleArgv(example: string): string[] {
  const words = example.match(/'[^']*'|"[^"]*"|\S+/g)!.map((w) => w.replace(/^['"]|['"]$/g, ""));
  const redirect = words.indexOf(">");
  return (redirect === -1 ? words : words.slice(0, redirect)).slice(1);
}

describe("modelmarket ratings", () => {
  it("rates a battle log overall and per task, with converged fits", async () => {
    const r = await runCli(["ratings", join(FIX, "battles.csv"), "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ratings.map((t: { task: string }) => t.task)).toEqual(["overall", "code", "law"]);
    for (const t of out.ratings) expect(t.fit.converged).toBe(true);
  });

  it("--csv is tidy: one row per model x task x statistic", async () => {
    const r = await runCli(["ratings", WB_PAIRS, "--task", "overall", "--csv"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("model,task,statistic,value,lower,upper");
    expect(lines.some((l) => l.startsWith("gpt-4o-2024-05-13,overall,elo,"))).toBe(true);
    expect(lines.some((l) => l.includes(",overall,versus.claude-3-haiku-20240307,"))).toBe(true);
  });

  it("an anchor model sits at Elo 1000 with standard error 0", async () => {
    const r = await runCli([
      "ratings",
      WB_PAIRS,
      "--task",
      "overall",
      "--anchor",
      "gpt-4-turbo-2024-04-09",
      "--json",
    ]);
    const rows = JSON.parse(r.stdout).ratings[0].rows;
    const ref = rows.find((x: { name: string }) => x.name === "gpt-4-turbo-2024-04-09");
    expect(ref.elo).toBe(1000);
    expect(ref.standardError).toBe(0);
  });

  it("bad flags are one-line errors with exit 2", async () => {
    for (const argv of [
      ["ratings", WB_PAIRS, "--task", "Poetry"],
      ["ratings", WB_PAIRS, "--task", "overall", "--task", "overall"],
      ["ratings", WB_PAIRS, "--ties", "draw"],
      ["ratings", WB_PAIRS, "--anchor", "nobody"],
      ["ratings", WB_PAIRS, "--json", "--csv"],
      ["ratings", "no-such-file.csv"],
      ["ratings", WB_PAIRS, "--interval", "wide", "--bootstrap", "40"],
      ["ratings", WB_PAIRS, "--max-fit-memory", "0"],
      ["ratings", AE2, "--instructions", "instruction_id"],
      ["ratings", AE2, "--task", "overall", "--length-controlled", "gpt4_1106_preview", "--gamed", "nobody"],
      ["ratings", AE2, "--length-controlled", "gpt4_1106_preview", "--instructions", "no_such_column"],
      ["ratings", AE2, "--difficulty", AE2_DIFFICULTY],
      ["ratings", AE2, "--gamed-judgements", AE2_GAMED],
      [
        "ratings",
        AE2,
        "--length-controlled",
        "gpt4_1106_preview",
        "--instructions",
        "none",
        "--difficulty",
        AE2_DIFFICULTY,
      ],
      // a file of the wrong layout: the difficulty reader names the missing column
      [
        "ratings",
        AE2,
        "--length-controlled",
        "gpt4_1106_preview",
        "--difficulty",
        AE2_GAMED.replace("gamed_judgements", "glm_weights"),
      ],
      ["ratings", AE2, "--length-controlled", "gpt4_1106_preview", "--gamed-judgements", AE2_DIFFICULTY],
    ]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("--length-controlled fits AlpacaEval's GLM with the difficulty term; --instructions none drops it", async () => {
    const base = ["ratings", AE2, "--task", "overall", "--length-controlled", "gpt4_1106_preview"];
    const full = await runCli(base);
    expect(full.code).toBe(0);
    expect(full.stdout).toContain(
      "instruction difficulty fitted jointly on 57 models x 805 instructions (converged",
    );
    expect(full.stdout).toContain("no gamed baselines (not regularised)");
    const minimal = await runCli([...base, "--instructions", "none", "--json"]);
    expect(minimal.code).toBe(0);
    const out = JSON.parse(minimal.stdout);
    expect(out.lengthControlled.difficulty).toBeNull();
    expect(out.lengthControlled.rows).toHaveLength(57);
  });

  it("--difficulty and --gamed-judgements take AlpacaEval's published difficulties and gamed judgements", async () => {
    const argv = ["ratings", AE2, "--task", "overall", "--length-controlled", "gpt4_1106_preview"];
    const files = ["--difficulty", AE2_DIFFICULTY, "--gamed-judgements", AE2_GAMED];
    const text = await runCli([...argv, ...files]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      "instruction difficulty given for 805 instructions; regularised towards gpt4_1106_preview_verbose, gpt4_1106_preview_concise",
    );
    const json = JSON.parse((await runCli([...argv, ...files, "--json"])).stdout);
    expect(json.lengthControlled.difficulty.fitted).toBe(false);
    const gamed = json.lengthControlled.rows.find((r: { model: string }) => r.model === "gpt4_gamed");
    // docs/pairwise.md: 12.17 against the published 12.19
    expect(Math.abs(gamed.lengthControlledWinRate - 12.17)).toBeLessThan(0.005);
  });

  it("--bootstrap prints BCa rating intervals by default, percentile ones with --interval percentile", async () => {
    const base = ["ratings", WB_PAIRS, "--task", "overall", "--bootstrap", "40", "--seed", "1"];
    const bca = await runCli(base);
    expect(bca.code).toBe(0);
    expect(bca.stdout).toContain("BCa (bias-corrected and accelerated) intervals of the ratings");
    const pct = await runCli([...base, "--interval", "percentile", "--json"]);
    expect(pct.code).toBe(0);
    expect(JSON.parse(pct.stdout).bootstrap.interval).toBe("percentile");
  });

  it("--rank-interval calibrated: rank intervals at calibrated levels, named in the text and the JSON", async () => {
    const base = ["ratings", WB_PAIRS, "--task", "overall", "--bootstrap", "40", "--seed", "1"];
    const cal = await runCli([...base, "--rank-interval", "calibrated"]);
    expect(cal.code).toBe(0);
    expect(cal.stdout).toContain(
      "percentile intervals of the ranks at levels calibrated to 95% (iterated bootstrap)",
    );
    const json = JSON.parse((await runCli([...base, "--rank-interval", "calibrated", "--json"])).stdout);
    const pct = JSON.parse((await runCli([...base, "--json"])).stdout);
    expect(json.bootstrap.rankInterval).toBe("calibrated");
    expect(pct.bootstrap.rankInterval).toBe("percentile");
    const widths = (o: {
      bootstrap: { ratings: Array<{ models: Array<{ rank: { lower: number; upper: number } }> }> };
    }) => o.bootstrap.ratings[0]!.models.reduce((s, m) => s + m.rank.upper - m.rank.lower, 0);
    expect(widths(json)).toBeLessThan(widths(pct));
    const bad = await runCli([...base, "--rank-interval", "bca"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain("--rank-interval");
  });

  it("--bootstrap: the rating and rank intervals of --json are printed in the table and in --csv", async () => {
    const base = ["ratings", join(FIX, "battles.csv"), "--task", "overall", "--bootstrap", "40"];
    const json = JSON.parse((await runCli([...base, "--json"])).stdout);
    const boot = json.bootstrap.ratings[0];
    const text = (await runCli(base)).stdout.split("\n");
    const head = text.findIndex((l) => l.includes("bootstrap.rank.lower..upper"));
    expect(head).toBeGreaterThan(-1);
    const csv = (await runCli([...base, "--csv"])).stdout.split("\n");
    for (const m of boot.models) {
      const line = text.slice(head + 1).find((l) => l.trim().split(/\s+/)[1] === m.name)!;
      const cells = line.trim().split(/\s+/);
      expect(cells.at(-1), m.name).toBe(`${m.rank.lower}..${m.rank.upper}`);
      expect(cells.at(-2), m.name).toBe(`${m.rating.lower.toFixed(3)}..${m.rating.upper.toFixed(3)}`);
      expect(csv, m.name).toContain(
        `${m.name},overall,bootstrap.rank,${m.rank.estimate},${m.rank.lower},${m.rank.upper}`,
      );
      expect(csv, m.name).toContain(
        `${m.name},overall,bootstrap.rating,${m.rating.estimate},${m.rating.lower},${m.rating.upper}`,
      );
    }
  });

  it("--max-replicates is the bootstrap's work limit: over it, one line naming both flags, exit 2", async () => {
    const base = ["ratings", WB_PAIRS, "--task", "overall"];
    const over = await runCli([...base, "--bootstrap", "45", "--max-replicates", "44"]);
    expect(over.code).toBe(2);
    expect(over.stdout).toBe("");
    expect(over.stderr).toBe(
      "modelmarket ratings: --bootstrap: 45 bootstrap replicates exceed the limit of 44; raise it with --max-replicates N (each replicate refits and re-evaluates)\n",
    );
    const dflt = await runCli([...base, "--bootstrap", "100001"]);
    expect(dflt.code).toBe(2);
    expect(dflt.stderr).toMatch(
      /^modelmarket ratings: --bootstrap: 100,001 bootstrap replicates exceed the limit of 100,000; raise it with --max-replicates N/,
    );
    const bad = await runCli([...base, "--bootstrap", "5", "--max-replicates", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("modelmarket ratings: --max-replicates: must be >= 1, got 0\n");
    const at = await runCli([...base, "--bootstrap", "39", "--max-replicates", "39", "--json"]);
    expect(at.code).toBe(0);
    expect(JSON.parse(at.stdout).bootstrap.replicates).toBe(39);
    expect(ratingsCommand.flags.find((f) => f.name === "max-replicates")?.help).toMatch(/default 100000/);
  }, 60_000);

  it("the --help examples run on the shipped data (with the test budget), printing no warning", async () => {
    for (const ex of ratingsCommand.examples) {
      const r = await runCli(exampleArgv(testBudget(ex)));
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
  }, 120_000);
});

describe("modelmarket calibrate", () => {
  it("fits beta pooled and per task; --csv tidy; unmatched models named on stderr", async () => {
    const r = await runCli([
      "calibrate",
      WB_SCORES,
      "--pairwise",
      WB_PAIRS,
      "--normalize",
      "minmax",
      "--csv",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Athene-70B");
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("model,task,statistic,value,lower,upper");
    expect(lines.some((l) => l.startsWith("all,pooled,beta,"))).toBe(true);
    expect(lines.some((l) => l.startsWith("all,Coding & Debugging,beta,"))).toBe(true);
  });

  it("reads the table with the same --normalize and --weights as the other table commands", async () => {
    const bad = await runCli([
      "calibrate",
      WB_SCORES,
      "--pairwise",
      WB_PAIRS,
      "--normalize",
      "minmax",
      "--weights",
      "1,2",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--weights: gives 2 weights for 5 tasks/);
    const neg = await runCli(["calibrate", WB_SCORES, "--pairwise", WB_PAIRS]);
    expect(neg.code).toBe(2);
    expect(neg.stderr).toMatch(/--normalize: scores go down to/);
    const missing = await runCli(["calibrate", WB_SCORES]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--pairwise: required/);
  });

  it("the --help examples run on the shipped data", async () => {
    for (const ex of calibrateCommand.examples) {
      const r = await runCli(exampleArgv(testBudget(ex)));
      expect(r.code).toBe(0);
    }
  }, 60_000);
});

describe("modelmarket empirical --pairwise", () => {
  it("runs the study at the fitted beta and reports it", async () => {
    const r = await runCli([
      "empirical",
      WB_SCORES,
      "--normalize",
      "minmax",
      "--pairwise",
      WB_PAIRS,
      "--replace",
      "none",
      "--sweep",
      "none",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/fitted beta = \d+\.\d{3} \(95% profile interval/);
    const rep = JSON.parse(r.stdout);
    expect(rep.selection).toBe(`logit:beta=${rep.calibration.pooled.value}`);
  });

  it("logit:beta=fit without --pairwise is an error", async () => {
    const r = await runCli([
      "empirical",
      WB_SCORES,
      "--normalize",
      "minmax",
      "--selection",
      "logit:beta=fit",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs --pairwise FILE/);
  });
});

describe("modelmarket empirical --bootstrap over --max-replicates", () => {
  it("is refused with the same one line", async () => {
    const r = await runCli([
      "empirical",
      WB_SCORES,
      "--normalize",
      "minmax",
      "--bootstrap",
      "50",
      "--max-replicates",
      "40",
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^modelmarket empirical: --bootstrap: 50 bootstrap replicates exceed the limit of 40;/,
    );
  });
});
