/**
 * Stating claims: `defineClaim` fills in defaults and validates a claim; `collectClaims` finds the
 * claims a module exports; `selectClaims` resolves `--claim` ids.
 */
import { InputError } from "../src/errors.js";
import { RELATIVE_TOLERANCE } from "../src/numeric/tolerance.js";
import type { Claim, Expectation, Instance, MarketFile, Rng, Verdict } from "./types.js";

/** What `defineClaim` needs; everything else has a default. */
export interface ClaimSpec {
  id: string;
  title: string;
  statement: string;
  hypothesis: string;
  predicate: string;
  expectation: Expectation;
  generate: (rng: Rng, k: number) => Instance;
  check: (instance: Instance) => Verdict;
  /** Default: every instance the generator can produce is in scope (`() => true`). */
  valid?: (instance: Instance) => boolean;
  /** Default `RELATIVE_TOLERANCE` (1e-9). */
  tolerance?: number;
  searchBudget?: number;
  market?: (instance: Instance, verdict: Verdict) => MarketFile | undefined;
  /** `import.meta.url` of the module exporting the claim, to run it on worker threads. */
  module?: string;
}

/**
 * Defines a claim. The id must be a word of letters, digits, `-`, `_` and `.`.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const myClaim = defineClaim({
 *   id: "MY1",
 *   title: "winrates sum to one",
 *   statement: "sum_i WR_i = 1",
 *   hypothesis: "two to four producers, logit beta in [0, 10]",
 *   predicate: "|sum_i WR_i - 1| <= 1e-9",
 *   expectation: "holds",
 *   generate: (rng) => ({ weights: [1], caps: [1], incumbents: [[rng()], [rng()]], players: [],
 *     selection: { rule: "logit", beta: 10 * rng() }, params: {} }),
 *   check: (inst) => ({ status: "pass" }),
 *   module: import.meta.url,
 * });
 */
export function defineClaim(spec: ClaimSpec): Claim {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(spec.id))
    throw new InputError(undefined, "id", `claim id "${spec.id}" is not a word`);
  if (!["holds", "witness", "falsifiable"].includes(spec.expectation)) {
    throw new InputError(undefined, "expectation", `claim ${spec.id}: must be holds, witness or falsifiable`);
  }
  const claim: Claim = {
    id: spec.id,
    title: spec.title,
    statement: spec.statement,
    hypothesis: spec.hypothesis,
    predicate: spec.predicate,
    expectation: spec.expectation,
    tolerance: spec.tolerance ?? RELATIVE_TOLERANCE,
    generate: spec.generate,
    valid: spec.valid ?? (() => true),
    check: spec.check,
  };
  if (spec.searchBudget !== undefined) claim.searchBudget = spec.searchBudget;
  if (spec.market !== undefined) claim.market = spec.market;
  if (spec.module !== undefined) claim.module = spec.module;
  return claim;
}

/**
 * Whether a value is a claim (has an id, a generator and a predicate).
 *
 * @throws nothing for valid inputs of the declared types
 */
export function isClaim(x: unknown): x is Claim {
  if (typeof x !== "object" || x === null) return false;
  const c = x as Record<string, unknown>;
  return typeof c.id === "string" && typeof c.generate === "function" && typeof c.check === "function";
}

/**
 * Every claim a module exports (directly, or in exported arrays), in export order, without duplicates.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function collectClaims(namespace: Record<string, unknown>): Claim[] {
  const out: Claim[] = [];
  const seen = new Set<string>();
  const add = (c: Claim) => {
    if (!seen.has(c.id)) {
      seen.add(c.id);
      out.push(c);
    }
  };
  for (const value of Object.values(namespace)) {
    if (isClaim(value)) add(value);
    else if (Array.isArray(value)) for (const v of value) if (isClaim(v)) add(v);
  }
  return out;
}

/**
 * The claims named by `ids` (all when empty). An id selects the claim with that id and every claim
 * whose id starts with it followed by `-` (so `C3` selects `C3-perfect`, `C3-epsilon`, `C3-logit`).
 * Case-insensitive. Throws `InputError` for an id that selects nothing. Reads only `id`, so it also
 * selects among claim loaders before their modules load.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * selectClaims(BUILTIN_CLAIMS, ["C3", "c6"]);
 */
export function selectClaims<C extends Pick<Claim, "id"> = Claim>(
  claims: readonly C[],
  ids: readonly string[],
): C[] {
  if (ids.length === 0) return claims.slice();
  const chosen = new Set<C>();
  for (const id of ids) {
    const lower = id.toLowerCase();
    const hit = claims.filter((c) => {
      const cid = c.id.toLowerCase();
      return cid === lower || cid.startsWith(`${lower}-`);
    });
    if (hit.length === 0) {
      throw new InputError(
        undefined,
        "claim",
        `unknown claim "${id}" (known: ${claims.map((c) => c.id).join(", ")})`,
      );
    }
    for (const c of hit) chosen.add(c);
  }
  return claims.filter((c) => chosen.has(c));
}
