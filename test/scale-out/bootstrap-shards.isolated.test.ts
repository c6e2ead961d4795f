/**
 * The bootstrap of `empirical`, `calibrate` and `ratings` under the shard contract: a shard computes
 * only its replicates (not the study, not the fit, not the point-estimate leaderboards and controlled
 * fits: those are the merge's), its file holds exactly its slice of the replicates of one whole run,
 * and the merge prints the bytes of one process.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { shardIndices } from "../../src/io/shard.js";
import { runCli } from "../helpers/cli.js";

// counted, not replaced: the shards must not call them, the merge and one process must
const calls = vi.hoisted(() => ({ study: 0, fit: 0 }));
const boards = vi.hoisted(() => ({ leaderboards: 0, controlled: 0 }));
/** The module `m` with its function `name` wrapped to call `count` first (vi.hoisted: the factories below run before the imports). */
const counting = vi.hoisted(() => <M extends object>(m: M, name: keyof M, count: () => void): M => {
  const f = m[name] as (...a: unknown[]) => unknown;
  return {
    ...m,
    [name]: (...a: unknown[]) => {
      count();
      return f(...a);
    },
  };
});
vi.mock("../../empirical/study.js", async (original) =>
  counting(await original<typeof import("../../empirical/study.js")>(), "runEmpiricalStudy", () => {
    calls.study++;
  }),
);
vi.mock("../../empirical/calibrate.js", async (original) =>
  counting(await original<typeof import("../../empirical/calibrate.js")>(), "calibrateNoise", () => {
    calls.fit++;
  }),
);
vi.mock("../../empirical/ratings/leaderboard.js", async (original) =>
  counting(
    await original<typeof import("../../empirical/ratings/leaderboard.js")>(),
    "ratingLeaderboards",
    () => {
      boards.leaderboards++;
    },
  ),
);
vi.mock("../../empirical/ratings/controlled.js", async (original) =>
  counting(
    await original<typeof import("../../empirical/ratings/controlled.js")>(),
    "fitControlledBradleyTerry",
    () => {
      boards.controlled++;
    },
  ),
);
beforeEach(() => {
  calls.study = 0;
  calls.fit = 0;
  boards.leaderboards = 0;
  boards.controlled = 0;
});

