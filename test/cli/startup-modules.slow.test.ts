/**
 * Start-up loads only what a command uses: the built command line (as installed) run under a module
 * loader hook that records every module it loads. The LP packages load only where an LP may be solved,
 * the CSV reader only for a CSV input, csv-stringify only for `--csv`, the matrix package (ml-matrix)
 * only when a logit path is traced, and every command's `--help` only the command table and its flags.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/paths.js";

const HEAVY = ["highs", "javascript-lp-solver", "ml-matrix", "csv-parse", "csv-stringify"] as const;

let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "modelmarket-modules-"));
  writeFileSync(
    join(dir, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(process.env.MODULE_LOG, url + "\\n");
  return next(url, context);
}
`,
  );
  writeFileSync(
    join(dir, "register.mjs"),
    // ES modules pass the load hook; CommonJS ones (required on demand) are listed at exit
    `import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
register(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});
process.on("exit", () => appendFileSync(process.env.MODULE_LOG, Object.keys(createRequire(import.meta.url).cache).join("\\n")));
`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every module (URL or path) that `modelmarket ...args` loads (it must exit 0). */
function modulesLoaded(args: string[]): string[] {
  const log = join(dir, `log-${args[0]}-${Math.random().toString(36).slice(2)}`);
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      pathToFileURL(join(dir, "register.mjs")).href,
      join(REPO_ROOT, "bin", "modelmarket.js"),
      ...args,
    ],
    { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, MODULE_LOG: log } },
  );
  expect(r.status, r.stderr).toBe(0);
  const urls = existsSync(log) ? readFileSync(log, "utf8") : "";
  return [...new Set(urls.split("\n").filter((u) => u !== ""))];
}

/** The packages of `HEAVY` that `modelmarket ...args` loads (it must exit 0). */
function heavyPackagesLoaded(args: string[]): string[] {
  const urls = modulesLoaded(args).join("\n");
  return HEAVY.filter((p) => urls.includes(`/node_modules/${p}/`));
}

/** The project's own modules that `modelmarket ...args` loads, as paths under dist/ (`cli/main.js`). */
function ownModulesLoaded(args: string[]): string[] {
  return modulesLoaded(args)
    .map((u) => /\/dist\/(.*\.js)$/.exec(u.replaceAll("\\", "/"))?.[1])
    .filter((p): p is string => p !== undefined)
    .sort();
}

