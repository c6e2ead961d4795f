/**
 * The shard contract shared by every long job (`check`, `compare --sweep`, the `--bootstrap` of
 * `ratings` and `empirical`): `--shard k/N --out DIR` writes one self-describing file per shard,
 * `DIR/shard-k-of-N.json`, atomically; a merge reads the files in any order and refuses anything that
 * does not add up to one whole run.
 *
 * A shard file names the tool and its build (a hash of the code that computed it), the job and the
 * command line that defines it, a hash of every input file, the shard's index and the shard count, the
 * number of work units of the whole job, the shard's own results (`payload`), and a SHA-256 checksum
 * of all of that. Numbers are written losslessly: `NaN`, the infinities and `-0` (which JSON cannot
 * hold) as `{"$number": "NaN"}` and the like, every other double in JavaScript's shortest round-trip
 * form.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../errors.js";
import { cannotReadError, decodeUtf8 } from "../textFile.js";
import { parseJson } from "./marketFile.js";
import { writeFileAtomic } from "./output.js";

/** The `format` field of a shard file. */
export const SHARD_FORMAT = "modelmarket-shard/1";

/** Most shards of one job (a Slurm array's default `MaxArraySize` is 1001; this leaves room). */
export const MAX_SHARDS = 100_000;

/** One shard of a job, 1-based: `{ index: 2, count: 4 }` is `--shard 2/4`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** What identifies the job a shard belongs to (every shard of one job has the same). */
export interface ShardJob {
  /** The job kind: `check`, `compare-sweep`, `bootstrap`. */
  job: string;
  /** The command line that defines the work (the command name first, no output or shard flags). */
  command: string[];
  /** SHA-256 of each input file's bytes, by the path as given. */
  inputs: Record<string, string>;
  /** Work units of the whole job (instances, sweep points, replicates). */
  units: number;
}

/** A shard file as read back (numbers decoded). */
export interface ShardFile<P = unknown> extends ShardJob {
  format: typeof SHARD_FORMAT;
  /** `modelmarket VERSION`. */
  tool: string;
  /** SHA-256 over the code that computed the shard (see `buildIdentity`). */
  build: string;
  /** SHA-256 of the job, command and inputs: equal for every shard of one job. */
  key: string;
  shard: ShardSpec;
  payload: P;
  /** SHA-256 of the canonical JSON of every other field. */
  checksum: string;
  /** Where it was read from (not stored). */
  path?: string;
}

/**
 * Parses `k/N` (1 <= k <= N <= `MAX_SHARDS`).
 *
 * @throws InputError naming `where` for anything else.
 * @example
 * parseShardSpec("2/4"); // { index: 2, count: 4 }
 */
export function parseShardSpec(text: string, where = "shard"): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) throw new InputError(undefined, where, `expected k/N (e.g. 2/4), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS)
    throw new InputError(undefined, where, `N must be from 1 to ${MAX_SHARDS}, got ${m[2]}`);
  if (index < 1 || index > count)
    throw new InputError(undefined, where, `k must be in 1..N, got ${index}/${count}`);
  return { index, count };
}

/**
 * The units `i` of `0..units-1` that belong to a shard: `i mod N = k - 1` (round robin over the
 * whole job's indices, so that every unit is computed from its index in the full job).
 *
 * @example
 * shardIndices(5, { index: 2, count: 2 }); // [1, 3]
 */
export function shardIndices(units: number, shard: ShardSpec): number[] {
  const out: number[] = [];
  for (let i = shard.index - 1; i < units; i += shard.count) out.push(i);
  return out;
}

/**
 * A shard's file name in its folder: `shard-3-of-16.json`.
 *
 * @example
 * shardFileName({ index: 3, count: 16 }); // "shard-3-of-16.json"
 */
export function shardFileName(shard: ShardSpec): string {
  return `shard-${shard.index}-of-${shard.count}.json`;
}

/** The name of a shard file: `shard-k-of-N.json`. */
export const SHARD_FILE_NAME = /^shard-(\d+)-of-(\d+)\.json$/;

/**
 * Compresses 1-based indices into a Slurm `--array=` list: `[2, 5, 6, 7]` gives `2,5-7`.
 *
 * @example
 * arrayList([7, 2, 5, 6]); // "2,5-7"
 */
export function arrayList(indices: readonly number[]): string {
  const xs = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j]! + 1) j++;
    parts.push(j === i ? `${xs[i]}` : `${xs[i]}-${xs[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/**
 * A deep copy of `value` in which numbers JSON cannot hold (`NaN`, `Infinity`, `-Infinity`, `-0`)
 * are `{ "$number": "NaN" }` and so on; `decodeNumbers` undoes it.
 *
 * @example
 * JSON.stringify(encodeNumbers([1, Number.NaN])); // '[1,{"$number":"NaN"}]'
 */
export function encodeNumbers(value: unknown): unknown {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { $number: "NaN" };
    if (value === Number.POSITIVE_INFINITY) return { $number: "Infinity" };
    if (value === Number.NEGATIVE_INFINITY) return { $number: "-Infinity" };
    if (Object.is(value, -0)) return { $number: "-0" };
    return value;
  }
  if (Array.isArray(value)) return value.map(encodeNumbers);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeNumbers(v);
    return out;
  }
  return value;
}

const SPECIAL: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
  "-0": -0,
};

