/**
 * The public surface is what docs/reference.md lists ("Public API by entry point") and nothing else:
 * each entry point's run-time exports are compared with its list, both ways.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/paths.js";

const ENTRY_POINTS: Record<string, string> = {
  modelmarket: "src/index.ts",
  "modelmarket/solvers": "solvers/index.ts",
  "modelmarket/finite": "solvers/finite/index.ts",
  "modelmarket/proofs-check": "proofs-check/index.ts",
  "modelmarket/empirical": "empirical/index.ts",
};

/** The names listed under each `### \`ENTRY\`` heading of the section. */
function listed(): Map<string, string[]> {
  const text = readFileSync(join(REPO_ROOT, "docs", "reference.md"), "utf8");
  const start = text.indexOf("\n## Public API by entry point");
  expect(start, "docs/reference.md has the section").toBeGreaterThan(-1);
  const section = text.slice(start + 1).split(/\n## /)[0]!;
  const out = new Map<string, string[]>();
  for (const part of section.split("\n### ").slice(1)) {
    const entry = /^`([^`]+)`/.exec(part)?.[1];
    if (entry === undefined) continue;
    const body = part.slice(part.indexOf("\n"));
    out.set(entry, [...body.matchAll(/`([A-Za-z_$][\w$]*)`/g)].map((m) => m[1]!).sort());
  }
  return out;
}

describe("the public surface", () => {
  const lists = listed();

  it("docs/reference.md lists every entry point of package.json", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { exports: object };
    const fromPackage = Object.keys(pkg.exports)
      .filter((k) => k !== "./package.json")
      .map((k) => (k === "." ? "modelmarket" : `modelmarket/${k.slice(2)}`))
      .sort();
    expect([...lists.keys()].sort()).toEqual(fromPackage);
    expect(Object.keys(ENTRY_POINTS).sort()).toEqual(fromPackage);
  });

  for (const [entry, path] of Object.entries(ENTRY_POINTS)) {
    it(`${entry}: exports exactly the values docs/reference.md lists`, async () => {
      const mod = (await import(join(REPO_ROOT, path))) as Record<string, unknown>;
      const exported = Object.keys(mod).sort();
      const doc = lists.get(entry) ?? [];
      expect({
        undocumented: exported.filter((n) => !doc.includes(n)),
        notExported: doc.filter((n) => !exported.includes(n)),
      }).toEqual({ undocumented: [], notExported: [] });
    });
  }
});
