/**
 * The Slurm recipe of docs/scale-out.md, run for real on a single-node Slurm started here
 * (test/scale-out/slurm-local.sh: munged, slurmctld and slurmd on localhost, everything in a scratch
 * folder). The batch scripts are the shipped files, which the docs quote verbatim (checked below); the
 * submissions are the documented lines with small sizes. For `check`: a job array with one task
 * cancelled before it runs, its merge job cancelled by the broken dependency, the missing shard named
 * by `modelmarket merge` as `--array=2` and resubmitted alone with a new merge job; then a compare sweep
 * and a bootstrap. Every merge is compared with the one-process bytes. Skips, saying why, where Slurm
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
  });
  afterAll(() => {
    if (slurmDir !== "") spawnSync(join(REPO_ROOT, "test/scale-out/slurm-local.sh"), ["stop", slurmDir]);
    box?.remove();
    if (slurmDir !== "") rmSync(slurmDir, { recursive: true, force: true });
  });

  it("the docs quote the shipped batch scripts verbatim", () => {
    const doc = readFileSync(join(REPO_ROOT, "docs/scale-out.md"), "utf8");
    for (const s of SCRIPTS)
      expect(doc).toContain(
        `\`\`\`bash\n${readFileSync(join(REPO_ROOT, "examples/scale-out", s), "utf8")}\`\`\``,
      );
  });

  it("check: a cancelled task, the merge cancelled with it, the shard resubmitted alone, the same bytes", () => {
    const job = "check --claim C1 --claim C6 --instances 600";
    const first = sh(
      [
        "mkdir -p logs",
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
    expect(existsSync(join(box!.dir, "check.json"))).toBe(false);
    const missing = sh("modelmarket merge shards/check");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/1 of 4 shards missing; run them again with --array=2 /);
    const again = sh(
      [
        "export N=4 OUT=shards/check",
        `jid=$(sbatch --parsable --array=2 shard-array.sbatch ${job})`,
        "sbatch --parsable --dependency=afterok:$jid merge.sbatch --output check.json --findings-exit 0",
      ].join("\n"),
    );
    expect(again.status, again.stderr).toBe(0);
    const mergeAgain = again.stdout.trim();
    expect(waitFor([mergeAgain])[mergeAgain]).toBe("COMPLETED");
    const one = sh(`modelmarket ${job} --json`);
    expect(readFileSync(join(box!.dir, "check.json"), "utf8")).toBe(one.stdout);
  });

  it("a compare sweep and a ratings bootstrap: merge jobs after the arrays, the same bytes", () => {
    const sweep = "compare examples/c5-witness.json --entry top-k:k=1 --sweep weight.t1=0.05:0.95:19";
    const boot = "ratings battles.csv --bootstrap 12 --seed 3";
    const r = sh(
      [
        "export N=3 OUT=shards/sweep",
        `jid=$(sbatch --parsable --array=1-$N shard-array.sbatch ${sweep})`,
        "m1=$(sbatch --parsable --dependency=afterok:$jid merge.sbatch --output sweep.json)",
        "export N=2 OUT=shards/boot",
        `jid=$(sbatch --parsable --array=1-$N shard-array.sbatch ${boot})`,
        "m2=$(sbatch --parsable --dependency=afterok:$jid merge.sbatch --json)",
        "echo $m1 $m2",
      ].join("\n"),
    );
    expect(r.status, r.stderr).toBe(0);
    const [m1, m2] = r.stdout.trim().split(" ");
    const states = waitFor([m1!, m2!]);
    expect(states).toEqual({ [m1!]: "COMPLETED", [m2!]: "COMPLETED" });
    sh(`modelmarket ${sweep} --output sweep-one.json > /dev/null`);
    expect(readFileSync(join(box!.dir, "sweep.json"), "utf8")).toBe(
      readFileSync(join(box!.dir, "sweep-one.json"), "utf8"),
    );
    const log = readFileSync(join(box!.dir, "logs", `modelmarket-merge-${m2}.out`), "utf8");
    expect(log).toBe(sh(`modelmarket ${boot} --json`).stdout);
  });
});
