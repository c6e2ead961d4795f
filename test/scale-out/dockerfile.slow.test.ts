/**
 * The Dockerfile, checked without a Docker daemon (none runs on the machines this project is tested
 * on; docs/scale-out.md says what this covers and what it does not). Statically: every COPY source
 * exists and is not dropped by .dockerignore; everything `npm ci` runs (the `prepare` build and what it
 * reads) is copied; the compiled code imports only production dependencies (the image prunes the
 * rest); the base image's Node satisfies `engines` and is the Node these tests run on. Then the image's
 * file tree is replayed in a scratch folder: the COPY lines copy what Docker's would (the build
 * context less .dockerignore), the RUN line runs as written (its absolute paths under the scratch
 * root; npm served offline from its cache, which `npm ci` filled), and the installed command runs as
 * an unprivileged user, as `USER node` would: `--help` (the CMD), a check shard and its merge. The
 * replay costs about 30 s of CPU (npm ci's extraction and the TypeScript build, as in the image).
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/paths.js";
import { buildMissing } from "../helpers/sandbox.js";

interface Instruction {
  op: string;
  args: string;
  line: number;
}

/** The Dockerfile's instructions (continuation lines joined, comments dropped). */
function instructions(): Instruction[] {
  const out: Instruction[] = [];
  let pending: Instruction | undefined;
  readFileSync(join(REPO_ROOT, "Dockerfile"), "utf8")
    .split("\n")
    .forEach((raw, i) => {
      const text = raw.trim();
      if (pending === undefined && (text === "" || text.startsWith("#"))) return;
      if (pending === undefined) {
        const m = /^([A-Z]+)\s+(.*)$/.exec(text);
        if (m === null) throw new Error(`Dockerfile:${i + 1}: not an instruction: ${text}`);
        pending = { op: m[1]!, args: m[2]!, line: i + 1 };
      } else if (!text.startsWith("#")) pending.args += ` ${text}`;
      if (pending.args.endsWith("\\")) pending.args = pending.args.slice(0, -1).trimEnd();
      else {
        out.push(pending);
        pending = undefined;
      }
    });
  return out;
}

