/**
 * Aggregating pairwise judgements while the log streams: each judgement row is folded into its
 * (model_a, model_b, task) cell at once, so memory grows with models x tasks (and, for soft
 * preferences, the distinct preference values per cell), not with the number of rows. Two optional
 * row-level stores are kept only when asked for: cluster contributions (for the cluster bootstrap, one
 * entry per distinct (cluster, cell, outcome)) and control rows (for ratings with covariates, one
 * entry per row: a continuous covariate has no finite aggregate).
 */
import { InputError } from "../errors.js";
import { CellTable } from "./pairwise-tables.js";
import type {
  ClusterIndex,
  ControlRows,
  PairwiseCell,
  PairwiseData,
  PairwiseWarning,
  ReadPairwiseOptions,
} from "./pairwise-types.js";

/** One judgement as a reader hands it over. */
export interface JudgementRow {
  a: string;
  b: string;
  task: string | undefined;
  /** `a`, `b` (a win), `tie` (either kind of tie), or a soft preference: the probability that `a` wins. */
  outcome: "a" | "b" | "tie" | number;
  weight: number;
  /** The cluster key (e.g. the question id), when clusters are kept. */
  cluster?: string | undefined;
  /** Control covariates per name: `[a side, b side]`, when controls are kept. */
  controls?: Array<[number, number]> | undefined;
  line: number;
  /** Where model_b sits (`line L, column C` or `line L, $.model_b`), for the self-battle message. */
  whereB: string;
}

/** Outcome kinds of a cluster contribution. */
const KIND = { a: 0, tie: 1, b: 2, soft: 3 } as const;

/** The index of `name` in `names`, appending it (and indexing it) the first time it is seen. */
function intern(names: string[], index: Map<string, number>, name: string): number {
  let k = index.get(name);
  if (k === undefined) {
    k = names.length;
    names.push(name);
    index.set(name, k);
  }
  return k;
}

/** Folds judgement rows into `PairwiseData` (see the module comment). */
export class PairwiseBuilder {
  readonly models: string[] = [];
  readonly tasks: string[] = [];
  readonly cells: PairwiseCell[] = [];
  rows = 0;
  skippedSelf = 0;
  skippedNoVerdict = 0;
  /** Rows of weight 0 (no judgement: skipped). */
  zeroWeight = 0;
  private readonly modelIndex = new Map<string, number>();
  private readonly taskIndex = new Map<string, number>();
  private readonly cellIndex = new CellTable();
  private readonly softIndex = new Map<string, number>();
  private readonly clusterNames: string[] = [];
  private readonly clusterIndex = new Map<string, number>();
  /** Per cluster: contribution key (`cell|kind|p`) -> weight, in order of first appearance. */
  private readonly clusterParts: Array<Map<string, number>> = [];
  private readonly controls: ControlRows | undefined;

  constructor(
    readonly file: string | undefined,
    readonly options: ReadPairwiseOptions,
  ) {
    const names = options.controls ?? [];
    this.controls =
      names.length === 0
        ? undefined
        : {
            names: names.slice(),
            a: [],
            b: [],
            task: [],
            outcome: [],
            tie: [],
            weight: [],
            valuesA: [],
            valuesB: [],
          };
  }

  model(name: string): number {
    return intern(this.models, this.modelIndex, name);
  }

  task(name: string | undefined): number {
    return name === undefined ? -1 : intern(this.tasks, this.taskIndex, name);
  }

  /** The index in `cells` of the cell (a, b, task), created (first fed by `line`) when absent. */
  cellIndexOf(a: number, b: number, task: number, line: number): number {
    const k = this.cellIndex.get(a, b, task);
    if (k !== -1) return k;
    const c: PairwiseCell = { a, b, task, winsA: 0, ties: 0, winsB: 0, line };
    this.cellIndex.set(a, b, task, this.cells.length);
    this.cells.push(c);
    return this.cells.length - 1;
  }

  cell(a: number, b: number, task: number, line: number): PairwiseCell {
    return this.cells[this.cellIndexOf(a, b, task, line)]!;
  }

  /**
   * Adds one judgement of weight 1 between model indices `i !== j` in task `t` (-1: none), already
   * checked by the reader: `outcome` 0 (a won), 1 (a tie) or 2 (b won). Only without clusters and
   * controls (the fast path of plain arena logs; everything else goes through `add`).
   */
  tally(i: number, j: number, t: number, outcome: 0 | 1 | 2, line: number): void {
    this.rows++;
    const cell = this.cells[this.cellIndexOf(i, j, t, line)]!;
    if (outcome === 0) cell.winsA++;
    else if (outcome === 2) cell.winsB++;
    else cell.ties++;
  }

  /** Adds one judgement row (self-battles: skipped and counted with `skipSelf`, else an error). */
  add(row: JudgementRow): void {
    if (row.a === row.b) {
      if (this.options.skipSelf === true) {
        this.skippedSelf++;
        return;
      }
      throw new InputError(
        this.file,
        row.whereB,
        `a model cannot face itself ("${row.a}"); such rows can be skipped with a count`,
        "skipSelf",
      );
    }
    // a row of weight 0 is no judgement: it names no model and feeds no cell (a model with only such
    // rows would be shown with a rating it has no judgement for)
    if (row.weight === 0) {
      this.zeroWeight++;
      return;
    }
    this.rows++;
    const i = this.model(row.a);
    const j = this.model(row.b);
    const t = this.task(row.task);
    const ci = this.cellIndexOf(i, j, t, row.line);
    const cell = this.cells[ci]!;
    const w = row.weight;
    const o = row.outcome;
    let kind: number;
    let p = 0;
    if (o === "a" || o === 1) {
      cell.winsA += w;
      kind = KIND.a;
    } else if (o === "b" || o === 0) {
      cell.winsB += w;
      kind = KIND.b;
    } else if (o === "tie") {
      cell.ties += w;
      kind = KIND.tie;
    } else {
      kind = KIND.soft;
      p = o;
      this.addSoft(cell, ci, p, w);
    }
    if (this.options.cluster !== undefined) this.addCluster(row, ci, kind, p, w);
    if (this.controls !== undefined) this.addControls(row, i, j, t);
  }

