/**
 * The log-normal interval of the refitted noise is worded once (`LOG_NORMAL_INTERVAL_WORDS`,
 * empirical/calibrate.ts) and said by the study's text and HTML reports only when the interval is
 * log-normal; `calibrate`'s pooled bootstrap line says it too (cli/commands/calibrate.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BootstrapSummary } from "../../empirical/bootstrap-summary.js";
import { LOG_NORMAL_INTERVAL_WORDS } from "../../empirical/calibrate.js";
import { pairwiseHtml, pairwiseTextLines } from "../../empirical/report-pairwise.js";
import { REPO_ROOT } from "../helpers/paths.js";

const summary = (noiseInterval: "log-normal" | "percentile") =>
  ({
    replicates: 3,
    seed: "1",
    resampled: "judgements",
    scheme: "judgements drawn with replacement from the whole log",
    noise: { parameter: "beta", estimate: 4, lower: 3, upper: 5 },
    noiseInterval,
    rules: [],
    models: [],
    leaderboards: [],
    kendall: [],
    top: [],
    bestResponse: null,
    ratings: null,
  }) satisfies Partial<BootstrapSummary> as BootstrapSummary;

describe("the words of the noise's log-normal interval", () => {
  it("the text and HTML reports say them after a log-normal interval, not after a percentile one", () => {
    const said = `(${LOG_NORMAL_INTERVAL_WORDS})`;
    expect(pairwiseTextLines({ uncertainty: summary("log-normal") }).join("\n")).toContain(
      `refitted beta: 4.000 [3.000, 5.000] ${said}`,
    );
    expect(pairwiseHtml({ uncertainty: summary("log-normal") })).toContain(`[3.000, 5.000] ${said}.`);
    expect(pairwiseTextLines({ uncertainty: summary("percentile") }).join("\n")).not.toContain(said);
    expect(pairwiseHtml({ uncertainty: summary("percentile") })).not.toContain(said);
  });

  it("are written in one source file, which the other renderers import", () => {
    const holders: string[] = [];
    const users: string[] = [];
    for (const dir of ["src", "solvers", "empirical", "cli", "web"])
      for (const f of readdirSync(join(REPO_ROOT, dir), { recursive: true }) as string[]) {
        if (!f.endsWith(".ts")) continue;
        const text = readFileSync(join(REPO_ROOT, dir, f), "utf8");
        if (text.includes(LOG_NORMAL_INTERVAL_WORDS)) holders.push(`${dir}/${f}`);
        if (text.includes("LOG_NORMAL_INTERVAL_WORDS")) users.push(`${dir}/${f}`);
      }
    expect(holders).toEqual(["empirical/calibrate.ts"]);
    expect(users.sort()).toEqual([
      "cli/commands/calibrate.ts",
      "empirical/calibrate.ts",
      "empirical/report-pairwise.ts",
    ]);
  });
});
