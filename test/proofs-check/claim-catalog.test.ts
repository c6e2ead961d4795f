/**
 * The claim loaders the command line selects from (`claims/catalog.ts`) are the built-in claims, in
 * report order, each loading the very object of `BUILTIN_CLAIMS`: the selection and the report are those
 * of the full table.
 */
import { describe, expect, it } from "vitest";
import { BUILTIN_CLAIM_LOADERS } from "../../proofs-check/claims/catalog.js";
import { BUILTIN_CLAIMS, selectClaims } from "../../proofs-check/index.js";

describe("BUILTIN_CLAIM_LOADERS", () => {
  it("lists the ids of BUILTIN_CLAIMS in the same order, each loading the same claim object", async () => {
    expect(BUILTIN_CLAIM_LOADERS.map((c) => c.id)).toEqual(BUILTIN_CLAIMS.map((c) => c.id));
    const loaded = await Promise.all(BUILTIN_CLAIM_LOADERS.map((c) => c.load()));
    loaded.forEach((claim, k) => {
      expect(claim).toBe(BUILTIN_CLAIMS[k]);
    });
  });

  it("selects as the full table does: the same ids for a prefix, the same error for an unknown id", () => {
    const ids = (list: ReadonlyArray<{ id: string }>) => list.map((c) => c.id);
    expect(ids(selectClaims(BUILTIN_CLAIM_LOADERS, ["c3", "C9"]))).toEqual(
      ids(selectClaims(BUILTIN_CLAIMS, ["c3", "C9"])),
    );
    expect(() => selectClaims(BUILTIN_CLAIM_LOADERS, ["C99"])).toThrow(/unknown claim "C99"/);
    expect(() => selectClaims(BUILTIN_CLAIMS, ["C99"])).toThrow(/unknown claim "C99"/);
  });
});
