// Preloaded (`node --import`) by bench/startup.bench.ts, shards.bench.ts and ratings-scale.bench.ts into
// the processes they time: at exit, writes the process's own CPU time (user + system of all its
// threads, microseconds, bootstrap included) and its peak resident memory (kilobytes) to stderr.
import { writeSync } from "node:fs";

process.on("exit", () => {
  const u = process.resourceUsage();
  writeSync(2, `\ncpu-us ${u.userCPUTime + u.systemCPUTime}\nmaxrss-kb ${u.maxRSS}\n`);
});
