/**
 * Loader for the catalogue of games with known equilibria (`test/fixtures/games/known_games.json`; its
 * `_meta` and each game's `source` field say where every game and equilibrium comes from).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const KNOWN_GAMES_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../fixtures/games/known_games.json",
);

/** A two-player entry: exact strings, extreme equilibria as [x, y], convex sets as lists of [x, y]. */
export interface KnownBimatrix {
  A: string[][];
  B: string[][];
  extreme_equilibria: [string[], string[]][];
  n_extreme: number;
  maximal_convex_sets: string | [string[], string[]][][];
  note: string;
}

/** An N-player entry: payoff table in Gambit order, equilibria flattened to 10-digit decimals. */
export interface KnownNPlayer {
  shape: number[];
  payoffs: string[][];
  enumpoly_equilibria_flat: string[][];
  note: string;
}

export interface KnownGames {
  two_player: Record<string, KnownBimatrix>;
  n_player: Record<string, KnownNPlayer>;
}

export function loadKnownGames(): KnownGames {
  return JSON.parse(readFileSync(KNOWN_GAMES_PATH, "utf8")) as KnownGames;
}
