/**
 * N-player mixed equilibria beside Gambit 17's command-line tools on the same seeded random games
 * (payoffs 0..99): `enumpoly` against `gambit-enumpoly` on 3x3x3, `gnm` (one ray, as Gambit's default
 * one perturbation) against `gambit-gnm` on 4x4x4 and 5x5x5, `simpdiv` (one start) against
 * `gambit-simpdiv` on 4x4x4. modelmarket's CPU is measured in this process after a warm-up on 30
 * other games (`WARMUP_GAMES`), averaged over 5 runs of each game; Gambit's with `/usr/bin/time` over 5 runs of
 * each game in one shell loop, minus the CPU of the same loop on a 1x1x1 game (its start-up), since
 * each Gambit run is one process. Also: whether
 * modelmarket's equilibria contain Gambit's (each Gambit equilibrium within 1e-6 of one of ours).
 * Without Gambit in /opt/gambit/bin or on PATH the comparison says "not on PATH" and only our CPU is
 * reported. Measured on a shared, loaded machine: compare ratios, not absolute times.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { enumPoly } from "../solvers/finite/enumpoly/index.js";
import { makeGame, type NormalFormGame } from "../solvers/finite/game.js";
import { randomGame } from "../solvers/finite/generators.js";
import { gnm } from "../solvers/finite/gnm/index.js";
import { writeNfg } from "../solvers/finite/nfg.js";
import type { NPlayerResult } from "../solvers/finite/nplayer/types.js";
import { Rational } from "../solvers/finite/rational.js";
import { simpdiv } from "../solvers/finite/simpdiv/index.js";
import type { Benchmark, Measurement } from "./harness.js";
import { cpuSeconds, gambitTool } from "./reference-tools.js";

/**
 * Runs per game on both sides, CPU averaged: `/usr/bin/time` prints CPU to 10 ms, the order of one
 * Gambit run on these games, so Gambit's runs of a game are timed together in one shell loop.
 */
const REPEATS = 5;

/**
 * Games solved before the timed ones, so that V8 has compiled the solver's hot paths: on the three
 * 5x5x5 `gnm` games, the CPU per pass measured after 3, 10, 20, 30 and 60 warm-up games was 133-155,
 * 122-149, 92, 77-81 and 83 ms (the optimising compiler still ran during the timed runs after fewer
 * than 30; it runs on other threads, which `process.cpuUsage` counts).
 */
const WARMUP_GAMES = 30;

/** A Gambit run (or loop of runs) stopped after this long counts as failed (NaN CPU, no equilibria). */
const TIMEOUT_MS = 300_000;

/** The `NE,` lines of one run of a Gambit tool. */
function gambitProfiles(tool: string, args: string[], file: string): number[][] {
  const r = spawnSync(tool, [...args, file], { encoding: "utf8", maxBuffer: 64 << 20, timeout: TIMEOUT_MS });
  return (r.stdout ?? "")
    .split("\n")
    .filter((l) => l.startsWith("NE,"))
    .map((l) => l.slice(3).split(",").map(Number));
}

/** CPU seconds (user + system, `/usr/bin/time`) of one run of a Gambit tool, averaged over `REPEATS` runs. */
function gambitSeconds(tool: string, args: string[], file: string): number {
  const loop = `i=0; while [ $i -lt ${REPEATS} ]; do "$@" >/dev/null; i=$((i+1)); done`;
  const r = spawnSync("/usr/bin/time", ["-f", "CPU %U %S", "sh", "-c", loop, "sh", tool, ...args, file], {
    encoding: "utf8",
    timeout: TIMEOUT_MS,
  });
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return cpu ? (Number(cpu[1]) + Number(cpu[2])) / REPEATS : Number.NaN;
}

function flat(r: NPlayerResult): number[][] {
  return r.equilibria.map((e) =>
    e.profile.flatMap((x) => x.map((v) => (v instanceof Rational ? v.toNumber() : v))),
  );
}