  /** Files the row's weight under its cluster (`--resample clusters:COLUMN`), by cell, kind and `p`. */
  private addCluster(row: JudgementRow, ci: number, kind: number, p: number, w: number): void {
    if (row.cluster === undefined)
      throw new InputError(
        this.file,
        `line ${row.line}`,
        `no value for the cluster column "${this.options.cluster}"`,
      );
    const c = intern(this.clusterNames, this.clusterIndex, row.cluster);
    if (this.controls !== undefined) {
      this.controls.cluster ??= [];
      this.controls.clusterNames = this.clusterNames;
      this.controls.cluster.push(c);
    }
    if (c === this.clusterParts.length) this.clusterParts.push(new Map());
    const parts = this.clusterParts[c]!;
    const key = `${ci}|${kind}|${p}`;
    parts.set(key, (parts.get(key) ?? 0) + w);
  }

  /** Keeps the row itself for the controlled fit: models, task, outcome, weight and covariates. */
  private addControls(row: JudgementRow, i: number, j: number, t: number): void {
    const ctl = this.controls!;
    const o = row.outcome;
    if (row.controls === undefined || row.controls.length !== ctl.names.length)
      throw new InputError(
        this.file,
        `line ${row.line}`,
        `missing control covariates (${ctl.names.join(", ")})`,
      );
    ctl.a.push(i);
    ctl.b.push(j);
    ctl.task.push(t);
    ctl.outcome.push(o === "a" ? 1 : o === "b" ? 0 : o === "tie" ? 0.5 : o);
    ctl.tie.push(o === "tie" ? 1 : 0);
    ctl.weight.push(row.weight);
    for (const [x, y] of row.controls) {
      ctl.valuesA.push(x);
      ctl.valuesB.push(y);
    }
  }

  private addSoft(cell: PairwiseCell, ci: number, p: number, w: number): void {
    if (cell.soft === undefined) cell.soft = { p: [], w: [] };
    const key = `${ci}|${p}`;
    const k = this.softIndex.get(key);
    if (k === undefined) {
      this.softIndex.set(key, cell.soft.p.length);
      cell.soft.p.push(p);
      cell.soft.w.push(w);
    } else cell.soft.w[k]! += w;
  }

  private clusterIndexOut(): ClusterIndex | undefined {
    if (this.options.cluster === undefined) return undefined;
    const out: ClusterIndex = {
      column: this.options.cluster,
      count: this.clusterNames.length,
      start: [0],
      cell: [],
      kind: [],
      p: [],
      w: [],
    };
    for (const parts of this.clusterParts) {
      for (const [key, w] of parts) {
        const [c, k, p] = key.split("|");
        out.cell.push(Number(c));
        out.kind.push(Number(k));
        out.p.push(Number(p));
        out.w.push(w);
      }
      out.start.push(out.cell.length);
    }
    return out;
  }

  /**
   * The aggregated data; refuses an empty log (`empty` says what the file held: `only a header`, `an
   * empty JSON array`) and a total weight over the bound.
   */
  done(format: PairwiseData["format"], comments: string[], empty = "only a header"): PairwiseData {
    if (this.cells.length === 0)
      throw new InputError(
        this.file,
        undefined,
        this.skippedSelf > 0
          ? `no judgements left after skipping ${this.skippedSelf} self-battles`
          : this.zeroWeight > 0
            ? `no judgements (${this.zeroWeight === 1 ? "its one row has" : `all ${this.zeroWeight} rows have`} weight 0)`
            : `no judgements (${empty})`,
      );
    checkTotalWeight(this.cells, this.file);
    const warnings: PairwiseWarning[] = [];
    if (this.skippedSelf > 0) warnings.push({ code: "skipped-self-battles", rows: this.skippedSelf });
    if (this.skippedNoVerdict > 0) warnings.push({ code: "skipped-no-verdict", rows: this.skippedNoVerdict });
    const clusters = this.clusterIndexOut();
    return {
      format,
      file: this.file,
      comments,
      models: this.models,
      tasks: this.tasks,
      cells: this.cells,
      warnings,
      ...(clusters === undefined ? {} : { clusters }),
      ...(this.controls === undefined ? {} : { controls: this.controls }),
    };
  }
}

/**
 * The largest total weight of a log's judgements: 2^53, up to which whole counts add exactly in
 * doubles. Every fit scales its tolerance and sums by the total weight, and the win-rate intervals
 * square it: far beyond this bound (1e300) they overflow and print nothing, and an infinite total
 * would be "converged" at once with meaningless ratings.
 */
export const MAX_TOTAL_WEIGHT = 2 ** 53;

/** Refuses weights whose total exceeds `MAX_TOTAL_WEIGHT`, at the line where it first does. */
function checkTotalWeight(cells: readonly PairwiseCell[], file: string | undefined): void {
  let total = 0;
  for (const c of cells) {
    total += c.winsA + c.ties + c.winsB;
    if (c.soft !== undefined) for (const w of c.soft.w) total += w;
    if (!(total <= MAX_TOTAL_WEIGHT))
      throw new InputError(
        file,
        `line ${c.line}`,
        "the total weight of the judgements exceeds 2^53 (about 9.0e15), beyond which counts do not add exactly and the win-rate intervals overflow; scale the weights or counts down",
      );
  }
}