/**
 * Undoes `encodeNumbers`.
 *
 * @example
 * decodeNumbers({ $number: "-Infinity" }); // -Infinity
 */
export function decodeNumbers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeNumbers);
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "$number" && typeof o.$number === "string" && o.$number in SPECIAL)
      return SPECIAL[o.$number];
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decodeNumbers(o[k]);
    return out;
  }
  return value;
}

/**
 * JSON with object keys sorted at every level (the form hashed, so key order never matters).
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function sha256(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * SHA-256 of a file's bytes.
 *
 * @throws InputError naming the file when it cannot be read.
 * @example
 * hashFile("examples/three-producers.json"); // 64 hex digits
 */
export function hashFile(path: string): string {
  try {
    return sha256(readFileSync(path));
  } catch (err) {
    throw cannotReadError(path, err);
  }
}

let identity: { tool: string; build: string } | undefined;

/**
 * The running tool: `modelmarket VERSION` (from package.json) and its build, a SHA-256 over the
 * paths and bytes of the code that computes results (the compiled `.js` files when running from
 * `dist/`, the `.ts` sources otherwise; tests excluded). Two shards computed by different code never
 * share a build, whatever their version says.
 *
 * @throws nothing (an unreadable file only changes the hash).
 * @example
 * buildIdentity().tool; // "modelmarket 0.1.0"
 */
export function buildIdentity(): { tool: string; build: string } {
  if (identity !== undefined) return identity;
  // this file is src/io/shard.ts (sources) or dist/src/io/shard.js (compiled): two folders up is the
  // root of the code, the repository or dist/
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const compiled = import.meta.url.endsWith(".js");
  const h = createHash("sha256");
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(join(root, rel)).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = rel === "" ? name : `${rel}/${name}`;
      if (name === "node_modules" || name.startsWith(".")) continue;
      let isDir = false;
      try {
        isDir = statSync(join(root, path)).isDirectory();
      } catch {
        continue;
      }
      if (isDir) walk(path);
      else if (compiled ? /\.m?js$/.test(name) : /\.(ts|mjs)$/.test(name) && !/\.(test|d)\.ts$/.test(name)) {
        h.update(`${path}\0`);
        try {
          h.update(readFileSync(join(root, path)));
        } catch {
          h.update("unreadable");
        }
      }
    }
  };
  for (const dir of ["src", "solvers", "proofs-check", "empirical", "cli"]) walk(dir);
  let version = "unknown";
  for (const up of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL(up, import.meta.url)), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "modelmarket" && typeof pkg.version === "string") {
        version = pkg.version;
        break;
      }
    } catch {
      // not there: try the next folder up
    }
  }
  identity = { tool: `modelmarket ${version}`, build: h.digest("hex") };
  return identity;
}

/**
 * The key of a job: SHA-256 of its kind, command line and input hashes.
 *
 * @example
 * shardKey({ job: "check", command: ["check", "--instances", "100"], inputs: {}, units: 100 }); // 64 hex digits
 */
export function shardKey(job: ShardJob): string {
  return sha256(canonicalJson({ job: job.job, command: job.command, inputs: job.inputs, units: job.units }));
}

function checksumOf(file: Omit<ShardFile, "checksum" | "path">): string {
  return sha256(canonicalJson(encodeNumbers(file)));
}

/**
 * Writes shard `shard` of `job` with `payload` to `DIR/shard-k-of-N.json` (atomically: a temporary
 * file renamed over the name, so a killed shard leaves no file); creates `dir` when missing.
 *
 * @throws InputError naming the folder or file when it cannot be created or written.
 * @example
 * writeShardFile("shards", { job: "check", command: ["check"], inputs: {}, units: 200 }, { index: 1, count: 2 }, { claims: [] });
 */
