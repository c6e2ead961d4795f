/** The doctest-style comparison of stated values (test/docs/stated.ts). */
import { describe, expect, it } from "vitest";
import { blocksOf, DOCS, shCommands, statedMissing } from "./doc-blocks.js";
import { stated, withStatedChecks } from "./stated.js";

describe("stated values of @example lines", () => {
  it("turns `EXPRESSION; // LITERAL` into a comparison, and leaves prose and declarations", () => {
    const { code, count } = withStatedChecks(
      [
        "f(1); // 24752",
        'g(); // "NE,1/2"',
        "const x = h(); // 3",
        "k(); // { converged: true, ... }",
        "m(); // true",
      ].join("\n"),
    );
    expect(count).toBe(3);
    expect(code.split("\n")[0]).toBe('__stated(f(1), 24752, "24752");');
    expect(code.split("\n")[2]).toBe("const x = h(); // 3");
    expect(code.split("\n")[3]).toBe("k(); // { converged: true, ... }");
  });

  it("compares numbers to the digits shown, strings exactly or by their beginning, arrays item by item", () => {
    expect(() => stated(0.8461, 0.846, "0.846")).not.toThrow();
    expect(() => stated(0.8466, 0.846, "0.846")).toThrow(/stated 0.846, got 0.8466/);
    expect(() => stated(24753, 24752, "24752")).toThrow();
    expect(() => stated("<svg a>", "<svg ...", '"<svg ..."')).not.toThrow();
    expect(() => stated("<svh", "<svg ...", '"<svg ..."')).toThrow();
    expect(() => stated([0, 0.5, 1], [0, 0.5, 1], "[0, 0.5, 1]")).not.toThrow();
    expect(() => stated([0, 0.5], [0, 0.5, 1], "[0, 0.5, 1]")).toThrow();
    expect(() => stated(Float64Array.of(1, 2), [1, 2], "[1, 2]")).not.toThrow();
    expect(() => stated({ toNumber: () => 0.5 }, 0.5, "0.5")).not.toThrow();
  });
});

describe("stated output lines of documented commands", () => {
  it("must appear in stdout in the stated order, other lines between them allowed, ends trimmed", () => {
    const out = "header\n  b 1\nnoise\nc 2\n";
    expect(statedMissing(["b 1", "c 2"], out)).toBeUndefined();
    expect(statedMissing(["header", "c 2"], out)).toBeUndefined();
    expect(statedMissing(["c 2", "b 1"], out)).toBe("b 1");
    expect(statedMissing(["b 1", "b 1"], out)).toBe("b 1");
    expect(statedMissing(["c  2"], out)).toBe("c  2");
  });
});

/**
 * The documented commands that state no output, each with its marker's reason: a command whose result
 * goes to a file (`# prints nothing: REASON`; the page then shows the file). Adding one is a decision
 * made here.
 */
const PRINTS_NOTHING = [
  "docs/pairwise.md: modelmarket ratings data/wildbench_v2_pairwise_by_category.csv --csv > ratings.csv   # prints nothing: the rows go to ratings.csv",
];

/**
 * The blocks not run at all (`<!-- illustration: REASON -->`), per page: each needs what the docs
 * sandbox does not have (a cluster, a tarball, a clone, a server that runs until stopped) or is not a
 * program (a type's shape, a batch script, a workflow file), and says so.
 */
const ILLUSTRATIONS: Record<string, number> = {
  "README.md": 3,
  "docs/design.md": 1,
  "docs/explorer.md": 1,
  "docs/lp-and-dynamics.md": 3,
  "docs/pairwise.md": 1,
  "docs/proofs-check.md": 1,
  "docs/scale-out.md": 6,
};

describe("every documented command states its output", () => {
  const commands = DOCS.flatMap((file) =>
    blocksOf(file)
      .blocks.filter((b) => b.lang === "sh")
      .flatMap((b) => shCommands(b).map((c) => ({ file, ...c }))),
  );

  it("states at least one output line, or is marked `# prints nothing: REASON` and listed here", () => {
    expect(commands.length).toBeGreaterThan(80);
    const none = commands.filter((c) => c.output.length === 0 && c.printsNothing === undefined);
    expect(none.map((c) => `${c.file}:${c.line}: ${c.command}`)).toEqual([]);
    const marked = commands.filter((c) => c.printsNothing !== undefined);
    expect(marked.map((c) => `${c.file}: ${c.command}`)).toEqual(PRINTS_NOTHING);
  });

  it("runs every block but the illustrations listed here, each of which gives its reason", () => {
    const all = DOCS.flatMap((file) => blocksOf(file).illustrations);
    expect(all.filter((b) => b.reason === "").map((b) => `${b.file}:${b.line}`)).toEqual([]);
    const perFile: Record<string, number> = {};
    for (const b of all) perFile[b.file] = (perFile[b.file] ?? 0) + 1;
    expect(perFile).toEqual(ILLUSTRATIONS);
  });
});
