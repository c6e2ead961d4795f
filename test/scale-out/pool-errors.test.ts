/**
 * The one worker pool's error policy (src/threads.ts): a user error thrown on a worker thread reaches
 * the caller as the same class with the same fields and one-line message as on the main thread (so the
 * command line prints it and exits 2), for the pool itself and for each parallel job: the checker, a
 * compare sweep, the bootstrap. Anything else is an InternalError carrying the worker's stack.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { computeReplicates } from "../../empirical/bootstrap-pool.js";
import { runCheck } from "../../proofs-check/runner.js";
import { runSweepPoints } from "../../solvers/compare/pool.js";
import { InputError, InternalError } from "../../src/errors.js";
import { readMarketFile } from "../../src/io/marketFile.js";
import { readScoreTable } from "../../src/io/scoreTable.js";
import { ThreadPool } from "../../src/threads.js";
import { WorkLimitError } from "../../src/work.js";
import { runBuiltCli } from "../helpers/cli.js";
import { buildMissing } from "../helpers/sandbox.js";
import { throwingClaim } from "./fixtures/throwing-claim.js";

/** The error `f` rejects with. */
async function caught(f: () => Promise<unknown>): Promise<Error> {
  try {
    await f();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

describe("ThreadPool: errors cross threads with their class, fields and message", () => {
  it("InputError, WorkLimitError, a bug; results in job order", async () => {
    const pool = new ThreadPool<{ kind: string; value: number }, number>(
      import.meta.url,
      "fixtures/throwing-worker",
      {},
      2,
      "test",
    );
    try {
      expect(await pool.map([1, 2, 3, 4, 5].map((value) => ({ kind: "ok", value })))).toEqual([
        2, 4, 6, 8, 10,
      ]);
      const input = await caught(() =>
        pool.map([
          { kind: "ok", value: 1 },
          { kind: "input", value: -1 },
        ]),
      );
      const here = new InputError("m.json", "$.tasks[0].weight", "must be >= 0, got -1");
      expect(input).toBeInstanceOf(InputError);
      expect(input.message).toBe(here.message);
      expect((input as InputError).where).toBe("$.tasks[0].weight");
      const limit = await caught(() => pool.map([{ kind: "limit", value: 2_000_000 }]));
      const hereLimit = new WorkLimitError("maxProfiles", 2_000_000, 200_000, "joint strategy profiles");
      expect(limit).toBeInstanceOf(WorkLimitError);
      expect(limit.message).toBe(hereLimit.message);
      expect((limit as WorkLimitError).problem).toBe(hereLimit.problem);
      expect((limit as WorkLimitError).limitName).toBe("maxProfiles");
      expect((limit as WorkLimitError).estimate).toBe(2_000_000);
      const bug = await caught(() => pool.map([{ kind: "bug", value: 0 }]));
      expect(bug).toBeInstanceOf(InternalError);
      expect(bug.message).toMatch(/internal error: test worker: Error: an invariant broke\n\s+at /);
    } finally {
      await pool.close();
    }
  });
});

describe("each parallel job passes a worker's user error on unchanged", () => {
  it("the checker (a claim that throws on instances 300 and 700)", async () => {
    for (const [instances, cls, text] of [
      [500, WorkLimitError, "123,456 things to do exceed the limit of 1,000 (maxThings)"],
      [240, undefined, ""],
    ] as const) {
      const one = runCheck([throwingClaim], { instances, workers: 1 });
      const two = runCheck([throwingClaim], { instances, workers: 2 });
      if (cls === undefined) {
        expect((await two).claims[0]!.tried).toBe((await one).claims[0]!.tried);
        continue;
      }
      const e1 = await caught(() => one);
      const e2 = await caught(() => two);
      expect(e2).toBeInstanceOf(cls);
      expect(e2.message).toBe(e1.message);
      expect(e2.message).toBe(text);
    }
    const input = await caught(() =>
      runCheck([throwingClaim], { instances: 800, workers: 2, shard: { index: 2, count: 2 } }),
    );
    // shard 2 of 2 holds the second half, chunks 2 and 3 (instances 500..799): 700 is its
    expect(input).toBeInstanceOf(InputError);
    expect(input).not.toBeInstanceOf(WorkLimitError);
    expect(input.message).toBe("claim.json: $.things[3]: must be a thing");
  });

  it("a compare sweep (an unknown rule reaches the workers)", async () => {
    const market = readMarketFile("examples/c5-witness.json");
    const task = {
      market,
      question: { kind: "entry" as const, entrant: { name: "E", space: { kind: "top-k" as const, k: 1 } } },
      rules: ["winrate", "no-such-rule"],
      axes: [{ name: "eps", from: 0, to: 1, points: 4 }],
      opts: {},
    };
    const grid = [[0], [1 / 3], [2 / 3], [1]];
    const one = await caught(() => runSweepPoints(task, grid, 1));
    const two = await caught(() => runSweepPoints(task, grid, 2));
    expect(two).toBeInstanceOf(InputError);
    expect(two.constructor).toBe(one.constructor);
    expect(two.message).toBe(one.message);
    expect(two.message).toMatch(/no-such-rule/);
  });

  it("the bootstrap (a fitted noise without judgements, in every replicate)", async () => {
    const spec = {
      table: readScoreTable("data/mtbench101_task_scores.csv"),
      selection: { fit: "logit" as const },
      replicates: 6,
      seed: "1",
    };
    const one = await caught(() => computeReplicates(spec, { workers: 1 }));
    const two = await caught(() => computeReplicates(spec, { workers: 2 }));
    expect(one).toBeInstanceOf(InputError);
    expect(two).toBeInstanceOf(InputError);
    expect(two.message).toBe(one.message);
    expect(two.message).toBe("selection: a fitted noise needs a score table and pairwise data");
  });
});

// the built command line (dist/, as bin/modelmarket.js runs it): its worker threads start from the
// compiled modules, as an installed command's do
describe("on the command line: the same one line and exit 2 on any number of workers", () => {
  const dir = mkdtempSync(join(tmpdir(), "modelmarket-pool-errors-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("ratings --prior none: resampled judgements where a model never wins, found on a worker", async () => {
    // every model wins and loses in the data, so the point estimate exists; some replicates lose A's
    // only win, and --prior none refuses them: the error of the earliest such replicate, on any workers
    const file = join(dir, "battles.csv");
    writeFileSync(
      file,
      "model_a,model_b,winner\nA,B,model_a\nA,B,model_b\nA,B,model_b\nA,B,model_b\nA,B,model_b\nB,C,model_a\nB,C,model_b\nB,C,model_a\nA,C,model_b\nA,C,model_b\n",
    );
    expect(buildMissing()).toBeUndefined();
    expect((await runBuiltCli(["ratings", file, "--prior", "none"])).code).toBe(0);
    const runs = [];
    // one thread, two, and two on a shard: three different orders of the replicates' jobs
    for (const w of ["1", "2"])
      runs.push(await runBuiltCli(["ratings", file, "--prior", "none", "--bootstrap", "40", "--workers", w]));
    runs.push(
      await runBuiltCli([
        "ratings",
        file,
        "--prior",
        "none",
        "--bootstrap",
        "40",
        "--workers",
        "2",
        "--shard",
        "1/1",
        "--out",
        join(dir, "s"),
      ]),
    );
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(runs[0]!.stderr);
    }
    // one line naming the flag (the wording is the ratings code's own)
    expect(runs[0]!.stderr).toMatch(/^modelmarket ratings: --prior: [^\n]+\n$/);
  });
});
