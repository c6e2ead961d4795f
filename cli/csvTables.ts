/**
 * The tables of `--csv` for the commands whose CSV is not already a library table (`compare`,
 * `design`) or the rating rows (`ratings`, `calibrate`): one row per observation, numbers in full
 * precision, and every statistic named as its JSON field (`welfare.perfect` prints as `perfect`, not
 * `U_perfect`; docs/reference.md, "Names"), so a CSV column and a JSON path say the same thing.
 */

import type { EmpiricalReport } from "../empirical/study-types.js";
import type { CheckReport } from "../proofs-check/report.js";
import type { EquilibriumReport } from "../solvers/equilibrium/index.js";
import { Rational } from "../solvers/finite/rational.js";
import type { EquilibriumRecord, SolveReport } from "../solvers/finite/render.js";
import type {
  EntryAnalysis,
  ReplacementAnalysis,
  SequentialBranches,
  SequentialReport,
  SequentialStep,
  TidyTable,
} from "../solvers/index.js";
import type { MarketEvaluation } from "../src/model/evaluate.js";
import { finiteOrEmpty } from "./tidyCsv.js";

type Cell = string | number | null;

/**
 * `evaluate --csv`: columns `producer, task, statistic, value`; market-wide rows have an empty
 * producer, whole-market rows an empty task.
 *
 * @example
 * evaluationTable(evaluate(market)).columns; // ["producer", "task", "statistic", "value"]
 */
export function evaluationTable(ev: MarketEvaluation): TidyTable {
  const rows: Cell[][] = [];
  rows.push(["", "", "U", ev.welfare.U], ["", "", "perfect", ev.welfare.perfect]);
  rows.push(["", "", "single", ev.welfare.single]);
  ev.tasks.forEach((t, k) => {
    rows.push(["", t.name, "weight", t.weight], ["", t.name, "cap", t.cap]);
    rows.push(["", t.name, "U", ev.welfare.perTask[k]!]);
  });
  ev.producers.forEach((p, i) => {
    for (const [rule, v] of Object.entries(p.payoffs)) rows.push([p.name, "", rule, v]);
    rows.push([p.name, "", "nearestDistance", ev.diversity.nearestDistance[i]!]);
    rows.push([p.name, "", "specialisation", ev.diversity.specialisation[i]!]);
    ev.tasks.forEach((t, k) => {
      rows.push([p.name, t.name, "quality", p.quality[k]!], [p.name, t.name, "choice", p.choice[k]!]);
    });
  });
  return { columns: ["producer", "task", "statistic", "value"], rows };
}

/**
 * `check --csv`: one row per claim with its outcome and counts.
 *
 * @example
 * checkTable(report).columns[0]; // "claim"
 */
export function checkTable(report: CheckReport): TidyTable {
  return {
    columns: ["claim", "expectation", "outcome", "consistent", "tried", "vacuous", "hits", "tolerance"],
    rows: report.claims.map((c) => [
      c.id,
      c.expectation,
      c.outcome,
      String(c.consistent),
      c.tried,
      c.vacuous,
      c.hits,
      c.tolerance,
    ]),
  };
}

const RESPONSE_COLUMNS = [
  "rule",
  "maximiser",
  "tasks",
  "quality",
  "payoff",
  "welfare",
  "nearestDistance",
  "nearest",
  "specialisation",
];

/**
 * `entry --csv` and `replace --csv`: one row per rule and tied best response (the welfare optimum as
 * rule `welfare`); `tasks` are 0-based indices separated by spaces, `quality` the vector likewise.
 *
 * @example
 * responseTable(analyseEntry(market, entrant)).columns[1]; // "maximiser"
 */
export function responseTable(a: EntryAnalysis | ReplacementAnalysis): TidyTable {
  const all = [...a.rules, ...("welfareOptimal" in a && a.welfareOptimal ? [a.welfareOptimal] : [])];
  return {
    columns: RESPONSE_COLUMNS,
    rows: all.flatMap((r) =>
      r.maximisers.map((m, k) => [
        r.rule,
        k + 1,
        m.tasks?.join(" ") ?? null,
        m.quality.join(" "),
        m.payoff,
        m.welfare ?? null,
        m.nearestDistance ?? null,
        m.nearest ?? null,
        m.specialisation ?? null,
      ]),
    ),
  };
}

