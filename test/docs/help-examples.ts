/**
 * Every example printed by `modelmarket --help` and `modelmarket COMMAND --help` runs, against the
 * built CLI (a plain `modelmarket ARGS` line in the test's process: `runCommand`), in a scratch
 * directory that holds only the shipped files (examples/, data/): so the help names no file the
 * package does not ship. Commands are read from the top-level help, so a new command's examples are
 * covered without editing a test. Examples run with the test budget (`testBudget`,
 * test/helpers/budget.ts); test/docs/fenced-blocks.test.ts runs them after the docs' pages, through the
 * same `CommandRuns`, so an example a page shows too runs once (the page's run, at its stated size).
 */
import { testBudget } from "../helpers/budget.js";
import { acceptedExit, runCommand, type Sandbox } from "../helpers/sandbox.js";
import type { CommandRuns } from "./command-runs.js";

/** The indented lines of the `Examples:` section of a help text. */
export function examplesOf(help: string): string[] {
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
export function commandsOf(help: string): string[] {
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

/**
 * Runs every help example in `box` (the examples of one help text in order: later ones may read what
 * earlier ones wrote, as `check merge` does); each must exit 0 (1 only for a `check` reporting a
 * contradicted claim) and print something unless it redirects its output. Returns how many examples
 * there are, how many an earlier run answered (`runs.reused`), and one line per failure.
 */
export async function runHelpExamples(
  box: Sandbox,
  runs: CommandRuns,
): Promise<{ count: number; reused: number; failures: string[] }> {
  const failures: string[] = [];
  const top = await runCommand("modelmarket --help", box);
  if (top.status !== 0 || commandsOf(top.stdout).length < 8 || examplesOf(top.stdout).length === 0)
    failures.push(`modelmarket --help: exit ${top.status}, it lists too few commands or no examples`);
  const helps: Array<[string, string]> = [["modelmarket", top.stdout]];
  for (const name of commandsOf(top.stdout)) {
    const h = await runCommand(`modelmarket ${name} --help`, box);
    if (h.status !== 0) failures.push(`modelmarket ${name} --help: exit ${h.status}`);
    helps.push([name, h.stdout]);
  }
  let count = 0;
  const reusedBefore = runs.reused;
  for (const [name, help] of helps) {
    const examples = examplesOf(help);
    if (name !== "modelmarket" && examples.length === 0) failures.push(`${name} --help has no examples`);
    for (const example of examples) {
      count++;
      if (!example.startsWith("modelmarket ")) {
        failures.push(`${name}: example does not start with "modelmarket": ${example}`);
        continue;
      }
      // a page that shows the example ran it at its full size; otherwise it runs with the test budget
      const r = await runs.run(runs.ran(example, box) ? example : testBudget(example), box, 300_000);
      // an example that redirects its output (`> ratings.csv`) prints nothing itself
      const redirected = / > \S+$/.test(example);
      if (!acceptedExit(example).includes(r.status ?? -1) || (r.stdout.length === 0 && !redirected))
        failures.push(`${example}\n  exit ${r.status}: ${r.stderr.trim().slice(0, 500)}`);
    }
  }
  return { count, reused: runs.reused - reusedBefore, failures };
}
