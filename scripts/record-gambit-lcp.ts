/**
 * Records Gambit's `gambit-lcp` on the games of test/fixtures/gambit-lcp/ (16 seeded degenerate games,
 * 16 seeded random games): each game's .nfg text and the equilibria Gambit prints, in its order.
 * Run by hand where Gambit is built (`node --import tsx scripts/record-gambit-lcp.ts [gambit-lcp]`);
 * the test reads the fixture and never needs Gambit.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { randomDegenerateGame, randomGame } from "../solvers/finite/generators.js";
import { writeNfg } from "../solvers/finite/nfg.js";
import type { NormalFormGame } from "../solvers/finite/game.js";

const tool = process.argv[2] ?? "/opt/gambit/bin/gambit-lcp";
const banner = spawnSync(tool, ["-v"], { encoding: "utf8" }).stderr;
const version = /Gambit version ([^\s,]+)/.exec(banner)?.[1] ?? "unknown";
const commit = process.env.GAMBIT_COMMIT ?? "unknown";
const dir = mkdtempSync(join(tmpdir(), "gambit-lcp-"));

function record(kind: string, make: (n: number) => NormalFormGame, how: string): void {
  const games = [];
  for (const n of [6, 6, 6, 6, 6, 6, 6, 6, 8, 8, 8, 8, 8, 8, 8, 8]) {
    const game = make(n);
    const nfg = writeNfg(game);
    const file = join(dir, "game.nfg");
    writeFileSync(file, nfg);
    const out = execFileSync(tool, ["-q", file], { encoding: "utf8" });
    const gambit = out
      .split("\n")
      .filter((l) => l.startsWith("NE,"))
      .map((l) => l.slice(3));
    games.push({ name: `${kind}-${n}x${n}-${games.length + 1}`, nfg, gambit });
  }
  const fixture = {
    source: `gambit-lcp, Gambit version ${version}, commit ${commit}, built from source; command: gambit-lcp -q game.nfg (each line NE,... of its output, in order); games: ${how}, written with writeNfg; recorded by scripts/record-gambit-lcp.ts`,
    games,
  };
  writeFileSync(`test/fixtures/gambit-lcp/${kind}.json`, `${JSON.stringify(fixture, null, 1)}\n`);
}

const dRng = seedrandom.alea("lcp-vs-gambit");
record(
  "degenerate",
  (n) => randomDegenerateGame(n, n, dRng, 4),
  'randomDegenerateGame(n, n, rng, 4) with one rng = seedrandom.alea("lcp-vs-gambit"), n = 6 eight times then 8 eight times',
);
const rRng = seedrandom.alea("lcp-vs-gambit-random");
record(
  "random",
  (n) => randomGame([n, n], rRng),
  'randomGame([n, n], rng) (payoffs 0..99) with one rng = seedrandom.alea("lcp-vs-gambit-random"), n = 6 eight times then 8 eight times',
);
rmSync(dir, { recursive: true });
