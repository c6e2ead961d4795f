/**
 * Records Gambit's `gambit-lcp` on the games of test/fixtures/gambit-lcp/ (16 seeded degenerate games,
 * 16 seeded random games, 8 seeded non-square degenerate games with negative and fractional payoffs):
 * each game's .nfg text and the equilibria Gambit prints, in its order.
 * Run by hand where Gambit is built (`node --import tsx scripts/record-gambit-lcp.ts [gambit-lcp]`);
 * the test reads the fixture and never needs Gambit.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { fromBimatrix, type NormalFormGame } from "../solvers/finite/game.js";
import { randomDegenerateGame, randomGame } from "../solvers/finite/generators.js";
import { writeNfg } from "../solvers/finite/nfg.js";

const tool = process.argv[2] ?? "/opt/gambit/bin/gambit-lcp";
const banner = spawnSync(tool, ["-v"], { encoding: "utf8" }).stderr;
const version = /Gambit version ([^\s,]+)/.exec(banner)?.[1] ?? "unknown";
const commit = process.env.GAMBIT_COMMIT ?? "unknown";
const dir = mkdtempSync(join(tmpdir(), "gambit-lcp-"));

const SQUARE: [number, number][] = [6, 6, 6, 6, 6, 6, 6, 6, 8, 8, 8, 8, 8, 8, 8, 8].map((n) => [n, n]);

function record(
  kind: string,
  make: (m: number, n: number) => NormalFormGame,
  how: string,
  shapes = SQUARE,
): void {
  const games = [];
  for (const [m, n] of shapes) {
    const game = make(m, n);
    const nfg = writeNfg(game);
    const file = join(dir, "game.nfg");
    writeFileSync(file, nfg);
    const out = execFileSync(tool, ["-q", file], { encoding: "utf8" });
    const gambit = out
      .split("\n")
      .filter((l) => l.startsWith("NE,"))
      .map((l) => l.slice(3));
    games.push({ name: `${kind}-${m}x${n}-${games.length + 1}`, nfg, gambit });
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
  (m, n) => randomDegenerateGame(m, n, dRng, 4),
  'randomDegenerateGame(n, n, rng, 4) with one rng = seedrandom.alea("lcp-vs-gambit"), n = 6 eight times then 8 eight times',
);
const rRng = seedrandom.alea("lcp-vs-gambit-random");
record(
  "random",
  (m, n) => randomGame([m, n], rRng),
  'randomGame([n, n], rng) (payoffs 0..99) with one rng = seedrandom.alea("lcp-vs-gambit-random"), n = 6 eight times then 8 eight times',
);
const sRng = seedrandom.alea("lcp-vs-gambit-shifted");
const P1 = ["-3", "-1/2", "0", "5/2"];
const P2 = ["-1/3", "1", "1", "7/4"];
record(
  "shifted",
  (m, n) => {
    const g = randomDegenerateGame(m, n, sRng, 4);
    const map = (p: number, vals: string[]) =>
      Array.from({ length: m }, (_, i) =>
        Array.from({ length: n }, (_, j) => vals[Number(g.payoffs[p]![i + m * j]!.num)]!),
      );
    return { ...fromBimatrix(map(0, P1), map(1, P2)), title: `degenerate ${m}x${n}, fractional payoffs` };
  },
  `randomDegenerateGame(m, n, rng, 4) with one rng = seedrandom.alea("lcp-vs-gambit-shifted"), payoffs 0..3 mapped to ${P1.join(" ")} (player 1) and ${P2.join(" ")} (player 2)`,
  [
    [4, 6],
    [6, 4],
    [5, 7],
    [7, 5],
    [3, 8],
    [8, 3],
    [6, 6],
    [7, 7],
  ],
);
rmSync(dir, { recursive: true });
