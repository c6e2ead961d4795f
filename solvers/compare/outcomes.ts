/**
 * The columns every answer of `compareRules` is reduced to: readable strategy labels, the
 * homogenisation measures of docs/model.md section 6 (distance to the nearest other producer,
 * specialisation index, tasks with a unique best), and one rule's statistics over its outcomes.
 */
import { diversity } from "../../src/model/diversity.js";
import { consumerWelfare } from "../../src/model/evaluate.js";
import type { Market } from "../../src/model/types.js";
import type { BestResponse, Maximiser } from "../bestResponse/index.js";
import type { Equilibrium } from "../equilibrium/index.js";
import type { SequentialStep } from "../sequential.js";
import type { CompareOutcome, RuleOutcome } from "./question.js";
import type { CompareNote } from "./words.js";

/** A number in a label: ten significant digits, no trailing zeros. */
export function num(x: number): string {
  return String(Number(x.toPrecision(10)));
}

/** Readable strategy: task set for top-k, else the quality vector. */
export function strategyLabel(
  m: { quality: readonly number[]; tasks?: readonly number[] },
  market: Market,
): string {
  if (m.tasks !== undefined) return `{${m.tasks.map((t) => market.tasks[t]!.name).join(",")}}`;
  return `(${m.quality.map(num).join(",")})`;
}

/** The homogenisation measures of the producers in `slots`, averaged over them. */
export function measuresOf(
  qualities: readonly (readonly number[])[],
  slots: readonly number[],
  caps: readonly number[],
): { nearestDistance: number | null; specialisation: number; uniqueBestTasks: number } {
  const d = diversity(qualities, caps);
  let near = 0;
  let nearCount = 0;
  let spec = 0;
  for (const s of slots) {
    const x = d.nearestDistance[s];
    if (x !== null && x !== undefined) {
      near += x;
      nearCount++;
    }
    spec += d.specialisation[s]!;
  }
  return {
    nearestDistance: nearCount === 0 ? null : near / nearCount,
    specialisation: slots.length === 0 ? 0 : spec / slots.length,
    uniqueBestTasks: d.uniqueBestTasks,
  };
}

/** The outcomes of a best response: one per tied maximiser, placed in `slot` (replace) or added. */
export function maximiserOutcomes(
  br: BestResponse,
  market: Market,
  slot: number,
  name: string,
  replace: boolean,
): CompareOutcome[] {
  const caps = market.tasks.map((t) => t.cap);
  return br.maximisers.map((m: Maximiser) => {
    const qs = market.producers.map((p) => p.quality);
    if (replace) qs[slot] = m.quality;
    else qs.push(m.quality);
    return {
      label: strategyLabel(m, market),
      producers: [name],
      qualities: [m.quality.slice()],
      welfare: m.welfare,
      ...measuresOf(qs, [slot], caps),
    };
  });
}

/** How a best response was obtained, or why its list is not the whole answer. */
export function brNote(br: BestResponse): CompareNote {
  if (!br.exact) return { code: "not-proven-optimal", gapBound: br.gapBound, method: br.method };
  if (br.truncated) return { code: "tie-list-cut", maximisers: br.maximisers.length };
  return { code: "every-maximiser", method: br.method };
}

/** The outcome of one equilibrium (a mixed one with its expected measures). */
export function equilibriumOutcome(e: Equilibrium, market: Market): CompareOutcome {
  const slots = market.producers.flatMap((p, i) => (p.space.kind === "fixed" ? [] : [i]));
  const producers = slots.map((i) => e.producers[i]!);
  const label =
    e.kind === "mixed"
      ? `mixed: ${producers
          .map(
            (p) =>
              `${p.name}=${p.mixture ? p.mixture.map((m) => `${num(m.probability)} ${m.label}`).join(" + ") : strategyLabel(p, market)}`,
          )
          .join(" ")}`
      : producers.map((p) => `${p.name}=${strategyLabel(p, market)}`).join(" ");
  const ex = e.kind === "mixed" ? e.expectedDiversity : undefined;
  let nearestDistance: number | null;
  let specialisation: number;
  let uniqueBestTasks: number;
  if (ex !== undefined) {
    const near = slots.map((i) => ex.nearestDistance[i]).filter((x): x is number => typeof x === "number");
    nearestDistance = near.length === 0 ? null : near.reduce((a, b) => a + b, 0) / near.length;
    specialisation =
      slots.length === 0 ? 0 : slots.reduce((a, i) => a + ex.specialisation[i]!, 0) / slots.length;
    uniqueBestTasks = ex.uniqueBestTasks;
  } else {
    ({ nearestDistance, specialisation, uniqueBestTasks } = measuresOf(
      e.producers.map((p) => p.quality),
      slots,
      market.tasks.map((t) => t.cap),
    ));
  }
  return {
    label,
    producers: producers.map((p) => p.name),
    qualities: producers.map((p) => p.quality.slice()),
    welfare: e.welfare,
    nearestDistance,
    specialisation,
    uniqueBestTasks,
    ...(e.kind === "mixed" ? { mixed: true } : {}),
  };
}

/** The outcome of one sequence of entries: the final market. */
export function sequenceOutcome(steps: readonly SequentialStep[], market: Market): CompareOutcome {
  const n0 = market.producers.length;
  const qs = [...market.producers.map((p) => p.quality), ...steps.map((s) => s.chosen.quality)];
  const slots = steps.map((_, k) => n0 + k);
  const last = steps[steps.length - 1];
  return {
    label: steps.map((s) => strategyLabel(s.chosen, market)).join(" "),
    producers: steps.map((s) => s.entrant),
    qualities: steps.map((s) => s.chosen.quality.slice()),
    welfare: last === undefined ? consumerWelfare(market) : last.welfare,
    ...measuresOf(
      qs,
      slots,
      market.tasks.map((t) => t.cap),
    ),
  };
}

/** One rule's answer with its statistics (`optimum`: the welfare the ratios divide by). */
export function ruleOutcome(
  rule: string,
  outcomes: CompareOutcome[],
  complete: boolean,
  note: CompareNote,
  optimum: number,
): RuleOutcome {
  // equal outcomes (sequential paths that end in the same market) are listed once
  const seen = new Set<string>();
  const unique = outcomes.filter((o) => {
    if (seen.has(o.label)) return false;
    seen.add(o.label);
    return true;
  });
  const range = (f: (o: CompareOutcome) => number | null): [number | null, number | null] => {
    const xs = unique.map(f).filter((x): x is number => x !== null && Number.isFinite(x));
    return xs.length === 0 ? [null, null] : [Math.min(...xs), Math.max(...xs)];
  };
  const [wMin, wMax] = range((o) => o.welfare);
  const ratio = (w: number | null) => (w === null || !(optimum > 0) ? null : w / optimum);
  const [dMin, dMax] = range((o) => o.nearestDistance);
  const [sMin, sMax] = range((o) => o.specialisation);
  const [uMin, uMax] = range((o) => o.uniqueBestTasks);
  return {
    rule,
    outcomes: unique,
    complete,
    note,
    key: unique
      .map((o) => o.label)
      .sort()
      .join(" | "),
    stats: {
      outcomes: unique.length,
      welfareMin: wMin,
      welfareMax: wMax,
      welfareRatioMin: ratio(wMin),
      welfareRatioMax: ratio(wMax),
      nearestDistanceMin: dMin,
      nearestDistanceMax: dMax,
      specialisationMin: sMin,
      specialisationMax: sMax,
      uniqueBestTasksMin: uMin,
      uniqueBestTasksMax: uMax,
    },
  };
}
