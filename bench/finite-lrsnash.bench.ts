/**
 * `enummixed` beside lrsnash (lrslib; `apt-get install lrslib`) on the same seeded random games
 * (payoffs 0..99): CPU time of each (modelmarket's solve in this process, after a warm-up; lrsnash's
 * own user + system time line), the ratio, and whether the two sets of extreme equilibria are equal.
 * Each game is written in lrsnash's input format (`m n`, then A and B row by row, `man lrsnash`).
 * Without lrsnash on PATH the benchmarks say they skipped. Also exact Lemke-Howson: all accessible
 * equilibria (every label from every equilibrium found) at 20x20, and every label from the artificial
 * equilibrium at 30x30 (continuing from the equilibria found there takes minutes: hundreds of
 * equilibria times 60 labels, paths of about 70 pivots).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { enumMixed } from "../solvers/finite/enummixed/index.js";
import { type NormalFormGame, toBimatrix } from "../solvers/finite/game.js";
import { randomGame } from "../solvers/finite/generators.js";
import { lemkeHowson } from "../solvers/finite/lcp/index.js";
import type { Benchmark, Measurement } from "./harness.js";
import { cpuSeconds } from "./reference-tools.js";

/** The game in lrsnash's input format. */
export function toLrsnash(game: NormalFormGame): string {
  const [m, n] = game.shape as [number, number];
  const { A, B } = toBimatrix(game);
  const rows = (M: typeof A) => M.map((r) => r.map((x) => x.toString()).join(" ")).join("\n");
  return `${m} ${n}\n\n${rows(A)}\n\n${rows(B)}\n`;
}

function lrsnashAvailable(): boolean {
  const r = spawnSync("lrsnash", ["-h"], { encoding: "utf8" });
  return r.error === undefined;
}

/**
 * Runs lrsnash on the game; returns its CPU seconds (its own `*0.13u 0.01s` line, else wall time)
 * and its equilibria as `x | y` keys. Each `2 ...` line (column player's mix, then a payoff) pairs with
 * the next `1 ...` line (row player's mix, then a payoff).
 */
function runLrsnash(game: NormalFormGame, dir: string): { seconds: number; keys: string[] } {
  const [m, n] = game.shape as [number, number];
  const file = join(dir, "game.txt");
  writeFileSync(file, toLrsnash(game));
  const t0 = performance.now();
  const r = spawnSync("lrsnash", [file], { encoding: "utf8", maxBuffer: 256 << 20 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`lrsnash failed: ${r.stderr}`);
  const keys: string[] = [];
  let pending: string[] = [];
  for (const line of r.stdout.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f[0] === "2") pending.push(f.slice(1, 1 + n).join(","));
    else if (f[0] === "1") {
      const x = f.slice(1, 1 + m).join(",");
      for (const y of pending) keys.push(`${x} | ${y}`);
      pending = [];
    }
  }
  const time = /\*([\d.]+)u\s+([\d.]+)s/.exec(r.stdout);
  const seconds = time ? Number(time[1]) + Number(time[2]) : wall;
  return { seconds, keys: [...new Set(keys)].sort() };
}

