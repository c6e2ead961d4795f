#!/usr/bin/env bash
# The consumer test: packs modelmarket, installs the tarball into a fresh project outside the
# repository (from npm's cache: `npm ci` has filled it), and checks what a user of the package does:
#   1. plain `node` imports every entry point and computes a welfare;
#   2. `tsc --noEmit` with `strict` passes on a consumer file under nodenext and under bundler resolution;
#   3. the installed `modelmarket` bin runs `--help` and `evaluate` on a shipped example, from another directory;
#   4. `modelmarket check --workers 2` runs from the installed package (worker threads load compiled files);
#   5. the consumer's own vitest file using expectClaim and the fast-check arbitraries passes, and a
#      deliberately false claim fails it with the shrunk counterexample in the message; node:test too.
# Usage: test/consumer/run.sh  (exit 0 when every check passes). Set KEEP=1 to keep the temp project.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/modelmarket-consumer-XXXXXX")"
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi
step() { echo "== consumer: $*"; }
fail() { echo "consumer test FAILED: $*" >&2; exit 1; }

# prepack builds dist/ when stale (not again after npm ci built it) and packs package.json without
# `prepare` (scripts/pack-manifest.mjs); postpack restores it
step "npm pack (prepack builds dist/ when stale)"
tarball="$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)"
[ -f "$work/$tarball" ] || fail "npm pack gave no tarball"
tar -tzf "$work/$tarball" > "$work/contents.txt"  # (a file: grep -q on a pipe would break pipefail)
grep -q '^package/dist/cli/main.js$' "$work/contents.txt" || fail "tarball lacks dist/cli/main.js"
grep -q '^package/dist/src/worker-boot.mjs$' "$work/contents.txt" || fail "tarball lacks worker-boot.mjs"
grep -q '^package/data/mtbench101_task_scores.csv$' "$work/contents.txt" || fail "tarball lacks data/"
grep -q '^package/examples/README.md$' "$work/contents.txt" || fail "tarball lacks examples/"
if grep -q '^package/test/' "$work/contents.txt"; then fail "tarball ships test/"; fi
# no install-time script: installing the package builds nothing, and npm lists nothing to approve
tar -xzOf "$work/$tarball" package/package.json > "$work/packed.json"
hooks="$(node -p "Object.keys(require('$work/packed.json').scripts ?? {}).filter((s) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(s)).join(' ')")"
[ -z "$hooks" ] || fail "the packed package.json has install scripts: $hooks"
[ ! -e "$repo/package.json.prepack" ] || fail "postpack did not restore package.json (package.json.prepack is left)"
echo "$(wc -l < "$work/contents.txt") files, $(du -k "$work/$tarball" | cut -f1) kB packed"

app="$work/app"
mkdir -p "$app/src"
cd "$app"
cat > package.json <<'JSON'
{ "name": "modelmarket-consumer", "version": "1.0.0", "private": true, "type": "module" }
JSON
# the toolchain versions this repository pins, so the cache `npm ci` filled has them
ts="$(node -p "require('$repo/package.json').devDependencies.typescript")"
vitest="$(node -p "require('$repo/package.json').devDependencies.vitest")"
step "npm install the tarball (--prefer-offline, from npm's cache)"
# no @types/node: the package's public types must compile without it (the package does not depend on it)
install() { npm install --no-audit --no-fund --loglevel=error "$@" "$work/$tarball" "typescript@$ts" "vitest@$vitest"; }
# --prefer-offline: package tarballs come from the cache (npm ci filled it); only the small registry
# documents that name versions may be fetched (npm ci, working from the lockfile, never caches them).
install --prefer-offline
[ -d node_modules/fast-check ] || fail "the peer dependency fast-check was not installed"

step "1. plain node imports every entry point and computes a welfare"
cat > imports.mjs <<'JS'
import * as root from "modelmarket";
import * as solvers from "modelmarket/solvers";
import * as finite from "modelmarket/finite";
import * as proofs from "modelmarket/proofs-check";
import * as empirical from "modelmarket/empirical";
import { createRequire } from "node:module";

