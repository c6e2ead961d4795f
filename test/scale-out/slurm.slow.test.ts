/**
 * The Slurm recipe of docs/scale-out.md, run for real on a single-node Slurm started here
 * (test/scale-out/slurm-local.sh: munged, slurmctld and slurmd on localhost, everything in a scratch
 * folder). The batch scripts are the shipped files, which the docs quote verbatim (checked below); the
 * submissions are the documented blocks as written, read from the docs, with only their sizes made
 * small (each replacement must match once, so the blocks cannot drift from what runs here): a check,
 * a compare sweep, a ratings and a calibrate bootstrap, each merged by its merge job; and a check
 * array with one task cancelled before it runs, its merge job cancelled by the broken dependency, the
 * missing shard named by `modelmarket merge` as `--array=2` and resubmitted by the documented block.
 * Every merge is compared with the one-process bytes. Skips, saying why, where Slurm
 * is not installed (.ci/run installs it with apt-get) or the test is not root (slurmd needs it).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/paths.js";
import { buildMissing, makeSandbox, runShell, type Sandbox } from "../helpers/sandbox.js";

function whySkip(): string | undefined {
  const missing = buildMissing();
  if (missing !== undefined) return missing;
  if (process.getuid?.() !== 0) return "slurmd needs root";
  for (const tool of ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0)
      return `${tool} is not installed (apt-get install slurm-wlm munge; .ci/run does)`;
  }
  return undefined;
}

const why = whySkip();
const SCRIPTS = ["shard-array.sbatch", "merge.sbatch"];
let slurmDir = "";
let box: Sandbox | undefined;

/** Runs bash lines in the sandbox with the local Slurm's configuration. */
function sh(lines: string): { status: number | null; stdout: string; stderr: string } {
  return runShell(
    lines,
    { ...box!, env: { ...box!.env, SLURM_CONF: join(slurmDir, "slurm.conf") } },
    300_000,
  );
}

/** Waits until none of `ids` is pending or running; returns each job's final state. */
function waitFor(ids: string[]): Record<string, string> {
  const r = sh(
    `for i in $(seq 1 600); do [ -z "$(squeue -h -j ${ids.join(",")} 2>/dev/null)" ] && break; sleep 0.5; done; ` +
      ids
        .map((id) => `scontrol show job ${id} -o | grep -o 'JobState=[A-Z_]*' | sed 's/^/${id} /'`)
        .join("; "),
  );
  const states: Record<string, string> = {};
  for (const line of r.stdout.trim().split("\n")) {
    const [id, state] = line.split(" JobState=");
    // an array job lists one line per task: keep the worst
    if (id !== undefined && state !== undefined && states[id] !== "CANCELLED" && states[id] !== "FAILED")
      states[id] = state;
  }
  return states;
}

/** The job ids `sbatch` printed without `--parsable` ("Submitted batch job 17"), in order. */
function submitted(stdout: string): string[] {
  return [...stdout.matchAll(/Submitted batch job (\d+)/g)].map((m) => m[1]!);
}

/** The submission blocks of docs/scale-out.md's Slurm section, as written. */
function docBlocks(): string[] {
  const doc = readFileSync(join(REPO_ROOT, "docs/scale-out.md"), "utf8");
  const runs = [...doc.matchAll(/runs this block as written[^\n]*\n```bash\n([\s\S]*?)```/g)].map(
    (m) => m[1]!,
  );
  expect(runs).toHaveLength(2);
  return runs;
}

/** A documented block with sizes made small: each replacement must match exactly once. */
function smallSizes(block: string, swaps: Array<[string, string]>): string {
  let out = block;
  for (const [from, to] of swaps) {
    expect(out.split(from).length - 1, `"${from}" in the documented block`).toBe(1);
    out = out.replace(from, to);
  }
  return out;
}

