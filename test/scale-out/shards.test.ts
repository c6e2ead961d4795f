/**
 * The shard contract (src/io/shard.ts, cli/shard.ts, `modelmarket merge`): for `check`, a `compare`
 * sweep and a bootstrap, shards merged in any order give the bytes of one process; a shard's exit
 * status is 0 whatever it found; `--skip-existing` redoes only what is missing; the merge refuses every
 * kind of bad shard set with one line naming the file and the field.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spec as calibrate } from "../../cli/commands/calibrate-flags.js";
import { command as check } from "../../cli/commands/check.js";
import { spec as compare } from "../../cli/commands/compare-flags.js";
import { spec as empirical } from "../../cli/commands/empirical-flags.js";
import { spec as ratings } from "../../cli/commands/ratings-flags.js";
import {
  arrayList,
  canonicalJson,
  decodeNumbers,
  encodeNumbers,
  parseShardSpec,
  shardIndices,
} from "../../src/io/shard.js";
import { runCli } from "../helpers/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "modelmarket-shards-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let serial = 0;
const newDir = () => join(tmp, `d${serial++}`);

/** Rewrites a shard file with `edit` applied and, unless `keepChecksum`, a fresh checksum. */
function editShard(path: string, edit: (o: Record<string, unknown>) => void, keepChecksum = false): void {
  const o = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  edit(o);
  if (!keepChecksum) {
    const { checksum: _c, ...rest } = o;
    o.checksum = createHash("sha256").update(canonicalJson(rest)).digest("hex");
  }
  writeFileSync(path, `${JSON.stringify(o)}\n`);
}

async function shards(argv: string[], count: number, order: number[], dir = newDir()): Promise<string> {
  for (const k of order) {
    const r = await runCli([...argv, "--shard", `${k}/${count}`, "--out", dir]);
    expect(r.stdout).toBe(
      `modelmarket: wrote ${join(dir, `shard-${k}-of-${count}.json`)}; merge all ${count} with: modelmarket merge ${dir}\n`,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  }
  return dir;
}

describe("shard contract: primitives", () => {
  it("k/N, round-robin indices, --array lists, lossless numbers", () => {
    expect(parseShardSpec("3/16")).toEqual({ index: 3, count: 16 });
    for (const bad of ["0/4", "5/4", "1/0", "a/b", "1/2/3", "-1/2"])
      expect(() => parseShardSpec(bad)).toThrow(/^shard: /);
    expect(shardIndices(7, { index: 2, count: 3 })).toEqual([1, 4]);
    // every unit in exactly one shard
    const all = [1, 2, 3].flatMap((index) => shardIndices(10, { index, count: 3 })).sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(arrayList([9, 2, 3, 4, 7, 3])).toBe("2-4,7,9");
    const xs = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0.1 + 0.2, 1e-320];
    const back = decodeNumbers(JSON.parse(JSON.stringify(encodeNumbers({ xs })))) as { xs: number[] };
    back.xs.forEach((x, i) => {
      expect(Object.is(x, xs[i])).toBe(true);
    });
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });
});

