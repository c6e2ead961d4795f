/**
 * The text form of a check report: a table, then every counterexample or witness with its market file.
 */
import type { CheckReport, ClaimResult, Timings } from "./report.js";

const LABEL: Record<ClaimResult["outcome"], string> = {
  holds: "holds",
  violated: "VIOLATED",
  "witness-found": "witness found",
  "no-witness": "NO WITNESS",
  "counterexample-found": "counterexample found",
  "not-falsified": "NOT FALSIFIED",
};

/**
 * Readable label of an outcome (capitals when it contradicts the expectation).
 *
 * @throws nothing for valid inputs of the declared types
 */
export function outcomeLabel(c: ClaimResult): string {
  return LABEL[c.outcome];
}

/**
 * The report as text.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const file = await runCheck(BUILTIN_CLAIMS.filter((c) => c.id === "C1"), { seed: 1, instances: 50, workers: 1 });
 * formatReport(file, file.timings);
 */
export function formatReport(report: CheckReport, timings?: Timings): string {
  // each column under its JSON name (`claims[i].id` is the claim); `time` is wall-clock, printed only,
  // so that the JSON is the same bytes on every run
  const head = ["claim", "expectation", "tried", "hits", "vacuous", "outcome", "time"];
  const rows = report.claims.map((c) => {
    const t = timings?.claims[c.id];
    return [
      c.id,
      c.expectation,
      c.tried.toLocaleString("en-US"),
      String(c.hits),
      c.vacuous === null ? "-" : String(c.vacuous),
      outcomeLabel(c),
      t === undefined ? "-" : `${((t.computeMs + t.shrinkMs) / 1000).toFixed(2)}s`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((s, i) => (i >= 2 && i <= 4 ? s.padStart(widths[i]!) : s.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const out: string[] = [];
  const shard = report.shard === null ? "" : `, shard ${report.shard.index}/${report.shard.count}`;
  out.push(`modelmarket check: seed ${report.seed}, ${report.instances} instances per claim${shard}`, "");
  out.push(line(head), widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) out.push(line(r));
  out.push("");
  for (const c of report.claims) {
    const cx = c.counterexample;
    if (cx === null) continue;
    const kind =
      c.expectation === "holds" ? "violation" : c.expectation === "witness" ? "witness" : "counterexample";
    out.push(
      `${c.id} ${kind} (instance ${cx.index}; shrunk in ${cx.shrunk.checks} checks, ${cx.shrunk.steps} steps):`,
    );
    out.push(`  ${cx.shrunk.message}`);
    if (cx.market !== null) {
      out.push("  market file (modelmarket evaluate reads it):");
      for (const l of compactMarketJson(cx.market).split("\n")) out.push(`    ${l}`);
    } else {
      out.push(
        `  instance: ${JSON.stringify(cx.shrunk.instance.params)} ${JSON.stringify(cx.shrunk.instance.selection)}`,
      );
    }
    out.push("");
  }
  const bad = report.claims.filter((c) => !c.consistent);
  out.push(
    bad.length === 0
      ? `all ${report.claims.length} claims as expected`
      : `${bad.length} of ${report.claims.length} claims contradict their expectation: ${bad.map((c) => c.id).join(", ")}`,
  );
  if (timings !== undefined)
    out.push(`time ${(timings.totalMs / 1000).toFixed(2)}s on ${timings.workers} worker(s)`);
  return `${out.join("\n")}\n`;
}

/**
 * A market file as compact JSON: one line per task and per producer.
 *
 * @example
 * compactMarketJson(file);
 */
export function compactMarketJson(file: unknown): string {
  if (typeof file !== "object" || file === null) return JSON.stringify(file);
  const lines = Object.entries(file as Record<string, unknown>).map(([k, v]) => {
    if (Array.isArray(v) && v.every((x) => typeof x === "object")) {
      return `  ${JSON.stringify(k)}: [\n${v.map((x) => `    ${JSON.stringify(x)}`).join(",\n")}\n  ]`;
    }
    return `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`;
  });
  return `{\n${lines.join(",\n")}\n}`;
}
