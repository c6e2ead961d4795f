/**
 * The test budget of a documented command. The docs and the `--help` examples show commands at the
 * size a user runs them (`check --instances 20000`, 50-point sweeps, 200 bootstrap replicates); the
 * tests that run them (test/docs/) check that they run and print what the docs state, which a small
 * budget shows as well. So a command whose docs state no output runs with its budgets capped:
 *
 * | budget                                   | cap in tests |
 * |------------------------------------------|--------------|
 * | `check --instances N`                    | 100          |
 * | `--bootstrap N` (ratings, empirical)     | 20           |
 * | compare `--sweep NAME=FROM:TO:POINTS`    | 3 points     |
 * | empirical `--sweep NAME:...,points=N`    | 3 points     |
 *
 * A command followed by stated output lines in the docs runs as written, so every stated result is
 * compared at the documented size. docs/reference.md ("Testing the docs") says the same.
 */

/** Caps of `testBudget`. */
export const TEST_BUDGET = { instances: 100, bootstrap: 39, sweepPoints: 3 } as const;

/**
 * `command` with its budgets capped (see the module comment); a command without such budgets is
 * returned unchanged.
 *
 * @example
 * testBudget("modelmarket check --instances 20000 --workers 2"); // "modelmarket check --instances 100 --workers 2"
 */
export function testBudget(command: string): string {
  const cap = (n: string, max: number) => String(Math.min(Number(n), max));
  return command
    .replace(/(--instances[ =])(\d+)/g, (_, flag: string, n: string) => flag + cap(n, TEST_BUDGET.instances))
    .replace(/(--bootstrap[ =])(\d+)/g, (_, flag: string, n: string) => flag + cap(n, TEST_BUDGET.bootstrap))
    .replace(
      /(--sweep[ =]['"]?[\w.]+=[^:\s]+:[^:\s]+:)(\d+)/g,
      (_, head: string, n: string) => head + cap(n, TEST_BUDGET.sweepPoints),
    )
    .replace(
      /(--sweep[ =]\S*points=)(\d+)/g,
      (_, head: string, n: string) => head + cap(n, TEST_BUDGET.sweepPoints),
    );
}

/**
 * `true` when a command may leave files that a later command of the same page reads (an output file,
 * a report, a redirect, a change of directory), so its run cannot be shared with another page's.
 *
 * @example
 * writesFiles("modelmarket check --claim C6 --instances 4000 --shard 1/2 --output part1.json"); // true
 */
export function writesFiles(command: string): boolean {
  return /(^|\s)(>|>>)\s|--(report|output|out|counterexamples)\b|--json[ =](?!-)\S|\b(cd|mkdir|rm|cp)\s/.test(
    command,
  );
}

/**
 * What makes two command lines the same run: the line without a trailing `# comment`, with its
 * spaces collapsed (the docs align their comments; a `--help` example has none), and with `node
 * bin/modelmarket.js` written `modelmarket` (what the `modelmarket` of the docs runs).
 *
 * @example
 * commandKey("modelmarket check --list      # ids, expectations"); // "modelmarket check --list"
 */
export function commandKey(command: string): string {
  return command
    .replace(/\s+#[^'"]*$/, "")
    .replace(/\s+/g, " ")
    .replace(/(^|[\s;&|])node bin\/modelmarket\.js\b/g, "$1modelmarket")
    .trim();
}