describe("check: shards merge to the bytes of one process", () => {
  // C6 at 500 instances has violations (a finding): shards still exit 0
  const argv = [
    "check",
    "--claim",
    "C6",
    "--claim",
    "C1",
    "--instances",
    "500",
    "--seed",
    "1",
    "--workers",
    "1",
  ];

  it("any order, text and JSON; findings exit 1 only at the merge, 0 with --findings-exit 0", async () => {
    const dir = await shards(argv, 3, [3, 1, 2]);
    const one = await runCli([...argv, "--json"]);
    expect(one.code).toBe(1);
    const merged = await runCli(["merge", dir, "--json"]);
    expect(merged.stdout).toBe(one.stdout);
    expect(merged.code).toBe(1);
    const text = await runCli(["check", "merge", dir]);
    expect(text.stdout).toBe((await runCli(argv)).stdout);
    expect((await runCli(["merge", dir, "--findings-exit", "0"])).code).toBe(0);
    expect((await runCli([...argv, "--findings-exit", "0"])).code).toBe(0);
    // a counterexample is regenerated and shrunk by the merge
    expect(
      JSON.parse(merged.stdout).claims.find((c: { id: string }) => c.id === "C6").counterexample,
    ).not.toBeNull();
  });

  it("--skip-existing skips an intact shard and redoes a damaged one", async () => {
    const dir = await shards(argv, 2, [1, 2]);
    const path = join(dir, "shard-1-of-2.json");
    const before = statSync(path).mtimeMs;
    const again = await runCli([...argv, "--shard", "1/2", "--out", dir, "--skip-existing"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already in .*; skipped/);
    expect(statSync(path).mtimeMs).toBe(before);
    writeFileSync(path, "{ half a fi");
    const redo = await runCli([...argv, "--shard", "1/2", "--out", dir, "--skip-existing"]);
    expect(redo.stdout).toMatch(/wrote/);
    expect((await runCli(["merge", dir, "--json"])).stdout).toBe((await runCli([...argv, "--json"])).stdout);
  });

  it("a shard refuses output flags, and a folder of another job", async () => {
    const dir = await shards(argv, 2, [1]);
    const r = await runCli([...argv, "--shard", "1/2", "--out", dir, "--output", "x.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--output: not with --shard/);
    const other = await runCli([
      "check",
      "--claim",
      "C6",
      "--instances",
      "600",
      "--shard",
      "1/2",
      "--out",
      dir,
      "--skip-existing",
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/shard-1-of-2\.json: \$\.key: belongs to another job/);
    expect((await runCli([...argv, "--out", dir])).stderr).toMatch(/--out: only applies with --shard/);
  });
});

describe("merge --help", () => {
  it("lists every output flag of every command that can be sharded, with the commands that take it", async () => {
    const r = await runCli(["merge", "--help"]);
    expect(r.code).toBe(0);
    const flagLines = r.stdout.split("\n").filter((l) => /^ {2}--/.test(l));
    const specs = [check, compare, empirical, ratings, calibrate];
    for (const { name, renderFlags } of specs) {
      expect(renderFlags?.length, name).toBeGreaterThan(0);
      for (const flag of renderFlags ?? []) {
        const line = flagLines.find((l) => l.startsWith(`  --${flag} `));
        expect(line, `--${flag}`).toBeDefined();
        expect(line, `--${flag}`).toMatch(new RegExp(`for a job of .*\\b${name}\\b`));
      }
    }
    expect(flagLines.find((l) => l.startsWith("  --output "))).toMatch(/for a job of check or compare \(/);
  });
});

describe("merge refuses what does not add up to one run", () => {
  const argv = ["check", "--claim", "C1", "--claim", "C5-entry", "--instances", "400", "--workers", "1"];
  const fresh = () => shards(argv, 3, [1, 2, 3]);
  const refuse = async (paths: string[], pattern: RegExp) => {
    const r = await runCli(["merge", ...paths]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  };

  it("a shard edited without its checksum", async () => {
    const dir = await fresh();
    editShard(
      join(dir, "shard-2-of-3.json"),
      (o) => ((o.payload as { claims: Array<{ tried: number }> }).claims[0]!.tried = 123_456),
      true,
    );
    await refuse([dir], /shard-2-of-3\.json: \$\.checksum: does not match the contents/);
  });

  it("a shard edited to claim 123,456 instances, checksum and all", async () => {
    const dir = await fresh();
    editShard(
      join(dir, "shard-2-of-3.json"),
      (o) => ((o.payload as { claims: Array<{ tried: number }> }).claims[0]!.tried = 123_456),
    );
    await refuse(
      [dir],
      /shard-2-of-3\.json: \$\.payload\.claims\[0\]\.tried: 123,456 instances, but shard 2\/3 of C1 has exactly 150 to try/,
    );
  });

  it("a first hit outside the shard, or hits without one", async () => {
    const dir = await fresh();
    editShard(join(dir, "shard-1-of-3.json"), (o) => {
      const c = (o.payload as { claims: Array<{ hits: number; firstHit: number | null }> }).claims[0]!;
      c.hits = 1;
      c.firstHit = 260; // chunk 1 (250..499) belongs to shard 2
    });
    await refuse([dir], /\$\.payload\.claims\[0\]\.firstHit: 260 is not an instance of shard 1\/3/);
  });

  it("shards of different builds, versions or flags", async () => {
    let dir = await fresh();
    editShard(join(dir, "shard-3-of-3.json"), (o) => (o.build = "0".repeat(64)));
    await refuse(
      [dir],
      /shard-3-of-3\.json: \$\.build: 000000000000 here but .* shards of different builds cannot be merged/,
    );
    dir = await fresh();
    editShard(join(dir, "shard-3-of-3.json"), (o) => (o.tool = "modelmarket 0.0.9"));
    await refuse(
      [dir],
      /shard-3-of-3\.json: \$\.tool: modelmarket 0\.0\.9 here but modelmarket \d.* different versions/,
    );
    const a = await fresh();
    const b = await shards([...argv, "--seed", "2"], 3, [2]);
    copyFileSync(join(b, "shard-2-of-3.json"), join(a, "shard-2-of-3.json"));
    await refuse([a], /\$\.key: command line ".*--seed 2" differs from .*: shards of different jobs/);
  });

  it("missing shards, as a ready --array list; a shard given twice; a renamed file; no shards", async () => {
    const dir = await shards(argv, 5, [1, 3]);
    await refuse([dir], /3 of 5 shards missing; run them again with --array=2,4-5/);
    const full = await fresh();
    await refuse([full, join(full, "shard-2-of-3.json")], /shard 2\/3 given twice/);
    const renamed = await fresh();
    copyFileSync(join(renamed, "shard-1-of-3.json"), join(renamed, "shard-2-of-3.json"));
    await refuse([renamed], /shard-2-of-3\.json: \$\.shard: says 1\/3 but the file is named for 2\/3/);
    await refuse([newDir()], /cannot read file \(no such file\)/);
    const empty = await shards(argv, 2, [1]);
    rmSync(join(empty, "shard-1-of-2.json"));
    await refuse([empty], /no shard files/);
  });

  it("an input file changed since the shards read it", async () => {
    const market = join(tmp, "c5.json");
    copyFileSync("examples/c5-witness.json", market);
    const sweep = ["compare", market, "--entry", "top-k:k=1", "--sweep", "eps=0:1:5"];
    const dir = await shards(sweep, 2, [1, 2]);
    writeFileSync(market, `${readFileSync(market, "utf8")}\n`);
    await refuse([dir], /c5\.json: changed since the shards read it/);
  });
});

describe("compare sweep and bootstrap: shards merge to the bytes of one process", () => {
  it("a sweep (change points located after the merge), text and JSON", async () => {
    const argv = [
      "compare",
      "examples/c5-witness.json",
      "--entry",
      "top-k:k=1",
      "--sweep",
      "weight.t1=0.05:0.95:19",
    ];
    const dir = await shards(argv, 4, [4, 2, 3, 1]);
    const one = await runCli([...argv, "--json"]);
    expect(JSON.parse(one.stdout).changePoints.length).toBeGreaterThan(0);
    expect((await runCli(["merge", dir, "--json"])).stdout).toBe(one.stdout);
    expect((await runCli(["merge", dir])).stdout).toBe((await runCli(argv)).stdout);
    // a point edited to another grid value is refused
    editShard(join(dir, "shard-2-of-4.json"), (o) => {
      (o.payload as { points: Array<{ values: number[] }> }).points[0]!.values = [0.5];
    });
    const bad = await runCli(["merge", dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /shard-2-of-4\.json: \$\.payload\.points\[0\]: values \[0\.5\] are not grid point 1/,
    );
    expect(
      (
        await runCli([
          "compare",
          "examples/c5-witness.json",
          "--entry",
          "top-k:k=1",
          "--shard",
          "1/2",
          "--out",
          dir,
        ])
      ).stderr,
    ).toMatch(/--shard: only applies with --sweep/);
  });

  it("ratings --bootstrap, on 1 and 2 workers per shard", async () => {
    const argv = ["ratings", "test/fixtures/pairwise/battles.csv", "--bootstrap", "39", "--seed", "3"];
    const dir = newDir();
    await shards([...argv, "--workers", "2"], 2, [2], dir);
    await shards(argv, 2, [1], dir);
    const one = await runCli([...argv, "--json"]);
    expect(one.code).toBe(0);
    expect((await runCli(["merge", dir, "--json"])).stdout).toBe(one.stdout);
    editShard(join(dir, "shard-1-of-2.json"), (o) => {
      (o.payload as { replicates: unknown[] }).replicates.pop();
    });
    expect((await runCli(["merge", dir])).stderr).toMatch(
      /\$\.payload\.replicates: 19 results, but shard 1\/2 of 39 has exactly 20/,
    );
    expect(
      (await runCli(["ratings", "test/fixtures/pairwise/battles.csv", "--shard", "1/2", "--out", dir]))
        .stderr,
    ).toMatch(/--shard: only applies with --bootstrap N/);
  });
});