describe.skipIf(why !== undefined)(`Slurm recipe on a local Slurm${why ? ` (skipped: ${why})` : ""}`, () => {
  beforeAll(() => {
    slurmDir = mkdtempSync(join(tmpdir(), "modelmarket-slurm-"));
    const up = spawnSync(join(REPO_ROOT, "test/scale-out/slurm-local.sh"), ["start", slurmDir], {
      encoding: "utf8",
    });
    if (up.status !== 0) throw new Error(`local Slurm did not start: ${up.stderr}`);
    box = makeSandbox("slurm");
    for (const s of SCRIPTS) copyFileSync(join(REPO_ROOT, "examples/scale-out", s), join(box.dir, s));
    copyFileSync(join(REPO_ROOT, "test/fixtures/pairwise/battles.csv"), join(box.dir, "battles.csv"));
    copyFileSync(join(REPO_ROOT, "test/fixtures/pairwise/scores.csv"), join(box.dir, "scores.csv"));
    copyFileSync(join(REPO_ROOT, "examples/c5-witness.json"), join(box.dir, "market.json"));
  });
  afterAll(() => {
    if (slurmDir !== "") spawnSync(join(REPO_ROOT, "test/scale-out/slurm-local.sh"), ["stop", slurmDir]);
    box?.remove();
    if (slurmDir !== "") rmSync(slurmDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("the docs quote the shipped batch scripts verbatim", () => {
    const doc = readFileSync(join(REPO_ROOT, "docs/scale-out.md"), "utf8");
    for (const s of SCRIPTS)
      expect(doc).toContain(
        `\`\`\`bash\n${readFileSync(join(REPO_ROOT, "examples/scale-out", s), "utf8")}\`\`\``,
      );
  });

  it("check: a cancelled task, the merge cancelled with it, the documented resubmission, the same bytes", () => {
    const job = "check --claim C1 --claim C6 --instances 600";
    const first = sh(
      [
        "mkdir -p resubmit/logs",
        `cp ${SCRIPTS.join(" ")} resubmit/`,
        "cd resubmit",
        "export N=4 OUT=shards/check",
        // held, so that task 2 is cancelled before it runs (as a node failure would leave it)
        `jid=$(sbatch --parsable --hold --array=1-$N shard-array.sbatch ${job})`,
        `mid=$(sbatch --parsable --dependency=afterok:$jid merge.sbatch --output check.json --findings-exit 0)`,
        'scancel "$jid"_2',
        "scontrol release $jid",
        "echo $jid $mid",
      ].join("\n"),
    );
    expect(first.status, first.stderr).toBe(0);
    const [arrayId, mergeId] = first.stdout.trim().split(" ");
    const states = waitFor([arrayId!, mergeId!]);
    expect(states[mergeId!]).toBe("CANCELLED");
    expect(existsSync(join(box!.dir, "resubmit", "check.json"))).toBe(false);
    const missing = sh("cd resubmit && modelmarket merge shards/check");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/1 of 4 shards missing; run them again with --array=2 /);
    // the documented resubmission block, with the listed shard and the small job
    const block = smallSizes(docBlocks()[1]!, [
      ["--array=3,7", "--array=2"],
      ["check --instances 200000", job],
    ]);
    const again = sh(["cd resubmit", "export N=4 OUT=shards/check", block].join("\n"));
    expect(again.status, again.stderr).toBe(0);
    const [mergeAgain] = submitted(again.stdout);
    expect(waitFor([mergeAgain!])[mergeAgain!]).toBe("COMPLETED");
    const one = sh(`modelmarket ${job} --json`);
    expect(readFileSync(join(box!.dir, "resubmit", "check.json"), "utf8")).toBe(one.stdout);
  }, 400_000);

  it("the documented submissions (check, compare sweep, ratings and calibrate bootstraps): one process's bytes", () => {
    const check = "check --claim C1 --claim C6 --instances 600";
    const sweep = "compare market.json --entry top-k:k=1 --sweep beta=1:50:9";
    const ratings = "ratings battles.csv --bootstrap 40";
    const calibrate = "calibrate scores.csv --pairwise battles.csv --noise both --bootstrap 40";
    const block = smallSizes(docBlocks()[0]!, [
      ["export N=16 OUT=shards/check", "export N=3 OUT=shards/check"],
      ["check --instances 200000", check],
      ["export N=8 OUT=shards/sweep", "export N=3 OUT=shards/sweep"],
      ["compare market.json --entry top-k:k=1 --sweep beta=1:50:400", sweep],
      ["export N=10 OUT=shards/boot", "export N=2 OUT=shards/boot"],
      ["ratings battles.csv --bootstrap 1000", ratings],
      ["export N=10 OUT=shards/calibrate", "export N=2 OUT=shards/calibrate"],
      ["calibrate scores.csv --pairwise battles.csv --noise both --bootstrap 1000", calibrate],
    ]);
    const r = sh(block);
    expect(r.status, r.stderr).toBe(0);
    const merges = submitted(r.stdout);
    expect(merges).toHaveLength(4);
    const states = waitFor(merges);
    expect(Object.values(states)).toEqual(["COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED"]);
    const log = (id: string) => readFileSync(join(box!.dir, "logs", `modelmarket-merge-${id}.out`), "utf8");
    expect(readFileSync(join(box!.dir, "check.json"), "utf8")).toBe(sh(`modelmarket ${check} --json`).stdout);
    // a merge job's log holds what it printed on both streams, in order, as one process's `2>&1`
    expect(log(merges[1]!)).toBe(sh(`modelmarket ${sweep} --json 2>&1`).stdout);
    expect(log(merges[2]!)).toBe(sh(`modelmarket ${ratings} --csv 2>&1`).stdout);
    const cal = sh(`modelmarket ${calibrate} --json 2>&1`).stdout;
    expect(cal).toMatch(/"parameter": "sigma"/);
    expect(log(merges[3]!)).toBe(cal);
  }, 400_000);
});
