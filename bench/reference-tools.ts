/**
 * What the benchmarks that run a reference tool beside modelmarket share: where a Gambit tool is, and
 * the CPU time of a function run in this process.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The path of Gambit's command-line tool `name` (in /opt/gambit/bin, else on PATH), or null. */
export function gambitTool(name: string): string | null {
  const local = join("/opt/gambit/bin", name);
  if (existsSync(local)) return local;
  const r = spawnSync("which", [name], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** CPU seconds (user + system) of this process while `fn` runs. */
export function cpuSeconds(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}
