/**
 * Docs that cannot go stale: every fenced `sh` and `ts` block of README.md, examples/README.md and
 * docs/*.md runs.
 *
 * - `sh` blocks run against the built CLI (`modelmarket` is `node bin/modelmarket.js`) in a scratch
 *   directory holding only what the package ships (examples/, data/, schema/), one directory per
 *   document so that a later block may read what an earlier one wrote. A line whose first word is not
 *   a program (`modelmarket`, `node`, `npm`, ...) is output the line before it printed, and must appear
 *   as a line of that command's stdout. Accepted exit codes: see `acceptedExit`.
 * - `ts` blocks are type-checked together with `tsc --strict` under `moduleResolution: nodenext`,
 *   compiled, and run by plain node, as a consumer's programs: they import "modelmarket",
 *   "modelmarket/finite", ... through the package's own `exports` (the compiled dist/).
 * - A block meant as illustration only is preceded by `<!-- illustration: REASON -->`, or has
 *   `illustration` in its info string (```sh illustration). Nothing else is skipped.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/paths.js";
import { acceptedExit, buildMissing, makeSandbox, runShell, type Sandbox } from "../helpers/sandbox.js";

interface Block {
  file: string;
  line: number;
  lang: "sh" | "ts";
  body: string[];
}

const SH = new Set(["sh", "bash", "shell", "console"]);
const TS = new Set(["ts", "typescript"]);
/** First words that make a line of an `sh` block a command (anything else is expected output). */
const PROGRAMS = new Set([
  "modelmarket",
  "node",
  "npm",
  "npx",
  "cat",
  "ls",
  "cd",
  "mkdir",
  "rm",
  "cp",
  "diff",
  "head",
  "tail",
  "grep",
  "echo",
  "test",
]);

/** The runnable fenced blocks of one markdown file, and how many were marked illustration only. */
function blocksOf(file: string): { blocks: Block[]; illustrations: number } {
  const lines = readFileSync(join(REPO_ROOT, file), "utf8").split("\n");
  const blocks: Block[] = [];
  let illustrations = 0;
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (open === null) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith("```")) end++;
    const lang = open[1]!.toLowerCase();
    const body = lines.slice(i + 1, end);
    let prev = i - 1;
    while (prev >= 0 && lines[prev]!.trim() === "") prev--;
    const marked = /\billustration\b/.test(open[2]!) || /^<!--\s*illustration\b/.test(lines[prev] ?? "");
    if (SH.has(lang) || TS.has(lang)) {
      if (marked) illustrations++;
      else blocks.push({ file, line: i + 1, lang: SH.has(lang) ? "sh" : "ts", body });
    }
    i = end;
  }
  return { blocks, illustrations };
}

interface ShCommand {
  command: string;
  line: number;
  output: string[];
}

/** Commands of an `sh` block (continuation lines joined) with the output lines shown after each. */
function shCommands(block: Block): ShCommand[] {
  const out: ShCommand[] = [];
  for (let k = 0; k < block.body.length; k++) {
    let text = block.body[k]!;
    const line = block.line + 1 + k;
    if (text.trim() === "" || text.trimStart().startsWith("#")) continue;
    while (text.endsWith("\\") && k + 1 < block.body.length)
      text = `${text.slice(0, -1)} ${block.body[++k]!}`;
    const first = text.trim().split(/\s+/)[0]!;
    if (PROGRAMS.has(first)) out.push({ command: text.trim(), line, output: [] });
    else if (out.length > 0) out[out.length - 1]!.output.push(text.trim());
    else throw new Error(`${block.file}:${line}: output line before any command: ${text}`);
  }
  return out;
}

const DOCS = [
  "README.md",
  "examples/README.md",
  ...readdirSync(join(REPO_ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
];

const missing = buildMissing();
if (missing !== undefined) throw new Error(missing);

const boxes: Sandbox[] = [];
afterAll(() => {
  for (const b of boxes) b.remove();
});

describe("fenced blocks of README.md and docs/*.md", () => {
  it("finds the blocks, and every illustration-only block is marked", () => {
    let total = 0;
    for (const f of DOCS) total += blocksOf(f).blocks.length;
    expect(total).toBeGreaterThan(10);
  });

  for (const file of DOCS) {
    const { blocks } = blocksOf(file);
    const sh = blocks.filter((b) => b.lang === "sh");
    if (sh.length === 0) continue;
    it(`${file}: shell blocks run against the built CLI`, () => {
      const box = makeSandbox("doc");
      boxes.push(box);
      const failures: string[] = [];
      for (const block of sh) {
        for (const c of shCommands(block)) {
          const r = runShell(c.command, box, 300_000);
          const where = `${file}:${c.line}: ${c.command}`;
          if (!acceptedExit(c.command).includes(r.status ?? -1)) {
            failures.push(`${where}\n  exit ${r.status}: ${r.stderr.trim().slice(0, 600)}`);
            continue;
          }
          const got = new Set(r.stdout.split("\n").map((l) => l.trim()));
          for (const o of c.output) if (!got.has(o)) failures.push(`${where}\n  printed no line "${o}"`);
        }
      }
      expect(failures).toEqual([]);
    }, 900_000);
  }

  // One tsc run type-checks every block (strict, nodenext) and compiles it; plain node then runs the
  // JavaScript, importing the package by name through its exports, as a consumer's program would.
  it("TypeScript blocks type-check with strict under nodenext, and run as a consumer's programs", () => {
    const box = makeSandbox("doc-ts", { consumer: true });
    boxes.push(box);
    const failures: string[] = [];
    const files: Array<{ name: string; block: Block }> = [];
    for (const file of DOCS) {
      for (const block of blocksOf(file).blocks.filter((b) => b.lang === "ts")) {
        const source = block.body.join("\n");
        if (/from\s+"\.{1,2}\//.test(source)) {
          failures.push(`${file}:${block.line}: imports a relative path; use the public entry points`);
          continue;
        }
        const name = `${file.replace(/[^A-Za-z0-9]+/g, "-")}-${block.line}`;
        writeFileSync(join(box.dir, `${name}.ts`), `${source}\n`);
        files.push({ name, block });
      }
    }
    expect(files.length).toBeGreaterThan(3);
    const tsconfig = {
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        skipLibCheck: false,
        rootDir: ".",
        outDir: "out",
        types: ["node"],
        typeRoots: [join(REPO_ROOT, "node_modules", "@types")],
      },
      files: files.map((f) => `${f.name}.ts`),
    };
    writeFileSync(join(box.dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    const tsc = spawnSync(
      process.execPath,
      [join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "."],
      { cwd: box.dir, encoding: "utf8", timeout: 300_000 },
    );
    // name the markdown file and line of each error
    const errors = tsc.stdout.replace(
      /^(\S+?)-(\d+)\.ts\((\d+),/gm,
      (whole, f: string, l: string, row: string) => {
        const hit = files.find((t) => t.name === `${f}-${l}`);
        return hit === undefined ? whole : `${hit.block.file}:${Number(l) + Number(row)}(`;
      },
    );
    if (errors.trim() !== "") failures.push(`tsc:\n${errors.trim()}`);
    for (const { name, block } of files) {
      const r = runShell(`node out/${name}.js`, box, 300_000);
      if (r.status !== 0)
        failures.push(`${block.file}:${block.line}: exit ${r.status}: ${r.stderr.trim().slice(0, 800)}`);
    }
    expect(failures).toEqual([]);
  }, 900_000);
});
