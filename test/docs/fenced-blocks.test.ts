/**
 * Docs that cannot go stale: every fenced `sh` and `ts` block of README.md, examples/README.md and
 * docs/*.md runs.
 *
 * - `sh` blocks run against the built CLI (`modelmarket` is `node bin/modelmarket.js`; a plain
 *   `modelmarket ARGS` line runs its `main` in this process, `runCommand`) in a scratch
 *   directory holding only what the package ships (examples/, data/, schema/), one directory per
 *   document so that a later block may read what an earlier one wrote. A line whose first word is not
 *   a program (`modelmarket`, `node`, `npm`, ...) is output the line before it printed: the stated lines
 *   must appear as lines of that command's stdout in the order stated (spaces at either end aside;
 *   other lines may come between them: `statedMissing`). Accepted exit codes: see `acceptedExit`. Every
 *   command states its output, or is marked `# prints nothing: REASON` (its result goes to a file; it
 *   must then print nothing on stdout); test/docs/stated.test.ts lists the marked ones. A command with
 *   no stated output runs with the test budget (`testBudget`: capped instances, replicates and sweep
 *   points); a command runs once however many pages show it (`CommandRuns`, command-runs.ts).
 * - every example printed by `modelmarket --help` and `modelmarket COMMAND --help` runs too
 *   (help-examples.ts), after the pages, so that an example a page shows is not run twice.
 * - `ts` blocks are type-checked together with `tsc --strict` under `moduleResolution: nodenext`,
 *   compiled, and run by plain node (one process runs them in turn), as a consumer's programs: they import "modelmarket",
 *   "modelmarket/finite", ... through the package's own `exports` (the compiled dist/).
 * - A block meant as illustration only is preceded by `<!-- illustration: REASON -->`, or has
 *   `illustration` in its info string (```sh illustration) and a `# comment` giving the reason. Nothing
 *   else is skipped; test/docs/stated.test.ts lists the illustration blocks per page.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testBudget } from "../helpers/budget.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { acceptedExit, buildMissing, makeSandbox, runShell, type Sandbox } from "../helpers/sandbox.js";
import { CommandRuns } from "./command-runs.js";
import { type Block, blocksOf, DOCS, shCommands, statedMissing } from "./doc-blocks.js";
import { runHelpExamples } from "./help-examples.js";

const missing = buildMissing();
if (missing !== undefined) throw new Error(missing);

const boxes: Sandbox[] = [];
/** Each documented command line runs once, for every page and help text that shows it (command-runs.ts). */
const runs = new CommandRuns();
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
    it(`${file}: shell blocks run against the built CLI`, async () => {
      const box = makeSandbox("doc");
      boxes.push(box);
      const failures: string[] = [];
      for (const block of sh) {
        for (const c of shCommands(block)) {
          // stated output: run as written; none: run with the test budget (test/helpers/budget.ts)
          const command = c.output.length === 0 ? testBudget(c.command) : c.command;
          const r = await runs.run(command, box, 300_000);
          const where = `${file}:${c.line}: ${command}`;
          if (!acceptedExit(c.command).includes(r.status ?? -1)) {
            failures.push(`${where}\n  exit ${r.status}: ${r.stderr.trim().slice(0, 600)}`);
            continue;
          }
          if (c.printsNothing !== undefined) {
            if (c.output.length > 0 || r.stdout.trim() !== "")
              failures.push(`${where}\n  is marked "prints nothing" but states or prints output`);
            continue;
          }
          const missing = statedMissing(c.output, r.stdout);
          if (missing !== undefined)
            failures.push(`${where}\n  printed no line "${missing}" (after the stated lines before it)`);
        }
      }
      expect(failures).toEqual([]);
    }, 900_000);
  }

  // after the pages, so that an example a page runs too is not run again (`runs`)
  it("every example of `modelmarket --help` and `modelmarket COMMAND --help` runs on shipped files", async () => {
    const box = makeSandbox("help");
    boxes.push(box);
    const { count, reused, failures } = await runHelpExamples(box, runs);
    // every failure at once, so that one run shows all the examples to fix
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(20);
    // most examples are not in the docs: they are run here
    expect(count - reused).toBeGreaterThan(count / 2);
  }, 600_000);

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
        // the blocks are checked against the package's declarations; the declarations themselves (and
        // @types/node, most of this run's cost) are checked with skipLibCheck false by the consumer test
        // (test/consumer/run.sh, CI), under nodenext and bundler
        skipLibCheck: true,
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
    // Plain node runs the programs one after another in one process (starting node and loading the
    // package once, not once per block) and notes each one's outcome, so a program that throws fails its
    // block only. A program that registers a payoff rule or rule family runs in a process of its own
    // (two pages may register the same name).
    writeFileSync(
      join(box.dir, "run-all.mjs"),
      [
        'import { writeFileSync } from "node:fs";',
        "const names = process.argv.slice(3);",
        "const outcomes = {};",
        "for (const name of names) {",
        "  try {",
        "    await import('./out/' + name + '.js');",
        "    outcomes[name] = null;",
        "  } catch (err) {",
        "    outcomes[name] = String(err?.stack ?? err);",
        "  }",
        "}",
        "writeFileSync(process.argv[2], JSON.stringify(outcomes));",
        "",
      ].join("\n"),
    );
    const registers = (f: { block: Block }) => /\bregister\w*\(/.test(f.block.body.join("\n"));
    const groups = [files.filter((f) => !registers(f)), ...files.filter(registers).map((f) => [f])];
    groups.forEach((group, k) => {
      const r = runShell(
        `node run-all.mjs outcomes-${k}.json ${group.map((f) => f.name).join(" ")}`,
        box,
        300_000,
      );
      let outcomes: Record<string, string | null> = {};
      try {
        outcomes = JSON.parse(readFileSync(join(box.dir, `outcomes-${k}.json`), "utf8")) as typeof outcomes;
      } catch {
        const where = group.map((f) => `${f.block.file}:${f.block.line}`).join(", ");
        failures.push(
          `${where}: the programs did not finish: exit ${r.status}: ${r.stderr.trim().slice(0, 800)}`,
        );
        return;
      }
      for (const { name, block } of group) {
        const err = outcomes[name];
        if (err === undefined) failures.push(`${block.file}:${block.line}: did not run`);
        else if (err !== null) failures.push(`${block.file}:${block.line}: ${err.slice(0, 800)}`);
      }
    });
    expect(failures).toEqual([]);
  }, 900_000);
});
