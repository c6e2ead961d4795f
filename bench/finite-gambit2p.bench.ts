/**
 * Two-player methods beside Gambit 17's command-line tools on the same seeded games: `lp` (the
 * certified constant-sum LP, automatic backend) against `gambit-lp -d 10` (Gambit's LP in floating
 * point; its default exact mode took 64 CPU s on one 100x100 game here) on random constant-sum games
 * (payoffs 0..99), and `lcp` (all accessible equilibria) against `gambit-lcp` on random games (payoffs
 * 0..99) and, with `variant: "gambit"`, on random degenerate games (payoffs 0..3). modelmarket's CPU is
 * measured in this process after a warm-up; Gambit's with `/usr/bin/time` per run, minus the CPU of the
 * same tool on a 1x1 game (its start-up), since each Gambit run is one process. Also checked: lp, that
 * the game values agree (1e-6); lcp, that both list the same set of equilibria (the variant: the same
 * list in the same order). Without Gambit in /opt/gambit/bin or on PATH the row says "not on PATH" and
 * only our CPU is reported. Measured on a shared, loaded machine: compare ratios, not absolute times.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { fromBimatrix, type NormalFormGame } from "../solvers/finite/game.js";
import { randomDegenerateGame, randomGame } from "../solvers/finite/generators.js";
import { type LcpVariant, lemkeHowson } from "../solvers/finite/lcp/index.js";
import { solveConstantSumLp } from "../solvers/finite/lp/constant-sum.js";
import { loadLpBackends } from "../solvers/finite/lp/matrix-game.js";
import { writeNfg } from "../solvers/finite/nfg.js";
import type { Benchmark, Measurement } from "./harness.js";
import { cpuSeconds, gambitTool } from "./reference-tools.js";

/** CPU seconds (user + system, `/usr/bin/time`) and the `NE,` lines (without `NE,`) of one run. */
function runGambit(tool: string, args: string[], file: string): { seconds: number; lines: string[] } {
  const r = spawnSync("/usr/bin/time", ["-f", "CPU %U %S", tool, ...args, file], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  const lines = r.stdout
    .split("\n")
    .filter((l) => l.startsWith("NE,"))
    .map((l) => l.slice(3));
  return { seconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN, lines };
}

/** One game solved by us: its CPU seconds and the check against Gambit's `NE` lines. */
interface Ours {
  s: number;
  agrees: (gambitLines: string[]) => boolean;
  found: number;
}

/** Runs the Gambit tool on every game and returns the row: CPU ratio ours / Gambit's. */
function versusGambit(
  tool: string,
  args: string[],
  games: NormalFormGame[],
  ours: Ours[],
  what: string,
  details: Record<string, unknown>,
): Measurement {
  const oursTotal = ours.reduce((a, o) => a + o.s, 0);
  const path = gambitTool(tool);
  if (path === null || !existsSync("/usr/bin/time")) {
    process.stderr.write(`skipped the comparison: ${tool} is not on PATH (nor /usr/bin/time)\n`);
    return {
      value: (1000 * oursTotal) / games.length,
      unit: `ms CPU per game (${tool}: not on PATH)`,
      better: "lower",
      details: { ...details, games: games.length, skipped: true },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "modelmarket-gambit-"));
  try {
    const trivial = join(dir, "trivial.nfg");
    writeFileSync(trivial, writeNfg(fromBimatrix([[0]], [[0]])));
    const startup = Math.min(...[0, 1, 2].map(() => runGambit(path, args, trivial).seconds));
    let theirs = 0;
    let agree = 0;
    const perGame = games.map((g, k) => {
      const file = join(dir, `g${k}.nfg`);
      writeFileSync(file, writeNfg(g));
      const run = runGambit(path, args, file);
      const s = Math.max(0, run.seconds - startup);
      theirs += s;
      const same = ours[k]!.agrees(run.lines);
      if (same) agree++;
      return {
        modelmarket_s: Number(ours[k]!.s.toFixed(3)),
        gambit_s: Number(s.toFixed(3)),
        found: ours[k]!.found,
        gambit_found: run.lines.length,
        agrees: same,
      };
    });
    return {
      value: oursTotal / Math.max(theirs, 1e-3),
      unit: `x ${tool} CPU (${oursTotal.toFixed(2)} s vs ${theirs.toFixed(2)} s after ${startup.toFixed(3)} s start-up per run; ${what} on ${agree} of ${games.length} games)`,
      better: "lower",
      target: 1,
      details: { ...details, games: games.length, startup_s: startup, agree, perGame },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function constantSumGame(n: number, seed: string): NormalFormGame {
  const rng = seedrandom.alea(seed);
  const A = Array.from({ length: n }, () => Array.from({ length: n }, () => Math.floor(rng() * 100)));
  return fromBimatrix(
    A,
    A.map((row) => row.map((v) => 99 - v)),
  );
}

async function lpRow(n: number, count: number): Promise<Measurement> {
  const backends = await loadLpBackends();
  solveConstantSumLp(constantSumGame(n, `lp-gambit-warmup-${n}`), backends); // JIT warm-up
  const games = Array.from({ length: count }, (_, k) => constantSumGame(n, `lp-gambit-${n}-${k}`));
  const ours = games.map((g): Ours => {
    let value = Number.NaN;
    const s = cpuSeconds(() => {
      const r = solveConstantSumLp(g, backends);
      if (!r.certified) throw new Error(`lp ${n}x${n}: not certified`);
      value = r.values[0]!;
    });
    const A = g.payoffs[0]!.map((v) => v.toNumber());
    const agrees = (lines: string[]) => {
      if (lines.length !== 1) return false;
      const p = lines[0]!.split(",").map(Number);
      let v = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v += p[i]! * A[i + n * j]! * p[n + j]!;
      return Math.abs(v - value) <= 1e-6 * 99;
    };
    return { s, agrees, found: 1 };
  });
  return versusGambit("gambit-lp", ["-q", "-d", "10"], games, ours, "same game value", {
    size: `${n}x${n}`,
    payoffs: "0..99, constant sum 99",
  });
}

const line = (p: readonly (readonly { toString(): string }[])[]) => p.map((x) => x.join(",")).join(",");

function lcpRow(
  make: (k: number) => NormalFormGame,
  count: number,
  variant: LcpVariant,
  details: Record<string, unknown>,
): Measurement {
  lemkeHowson(make(-1), { variant }); // JIT warm-up
  const games = Array.from({ length: count }, (_, k) => make(k));
  const ours = games.map((g): Ours => {
    let got: string[] = [];
    const s = cpuSeconds(() => {
      got = lemkeHowson(g, { variant }).equilibria.map((e) => line(e.profile));
    });
    const agrees = (lines: string[]) => {
      const want = [...new Set(lines)];
      if (variant === "gambit") return got.join("|") === want.join("|");
      return got.length === want.length && [...got].sort().join("|") === [...want].sort().join("|");
    };
    return { s, agrees, found: got.length };
  });
  const what = variant === "gambit" ? "same list, same order" : "same set";
  return versusGambit("gambit-lcp", ["-q"], games, ours, what, { ...details, variant });
}

const random = (n: number) => (k: number) => randomGame([n, n], seedrandom.alea(`lcp-gambit-${n}-${k}`));

export const benchmarks: Benchmark[] = [
  {
    name: "lp-vs-gambit/constant-sum-100x100",
    description:
      "CPU of lp (certified, auto backend) / gambit-lp -d 10's on 3 seeded constant-sum 100x100 games",
    run: () => lpRow(100, 3),
  },
  {
    name: "lp-vs-gambit/constant-sum-200x200",
    description:
      "CPU of lp (certified, auto backend) / gambit-lp -d 10's on 2 seeded constant-sum 200x200 games",
    run: () => lpRow(200, 2),
  },
  {
    name: "lcp-vs-gambit/random-12x12",
    description: "CPU of lcp (all accessible equilibria) / gambit-lcp's on 5 seeded random 12x12 games",
    run: () => lcpRow(random(12), 5, "modelmarket", { size: "12x12", payoffs: "0..99" }),
  },
  {
    name: "lcp-vs-gambit/random-20x20",
    description: "CPU of lcp (all accessible equilibria) / gambit-lcp's on 2 seeded random 20x20 games",
    run: () => lcpRow(random(20), 2, "modelmarket", { size: "20x20", payoffs: "0..99" }),
  },
  {
    name: "lcp-gambit-variant-vs-gambit/random-12x12",
    description:
      "CPU of lcp --lcp-variant gambit / gambit-lcp's on the 5 random 12x12 games of lcp-vs-gambit/random-12x12",
    run: () => lcpRow(random(12), 5, "gambit", { size: "12x12", payoffs: "0..99" }),
  },
  {
    name: "lcp-gambit-variant-vs-gambit/degenerate-14x14",
    description:
      "CPU of lcp --lcp-variant gambit / gambit-lcp's on 5 seeded random degenerate 14x14 games (payoffs 0..3)",
    run: () =>
      lcpRow(
        (k) => randomDegenerateGame(14, 14, seedrandom.alea(`lcp-gambit-degenerate-${k}`), 4),
        5,
        "gambit",
        { size: "14x14", payoffs: "0..3" },
      ),
  },
];