const pkgDir = new URL("./node_modules/modelmarket/", import.meta.url);
const market = root.readMarketFile(new URL("examples/three-producers.json", pkgDir).pathname);
const U = root.evaluate(market).welfare.U;
if (!(U > 0 && U < 1)) throw new Error(`welfare ${U}`);
const br = solvers.entrantBestResponse(market, { name: "E", space: { kind: "top-k", k: 1 } }, "weighted-winrate");
const eq = finite.enumMixed(finite.fromBimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])).equilibria.length;
for (const [name, mod, key] of [["root", root, "evaluate"], ["solvers", solvers, "solveEquilibria"], ["finite", finite, "solveFinite"],
  ["proofs-check", proofs, "expectClaim"], ["empirical", empirical, "runEmpiricalStudy"]]) {
  if (typeof mod[key] !== "function") throw new Error(`modelmarket/${name} lacks ${key}`);
}
console.log(`welfare U = ${U.toFixed(4)}, entrant value ${br.value.toFixed(4)}, ${eq} equilibria, version ${createRequire(import.meta.url)("modelmarket/package.json").version}`);
JS
node imports.mjs

step "2. tsc --strict on a consumer file, nodenext and bundler"
cat > src/consumer.ts <<'TS'
import * as fc from "fast-check";
import { evaluate, type Market, type MarketEvaluation, readMarketFile } from "modelmarket";
import { runEmpiricalStudy } from "modelmarket/empirical";
import { enumMixed, fromBimatrix, type NormalFormGame, solveConstantSum } from "modelmarket/finite";
import { arbitraryBimatrix, arbitraryMarket, type Claim, defineClaim, expectClaim } from "modelmarket/proofs-check";
import { entrantBestResponse, solveEquilibria } from "modelmarket/solvers";

const market: Market = readMarketFile("node_modules/modelmarket/examples/three-producers.json");
const ev: MarketEvaluation = evaluate(market);
const U: number = ev.welfare.U;
const br = entrantBestResponse(market, { name: "E", space: { kind: "top-k", k: 1 } }, "winrate");
const eq = solveEquilibria(market, "winrate");
const game: NormalFormGame = fromBimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]);
const lp = await solveConstantSum(game);
const claim: Claim = defineClaim({
  id: "T", title: "t", statement: "s", hypothesis: "h", predicate: "p", expectation: "holds",
  generate: () => ({ weights: [1], caps: [1], incumbents: [[1]], players: [], selection: { rule: "perfect" }, params: {} }),
  check: () => ({ status: "pass" }),
});
await expectClaim(claim, { instances: 10, seed: 1 });
fc.assert(fc.property(arbitraryMarket(), (m: Market) => evaluate(m).welfare.U >= 0));
fc.assert(fc.property(arbitraryBimatrix(), (g: NormalFormGame) => enumMixed(g).equilibria.length >= 1));
export const facts = [U, br.value, eq.pure.length, lp.certified, typeof runEmpiricalStudy];
TS
for res in nodenext bundler; do
  if [ "$res" = nodenext ]; then module=NodeNext; else module=ESNext; fi
  cat > "tsconfig.$res.json" <<JSON
{ "compilerOptions": { "target": "ES2022", "lib": ["ES2022"], "module": "$module", "moduleResolution": "$res",
    "strict": true, "noEmit": true, "skipLibCheck": false, "types": [] },
  "files": ["src/consumer.ts"] }
JSON
  npx tsc -p "tsconfig.$res.json" || fail "tsc --strict under moduleResolution $res"
  echo "tsc --strict, moduleResolution $res: ok"
done

step "3. the installed bin, from another directory"
elsewhere="$work/elsewhere"
mkdir -p "$elsewhere"
cd "$elsewhere"
bin="$app/node_modules/.bin/modelmarket"
"$bin" --help > help.txt && grep -q "^Usage: modelmarket COMMAND" help.txt || fail "modelmarket --help"
"$bin" evaluate "$app/node_modules/modelmarket/examples/three-producers.json" > eval.txt && grep -q "Generalist" eval.txt \
  || fail "modelmarket evaluate"
"$bin" evaluate "$app/node_modules/modelmarket/examples/three-producers.json" --json > eval.json
node -e "const r = JSON.parse(require('fs').readFileSync('eval.json', 'utf8')); if (!(r.welfare.U > 0)) process.exit(1)" || fail "evaluate --json"
echo "bin --help and evaluate: ok"

step "4. check --workers 2 from the installed package"
"$bin" check --claim C1 --claim C6-binary --instances 2000 --workers 2 --timings | tee check.txt | tail -n 3
grep -q "on 2 worker(s)" check.txt || fail "check did not run on 2 workers"