export function writeShardFile(dir: string, job: ShardJob, shard: ShardSpec, payload: unknown): string {
  prepareShardDir(dir);
  const { tool, build } = buildIdentity();
  const body = {
    format: SHARD_FORMAT,
    tool,
    build,
    job: job.job,
    key: shardKey(job),
    shard: { index: shard.index, count: shard.count },
    units: job.units,
    command: job.command,
    inputs: job.inputs,
    payload,
  };
  const file = { ...body, checksum: checksumOf(body as Omit<ShardFile, "checksum">) };
  const path = join(dir, shardFileName(shard));
  writeFileAtomic(path, `${JSON.stringify(encodeNumbers(file))}\n`);
  return path;
}

/**
 * Creates the shard folder when missing.
 *
 * @throws InputError naming `--out` when it is not a folder or cannot be created.
 */
export function prepareShardDir(dir: string): void {
  if (dir.trim() === "") throw new InputError(undefined, "out", "needs a folder name");
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(dir, "out", "exists and is not a folder");
    return;
  } catch (err) {
    if (err instanceof InputError) throw err;
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputError(
      dir,
      "out",
      `cannot create the folder (${(err as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
}

function field(ok: boolean, path: string, where: string, problem: string): void {
  if (!ok) throw new InputError(path, where, problem);
}

/**
 * Reads and verifies one shard file: its format, fields, checksum, and that its name matches its
 * index.
 *
 * @throws InputError naming the file and the field for a file that is not a complete shard file or
 *   whose checksum does not match its contents (an edited or damaged file).
 * @example
 * const s = readShardFile("shards/shard-1-of-2.json");
 * s.shard; // { index: 1, count: 2 }
 */
export function readShardFile(path: string): ShardFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw cannotReadError(path, err);
  }
  const raw = parseJson(decodeUtf8(bytes, path), path) as Record<string, unknown> | null;
  field(
    raw !== null && typeof raw === "object" && !Array.isArray(raw),
    path,
    "$",
    "not a shard file (expected an object)",
  );
  const o = raw as Record<string, unknown>;
  field(o.format === SHARD_FORMAT, path, "$.format", `not a shard file (expected "${SHARD_FORMAT}")`);
  for (const k of ["tool", "build", "job", "key", "checksum"])
    field(typeof o[k] === "string", path, `$.${k}`, "missing or not a string");
  const s = o.shard as Record<string, unknown> | undefined;
  field(
    s !== null &&
      typeof s === "object" &&
      Number.isInteger(s.index) &&
      Number.isInteger(s.count) &&
      (s.count as number) >= 1 &&
      (s.index as number) >= 1 &&
      (s.index as number) <= (s.count as number),
    path,
    "$.shard",
    "must be {index, count} with 1 <= index <= count",
  );
  field(Number.isInteger(o.units) && (o.units as number) >= 0, path, "$.units", "must be an integer >= 0");
  field(
    Array.isArray(o.command) && o.command.every((x) => typeof x === "string") && o.command.length > 0,
    path,
    "$.command",
    "must be a non-empty list of strings",
  );
  const inputs = o.inputs as Record<string, unknown>;
  field(
    inputs !== null &&
      typeof inputs === "object" &&
      Object.values(inputs).every((x) => typeof x === "string"),
    path,
    "$.inputs",
    "must map file names to hashes",
  );
  field("payload" in o, path, "$.payload", "missing");
  const { checksum, ...rest } = o;
  field(
    sha256(canonicalJson(rest)) === checksum,
    path,
    "$.checksum",
    "does not match the contents (the file was edited or damaged; run the shard again)",
  );
  const decoded = decodeNumbers(o) as ShardFile;
  const shard = decoded.shard;
  const m = SHARD_FILE_NAME.exec(basename(path));
  if (m !== null && (Number(m[1]) !== shard.index || Number(m[2]) !== shard.count)) {
    throw new InputError(
      path,
      "$.shard",
      `says ${shard.index}/${shard.count} but the file is named for ${m[1]}/${m[2]}`,
    );
  }
  const expectedKey = shardKey(decoded);
  field(expectedKey === decoded.key, path, "$.key", "does not match the job, command and inputs in the file");
  return { ...decoded, path };
}
