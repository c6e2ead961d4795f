/**
 * CPU time of this process and of the children it has waited for, read from Linux's /proc (proc(5):
 * utime, stime, cutime, cstime); 0 elsewhere. The test CPU log (cpu-log.ts, `npm run test:cpu`) and
 * `runShell` (one line per command) use it to rank what the test suite spends its CPU on.
 */
import { appendFileSync, readFileSync } from "node:fs";

/** Seconds of CPU of this process and its waited-for children (0 when /proc is not there). */
export function cpuSeconds(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields 14..17 of proc(5), counted here from the state field (3); the kernel counts in 1/100 s
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return 0;
  }
}

/** The log file named by MODELMARKET_TEST_CPU_LOG, or undefined: then nothing is logged. */
export const CPU_LOG = process.env.MODELMARKET_TEST_CPU_LOG || undefined;

/** Appends `seconds<TAB>what` to the CPU log, when there is one. */
export function logCpu(seconds: number, what: string): void {
  if (CPU_LOG !== undefined) appendFileSync(CPU_LOG, `${seconds.toFixed(2)}\t${what}\n`);
}
