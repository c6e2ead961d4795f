/**
 * Progress of the exhaustive search: `buildMarketGame` reports joint profiles evaluated through a
 * `ProgressSink` (every 65536 profiles), monotonically, never past the total.
 */
import { describe, expect, it } from "vitest";
import { buildMarketGame, marketProfileCount } from "../../solvers/index.js";
import type { Market } from "../../src/model/types.js";
import type { ProgressEvent } from "../../src/work.js";

describe("exhaustive search progress", () => {
  it("reports joint profiles done of the total", () => {
    const T = 8;
    const market: Market = {
      tasks: Array.from({ length: T }, (_, t) => ({ name: `t${t}`, weight: 1 / T, cap: 1 })),
      selection: { rule: "epsilon", eps: 0.1 },
      producers: ["A", "B", "C"].map((name) => ({
        name,
        quality: new Array(T).fill(0),
        space: { kind: "top-k" as const, k: 3 },
      })),
    };
    const total = marketProfileCount(market);
    expect(total).toBe(56 ** 3);
    const events: ProgressEvent[] = [];
    buildMarketGame(market, "winrate", 1e6, (e) => events.push(e));
    expect(events.length).toBe(Math.floor(total / 65536));
    events.forEach((e, k) => {
      expect(e.total).toBe(total);
      expect(e.unit).toBe("joint profiles");
      expect(e.done).toBe((k + 1) * 65536);
    });
  });
});
