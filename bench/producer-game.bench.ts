/**
 * Every equilibrium the producer game finds for three top-k (k = 1) producers on 13 tasks (a 13 x 13 x 13
 * game): CPU per built-in rule, beside Gambit's `gambit-gnm` on the same game written as .nfg.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeNfg } from "../solvers/finite/index.js";
import { solveEquilibria } from "../solvers/index.js";
import { buildMarketGame, toNormalFormGame } from "../solvers/marketGame.js";
import { BUILTIN_PAYOFF_RULES } from "../src/model/payoffs.js";
import type { Market, StrategySpace } from "../src/model/types.js";
import type { Benchmark } from "./harness.js";
import { cpuSeconds, gambitTool } from "./reference-tools.js";

/** CPU seconds after which a `gambit-gnm` run is stopped (it needs over 90 s under weighted winrate). */
const GAMBIT_CPU_CAP_S = 30;

/** Three producers with no quality yet, each putting its whole effort on one of 13 tasks of weights 1..13, logit beta 8. */
function market(): Market {
  const T = 13;
  return {
    tasks: Array.from({ length: T }, (_, t) => ({
      name: `t${t}`,
      weight: (t + 1) / ((T * (T + 1)) / 2),
      cap: 1,
    })),
    selection: { rule: "logit", beta: 8 },
    producers: ["A", "B", "C"].map((name) => ({
      name,
      quality: new Array<number>(T).fill(0),
      space: { kind: "top-k", k: 1 } as StrategySpace,
    })),
  };
}

/** `gambit-gnm` from 10 perturbations of seed 1 (as our 10 rays), capped at `GAMBIT_CPU_CAP_S` of CPU. */
function gambitGnm(
  tool: string,
  file: string,
  dir: string,
): { cpu: number; capped: boolean; profiles: number[][] } {
  const timeFile = join(dir, "time.txt");
  const r = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "CPU %U %S",
      "-o",
      timeFile,
      "prlimit",
      `--cpu=${GAMBIT_CPU_CAP_S}`,
      tool,
      "-q",
      "-n",
      "10",
      "-R",
      "1",
      "-d",
      "10",
      file,
    ],
    { encoding: "utf8", maxBuffer: 256 << 20 },
  );
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(existsSync(timeFile) ? readFileSync(timeFile, "utf8") : "");
  const lines = new Set((r.stdout ?? "").split("\n").filter((l) => l.startsWith("NE,")));
  return {
    cpu: m ? Number(m[1]) + Number(m[2]) : Number.NaN,
    capped: r.status !== 0,
    profiles: [...lines].map((l) => l.slice(3).split(",").map(Number)),
  };
}

export const benchmarks: Benchmark[] = [
  {
    name: "solvers/equilibrium-3x13-topk1",
    description:
      "every equilibrium the producer game finds for three top-k (k=1) producers on 13 tasks (13 x 13 x 13, logit beta=8, weights 1..13): enumpoly is above its limit, so gnm from 10 seeded rays, each equilibrium certified; CPU seconds of solveEquilibria per built-in rule (target 10 s), beside gambit-gnm -n 10 on the same .nfg (capped at 30 s CPU)",
    run: () => {
      const m = market();
      const tool = gambitTool("gambit-gnm");
      const canCompare = tool !== null && existsSync("/usr/bin/time") && existsSync("/usr/bin/prlimit");
      const dir = mkdtempSync(join(tmpdir(), "modelmarket-3x13-"));
      try {
        const byRule = BUILTIN_PAYOFF_RULES.map(({ name: rule }) => {
          let rep: ReturnType<typeof solveEquilibria> | undefined;
          const cpu = cpuSeconds(() => {
            rep = solveEquilibria(m, rule, { randomStarts: 1 });
          });
          const nfg = toNormalFormGame(buildMarketGame(m, rule), m);
          // each equilibrium as one vector over the .nfg's strategies (producer by producer), as Gambit prints it
          const ours = rep!.mixed.equilibria.map((e) =>
            e.producers.flatMap((p, i) => {
              const x = new Array<number>(nfg.shape[i]!).fill(0);
              for (const c of p.mixture ?? []) x[nfg.strategies[i]!.indexOf(c.label)] = c.probability;
              return x;
            }),
          );
          const row = {
            rule,
            cpuSeconds: +cpu.toFixed(2),
            methods: rep!.mixed.methods,
            equilibria: ours.length,
            complete: rep!.mixed.complete,
          };
          if (!canCompare) return { ...row, gambit: "gambit-gnm, /usr/bin/time or prlimit not found" };
          const file = join(dir, `${rule}.nfg`);
          writeFileSync(file, writeNfg(nfg));
          const g = gambitGnm(tool!, file, dir);
          const inOurs = g.profiles.filter((p) =>
            ours.some((q) => q.every((v, i) => Math.abs(v - p[i]!) < 1e-6)),
          );
          return {
            ...row,
            gambitCpuSeconds: +g.cpu.toFixed(2),
            gambitStopped: g.capped,
            gambitEquilibria: g.profiles.length,
            gambitFoundByUs: inOurs.length,
          };
        });
        for (const r of byRule) process.stderr.write(`${JSON.stringify(r)}\n`);
        return {
          value: Math.max(...byRule.map((r) => r.cpuSeconds)),
          unit: "s (slowest rule)",
          better: "lower",
          target: 10,
          details: { byRule, gambitCpuCapSeconds: GAMBIT_CPU_CAP_S },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
