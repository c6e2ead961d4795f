// Builds the package into a fresh folder and swaps it in, so that a command running from the checkout
// while `npm ci` (through `prepare`) or `npm pack` (`prepack`) rebuilds never finds dist/ missing or half-written:
// tsc writes dist.build-PID/, the worker boot file is copied in, then the old dist/ is renamed aside and
// the new one renamed into place (two renames, microseconds apart, instead of a whole compilation with
// no dist/), and the old one removed.
//
// `--if-stale` (what `npm test` runs first, `pretest`, and `npm pack`, `prepack`) builds only when dist/ was not built from the
// sources as they are now: every build writes dist/.source-hash, a SHA-256 of every file tsc reads
// (the five source folders, the tsconfig files, package.json, this script) and of the TypeScript and
// @types/node versions; a fresh clone has no dist/, so it builds, and after `npm ci` (whose `prepare`
// built) `npm test` does not compile the project a second time.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const SOURCES = ["src", "solvers", "proofs-check", "empirical", "cli"];
const STAMP = ".source-hash";

/** The SHA-256 of everything the build reads (see the comment above). */
function sourceHash() {
  const h = createHash("sha256");
  const files = [
    "tsconfig.json",
    "tsconfig.build.json",
    "package.json",
    "scripts/build.mjs",
    ...SOURCES.flatMap((dir) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath ?? e.path, e.name)),
    ),
  ].sort();
  for (const f of files) h.update(`${f}\0`).update(readFileSync(f)).update("\0");
  for (const pkg of ["typescript", "@types/node"]) {
    let version = "absent";
    try {
      version = JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")).version;
    } catch {}
    h.update(`${pkg}@${version}\0`);
  }
  return h.digest("hex");
}

const hash = sourceHash();
if (process.argv.includes("--if-stale") && existsSync("dist/cli/main.js")) {
  let built = "";
  try {
    built = readFileSync(`dist/${STAMP}`, "utf8").trim();
  } catch {}
  if (built === hash) {
    console.log("dist/ is up to date with the sources (scripts/build.mjs --if-stale)");
    process.exit(0);
  }
}

const fresh = `dist.build-${process.pid}`;
const old = `dist.old-${process.pid}`;
const tsc = require.resolve("typescript/bin/tsc");
rmSync(fresh, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", fresh], { stdio: "inherit" });
  copyFileSync("src/worker-boot.mjs", `${fresh}/src/worker-boot.mjs`);
  writeFileSync(`${fresh}/${STAMP}`, `${hash}\n`);
} catch (err) {
  rmSync(fresh, { recursive: true, force: true });
  process.exitCode = 1;
  throw err;
}
if (existsSync("dist")) renameSync("dist", old);
renameSync(fresh, "dist");
rmSync(old, { recursive: true, force: true });
