// Builds the package into a fresh folder and swaps it in, so that a command running from the checkout
// while `npm pack` or `npm ci` rebuilds (through `prepare`) never finds dist/ missing or half-written:
// tsc writes dist.build-PID/, the worker boot file is copied in, then the old dist/ is renamed aside and
// the new one renamed into place (two renames, microseconds apart, instead of a whole compilation with
// no dist/), and the old one removed.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";

const fresh = `dist.build-${process.pid}`;
const old = `dist.old-${process.pid}`;
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
rmSync(fresh, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", fresh], { stdio: "inherit" });
  copyFileSync("src/worker-boot.mjs", `${fresh}/src/worker-boot.mjs`);
} catch (err) {
  rmSync(fresh, { recursive: true, force: true });
  process.exitCode = 1;
  throw err;
}
if (existsSync("dist")) renameSync("dist", old);
renameSync(fresh, "dist");
rmSync(old, { recursive: true, force: true });
