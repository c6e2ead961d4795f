/**
 * Start-up of the built command line: CPU time of `modelmarket --help` (the compiled
 * `bin/modelmarket.js`, as installed) against `node -e 0`, measured side by side in one run
 * (alternating, so machine load affects both alike) and reported as a ratio; target at most 2.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark } from "./harness.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const preload = new URL("./cpu-at-exit.mjs", import.meta.url).href;

/** CPU microseconds and wall milliseconds of one `node --import preload ...args` run. */
function run(args: string[]): { cpuUs: number; wallMs: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", preload, ...args], { cwd: root, encoding: "utf8" });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const m = /cpu-us (\d+)/.exec(r.stderr);
  if (m === null) throw new Error(`no CPU figure from node ${args.join(" ")}`);
  return { cpuUs: Number(m[1]), wallMs };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export const benchmarks: Benchmark[] = [
  {
    name: "startup/cli-help",
    description:
      "CPU time of `modelmarket --help` (built CLI) divided by that of `node -e 0`, median of 25 alternating runs",
    run: () => {
      const bin = join(root, "bin", "modelmarket.js");
      if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error("run `npm run build` first");
      const cli: Array<{ cpuUs: number; wallMs: number }> = [];
      const bare: Array<{ cpuUs: number; wallMs: number }> = [];
      for (let k = 0; k < 3; k++) run(["-e", "0"]); // warm the file cache
      for (let k = 0; k < 25; k++) {
        bare.push(run(["-e", "0"]));
        cli.push(run([bin, "--help"]));
      }
      const cliCpu = median(cli.map((x) => x.cpuUs)) / 1000;
      const bareCpu = median(bare.map((x) => x.cpuUs)) / 1000;
      return {
        value: cliCpu / bareCpu,
        unit: "x node -e 0",
        better: "lower",
        target: 2,
        details: {
          cliCpuMs: cliCpu,
          nodeCpuMs: bareCpu,
          cliWallMs: median(cli.map((x) => x.wallMs)),
          nodeWallMs: median(bare.map((x) => x.wallMs)),
          runs: 25,
        },
      };
    },
  },
];
