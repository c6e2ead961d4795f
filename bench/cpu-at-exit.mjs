// Preloaded (`node --import`) by bench/startup.bench.ts into the processes it times: at exit, writes
// the process's own CPU time (user + system, microseconds, bootstrap included) to stderr.
import { writeSync } from "node:fs";

process.on("exit", () => {
  const u = process.cpuUsage();
  writeSync(2, `\ncpu-us ${u.user + u.system}\n`);
});
