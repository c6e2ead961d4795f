/**
 * Ratings at arena scale and the coverage study, in small settings (docs/pairwise.md has the full
 * ones): a seeded 150,000-battle log of 120 models in 8 categories (bench/arena-scale.ts, a tenth of
 * the 1.5 million) rated by the built command line (`modelmarket ratings LOG --task overall`,
 * and with every category) and bootstrapped, each in a child process that reports its own CPU time and
 * peak memory, side by side with FastChat's `compute_bt` (overall, and once per category) and
 * `compute_bootstrap_bt` on the same log (bench/fastchat_bt.py) when a copy of its
 * `fastchat/serve/monitor/rating_systems.py` is named by the environment variable
 * FASTCHAT_RATING_SYSTEMS and the Python named by FASTCHAT_PYTHON (default python3) can import numpy,
 * scipy, pandas and tqdm (otherwise the details say "reference absent"); and the coverage study at 40
 * replications (100 bootstrap replicates each). Reported, not asserted.
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

const PRELOAD = new URL("./cpu-at-exit.mjs", import.meta.url).href;

/** CPU seconds and peak memory of one run of the built command line (`npm run bench` builds first). */
function cli(args: string[]): Record<string, number> | string {
  const child = spawnSync(process.execPath, ["--import", PRELOAD, "bin/modelmarket.js", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (child.status !== 0) return `exit ${child.status}: ${(child.stderr ?? "").trim().split("\n").pop()}`;
  const cpu = /cpu-us (\d+)/.exec(child.stderr);
  const rss = /maxrss-kb (\d+)/.exec(child.stderr);
  if (cpu === null || rss === null) return "no CPU or memory figure on stderr";
  return { cpuSeconds: Number(cpu[1]) / 1e6, maxRssMB: Number(rss[1]) / 1024 };
}

/** FastChat's figures on the same log, or why there are none. */
function fastchat(args: string[]): Record<string, number> | string {
  const path = process.env.FASTCHAT_RATING_SYSTEMS;
  if (path === undefined || !existsSync(path))
    return "reference absent (set FASTCHAT_RATING_SYSTEMS to a copy of lm-sys/FastChat fastchat/serve/monitor/rating_systems.py)";
  const python = process.env.FASTCHAT_PYTHON ?? "python3";
  const probe = spawnSync(python, ["-c", "import numpy, scipy, pandas, tqdm"], { encoding: "utf8" });
  if (probe.status !== 0) return `reference absent (${python} cannot import numpy, scipy, pandas and tqdm)`;
  return lastJson(python, ["bench/fastchat_bt.py", path, ...args]);
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
      "Read and fit Bradley-Terry on 150,000 battles of 120 models (8 categories, both ties) with the built command line: CPU seconds of `modelmarket ratings LOG --task overall` (as FastChat's compute_bt, the target when FastChat runs here); the run with every category, peak memory and FastChat's compute_bt (overall, and once per category) on the same log in details, measured alternately",
    run: () =>
      withLog((log) => {
        // FastChat first, then ours, then the same for every category: machine load hits both alike
        const ref = fastchat([log, "fit"]);
        const overall = cli(["ratings", log, "--task", "overall"]);
        const refCategories = fastchat([log, "fit-categories"]);
        const all = cli(["ratings", log]);
        return {
          value: cpuOf(overall),
          unit: "s CPU",
          better: "lower",
          ...(typeof ref === "string" ? {} : { target: ref.cpuSeconds! }),
          details: {
            battles: BATTLES,
            overall,
            overallAndCategories: all,
            fastchatComputeBt: ref,
            fastchatComputeBtPerCategory: refCategories,
          },
        };
      }),
  },
  {
    name: "ratings/arena-150k-bootstrap-40",
    description:
      "40 whole-log bootstrap replicates (the fewest runBootstrap accepts is 39; overall and 8 category fits each) of the 150,000-battle log on 2 workers: CPU seconds of the process; peak memory and FastChat's compute_bootstrap_bt (overall only, 2 processes) in details",
    run: () =>
      withLog((log) => {
        const ours = arena(["bootstrap", log, "40", "2"]);
        const ref = fastchat([log, "bootstrap", "40", "2"]);
        return {
          value: cpuOf(ours),
          unit: "s CPU",
          better: "lower",
          details: { battles: BATTLES, replicates: 40, workers: 2, ours, fastchatComputeBootstrapBt: ref },
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
