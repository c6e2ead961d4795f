// `npm run test:cpu [-- VITEST ARGS]`: runs the unit tier (or what the arguments select) with each test
// file's CPU time logged (test/helpers/cpu-log.ts) and each documented command's (test/helpers/sandbox.ts),
// then prints the files and commands that cost most. To place a new heavy file in a tier
// (ARCHITECTURE.md, "The test tiers").
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "modelmarket-test-cpu-"));
const log = join(dir, "cpu.log");
const args = process.argv.slice(2);
const r = spawnSync(
  "npx",
  ["vitest", "run", ...(args.length > 0 ? args : ["--project", "unit", "--project", "unit-isolated"])],
  {
    stdio: "inherit",
    env: { ...process.env, MODELMARKET_TEST_CPU_LOG: log },
  },
);
let lines = [];
try {
  lines = readFileSync(log, "utf8").trim().split("\n");
} catch {
  console.error("no CPU log was written (no test file ran?)");
}
rmSync(dir, { recursive: true, force: true });
const rows = lines.map((l) => l.split("\t")).map(([s, what]) => ({ s: Number(s), what }));
const files = rows.filter((x) => !x.what.startsWith("  $ "));
const commands = rows.filter((x) => x.what.startsWith("  $ "));
const total = files.reduce((a, x) => a + x.s, 0);
console.log(`\nCPU seconds by test file (${files.length} files, ${total.toFixed(1)} s in all):`);
for (const x of files.sort((a, b) => b.s - a.s).slice(0, 25))
  console.log(`${x.s.toFixed(2).padStart(8)}  ${x.what.replace(`${process.cwd()}/`, "")}`);
if (commands.length > 0) {
  console.log(`\nCPU seconds by command the tests ran in a sandbox (${commands.length} commands):`);
  for (const x of commands.sort((a, b) => b.s - a.s).slice(0, 15))
    console.log(`${x.s.toFixed(2).padStart(8)}  ${x.what.slice(4, 160)}`);
}
process.exit(r.status ?? 1);
