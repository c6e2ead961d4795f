/**
 * Start-up of the built command line: CPU time of `modelmarket --help`, of `modelmarket nash` on a
 * 3x3x3 game and of one small run of each command (the compiled `bin/modelmarket.js`, as installed)
 * against `node -e 0`, measured side by side in one run (alternating, so machine load affects both
 * alike) and reported as ratios (targets 2 and 1.5); and 1,000 random 3x3x3 games solved by one `nash --stdin` process against 1,000
 * `gambit-enumpure` processes (when Gambit is on PATH or in /opt/gambit/bin), in CPU time of the
 * processes (user + system, children included).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark } from "./harness.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const preload = new URL("./cpu-at-exit.mjs", import.meta.url).href;

/** CPU microseconds and wall milliseconds of one `node --import preload ...args` run. */
function run(args: string[], input?: string): { cpuUs: number; wallMs: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", preload, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 << 20,
    ...(input === undefined ? {} : { input }),
  });
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

/** A seeded random 3-player game with 3 strategies each (payoffs 0..99), as a Gambit .nfg text. */
function game333(k: number): string {
  let state = (k + 1) * 2654435761;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * 100);
  };
  const payoffs = Array.from({ length: 81 }, next);
  return `NFG 1 R "random 3x3x3 #${k}" { "1" "2" "3" } { 3 3 3 }\n\n${payoffs.join(" ")}\n`;
}

/** The gambit-enumpure binary, or null. */
function gambitEnumpure(): string | null {
  for (const p of ["gambit-enumpure", "/opt/gambit/bin/gambit-enumpure"]) {
    const r = spawnSync(p, ["-h"], { encoding: "utf8" });
    if (r.error === undefined) return p;
  }
  return null;
}

/** One small run of each command (the first of its `--help` examples where that is quick). */
const COMMAND_RUNS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["evaluate", ["evaluate", "examples/three-producers.json"]],
  ["entry", ["entry", "examples/three-producers.json", "--entrant", "top-k:k=1"]],
  ["replace", ["replace", "examples/three-producers.json", "--producer", "Copycat", "--space", "top-k:k=2"]],
  ["equilibrium", ["equilibrium", "examples/c2-two-producers.json", "--rule", "weighted-winrate"]],
  ["sequential", ["sequential", "examples/three-producers.json", "--entrants", "3", "--space", "top-k:k=1"]],
  ["compare", ["compare", "examples/c5-witness.json", "--entry", "top-k:k=1"]],
  ["nash", ["nash", "examples/degenerate.nfg", "--method", "lcp"]],
  ["check", ["check", "--claim", "C9", "--instances", "1"]],
  ["ratings", ["ratings", "data/wildbench_v2_pairwise_by_category.csv", "--task", "overall"]],
  ["check --help", ["check", "--help"]],
  ["equilibrium --help", ["equilibrium", "--help"]],
  ["design --help", ["design", "--help"]],
];

export const benchmarks: Benchmark[] = [
  {
    name: "startup/commands",
    description:
      "CPU time of one small run of each command (built CLI) divided by that of `node -e 0`, median of 9 alternating runs; the value is the largest ratio, details give each",
    run: () => {
      const bin = join(root, "bin", "modelmarket.js");
      if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error("run `npm run build` first");
      for (let k = 0; k < 3; k++) run(["-e", "0"]);
      const details: Record<string, number> = {};
      let worst = 0;
      for (const [name, args] of COMMAND_RUNS) {
        const cli: number[] = [];
        const bare: number[] = [];
        for (let k = 0; k < 9; k++) {
          bare.push(run(["-e", "0"]).cpuUs);
          cli.push(run([bin, ...args]).cpuUs);
        }
        const ratio = median(cli) / median(bare);
        details[`${name} (ms)`] = Math.round(median(cli) / 1000);
        details[`${name} (x node)`] = Math.round(ratio * 100) / 100;
        worst = Math.max(worst, ratio);
      }
      return { value: worst, unit: "x node -e 0 (largest)", better: "lower", details };
    },
  },
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
  {
    name: "startup/nash-3x3x3",
    description:
      "CPU time of `modelmarket nash` on a random 3x3x3 .nfg (enumpure) divided by that of `node -e 0`, median of 25 alternating runs (target 1.5)",
    run: () => {
      const bin = join(root, "bin", "modelmarket.js");
      if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error("run `npm run build` first");
      const dir = mkdtempSync(join(tmpdir(), "modelmarket-startup-"));
      try {
        const file = join(dir, "g.nfg");
        writeFileSync(file, game333(0));
        const cli: Array<{ cpuUs: number; wallMs: number }> = [];
        const bare: Array<{ cpuUs: number; wallMs: number }> = [];
        for (let k = 0; k < 3; k++) run(["-e", "0"]);
        for (let k = 0; k < 25; k++) {
          bare.push(run(["-e", "0"]));
          cli.push(run([bin, "nash", file]));
        }
        const cliCpu = median(cli.map((x) => x.cpuUs)) / 1000;
        const bareCpu = median(bare.map((x) => x.cpuUs)) / 1000;
        return {
          value: cliCpu / bareCpu,
          unit: "x node -e 0",
          better: "lower",
          target: 1.5,
          details: { nashCpuMs: cliCpu, nodeCpuMs: bareCpu, runs: 25 },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: "startup/many-games-3x3x3",
    description:
      "CPU time of one `nash --stdin --method enumpure` process on 1,000 random 3x3x3 games divided by that of 1,000 `gambit-enumpure` processes (target 1; skipped without Gambit)",
    run: () => {
      const bin = join(root, "bin", "modelmarket.js");
      const games = Array.from({ length: 1000 }, (_, k) => game333(k));
      const ours = run([bin, "nash", "--stdin", "--method", "enumpure"], games.join(""));
      const gambit = gambitEnumpure();
      if (gambit === null) {
        process.stderr.write("skipped: gambit-enumpure is not on PATH nor in /opt/gambit/bin\n");
        return {
          value: Number.NaN,
          unit: "x 1,000 gambit-enumpure runs (skipped: no Gambit)",
          better: "lower",
          details: { skipped: true, modelmarketCpuMs: ours.cpuUs / 1000 },
        };
      }
      const dir = mkdtempSync(join(tmpdir(), "modelmarket-gambit-"));
      try {
        for (const [k, text] of games.entries()) writeFileSync(join(dir, `g${k}.nfg`), text);
        // one shell loop under /usr/bin/time: its figure includes every gambit-enumpure child (and the
        // shell's own bookkeeping, a few ms, which counts against Gambit)
        const loop = `for f in "${dir}"/g*.nfg; do "${gambit}" "$f" >/dev/null; done`;
        const r = spawnSync("/usr/bin/time", ["-f", "cpu %U %S", "sh", "-c", loop], { encoding: "utf8" });
        const m = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
        if (m === null) throw new Error(`no CPU figure from the gambit-enumpure loop: ${r.stderr}`);
        const theirsUs = (Number(m[1]) + Number(m[2])) * 1e6;
        return {
          value: ours.cpuUs / theirsUs,
          unit: "x 1,000 gambit-enumpure runs (CPU)",
          better: "lower",
          target: 1,
          details: { modelmarketCpuMs: ours.cpuUs / 1000, gambitCpuMs: theirsUs / 1000, games: 1000 },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