function versusLrsnash(n: number, games: number, seed: string, target?: number): Measurement {
  if (!lrsnashAvailable()) {
    process.stderr.write(`skipped: lrsnash is not on PATH (apt-get install lrslib)\n`);
    return {
      value: Number.NaN,
      unit: "x lrsnash (skipped: no lrsnash)",
      better: "lower",
      details: { skipped: true },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "modelmarket-lrsnash-"));
  try {
    enumMixed(randomGame([n - 2, n - 2], seedrandom.alea(`${seed}-warmup`))); // JIT warm-up
    const rng = seedrandom.alea(seed);
    const perGame: Record<string, unknown>[] = [];
    let ours = 0;
    let theirs = 0;
    let allEqual = true;
    for (let k = 0; k < games; k++) {
      const game = randomGame([n, n], rng);
      let keys: string[] = [];
      const s = cpuSeconds(() => {
        keys = enumMixed(game).equilibria.map((p) => p.map((x) => x.join(",")).join(" | "));
      });
      const l = runLrsnash(game, dir);
      const equal = JSON.stringify(keys.sort()) === JSON.stringify(l.keys);
      allEqual &&= equal;
      ours += s;
      theirs += l.seconds;
      perGame.push({
        modelmarket_s: Number(s.toFixed(3)),
        lrsnash_s: Number(l.seconds.toFixed(3)),
        ratio: Number((s / l.seconds).toFixed(2)),
        equilibria: keys.length,
        lrsnash_equilibria: l.keys.length,
        equal,
      });
      process.stderr.write(
        `  ${n}x${n} #${k}: modelmarket ${s.toFixed(2)} s, lrsnash ${l.seconds.toFixed(2)} s, ratio ${(s / l.seconds).toFixed(2)}, ${keys.length} equilibria, sets ${equal ? "equal" : "DIFFERENT"}\n`,
      );
    }
    return {
      value: ours / theirs,
      unit: `x lrsnash CPU (${ours.toFixed(2)} s vs ${theirs.toFixed(2)} s, sets ${allEqual ? "equal" : "DIFFERENT"})`,
      better: "lower",
      ...(target === undefined ? {} : { target }),
      details: {
        size: `${n}x${n}`,
        payoffs: "0..99",
        seed,
        games,
        modelmarket_s: ours,
        lrsnash_s: theirs,
        allEqual,
        perGame,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function lcpAll(n: number, games: number, seed: string, accessible: boolean): Measurement {
  const rng = seedrandom.alea(seed);
  lemkeHowson(randomGame([n - 4, n - 4], seedrandom.alea(`${seed}-warmup`)), { accessible });
  const perGame: Record<string, unknown>[] = [];
  let total = 0;
  for (let k = 0; k < games; k++) {
    const game = randomGame([n, n], rng);
    let r: ReturnType<typeof lemkeHowson> | undefined;
    const s = cpuSeconds(() => {
      r = lemkeHowson(game, { accessible });
    });
    total += s;
    perGame.push({
      s: Number(s.toFixed(3)),
      equilibria: r!.equilibria.length,
      paths: r!.paths.length,
      complete: r!.complete,
    });
  }
  return {
    value: (1000 * total) / games,
    unit: "ms CPU per game",
    better: "lower",
    details: { size: `${n}x${n}`, payoffs: "0..99", seed, games, accessible, perGame },
  };
}

export const benchmarks: Benchmark[] = [
  {
    name: "enummixed-vs-lrsnash/random-12x12",
    description: "CPU time of enummixed / lrsnash's on 3 seeded random 12x12 games (target 0.8)",
    run: () => versusLrsnash(12, 3, "lrsnash-12", 0.8),
  },
  {
    name: "enummixed-vs-lrsnash/random-14x14",
    description: "CPU time of enummixed / lrsnash's on 2 seeded random 14x14 games (target 0.8)",
    run: () => versusLrsnash(14, 2, "lrsnash-14", 0.8),
  },
  {
    name: "enummixed-vs-lrsnash/random-16x16",
    description: "CPU time of enummixed / lrsnash's on one seeded random 16x16 game (target 0.8)",
    run: () => versusLrsnash(16, 1, "lrsnash-16", 0.8),
  },
  {
    name: "enummixed-vs-lrsnash/random-18x18",
    description: "CPU time of enummixed / lrsnash's on one seeded random 18x18 game (target 0.8; minutes)",
    run: () => versusLrsnash(18, 1, "lrsnash-18", 0.8),
  },
  {
    name: "lcp/random-20x20-accessible",
    description: "exact Lemke-Howson from all labels and all equilibria found, 3 random 20x20 games",
    run: () => lcpAll(20, 3, "lcp-20", true),
  },
  {
    name: "lcp/random-30x30-all-labels",
    description:
      "exact Lemke-Howson from the artificial equilibrium with all 60 labels, 2 random 30x30 games",
    run: () => lcpAll(30, 2, "lcp-30", false),
  },
];