/** .dockerignore as Docker applies it: patterns relative to the context root, a directory with all it holds. */
function ignored(): (rel: string) => boolean {
  const path = join(REPO_ROOT, ".dockerignore");
  const patterns = existsSync(path)
    ? readFileSync(path, "utf8")
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l !== "" && !l.startsWith("#"))
    : [];
  expect(
    patterns.some((p) => p.startsWith("!")),
    "negated .dockerignore patterns are not modelled",
  ).toBe(false);
  const res = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/^\//, "")
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*\*/g, "\0")
          .replace(/\*/g, "[^/]*")
          .replace(/\?/g, "[^/]")
          .replace(/\0/g, ".*")}(/.*)?$`,
      ),
  );
  return (rel) => res.some((r) => r.test(rel));
}

const steps = instructions();
const isIgnored = ignored();
const copies = steps
  .filter((s) => s.op === "COPY")
  .map((s) => {
    const parts = s.args.split(/\s+/);
    expect(
      parts.every((p) => !p.startsWith("--")),
      `Dockerfile:${s.line}: COPY flags are not modelled`,
    ).toBe(true);
    return { sources: parts.slice(0, -1), dest: parts[parts.length - 1]!, line: s.line };
  });
const copied = copies.flatMap((c) => c.sources);
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  engines: { node: string };
};
/** Whether a repository path reaches the image (copied, and not ignored). */
const inImage = (rel: string) => !isIgnored(rel) && copied.some((c) => rel === c || rel.startsWith(`${c}/`));

describe("Dockerfile, statically", () => {
  it("every COPY source exists in the context and is not dropped by .dockerignore", () => {
    for (const c of copies)
      for (const src of c.sources) {
        expect(existsSync(join(REPO_ROOT, src)), `Dockerfile:${c.line}: ${src} does not exist`).toBe(true);
        expect(isIgnored(src), `Dockerfile:${c.line}: ${src} is in .dockerignore`).toBe(false);
      }
  });

  it("copies everything `npm ci` runs: the prepare script's files and the build's inputs", () => {
    // the lifecycle scripts npm ci runs, following `npm run X` to X's script
    const run: string[] = [];
    const follow = (name: string) => {
      const script = pkg.scripts[name];
      if (script === undefined) return;
      run.push(script);
      for (const m of script.matchAll(/npm run ([\w:-]+)/g)) follow(m[1]!);
    };
    for (const hook of ["preinstall", "install", "postinstall", "prepare"]) follow(hook);
    const files = run.flatMap((s) => [...s.matchAll(/\bnode\s+([\w./-]+\.m?[jt]s)\b/g)].map((m) => m[1]!));
    expect(files).toContain("scripts/build.mjs");
    for (const f of files) expect(inImage(f), `${f} (run by npm ci) is not copied`).toBe(true);
    // what the build reads: its tsconfig, the folders it compiles, the files it copies
    const build = JSON.parse(readFileSync(join(REPO_ROOT, "tsconfig.build.json"), "utf8")) as {
      extends: string;
      include: string[];
    };
    for (const f of ["tsconfig.build.json", build.extends.replace(/^\.\//, ""), ...build.include])
      expect(inImage(f), `${f} (read by the build) is not copied`).toBe(true);
    const script = readFileSync(join(REPO_ROOT, "scripts/build.mjs"), "utf8");
    for (const m of script.matchAll(/copyFileSync\("([^"]+)"/g))
      expect(inImage(m[1]!), `${m[1]} (copied by the build) is not copied`).toBe(true);
  });

  it.skipIf(buildMissing() !== undefined)(
    "the compiled code imports only Node's modules and production dependencies (the image prunes the rest)",
    () => {
      const bare = new Set<string>();
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const p = join(dir, name);
          if (statSync(p).isDirectory()) walk(p);
          else if (/\.m?js$/.test(name))
            for (const m of readFileSync(p, "utf8").matchAll(
              /(?:^|\n)\s*(?:import|export)[^"'\n;]*?from\s*["']([^"'./][^"']*)["']|import\(\s*["']([^"'./][^"']*)["']\s*\)/g,
            ))
              bare.add(m[1] ?? m[2]!);
        }
      };
      walk(join(REPO_ROOT, "dist"));
      walk(join(REPO_ROOT, "bin"));
      const pkgName = (spec: string) =>
        spec
          .split("/")
          .slice(0, spec.startsWith("@") ? 2 : 1)
          .join("/");
      // fast-check: a peer dependency, for library users' property tests (the command never loads it);
      // tsx: loaded, inside a try, only for a claim module written in TypeScript (src/worker-boot.mjs)
      const allowed = new Set([
        ...Object.keys(pkg.dependencies),
        ...Object.keys(pkg.peerDependencies),
        "tsx",
      ]);
      const outside = [...bare].filter((s) => !s.startsWith("node:") && !allowed.has(pkgName(s)));
      expect(bare.size).toBeGreaterThan(3);
      expect(outside).toEqual([]);
    },
  );

  it("the base image's Node satisfies engines and is the major version these tests run on", () => {
    const from = steps.find((s) => s.op === "FROM")!.args;
    const m = /^node:(\d+)[\w.-]*(@sha256:[0-9a-f]{64})?$/.exec(from);
    expect(m, `FROM ${from}`).not.toBeNull();
    const major = Number(m![1]);
    expect(major).toBeGreaterThanOrEqual(Number(/>=(\d+)/.exec(pkg.engines.node)![1]));
    expect(major).toBe(Number(process.versions.node.split(".")[0]));
  });
});

/**
 * The environment of a RUN line: this process's, without the settings `npm run` passes to its scripts
 * (`npm_config_*`, `npm_lifecycle_*`, `npm_package_*`): under `npm run test:slow --ignore-scripts`, as
 * CI runs it, an inherited `npm_config_ignore_scripts` would skip the image's prepare build.
 */
function imageEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

describe("Dockerfile, replayed in a scratch folder", () => {
  const npmCache = join(homedir(), ".npm");
  const why =
    buildMissing() ??
    (process.getuid?.() !== 0
      ? "the replay runs its command as another user, which needs root"
      : undefined) ??
    (existsSync(npmCache) ? undefined : `no npm cache at ${npmCache} (npm ci fills it)`);
  const root = mkdtempSync(join(tmpdir(), "modelmarket-docker-"));
  // an image's root is open to every user (mkdtemp's folder is not)
  chmodSync(root, 0o755);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.skipIf(why !== undefined)(
    `COPY and RUN as written, then the command as an unprivileged user${why ? ` (skipped: ${why})` : ""}`,
    () => {
      const at = (p: string) => join(root, p);
      let cwd = "/";
      let user = "root";
      let cmd: string[] = [];
      const skipCopy = (src: string) => (from: string) => !isIgnored(relative(REPO_ROOT, from) || src);
      for (const s of steps) {
        if (s.op === "WORKDIR") {
          cwd = resolve(cwd, s.args);
          mkdirSync(at(cwd), { recursive: true });
        } else if (s.op === "COPY") {
          const c = copies.find((x) => x.line === s.line)!;
          const dest = resolve(cwd, c.dest);
          for (const src of c.sources) {
            const from = join(REPO_ROOT, src);
            // a file into a folder (`./`) keeps its name; a folder's contents go to the destination
            const to = c.dest.endsWith("/") && !statSync(from).isDirectory() ? join(dest, src) : dest;
            mkdirSync(at(dirname(to)), { recursive: true });
            cpSync(from, at(to), { recursive: true, filter: skipCopy(src) });
          }
        } else if (s.op === "RUN") {
          // absolute paths under the scratch root; npm offline from its cache (no network is needed)
          const line = s.args.replace(/(^|[\s=])\/(opt|usr)\//g, `$1${root}/$2/`);
          mkdirSync(at("/usr/local/bin"), { recursive: true });
          const r = spawnSync("sh", ["-c", line], {
            cwd: at(cwd),
            env: { ...imageEnv(), npm_config_offline: "true", npm_config_cache: npmCache },
            encoding: "utf8",
            timeout: 600_000,
          });
          expect(r.status, `Dockerfile:${s.line}: RUN failed:\n${r.stderr.slice(-3000)}`).toBe(0);
        } else if (s.op === "USER") user = s.args;
        else if (s.op === "CMD") cmd = JSON.parse(s.args) as string[];
      }
      expect(user).toBe("node");
      const app = at("/opt/modelmarket");
      expect(existsSync(join(app, "dist", "cli", "main.js"))).toBe(true);
      expect(existsSync(join(app, "node_modules", "typescript"))).toBe(false);
      // USER node: everything installed must be readable (folders enterable) by a user who is not root
      const closed: string[] = [];
      const walk = (p: string) => {
        const st = statSync(p);
        const need = st.isDirectory() ? 0o005 : 0o004;
        if ((st.mode & need) !== need) closed.push(relative(root, p));
        if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
      };
      walk(app);
      expect(closed.slice(0, 5)).toEqual([]);
      // as an unprivileged user (nobody), in a folder it owns as the pod's volume would be
      const work = at(cwd);
      spawnSync("chown", ["65534:65534", work]);
      const asUser = (args: string[]) =>
        spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", ...args], {
          cwd: work,
          env: { PATH: `${at("/usr/local/bin")}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: work },
          encoding: "utf8",
        });
      const help = asUser(cmd);
      expect(help.status, help.stderr).toBe(0);
      expect(help.stdout).toMatch(/^Usage: modelmarket/m);
      for (const k of [1, 2]) {
        const shard = asUser([
          "modelmarket",
          "check",
          "--claim",
          "C1",
          "--instances",
          "300",
          "--workers",
          "2",
          "--shard",
          `${k}/2`,
          "--out",
          "shards",
        ]);
        expect(shard.status, shard.stderr).toBe(0);
      }
      const merged = asUser(["modelmarket", "merge", "shards", "--json"]);
      expect(merged.status, merged.stderr).toBe(0);
      expect(JSON.parse(merged.stdout).claims[0].tried).toBe(300);
    },
    // npm ci and the build take minutes of wall time on a loaded machine
    600_000,
  );
});
