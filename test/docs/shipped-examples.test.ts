/** The shipped examples: every file reads cleanly and carries a one-line description. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readNfgFile } from "../../solvers/finite/index.js";
import { readMarketFile } from "../../src/index.js";
import { REPO_ROOT } from "../helpers/paths.js";

const dir = join(REPO_ROOT, "examples");
const files = readdirSync(dir).filter((f) => f.endsWith(".json") || f.endsWith(".nfg"));

describe("examples/", () => {
  it("holds the demonstrations the README promises", () => {
    for (const f of [
      "three-producers.json",
      "c2-two-producers.json",
      "c5-winrate-copies.json",
      "three-strategic.json",
      "cycling-dynamics.json",
      "degenerate.nfg",
      "three-players.nfg",
      "constant-sum.nfg",
    ])
      expect(files).toContain(f);
  });

  for (const f of files) {
    it(`${f} reads and has a one-line description`, () => {
      let description: string | undefined;
      if (f.endsWith(".nfg")) description = readNfgFile(join(dir, f)).comment;
      else {
        readMarketFile(join(dir, f)); // validates
        description = (JSON.parse(readFileSync(join(dir, f), "utf8")) as { description?: string })
          .description;
      }
      expect(description ?? "").toMatch(/^[^\n]{20,}$/);
    });
  }
});
