/**
 * The tarball's package.json has no install-time script (scripts/pack-manifest.mjs): `prepack` builds
 * and removes `prepare` (which builds dist/ on `npm ci` in a clone), `postpack` puts package.json back
 * byte for byte, and an interrupted pack is refused rather than the saved copy overwritten.
 * (test/consumer/run.sh checks the real tarball.)
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/paths.js";

const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "prepare"];
const dir = mkdtempSync(join(tmpdir(), "modelmarket-manifest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (action: string) =>
  spawnSync(process.execPath, [join(REPO_ROOT, "scripts", "pack-manifest.mjs"), action], {
    cwd: dir,
    encoding: "utf8",
  });
const scripts = (text: string) => (JSON.parse(text) as { scripts: Record<string, string> }).scripts;

describe("the packed package.json", () => {
  const original = readFileSync(join(REPO_ROOT, "package.json"), "utf8");

  it("npm ci in a clone builds (prepare); npm pack strips it first (prepack) and restores it (postpack)", () => {
    const own = scripts(original);
    expect(own.prepare).toBe("npm run build");
    expect(own.prepack).toMatch(/node scripts\/pack-manifest\.mjs strip$/);
    expect(own.postpack).toBe("node scripts/pack-manifest.mjs restore");
  });

  it("strip leaves no install script and everything else; restore gives back the same bytes", () => {
    copyFileSync(join(REPO_ROOT, "package.json"), join(dir, "package.json"));
    const strip = run("strip");
    expect(strip.status, strip.stderr).toBe(0);
    const packed = readFileSync(join(dir, "package.json"), "utf8");
    expect(Object.keys(scripts(packed)).filter((s) => INSTALL_SCRIPTS.includes(s))).toEqual([]);
    const { prepare: _dropped, ...rest } = scripts(original);
    expect(JSON.parse(packed)).toEqual({ ...JSON.parse(original), scripts: rest });
    expect(run("restore").status).toBe(0);
    expect(readFileSync(join(dir, "package.json"), "utf8")).toBe(original);
    expect(existsSync(join(dir, "package.json.prepack"))).toBe(false);
  });

  it("an interrupted pack (the saved copy left behind) is refused in one line, the copy untouched", () => {
    writeFileSync(join(dir, "package.json"), '{ "scripts": {} }\n');
    writeFileSync(join(dir, "package.json.prepack"), original);
    const r = run("strip");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^pack-manifest: package\.json\.prepack exists .*mv package\.json\.prepack package\.json/,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(join(dir, "package.json.prepack"), "utf8")).toBe(original);
    rmSync(join(dir, "package.json.prepack"));
  });
});
