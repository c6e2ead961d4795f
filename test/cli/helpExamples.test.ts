import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Command } from "../../cli/command.js";
import { REPO_ROOT } from "../helpers/paths.js";

// flags whose value is a file the example writes, not one it reads
const OUTPUT_FLAGS = new Set([">", "--output", "--report", "--json", "--counterexamples"]);
const FILE = /\.(json|jsonl|nfg|csv)$/;

describe("--help examples name only files that ship with the repository", () => {
  const files = readdirSync(join(REPO_ROOT, "cli", "commands")).filter((f) => f.endsWith(".ts"));
  for (const f of files) {
    it(f, async () => {
      const mod = (await import(join(REPO_ROOT, "cli", "commands", f))) as { command?: Command };
      if (mod.command === undefined) return;
      for (const example of mod.command.examples) {
        const tokens = example.split(/\s+/);
        // `check merge` reads the files written by `--shard` runs of the example before
        if (tokens[1] === "check" && tokens[2] === "merge") continue;
        // what the example writes (a file, or a folder that a later `&&` command reads from)
        const outputs = tokens.filter((_, k) => OUTPUT_FLAGS.has(tokens[k - 1] ?? ""));
        tokens.forEach((t) => {
          if (!FILE.test(t) || outputs.some((o) => t === o || (o.endsWith("/") && t.startsWith(o)))) return;
          expect(existsSync(join(REPO_ROOT, t)), `${example}: ${t}`).toBe(true);
        });
      }
    });
  }
});