function versusGambit(
  method: "enumpoly" | "gnm" | "simpdiv",
  shape: number[],
  games: number,
  target: number,
): Measurement {
  const solve = (g: NormalFormGame) =>
    method === "enumpoly" ? enumPoly(g) : method === "gnm" ? gnm(g, { starts: 1 }) : simpdiv(g);
  // JIT warm-up on other games: the CPU measured is the steady state of a long-running process
  // (Gambit's tools are compiled ahead of time), not the compiler's first passes
  for (let k = 0; k < WARMUP_GAMES; k++) solve(randomGame(shape, seedrandom.alea(`${method}-warmup-${k}`)));
  const list = Array.from({ length: games }, (_, k) =>
    randomGame(shape, seedrandom.alea(`np-${method}-${k}`)),
  );
  const ours = list.map((g) => {
    let r: NPlayerResult | undefined;
    let s = 0;
    for (let k = 0; k < REPEATS; k++) {
      s += cpuSeconds(() => {
        r = solve(g);
      });
    }
    return { s: s / REPEATS, r: r! };
  });
  const oursTotal = ours.reduce((a, o) => a + o.s, 0);
  const tool = gambitTool(`gambit-${method}`);
  const size = shape.join("x");
  if (tool === null || !existsSync("/usr/bin/time")) {
    process.stderr.write(`skipped the comparison: gambit-${method} is not on PATH (nor /usr/bin/time)\n`);
    return {
      value: (1000 * oursTotal) / games,
      unit: `ms CPU per game (gambit-${method}: not on PATH)`,
      better: "lower",
      details: { size, games, skipped: true },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "modelmarket-gambit-"));
  try {
    const trivial = join(dir, "trivial.nfg");
    writeFileSync(trivial, writeNfg(makeGame([1, 1, 1], [[0], [0], [0]])));
    // gambit-gnm: one perturbation (its default) from a fixed seed, so that runs repeat (unseeded, it
    // draws from system entropy, and some perturbations take minutes on these games)
    const args = method === "gnm" ? ["-q", "-n", "1", "-R", "1"] : ["-q"];
    const startup = gambitSeconds(tool, args, trivial);
    let theirs = 0;
    let superset = true;
    const perGame = list.map((g, k) => {
      const file = join(dir, `g${k}.nfg`);
      writeFileSync(file, writeNfg(g));
      const run = { profiles: gambitProfiles(tool, args, file) };
      const s = Math.max(0, gambitSeconds(tool, args, file) - startup);
      theirs += s;
      const mine = flat(ours[k]!.r);
      const covered = run.profiles.every((p) =>
        mine.some((q) => q.every((v, i) => Math.abs(v - p[i]!) < 1e-6)),
      );
      superset &&= covered;
      return {
        modelmarket_s: Number(ours[k]!.s.toFixed(3)),
        gambit_s: Number(s.toFixed(3)),
        equilibria: mine.length,
        gambit_equilibria: run.profiles.length,
        contains_gambit: covered,
        complete: ours[k]!.r.complete,
      };
    });
    return {
      value: oursTotal / Math.max(theirs, 1e-3),
      unit: `x gambit-${method} CPU (${oursTotal.toFixed(2)} s vs ${theirs.toFixed(2)} s after ${startup.toFixed(3)} s start-up per run; ours ${superset ? "contain" : "do NOT contain"} Gambit's)`,
      better: "lower",
      target,
      details: { size, payoffs: "0..99", games, startup_s: startup, superset, perGame },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: "enumpoly-vs-gambit/random-3x3x3",
    description: "CPU of enumpoly / gambit-enumpoly's on 10 seeded random 3x3x3 games (target 2)",
    run: () => versusGambit("enumpoly", [3, 3, 3], 10, 2),
  },
  {
    name: "gnm-vs-gambit/random-4x4x4",
    description: "CPU of gnm (one ray) / gambit-gnm's on 5 seeded random 4x4x4 games (target 1)",
    run: () => versusGambit("gnm", [4, 4, 4], 5, 1),
  },
  {
    name: "gnm-vs-gambit/random-5x5x5",
    description: "CPU of gnm (one ray) / gambit-gnm's on 3 seeded random 5x5x5 games (target 1)",
    run: () => versusGambit("gnm", [5, 5, 5], 3, 1),
  },
  {
    name: "simpdiv-vs-gambit/random-4x4x4",
    description:
      "CPU of simpdiv (one start, every player's first strategy, tolerance 1e-7) / gambit-simpdiv's (the same start and tolerance) on 5 seeded random 4x4x4 games",
    run: () => versusGambit("simpdiv", [4, 4, 4], 5, 1),
  },
];
