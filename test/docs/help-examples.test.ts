/**
 * Every example printed by `modelmarket --help` and `modelmarket COMMAND --help` runs, against the
 * built CLI (a plain `modelmarket ARGS` line in this process: `runCommand`), in a scratch directory that holds only the shipped files (examples/, data/): so the help
 * names no file the package does not ship. Commands are read from the top-level help, so a new
 * command's examples are covered without editing this test. Examples run with the test budget
 * (`testBudget`, test/helpers/budget.ts); an example that a docs page also shows and that leaves no
 * file behind is run there (test/docs/fenced-blocks.test.ts), not twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandKey, testBudget, writesFiles } from "../helpers/budget.js";
import { acceptedExit, buildMissing, makeSandbox, runCommand, type Sandbox } from "../helpers/sandbox.js";
import { documentedCommands } from "./doc-blocks.js";

/** The indented lines of the `Examples:` section of a help text. */
function examplesOf(help: string): string[] {
  const lines = help.split("\n");
  const start = lines.indexOf("Examples:");
  if (start === -1) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("  ")) break;
    out.push(line.trim());
  }
  return out;
}

/** The command names listed under `Commands:` in the top-level help. */
function commandsOf(help: string): string[] {
  const lines = help.split("\n");
  const start = lines.indexOf("Commands:");
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}(\S+)\s/.exec(line);
    if (m === null) break;
    out.push(m[1]!);
  }
  return out;
}

const missing = buildMissing();
if (missing !== undefined) throw new Error(missing);

let box: Sandbox;
beforeAll(() => {
  box = makeSandbox("help");
});
afterAll(() => box.remove());

describe("every --help example runs on shipped files", () => {
  it("the top-level help lists commands and examples", async () => {
    const top = await runCommand("modelmarket --help", box);
    expect(top.status).toBe(0);
    expect(commandsOf(top.stdout).length).toBeGreaterThanOrEqual(8);
    expect(examplesOf(top.stdout).length).toBeGreaterThan(0);
  });

  // The list is built inside the test (it needs the sandbox), and the examples of one help text run
  // in order in one directory: later examples may read what earlier ones wrote (`check merge`).
  it("runs each example and gets exit 0 (1 only for check reporting a contradicted claim)", async () => {
    const top = (await runCommand("modelmarket --help", box)).stdout;
    const helps: Array<[string, string]> = [["modelmarket", top]];
    for (const name of commandsOf(top)) {
      const h = await runCommand(`modelmarket ${name} --help`, box);
      expect(h.status, `${name} --help`).toBe(0);
      helps.push([name, h.stdout]);
    }
    let count = 0;
    let shared = 0;
    const docsRun = documentedCommands(testBudget, writesFiles, commandKey);
    const failures: string[] = [];
    for (const [name, help] of helps) {
      const examples = examplesOf(help);
      if (name !== "modelmarket" && examples.length === 0) failures.push(`${name} --help has no examples`);
      for (const example of examples) {
        count++;
        if (!example.startsWith("modelmarket ")) {
          failures.push(`${name}: example does not start with "modelmarket": ${example}`);
          continue;
        }
        const command = testBudget(example);
        if (docsRun.has(commandKey(command))) {
          shared++;
          continue;
        }
        // the same example in two help texts (the top-level one repeats some) runs once
        if (!writesFiles(command)) docsRun.add(commandKey(command));
        const r = await runCommand(command, box);
        // an example that redirects its output (`> ratings.csv`) prints nothing itself
        const redirected = / > \S+$/.test(example);
        if (!acceptedExit(example).includes(r.status ?? -1) || (r.stdout.length === 0 && !redirected))
          failures.push(`${example}\n  exit ${r.status}: ${r.stderr.trim().slice(0, 500)}`);
      }
    }
    // every failure at once, so that one run shows all the examples to fix
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(20);
    // most examples are not in the docs: this test still runs them
    expect(count - shared).toBeGreaterThan(count / 2);
  }, 600_000);
});
