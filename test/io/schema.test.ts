/**
 * The published JSON Schema (schema/market.schema.json) and the validator (src/io/marketFile.ts) must
 * describe the same file format: same enums, same required fields, and every shipped market file is
 * accepted by the validator.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readMarketFile } from "../../src/io/marketFile.js";
import { SELECTION_RULES } from "../../src/model/selection/index.js";
import { REPO_ROOT } from "../helpers/paths.js";

interface SchemaNode {
  properties?: Record<string, SchemaNode & { const?: string }>;
  required?: string[];
  oneOf?: SchemaNode[];
  $defs?: Record<string, SchemaNode>;
}

const schema = JSON.parse(
  readFileSync(join(REPO_ROOT, "schema", "market.schema.json"), "utf8"),
) as SchemaNode;

function consts(node: SchemaNode | undefined, key: string): string[] {
  return (node?.oneOf ?? []).map((branch) => branch.properties?.[key]?.const ?? "");
}

describe("market JSON Schema", () => {
  it("lists the same selection rules, production functions and strategy spaces as the validator", () => {
    expect(consts(schema.$defs?.selection, "rule")).toEqual([...SELECTION_RULES]);
    expect(consts(schema.$defs?.production, "kind")).toEqual(["linear", "power", "exponential"]);
    expect(consts(schema.$defs?.space, "kind")).toEqual(["fixed", "menu", "top-k", "budget", "grid"]);
    expect(schema.required).toEqual(["tasks", "producers"]);
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(
      ["$schema", "description", "name", "producers", "selection", "tasks"].sort(),
    );
    expect(Object.keys(schema.$defs?.producer?.properties ?? {}).sort()).toEqual(
      ["budget", "effort", "name", "production", "quality", "space"].sort(),
    );
  });

  it("every market file shipped in examples/ and test/fixtures/markets/ is accepted", () => {
    const files = [
      ...readdirSync(join(REPO_ROOT, "examples")).map((f) => join(REPO_ROOT, "examples", f)),
      ...readdirSync(join(REPO_ROOT, "test", "fixtures", "markets")).map((f) =>
        join(REPO_ROOT, "test", "fixtures", "markets", f),
      ),
    ].filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(() => readMarketFile(f)).not.toThrow();
  });
});
