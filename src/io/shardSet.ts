/**
 * Reading a set of shard files as one job (the merge's side of the contract in `shard.ts`): every shard
 * once, one version, build, job and count, inputs unchanged; and, for `--skip-existing`, whether a
 * shard's file is already done.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { cannotReadError } from "../textFile.js";
import {
  arrayList,
  buildIdentity,
  canonicalJson,
  hashFile,
  readShardFile,
  SHARD_FILE_NAME,
  type ShardFile,
  type ShardJob,
  type ShardSpec,
  shardFileName,
  shardKey,
} from "./shard.js";

/** The shard files under `paths`: each a folder (its `shard-k-of-N.json` files) or a file. */
export function listShardFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (err) {
      throw cannotReadError(p, err);
    }
    if (!isDir) {
      out.push(p);
      continue;
    }
    const names = readdirSync(p).filter((n) => SHARD_FILE_NAME.test(n));
    names.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    out.push(...names.map((n) => join(p, n)));
  }
  return out;
}

/**
 * Reads the shards under `paths` and checks that they are one whole job: one format, tool and
 * build, one key (job, command line, inputs), one shard count, every index once. Returns them by
 * index.
 *
 * @throws InputError for no shard files, a bad file (see `readShardFile`), different tools, builds,
 *   jobs or counts, a shard given twice, or missing shards (listed as a ready `--array=` list).
 * @example
 * const shards = readShardSet(["shards"]); // shards[0] is shard 1
 */
export function readShardSet(paths: readonly string[]): ShardFile[] {
  const files = listShardFiles(paths);
  if (files.length === 0)
    throw new InputError(paths.join(" "), undefined, "no shard files (shard-k-of-N.json) to merge");
  const shards = files.map(readShardFile);
  const first = shards[0]!;
  const differ = (s: ShardFile, what: string, a: string, b: string): never => {
    throw new InputError(
      s.path,
      `$.${what}`,
      `${b} here but ${a} in ${first.path}: shards of different ${what === "build" ? "builds" : what === "tool" ? "versions" : "jobs"} cannot be merged`,
    );
  };
  for (const s of shards) {
    if (s.tool !== first.tool) differ(s, "tool", first.tool, s.tool);
    if (s.build !== first.build) differ(s, "build", first.build.slice(0, 12), s.build.slice(0, 12));
    if (s.key !== first.key) {
      const what =
        s.job !== first.job
          ? `job ${s.job}`
          : canonicalJson(s.command) !== canonicalJson(first.command)
            ? `command line "${s.command.join(" ")}"`
            : "input files";
      throw new InputError(
        s.path,
        "$.key",
        `${what} differs from ${first.path}: shards of different jobs cannot be merged`,
      );
    }
    if (s.shard.count !== first.shard.count)
      throw new InputError(
        s.path,
        "$.shard.count",
        `${s.shard.count} shards here but ${first.shard.count} in ${first.path}`,
      );
  }
  const count = first.shard.count;
  const byIndex: Array<ShardFile | undefined> = Array.from({ length: count }, () => undefined);
  for (const s of shards) {
    const prev = byIndex[s.shard.index - 1];
    if (prev !== undefined)
      throw new InputError(
        s.path,
        "$.shard",
        `shard ${s.shard.index}/${count} given twice (also ${prev.path})`,
      );
    byIndex[s.shard.index - 1] = s;
  }
  const missing = byIndex.flatMap((s, i) => (s === undefined ? [i + 1] : []));
  if (missing.length > 0) {
    throw new InputError(
      paths.join(" "),
      undefined,
      `${missing.length} of ${count} shards missing; run them again with --array=${arrayList(missing)} (Slurm task ids = shard indices k of k/${count})`,
    );
  }
  return byIndex as ShardFile[];
}

/**
 * Checks that the input files a job read still have the bytes its shards saw.
 *
 * @throws InputError naming the file when it is gone or changed.
 */
export function checkInputsUnchanged(shard: ShardFile): void {
  for (const [path, hash] of Object.entries(shard.inputs)) {
    if (hashFile(path) !== hash)
      throw new InputError(
        path,
        undefined,
        `changed since the shards read it (${shard.path}); run the shards again`,
      );
  }
}

/**
 * Whether `dir` already holds this shard of this job, complete and intact (for `--skip-existing`);
 * a file of another job under the same name is an error, never overwritten.
 *
 * @throws InputError naming the file when it belongs to another job or another build.
 */
export function shardDone(dir: string, job: ShardJob, shard: ShardSpec): boolean {
  const path = join(dir, shardFileName(shard));
  try {
    statSync(path);
  } catch {
    return false;
  }
  let s: ShardFile;
  try {
    s = readShardFile(path);
  } catch {
    // damaged or half-edited: compute it again
    return false;
  }
  if (s.key !== shardKey(job))
    throw new InputError(
      path,
      "$.key",
      "belongs to another job (other flags or inputs); use another folder for the shards",
    );
  return s.build === buildIdentity().build;
}
