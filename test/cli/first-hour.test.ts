/**
 * The first hour in a clone: the README says, before its first command, how to type the commands
 * (`npx modelmarket`), and that form works in the repository as it is after `npm ci` (npm runs the
 * package's own `bin`; `--no-install`, so nothing can come from the registry instead). The doc pages'
 * commands all start with `modelmarket`, so that one substitution covers every one of them.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { blocksOf, DOCS, shCommands } from "../docs/doc-blocks.js";
import { REPO_ROOT } from "../helpers/paths.js";

const PROGRAMS = new Set(["modelmarket", "npm", "npx", "node", "python3", "mkdir", "cd", "cat", "ls", "rm"]);

describe("commands as typed in a fresh clone", () => {
  it("README states `npx modelmarket` before its first modelmarket command", () => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const stated = readme.indexOf("type `npx modelmarket` where these pages say `modelmarket`");
    const firstCommand = readme.search(/^modelmarket /m);
    expect(stated).toBeGreaterThan(-1);
    expect(stated).toBeLessThan(firstCommand);
  });

  it("npx --no-install modelmarket runs the checkout's command", () => {
    const r = spawnSync("npx", ["--no-install", "modelmarket", "--version"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { ...process.env, npm_config_update_notifier: "false" },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const version = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).version;
    expect(r.stdout.trim()).toBe(`modelmarket ${version}`);
    // npx takes about 3 s here, but waits on npm's cache lock while another npm command (a pack, an
    // install) runs on the same machine: 60 s was exceeded twice on a shared machine
  }, 180_000);

  it("every documented modelmarket command starts with the word the README says to replace", () => {
    const odd: string[] = [];
    for (const file of DOCS)
      for (const block of blocksOf(file).blocks.filter((b) => b.lang === "sh"))
        for (const c of shCommands(block)) {
          const first = c.command.trim().split(/\s+/)[0]!;
          if (/modelmarket/.test(first) && first !== "modelmarket")
            odd.push(`${file}:${c.line}: ${c.command}`);
          if (!PROGRAMS.has(first) && /bin\/modelmarket/.test(c.command))
            odd.push(`${file}:${c.line}: ${c.command}`);
        }
    expect(odd).toEqual([]);
  });
});
