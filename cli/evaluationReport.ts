/**
 * The text report of `modelmarket evaluate`.
 */
import type { MarketEvaluation } from "../src/model/evaluate.js";
import { formatSelection } from "../src/model/selection/index.js";
import { competitionRanks } from "../src/numeric/rank.js";
import { fmt, table } from "./render.js";

/**
 * Renders an evaluation as text: tasks, payoffs (with the rank under each rule), welfare and diversity.
 * Every number is labelled with its JSON field (docs/reference.md, "Names"): a payoff column with its
 * rule, welfare as `U`, `perfect`, `single`, the diversity as `nearestDistance`, `specialisation`,
 * `meanPairwiseDistance`, `uniqueBestTasks`.
 *
 * @example
 * process.stdout.write(renderEvaluation("m.json", evaluate(market)));
 */
export function renderEvaluation(file: string, ev: MarketEvaluation): string {
  const rules = Object.keys(ev.producers[0]?.payoffs ?? {});
  const out: string[] = [];
  out.push(
    `${file}: ${ev.producers.length} producers, ${ev.tasks.length} tasks, selection ${formatSelection(ev.selection)}`,
    "",
  );
  out.push(
    table(
      ["task", "weight", "cap", "U", "chosen most"],
      ev.tasks.map((task, t) => {
        let best = 0;
        ev.producers.forEach((p, i) => {
          if (p.choice[t]! > ev.producers[best]!.choice[t]!) best = i;
        });
        const p = ev.producers[best]!;
        return [
          task.name,
          fmt(task.weight, 3),
          fmt(task.cap, 2),
          fmt(ev.welfare.perTask[t]),
          `${p.name} (${fmt(p.choice[t], 3)})`,
        ];
      }),
    ),
    "",
  );
  const ranks = rules.map((r) => competitionRanks(ev.producers.map((p) => p.payoffs[r]!)));
  out.push("Payoffs (rank under each rule in brackets):");
  out.push(
    table(
      ["producer", ...rules],
      [
        ...ev.producers.map((p, i) => [
          p.name,
          ...rules.map((r, k) => `${fmt(p.payoffs[r])} (${ranks[k]![i]})`),
        ]),
        ["sum", ...rules.map((r) => `${fmt(ev.producers.reduce((s, p) => s + p.payoffs[r]!, 0))}    `)],
      ],
    ),
  );
  out.push("  winrates sum to 1; weighted winrates sum to the welfare U.", "");
  const w = ev.welfare;
  out.push(
    "Consumer welfare (expected quality of the answer used):",
    `  U        ${fmt(w.U)}  under ${formatSelection(ev.selection)}`,
    `  perfect  ${fmt(w.perfect)}  perfect aggregation (best answer on every task)`,
    `  single   ${fmt(w.single)}  committing to the single best model (${w.singleBest})`,
    "",
  );
  const d = ev.diversity;
  out.push("Diversity (L1 distances on q/cap):");
  out.push(
    table(
      ["producer", "nearestDistance", "specialisation"],
      ev.producers.map((p, i) => [p.name, fmt(d.nearestDistance[i]), fmt(d.specialisation[i])]),
    ),
  );
  out.push(
    `  meanPairwiseDistance ${fmt(d.meanPairwiseDistance)}; uniqueBestTasks ${d.uniqueBestTasks} of ${ev.tasks.length} (tasks with a unique best producer)`,
    "",
  );
  const disagree = rules.filter((r, k) => r !== "winrate" && ranks[k]!.some((x, i) => x !== ranks[0]![i]));
  if (rules[0] === "winrate" && disagree.length > 0) {
    out.push(`Rules that rank the producers differently from winrate: ${disagree.join(", ")}.`, "");
  }
  return out.join("\n");
}
