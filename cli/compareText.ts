/**
 * The text reports of `modelmarket compare`: one comparison (the rules side by side, then how each
 * pair differs) and a sweep (one row per rule and point, then the change points).
 */
// the compare modules themselves, not the solvers' facade: that loads every solver (the finite-game
// library, design, equilibria), which a comparison does not use
import type { CompareQuestion, Comparison, RuleOutcome } from "../solvers/compare/question.js";
import type { SweepReport, SweepRule } from "../solvers/compare/sweep.js";
import { changePointsNoteText, compareNoteText, optimumBasisText } from "../solvers/compare/words.js";
import { formatSelection } from "../src/model/selection/index.js";
import { describeSpace } from "../src/model/strategies.js";
import type { Market } from "../src/model/types.js";
import { fmt, table } from "./render.js";

function range(lo: number | null, hi: number | null, digits = 4): string {
  if (lo === null || hi === null) return "-";
  return fmt(lo, digits) === fmt(hi, digits) ? fmt(lo, digits) : `${fmt(lo, digits)}..${fmt(hi, digits)}`;
}

function ruleRow(r: RuleOutcome | SweepRule, choice: string[]): string[] {
  const s = r.stats;
  const shown = choice.length > 3 ? [...choice.slice(0, 3), `+${choice.length - 3} more`] : choice;
  return [
    r.rule,
    shown.join("; ") || "(none)",
    range(s.welfareMin, s.welfareMax),
    range(s.welfareRatioMin, s.welfareRatioMax),
    range(s.nearestDistanceMin, s.nearestDistanceMax),
    range(s.specialisationMin, s.specialisationMax, 3),
    range(
      s.uniqueBestTasksMin,
      s.uniqueBestTasksMax,
      Number.isInteger(s.uniqueBestTasksMin) && Number.isInteger(s.uniqueBestTasksMax) ? 0 : 2,
    ),
    r.complete ? "yes" : "no",
  ];
}

/**
 * Each column under the name its statistics share (`COMPARE_STATISTICS`: `welfare` is the range
 * `welfareMin..welfareMax`, `welfareRatio` is `welfareRatioMin..welfareRatioMax`, and so on), as
 * `--json` and `--csv` name them (docs/reference.md, "Names").
 */
const HEADERS = [
  "rule",
  "chosen",
  "welfare",
  "welfareRatio",
  "nearestDistance",
  "specialisation",
  "uniqueBestTasks",
  "complete",
];

/**
 * One line naming a question, as compare's and design's reports head their output.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function questionText(q: CompareQuestion): string {
  switch (q.kind) {
    case "entry":
      return `entry of ${q.entrant.name} (${describeSpace(q.entrant.space)})`;
    case "replace":
      return `replacement of ${q.producer}${q.space ? ` (${describeSpace(q.space)})` : ""}`;
    case "equilibrium":
      return "equilibria of the simultaneous game";
    case "sequential":
      return `sequential entry of ${q.entrants} producer(s) (${describeSpace(q.space)}), tie-break ${q.tieBreak?.kind === "random" ? `random:${q.tieBreak.seed}` : (q.tieBreak?.kind ?? "first")}`;
  }
}

function contrastLines(c: Comparison): string[] {
  const byRule = new Map(c.rules.map((r) => [r.rule, r]));
  const lines: string[] = [];
  for (const d of c.contrasts) {
    const [a, b] = d.rules;
    const choice = (r: string) =>
      byRule
        .get(r)!
        .outcomes.map((o) => o.label)
        .join("; ") || "(none)";
    const verdict =
      d.higherWelfare === "tie"
        ? "welfare tied"
        : d.higherWelfare === "overlap"
          ? `welfare ranges overlap (U(${a}) - U(${b}) from ${fmt(d.welfareGapMin)} to ${fmt(d.welfareGapMax)})`
          : d.higherWelfare === "none"
            ? "no welfare to compare"
            : `higher welfare: ${d.higherWelfare} (U(${a}) - U(${b}) = ${range(d.welfareGapMin, d.welfareGapMax)})`;
    lines.push(
      d.sameChoice
        ? `  ${a} = ${b}: same choice (${choice(a)}); ${verdict}`
        : `  ${a} vs ${b}: DISAGREE (${a}: ${choice(a)}; ${b}: ${choice(b)}); ${verdict}`,
    );
  }
  return lines;
}

/** The text report of one comparison: the rules side by side, the contrasts, the legend. */
export function comparisonText(file: string, market: Market, c: Comparison): string {
  return [
    `${file}: ${questionText(c.question)}, selection ${formatSelection(market.selection)}`,
    `welfareBaseline ${fmt(c.welfareBaseline)}; welfareOptimum ${fmt(c.welfareOptimum)} (${c.welfareOptimumExact ? "exact" : "not proven"}): ${optimumBasisText(c.welfareOptimumBasis, c.welfare.note)}`,
    "",
    table(HEADERS, [
      ...c.rules.map((r) =>
        ruleRow(
          r,
          r.outcomes.map((o) => o.label),
        ),
      ),
      ruleRow(
        { ...c.welfare, rule: "(welfare optimum)" },
        c.welfare.outcomes.map((o) => o.label),
      ),
    ]),
    "",
    // sequential: the ties met at each step are always shown
    ...[...c.rules, c.welfare]
      .filter((r) => !r.complete || c.question.kind === "sequential")
      .map((r) => `note: ${r.rule}: ${compareNoteText(r.note)}`),
    `${c.disagreements.length === 0 ? "The rules agree." : `The rules disagree (${c.disagreements.length} pair(s)):`}`,
    ...contrastLines(c),
    "",
    "welfare: welfare of the outcome(s) (a range over tied maximisers or equilibria); welfareRatio: welfare / welfareOptimum;",
    "nearestDistance: mean L1 distance of q/v from the choosing producer(s) to the nearest other; specialisation: its",
    "index; uniqueBestTasks: tasks with a unique best producer.",
    `Ties: within ${c.tolerance.toExponential(1)} (the project tolerance).`,
    "",
  ].join("\n");
}

/** The text report of a sweep: one row per rule and point, then the change points. */
export function sweepText(file: string, rep: SweepReport): string {
  const names = rep.axes.map((a) => a.name);
  const rows = rep.points.flatMap((p) =>
    [...p.rules, { ...p.welfare, rule: "(welfare optimum)" }].map((r, k) => [
      ...p.values.map((v) => (k === 0 ? String(Number(v.toPrecision(10))) : "")),
      ...ruleRow(r, r.choice),
    ]),
  );
  const cps = rep.changePoints.map(
    (c) =>
      `  ${c.rule}: ${c.parameter} = ${Number(c.value.toPrecision(12))} (in [${c.lower}, ${c.upper}]): ${c.before} -> ${c.after}`,
  );
  return [
    `${file}: ${questionText(rep.question)}; sweep ${rep.axes.map((a) => `${a.name} from ${a.from} to ${a.to} (${a.points} points)`).join(" x ")}`,
    "",
    table([...names, ...HEADERS], rows),
    "",
    `change points (${changePointsNoteText(rep.changePointsNote)}):`,
    ...(cps.length > 0 ? cps : ["  none"]),
    "",
  ].join("\n");
}
