/**
 * Ratings at arena scale and the coverage study, in small settings (docs/pairwise.md has the full
 * ones): a seeded 150,000-battle log of 120 models in 8 categories (bench/arena-scale.ts, a tenth of
 * the 1.5 million) fitted and bootstrapped in child processes that report their own CPU time
 * and peak memory, side by side with FastChat's `compute_bt` and `compute_bootstrap_bt` on the same
 * log when a copy of its `fastchat/serve/monitor/rating_systems.py` is named by the environment
 * variable FASTCHAT_RATING_SYSTEMS and python3 can import numpy, scipy, pandas and tqdm (otherwise the
 * details say "reference absent"); and the coverage study at 40 replications (100 bootstrap replicates each). Reported, not asserted.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { COVERAGE_DESIGNS, type CoverageDesign, coverageStudy } from "../empirical/ratings/coverage.js";
import type { Benchmark } from "./harness.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BATTLES = 150_000;

/** Runs a child process and parses the JSON of its last stdout line. */
function lastJson(cmd: string, args: string[]): Record<string, number> | string {
  const child = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 16 << 20 });
  if (child.status !== 0) return `exit ${child.status}: ${(child.stderr ?? "").trim().split("\n").pop()}`;
  const lines = child.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]!) as Record<string, number>;
}

function arena(args: string[]): Record<string, number> | string {
  return lastJson(process.execPath, ["--import", "tsx", "bench/arena-scale.ts", ...args]);
}

/** FastChat's figures on the same log, or why there are none. */
function fastchat(args: string[]): Record<string, number> | string {
  const path = process.env.FASTCHAT_RATING_SYSTEMS;
  if (path === undefined || !existsSync(path))
    return "reference absent (set FASTCHAT_RATING_SYSTEMS to a copy of lm-sys/FastChat fastchat/serve/monitor/rating_systems.py)";
  const probe = spawnSync("python3", ["-c", "import numpy, scipy, pandas, tqdm"], { encoding: "utf8" });
  if (probe.status !== 0) return "reference absent (python3 cannot import numpy, scipy, pandas and tqdm)";
  return lastJson("python3", ["bench/fastchat_bt.py", path, ...args]);
}

/** Generates the log in a scratch directory, runs `measure`, removes the directory. */
function withLog<T>(measure: (log: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "mm-arena-"));
  try {
    const log = join(dir, "arena.csv");
    const gen = arena(["generate", log, String(BATTLES)]);
    if (typeof gen === "string") throw new Error(`generating the arena log failed: ${gen}`);
    return measure(log);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cpuOf(r: Record<string, number> | string): number {
  return typeof r === "string" ? Number.NaN : r.cpuSeconds!;
}

export const benchmarks: Benchmark[] = [
  {
    name: "ratings/arena-150k-fit",
    description:
      "Stream, aggregate and fit Bradley-Terry on 150,000 battles of 120 models (8 categories, both ties): CPU seconds of the overall fit (as compute_bt) in its own process; the fit with every category, peak memory and FastChat's compute_bt on the same log in details",
    run: () =>
      withLog((log) => {
        const overall = arena(["fit-overall", log]);
        const all = arena(["fit", log]);
        const ref = fastchat([log, "fit"]);
        return {
          value: cpuOf(overall),
          unit: "s CPU",
          better: "lower",
          ...(typeof ref === "string" ? {} : { target: ref.cpuSeconds! }),
          details: { battles: BATTLES, overall, overallAndCategories: all, fastchatComputeBt: ref },
        };
      }),
  },
  {
    name: "ratings/arena-150k-bootstrap-20",
    description:
      "20 whole-log bootstrap replicates (overall and 8 category fits each) of the 150,000-battle log on 2 workers: CPU seconds of the process; peak memory and FastChat's compute_bootstrap_bt (overall only, 2 processes) in details",
    run: () =>
      withLog((log) => {
        const ours = arena(["bootstrap", log, "20", "2"]);
        const ref = fastchat([log, "bootstrap", "20", "2"]);
        return {
          value: cpuOf(ours),
          unit: "s CPU",
          better: "lower",
          details: { battles: BATTLES, replicates: 20, workers: 2, ours, fastchatComputeBootstrapBt: ref },
        };
      }),
  },
  {
    name: "ratings/coverage-study-40",
    description:
      "The coverage study of docs/pairwise.md at 40 replications per design (100 bootstrap replicates, resample battles, seed 1): CPU seconds; each interval's coverage in details",
    run: () => {
      const t0 = process.cpuUsage();
      const coverage: Record<string, number> = {};
      for (const design of Object.keys(COVERAGE_DESIGNS) as CoverageDesign[])
        for (const r of coverageStudy(design, { replications: 40, bootstrap: 100, seed: "1" }))
          coverage[`${design}: ${r.interval}`] = Number((100 * r.coverage).toFixed(1));
      const cpu = process.cpuUsage(t0);
      return {
        value: (cpu.user + cpu.system) / 1e6,
        unit: "s CPU",
        better: "lower",
        details: { replications: 40, bootstrap: 100, coveragePercent: coverage },
      };
    },
  },
];