const tmp = mkdtempSync(join(tmpdir(), "modelmarket-boot-shards-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let serial = 0;
const newDir = () => join(tmp, `d${serial++}`);

type Payload = Record<string, Array<{ k: number }>>;
const payload = (dir: string, k: number, n: number): Payload =>
  JSON.parse(readFileSync(join(dir, `shard-${k}-of-${n}.json`), "utf8")).payload as Payload;

/** Runs shards `order` of `count` into a new folder; every one exits 0 and prints only where it wrote. */
async function shards(argv: string[], count: number, order: number[]): Promise<string> {
  const dir = newDir();
  for (const k of order) {
    const r = await runCli([...argv, "--shard", `${k}/${count}`, "--out", dir]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^modelmarket: wrote /);
    expect(r.code).toBe(0);
  }
  return dir;
}

/** Each shard's lists are exactly its slice (replicates k-1, k-1+N, ...) of a one-shard run's. */
function expectSlices(dir: string, whole: string, count: number, units: number, fields: string[]): void {
  const all = payload(whole, 1, 1);
  for (let k = 1; k <= count; k++) {
    const mine = payload(dir, k, count);
    expect(Object.keys(mine).sort()).toEqual([...fields].sort());
    const idx = shardIndices(units, { index: k, count });
    for (const f of fields) {
      expect(mine[f]!.map((r) => r.k)).toEqual(idx);
      expect(mine[f]).toEqual(idx.map((i) => all[f]![i]));
    }
  }
}

describe("empirical --bootstrap: shards compute only their replicates", () => {
  const argv = [
    "empirical",
    "test/fixtures/pairwise/scores.csv",
    "--pairwise",
    "test/fixtures/pairwise/battles.csv",
    "--normalize",
    "minmax",
    "--sweep",
    "none",
    "--bootstrap",
    "40",
    "--seed",
    "4",
    "--workers",
    "1",
  ];

  it("no study and no fit in a shard; its file is its slice; the merge is one process's bytes", async () => {
    const dir = await shards(argv, 3, [2, 3, 1]);
    expect(calls).toEqual({ study: 0, fit: 0 });
    const whole = await shards(argv, 1, [1]);
    expectSlices(dir, whole, 3, 40, ["replicates"]);
    const one = await runCli([...argv, "--json"]);
    expect(one.code).toBe(0);
    expect(calls).toEqual({ study: 1, fit: 1 });
    const merged = await runCli(["merge", dir, "--json"]);
    expect(calls).toEqual({ study: 2, fit: 2 });
    expect(merged.stdout).toBe(one.stdout);
    expect(merged.stderr).toBe(one.stderr);
    expect(JSON.parse(merged.stdout).uncertainty.replicates).toBe(40);
    expect((await runCli(["merge", dir])).stdout).toBe((await runCli(argv)).stdout);
  });

  it("a shard refuses what the study would refuse, before any replicate", async () => {
    const r = await runCli([...argv, "--max-replacement-work", "1", "--shard", "1/2", "--out", newDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-replacement-work/);
    expect(r.stdout).toBe("");
  });
});

describe("calibrate --bootstrap: shards under the one contract", () => {
  const argv = [
    "calibrate",
    "test/fixtures/pairwise/scores.csv",
    "--pairwise",
    "test/fixtures/pairwise/battles.csv",
    "--noise",
    "both",
    "--bootstrap",
    "40",
    "--seed",
    "2",
  ];

  it("both noise models in one file per shard; merged JSON, CSV and text are one process's bytes", async () => {
    const dir = await shards(argv, 3, [3, 1]);
    // a shard on 2 workers gives the same file
    const r = await runCli([...argv, "--workers", "2", "--shard", "2/3", "--out", dir]);
    expect(r.code).toBe(0);
    expect(calls.fit).toBe(0);
    expectSlices(dir, await shards(argv, 1, [1]), 3, 40, ["logit", "probit"]);
    for (const flags of [["--json"], ["--csv"], []]) {
      const one = await runCli([...argv, ...flags]);
      expect(one.code).toBe(0);
      const merged = await runCli(["merge", dir, ...flags]);
      expect(merged.stdout).toBe(one.stdout);
      expect(merged.stderr).toBe(one.stderr);
      expect(merged.code).toBe(0);
    }
    expect(JSON.parse((await runCli(["merge", dir, "--json"])).stdout).fits[1].bootstrap.parameter).toBe(
      "sigma",
    );
  });

  it("--skip-existing, a missing shard, work limits, output flags and shard flags without --bootstrap", async () => {
    const dir = await shards(argv, 2, [1]);
    const again = await runCli([...argv, "--shard", "1/2", "--out", dir, "--skip-existing"]);
    expect(again.stdout).toMatch(/already in .*; skipped/);
    const missing = await runCli(["merge", dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/1 of 2 shards missing; run them again with --array=2/);
    const out = await runCli([...argv, "--shard", "2/2", "--out", dir, "--csv"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--csv: not with --shard/);
    // a shard is refused what the whole run would be, before any replicate and without a file
    const dir2 = newDir();
    for (const limit of [
      ["--max-replicates", "4"],
      ["--max-bootstrap-work", "10"],
    ]) {
      const r = await runCli([...argv, ...limit, "--shard", "1/2", "--out", dir2]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(limit[0]!));
      expect(existsSync(dir2)).toBe(false);
    }
    const noBoot = await runCli([...argv.slice(0, 6), "--shard", "1/2", "--out", dir]);
    expect(noBoot.code).toBe(2);
    expect(noBoot.stderr).toMatch(/--shard: only applies with --bootstrap N/);
  });
});

describe("ratings --bootstrap: shards fit no leaderboard", () => {
  // three models, a style covariate `len` (columns len_a, len_b) for --control
  const log = join(tmp, "battles-len.csv");
  const rows = ["model_a,model_b,winner,len_a,len_b"];
  for (let i = 0; i < 48; i++) {
    const a = i % 3;
    const b = (i + 1 + (Math.floor(i / 3) % 2)) % 3;
    const upset = i % 4 === 0;
    const winner = a < b !== upset ? "model_a" : i % 7 === 0 ? "tie" : "model_b";
    rows.push(`${"ABC"[a]},${"ABC"[b]},${winner},${100 + ((i * 37) % 90)},${80 + ((i * 53) % 110)}`);
  }
  writeFileSync(log, `${rows.join("\n")}\n`);
  const argv = ["ratings", log, "--control", "len", "--bootstrap", "40", "--seed", "5", "--workers", "1"];

  it("no point-estimate board and no controlled fit in a shard; the merge is one process's bytes", async () => {
    const dir = await shards(argv, 3, [3, 1, 2]);
    expect(boards).toEqual({ leaderboards: 0, controlled: 0 });
    expectSlices(dir, await shards(argv, 1, [1]), 3, 40, ["replicates"]);
    expect(boards).toEqual({ leaderboards: 0, controlled: 0 });
    for (const flags of [["--json"], ["--csv"], []]) {
      const one = await runCli([...argv, ...flags]);
      expect(one.code).toBe(0);
      const merged = await runCli(["merge", dir, ...flags]);
      expect(merged.stdout).toBe(one.stdout);
      expect(merged.stderr).toBe(one.stderr);
      expect(merged.code).toBe(0);
    }
    // one process and the merge each fit the boards and the controlled ratings once per output
    expect(boards).toEqual({ leaderboards: 6, controlled: 6 });
    expect(JSON.parse((await runCli(["merge", dir, "--json"])).stdout).controlled).not.toBeNull();
  });

  it("a shard is refused the fits' memory limit as the whole run is, before any replicate", async () => {
    // 200 models in a ring: the dense fit alone is 32 x 200^2 bytes, above 1 MB
    const ring = join(tmp, "ring.csv");
    const pairs = Array.from({ length: 200 }, (_, i) => `m${i},m${(i + 1) % 200},model_a`);
    writeFileSync(ring, `model_a,model_b,winner\n${pairs.join("\n")}\n`);
    const big = ["ratings", ring, "--bootstrap", "40", "--max-fit-memory", "1"];
    const dir = newDir();
    const r = await runCli([...big, "--shard", "1/2", "--out", dir]);
    const one = await runCli(big);
    expect(one.code).toBe(2);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(one.stderr);
    expect(r.stderr).toMatch(/--max-fit-memory/);
    expect(existsSync(dir)).toBe(false);
  });
});