function stepRow(rule: string, branch: number, s: SequentialStep, k: number): Cell[] {
  return [
    rule,
    branch,
    k + 1,
    s.entrant,
    s.chosen.tasks?.join(" ") ?? null,
    s.chosen.quality.join(" "),
    s.response.maximisers[s.chosenIndex]?.payoff ?? null,
    s.welfare,
    s.ties,
  ];
}

/**
 * `sequential --csv`: one row per rule, branch (1 unless `--tie-break all`) and entry step.
 *
 * @example
 * sequentialTable([report]).columns[2]; // "step"
 */
export function sequentialTable(reports: ReadonlyArray<SequentialReport | SequentialBranches>): TidyTable {
  return {
    columns: ["rule", "branch", "step", "entrant", "tasks", "quality", "payoff", "welfare", "ties"],
    rows: reports.flatMap((rep) =>
      "steps" in rep
        ? rep.steps.map((s, k) => stepRow(rep.rule, 1, s, k))
        : rep.branches.flatMap((b, j) => b.steps.map((s, k) => stepRow(rep.rule, j + 1, s, k))),
    ),
  };
}

/**
 * `equilibrium --csv`: one row per rule, equilibrium listed (pure, approximate, mixed) and producer;
 * a mixed strategy's `strategy` is `probability label` terms joined by ` + `.
 *
 * @example
 * equilibriumTable([report]).columns[1]; // "list"
 */
export function equilibriumTable(reports: readonly EquilibriumReport[]): TidyTable {
  const rows: Cell[][] = [];
  for (const rep of reports) {
    const lists = [
      ["pure", rep.pure],
      ["approximate", rep.approximate],
      ["mixed", rep.mixed.equilibria],
    ] as const;
    for (const [list, eqs] of lists) {
      eqs.forEach((e, k) => {
        for (const p of e.producers) {
          const strategy = p.mixture
            ? p.mixture.map((m) => `${m.probability} ${m.label}`).join(" + ")
            : (p.tasks?.join(" ") ?? p.quality.join(" "));
          rows.push([
            rep.rule,
            list,
            k + 1,
            e.kind,
            String(e.certified),
            e.epsilon,
            e.welfare,
            p.name,
            strategy,
            p.payoff,
          ]);
        }
      });
    }
  }
  return {
    columns: [
      "rule",
      "list",
      "equilibrium",
      "kind",
      "certified",
      "epsilon",
      "welfare",
      "producer",
      "strategy",
      "payoff",
    ],
    rows,
  };
}

/**
 * `empirical --csv`: the tidy columns of `ratings --csv` (model, task, statistic, value, lower, upper):
 * each model's payoff under every rule (statistic: the rule), its rank under every rule (statistic
 * `ranks.RULE`, the tail of `--json`'s `leaderboards.rows[].ranks.RULE`), its raw mean and its welfare
 * gain as an entrant (task `overall`), and the welfare `U`, `perfect`, `single` (model empty) overall
 * and `U` per task. With `--pairwise`, the fitted noise (statistic `beta` or `sigma`, its 95% profile
 * interval). With `--bootstrap N`, a payoff row's and a rank row's `lower` and `upper` are their 95%
 * intervals from `--json`'s `uncertainty.leaderboards` (rule, model), and the refitted noise is a row
 * `bootstrap.beta` (or `bootstrap.sigma`) with its interval, as `calibrate --csv` names it; every
 * other row leaves them empty.
 *
 * @example
 * empiricalTable(report).columns.length; // 6
 */
