/**
 * The seeded random stream of the solvers and the checker: seedrandom's Alea generator (J. Baagøe's
 * "Alea", the package's `seedrandom.alea`), imported alone. The package's index also loads its ARC4
 * generator and six others that nothing here uses: 9 CommonJS modules and about 5 ms of every
 * command's start-up, against 1 module. Same seed, same numbers as `seedrandom.alea(seed)`.
 * Not part of the public API.
 */
import aleaGenerator from "seedrandom/lib/alea.js";

/** A stream of uniform numbers in [0, 1), the same on every machine for the same seed. */
export function alea(seed: string): () => number {
  return aleaGenerator(seed);
}
