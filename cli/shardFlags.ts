/**
 * The flags of a shard, apart from the shard machinery (`shard.ts`), so that a command's flag table
 * (all `--help` reads) loads no shard files, hashing or market reader.
 */
import type { FlagSpec } from "./args.js";

/** The flags of a shard, shared by every command that can be sharded. */
export const SHARD_FLAGS: FlagSpec[] = [
  {
    name: "shard",
    kind: "string",
    placeholder: "k/N",
    help: "compute only shard k of N (1-based) and write it to --out DIR; merge with `modelmarket merge DIR`",
  },
  {
    name: "out",
    kind: "string",
    placeholder: "DIR",
    help: "folder of the shard files (created when missing); with --shard",
  },
  {
    name: "skip-existing",
    kind: "boolean",
    help: "with --shard: exit 0 at once when DIR already holds this shard, intact and of the same job and build",
  },
];