step "5. the consumer's own tests: expectClaim and arbitraries under vitest and node:test"
cd "$app"
cat > src/claims.ts <<'TS'
import { evaluate } from "modelmarket";
import { defineClaim, instanceMarket } from "modelmarket/proofs-check";
import type { Instance, Rng } from "modelmarket/proofs-check";

function generate(rng: Rng): Instance {
  const T = 1 + Math.floor(3 * rng()); // 1..3 tasks
  return {
    weights: Array.from({ length: T }, () => 0.1 + rng()),
    caps: new Array<number>(T).fill(1),
    incumbents: Array.from({ length: 1 + Math.floor(3 * rng()) }, () => Array.from({ length: T }, () => Math.round(100 * rng()) / 100)),
    players: [],
    selection: { rule: "logit", beta: 10 * rng() },
    params: {},
  };
}
const common = { title: "welfare bound", statement: "s", hypothesis: "h", predicate: "p", expectation: "holds" as const, generate };
export const trueClaim = defineClaim({
  ...common, id: "U-le-1",
  check: (inst) => {
    const U = evaluate(instanceMarket(inst)).welfare.U;
    return U <= 1 + 1e-9 ? { status: "pass" } : { status: "hit", message: `U = ${U}`, details: { U } };
  },
});
export const falseClaim = defineClaim({
  ...common, id: "U-lt-half",
  check: (inst) => {
    const U = evaluate(instanceMarket(inst)).welfare.U;
    return U < 0.5 ? { status: "pass" } : { status: "hit", message: `U = ${U} >= 0.5`, details: { U } };
  },
});
TS
mkdir -p test
cat > test/pass.test.ts <<'TS'
import * as fc from "fast-check";
import { evaluate } from "modelmarket";
import { arbitraryMarket, expectClaim } from "modelmarket/proofs-check";
import { expect, test } from "vitest";
import { trueClaim } from "../src/claims.js";

test("a true claim passes", async () => {
  const r = await expectClaim(trueClaim, { instances: 1000, seed: 1 });
  expect(r.consistent).toBe(true);
});
test("winrates sum to one (fast-check)", () => {
  fc.assert(fc.property(arbitraryMarket(), (m) => {
    const s = evaluate(m, ["winrate"]).producers.reduce((a, p) => a + p.payoffs.winrate!, 0);
    expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-9);
  }), { seed: 1 });
});
TS
cat > test/fail.test.ts <<'TS'
import { expectClaim } from "modelmarket/proofs-check";
import { test } from "vitest";
import { falseClaim } from "../src/claims.js";

test("a false claim fails", async () => {
  await expectClaim(falseClaim, { instances: 500, seed: 1 });
});
TS
npx vitest run test/pass.test.ts > vitest-pass.txt 2>&1 || { cat vitest-pass.txt; fail "the consumer's passing vitest file failed"; }
echo "vitest, true claim and fast-check property: pass"
if npx vitest run test/fail.test.ts > vitest-fail.txt 2>&1; then cat vitest-fail.txt; fail "a false claim did not fail the consumer's vitest run"; fi
grep -q "expected holds, got violated" vitest-fail.txt || { cat vitest-fail.txt; fail "vitest failure message lacks the outcome"; }
grep -q "shrunk instance: {" vitest-fail.txt || { cat vitest-fail.txt; fail "vitest failure message lacks the shrunk counterexample"; }
echo "vitest, false claim: fails with the shrunk counterexample"
# node:test, on the compiled claims (plain node runs JavaScript)
npx tsc --outDir build --module NodeNext --moduleResolution nodenext --target ES2022 --strict --skipLibCheck src/claims.ts
cat > node-test.mjs <<'JS'
import { test } from "node:test";
import { expectClaim } from "modelmarket/proofs-check";
import { falseClaim, trueClaim } from "./build/claims.js";
test("true claim", async () => { await expectClaim(trueClaim, { instances: 500, seed: 1 }); });
test("false claim", async () => { await expectClaim(falseClaim, { instances: 500, seed: 1 }); });
JS
if node --test node-test.mjs > node-test.txt 2>&1; then cat node-test.txt; fail "node:test passed a false claim"; fi
grep -q "^# pass 1" node-test.txt && grep -q "^# fail 1" node-test.txt && grep -q "shrunk instance" node-test.txt \
  || { cat node-test.txt; fail "node:test: expected one pass and one failure with the shrunk counterexample"; }
echo "node:test: the true claim passes, the false one fails with the shrunk counterexample"

echo "consumer test: all checks passed ($tarball)"