export function empiricalTable(report: EmpiricalReport): TidyTable {
  const rows: Cell[][] = [];
  const row = (
    model: string,
    task: string,
    statistic: string,
    value: number | null,
    lower = null as Cell,
    upper = null as Cell,
  ) => rows.push([model, task, statistic, value, lower, upper]);
  // the bootstrap's payoff and rank intervals, keyed by rule then model, exactly as --json prints them
  const intervals = new Map<string, { lower: number; upper: number }>();
  const rankIntervals = new Map<string, { lower: number; upper: number }>();
  for (const board of report.uncertainty?.leaderboards ?? [])
    for (const m of board.models) {
      intervals.set(`${board.rule}\u0000${m.name}`, m.payoff);
      rankIntervals.set(`${board.rule}\u0000${m.name}`, m.rank);
    }
  row("", "overall", "U", report.welfare.U);
  row("", "overall", "perfect", report.welfare.perfect);
  row("", "overall", "single", report.welfare.single);
  const fit = report.calibration?.pooled;
  if (fit !== undefined && fit.value !== null)
    row("", "overall", fit.parameter, fit.value, fit.lower, fit.upper);
  const noise = report.uncertainty?.noise;
  if (noise != null)
    // an infinite end (a boundary refit) is an empty cell, as the JSON's null
    row(
      "",
      "overall",
      `bootstrap.${noise.parameter}`,
      finiteOrEmpty(noise.estimate),
      finiteOrEmpty(noise.lower),
      finiteOrEmpty(noise.upper),
    );
  report.tasks.forEach((t, k) => {
    row("", t.name, "U", report.welfare.perTask[k]!);
  });
  const gain = new Map(report.entry.incumbentsAsEntrants.map((e) => [e.name, e.welfareGain]));
  for (const r of report.leaderboards.rows) {
    row(r.name, "overall", "rawMean", r.rawMean);
    for (const [rule, v] of Object.entries(r.payoffs)) {
      const ci = intervals.get(`${rule}\u0000${r.name}`);
      row(r.name, "overall", rule, v, ci?.lower ?? null, ci?.upper ?? null);
    }
    for (const [rule, rank] of Object.entries(r.ranks)) {
      const ci = rankIntervals.get(`${rule}\u0000${r.name}`);
      row(r.name, "overall", `ranks.${rule}`, rank, ci?.lower ?? null, ci?.upper ?? null);
    }
    const g = gain.get(r.name);
    if (g !== undefined) row(r.name, "overall", "welfareGain", g);
  }
  return { columns: ["model", "task", "statistic", "value", "lower", "upper"], rows };
}

/** A probability or regret as `--json` prints it: exact text (`"1/3"`) or a number, rounded by `decimals`. */
function jsonCell(v: Rational | number, decimals: number | undefined): string | number {
  if (v instanceof Rational) return decimals === undefined ? v.toString() : Number(v.toFixed(decimals));
  return decimals === undefined ? v : Number(v.toFixed(decimals));
}

/** The same value as a double (the decimal column): exact text is converted, a number kept. */
function decimalCell(cell: string | number): number {
  return typeof cell === "number" ? cell : Rational.parse(cell).toNumber();
}

/** `values[p]` of an equilibrium's extra facts (lp: each player's equilibrium payoff), if the JSON has it. */
function valuesCell(e: EquilibriumRecord, p: number, decimals: number | undefined): Cell {
  const values = e.extra?.values;
  if (!Array.isArray(values)) return null;
  const v: unknown = values[p];
  return v instanceof Rational || typeof v === "number" ? jsonCell(v, decimals) : null;
}

/**
 * `nash --csv`: one row per equilibrium (1-based: `--json`'s `equilibria[k-1]`), player and strategy
 * (their names as in the game), with the strategy's `probability` as `--json` prints it (exact text
 * like `1/3` for exact methods, a number for floating ones; rounded by `--decimals` as the JSON is),
 * its `decimal` value, the player's `regret`, and the player's `values` (the equilibrium payoff that
 * `--method lp` reports; empty for the other methods, whose JSON has none).
 *
 * @example
 * nashTable(await solveFinite(pennies, "enummixed")).columns[3]; // "probability"
 */
export function nashTable(report: SolveReport, decimals?: number): TidyTable {
  const rows: Cell[][] = [];
  const { players, strategies } = report.game;
  report.equilibria.forEach((e, k) => {
    e.profile.forEach((mix, p) => {
      const regret = jsonCell(e.regret[p]!, decimals);
      const values = valuesCell(e, p, decimals);
      mix.forEach((v, j) => {
        const probability = jsonCell(v, decimals);
        rows.push([
          k + 1,
          players[p]!,
          strategies[p]![j]!,
          probability,
          decimalCell(probability),
          regret,
          values,
        ]);
      });
    });
  });
  return {
    columns: ["equilibrium", "player", "strategy", "probability", "decimal", "regret", "values"],
    rows,
  };
}