describe("modules loaded at start-up", () => {
  it("equilibrium, compare and design load no matrix package (logit tracing solves with the project's LU)", () => {
    for (const args of [
      ["equilibrium", "examples/c2-two-producers.json", "--rule", "weighted-winrate"],
      ["compare", "examples/c5-witness.json", "--entry", "top-k:k=1"],
      [
        "design",
        "examples/c2-two-producers.json",
        "--equilibrium",
        "--benchmark-weights",
        "--rule",
        "winrate",
        "--within",
        "2",
      ],
    ])
      expect(heavyPackagesLoaded(args), args[0]).not.toContain("ml-matrix");
  });

  it("a two-producer equilibrium loads neither the N-player search nor the finite method table; three producers load the search on demand", () => {
    const NPLAYER =
      /^solvers\/(equilibrium\/(index|many-players)|finite\/(solve-sync|enumpoly\/|gnm\/|simpdiv\/|nplayer\/(certify|report)|dynamics\/index|methods\/(enumpoly|gnm|simpdiv|dynamics)))/;
    const two = ownModulesLoaded(["equilibrium", "examples/c2-two-producers.json", "--rule", "winrate"]);
    expect(two).toContain("solvers/equilibrium/two-player.js");
    expect(two).toContain("solvers/finite/methods/lp.js");
    expect(two.filter((m) => NPLAYER.test(m))).toEqual([]);
    const three = ownModulesLoaded(["equilibrium", "examples/three-strategic.json", "--rule", "winrate"]);
    expect(three).toContain("solvers/equilibrium/many-players.js");
    expect(three).toContain("solvers/finite/enumpoly/index.js");
  });

  it("compare on an entry question loads neither the solvers' facade nor the design solvers", () => {
    const own = ownModulesLoaded(["compare", "examples/c5-witness.json", "--entry", "top-k:k=1"]);
    expect(own).toContain("solvers/compare/question.js");
    expect(own.filter((m) => m === "solvers/index.js" || m.startsWith("solvers/design/"))).toEqual([]);
  });

  it("sequential, check and a ratings bootstrap load seedrandom's Alea generator alone, not the package's index (9 modules)", () => {
    for (const args of [
      ["sequential", "examples/three-producers.json", "--entrants", "3", "--space", "top-k:k=1"],
      ["check", "--claim", "C9", "--instances", "1"],
      ["ratings", "test/fixtures/pairwise/battles.csv", "--bootstrap", "39"],
    ]) {
      const seedrandom = modulesLoaded(args)
        .map((u) => /\/node_modules\/seedrandom\/(.*)$/.exec(u.replaceAll("\\", "/"))?.[1])
        .filter((p): p is string => p !== undefined);
      expect(new Set(seedrandom), args[0]).toEqual(new Set(["lib/alea.js"]));
    }
  });

  it("check --help loads the flag table only: no claim, runner, solver or market reader", () => {
    const own = ownModulesLoaded(["check", "--help"]);
    expect(own).toContain("cli/commands/check.js");
    expect(
      own.filter(
        (m) =>
          !/^(cli\/(main|args|command|shardFlags|commands\/check(-limits)?)|src\/(errors|io\/decimal))\.js$/.test(
            m,
          ),
      ),
    ).toEqual([]);
    expect(heavyPackagesLoaded(["check", "--help"])).toEqual([]);
  });

  it("every command's --help loads its flag table and no solver, study or checker module", () => {
    // import-free tables of defaults and method names that nash's and equilibrium's flag help prints
    const DATA_ONLY = new Set([
      "solvers/equilibrium/mixed-types.js",
      "solvers/finite/dynamics/defaults.js",
      "solvers/finite/methods/catalog.js",
      "solvers/finite/methods/limits.js",
      "solvers/finite/nplayer/defaults.js",
      "solvers/marketGameRule.js",
    ]);
    const names = ["evaluate", "entry", "replace", "equilibrium", "sequential", "compare", "design"];
    names.push("nash", "check", "ratings", "calibrate", "empirical", "merge");
    for (const name of names) {
      const own = ownModulesLoaded([name, "--help"]);
      expect(
        own.filter((m) => /^(solvers|empirical|proofs-check)\//.test(m) && !DATA_ONLY.has(m)),
        name,
      ).toEqual([]);
      // the run module stays unloaded (check's and merge's modules are their flag tables)
      if (name !== "check" && name !== "merge") {
        expect(own, name).toContain(`cli/commands/${name}-flags.js`);
        expect(own, name).not.toContain(`cli/commands/${name}.js`);
      }
      expect(heavyPackagesLoaded([name, "--help"]), name).toEqual([]);
    }
  });

  it("check --claim C9 loads that claim's module alone, not the whole claim table", () => {
    const claims = ownModulesLoaded(["check", "--claim", "C9", "--instances", "1"]).filter((m) =>
      m.startsWith("proofs-check/claims/"),
    );
    expect(claims).toContain("proofs-check/claims/c09-marginal-values.js");
    expect(claims).not.toContain("proofs-check/claims/index.js");
    expect(claims.filter((m) => /\/[cde]\d\d-/.test(m))).toEqual([
      "proofs-check/claims/c09-marginal-values.js",
    ]);
  });

  it("check loads no LP package (the design claim's LP loads on its first solve)", () => {
    expect(heavyPackagesLoaded(["check", "--claim", "C9", "--instances", "1"])).toEqual([]);
  });

  it("entry on a market file loads neither an LP package nor a CSV package", () => {
    expect(heavyPackagesLoaded(["entry", "examples/three-producers.json", "--entrant", "top-k:k=1"])).toEqual(
      [],
    );
  });

  it("nash on an .nfg loads none of them; --csv loads csv-stringify", () => {
    expect(heavyPackagesLoaded(["nash", "examples/three-players.nfg", "--method", "enumpure"])).toEqual([]);
    expect(heavyPackagesLoaded(["nash", "examples/degenerate.nfg", "--method", "lcp", "--csv"])).toEqual([
      "csv-stringify",
    ]);
  });

  it("ratings reads its CSV without the solvers' LP and matrix packages", () => {
    expect(
      heavyPackagesLoaded(["ratings", "data/wildbench_v2_pairwise_by_category.csv", "--task", "overall"]),
    ).toEqual(["csv-parse"]);
  });
});
