// The package.json that `npm pack` and `npm publish` put in the tarball has no `prepare` script.
//
// In a clone, `prepare` builds dist/ on `npm ci` (README: `npm ci && npm start`). A user installing the
// package never needs it: the tarball ships dist/ built, and npm runs no `prepare` of a tarball or
// registry dependency; yet npm 11 lists it as an install script to approve
// ("npm warn install-scripts ... modelmarket@0.1.0 (prepare: npm run build)"). So `prepack` (which npm
// runs before it reads the files to pack) builds dist/ when stale and then removes `prepare` from
// package.json, keeping the file as it was in package.json.prepack; `postpack` puts it back. The same
// pattern as pinst's, for Yarn 2's postinstall.
//
// Usage: node scripts/pack-manifest.mjs strip | restore
// An interrupted pack leaves package.json.prepack: `strip` then refuses, naming it, rather than
// overwrite the only copy of the full package.json.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const MANIFEST = "package.json";
const KEPT = "package.json.prepack";

const action = process.argv[2];
if (action === "strip") {
  if (existsSync(KEPT)) {
    process.stderr.write(
      `pack-manifest: ${KEPT} exists (an earlier npm pack stopped before postpack): it is the full package.json; put it back with \`mv ${KEPT} ${MANIFEST}\` and pack again\n`,
    );
    process.exit(2);
  }
  const text = readFileSync(MANIFEST, "utf8");
  const manifest = JSON.parse(text);
  if (manifest.scripts?.prepare === undefined) process.exit(0);
  delete manifest.scripts.prepare;
  writeFileSync(KEPT, text);
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
} else if (action === "restore") {
  if (existsSync(KEPT)) renameSync(KEPT, MANIFEST);
} else {
  process.stderr.write("usage: node scripts/pack-manifest.mjs strip | restore\n");
  process.exit(2);
}
