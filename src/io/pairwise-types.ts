/**
 * The aggregated form of pairwise judgements that every reader produces (`PairwiseData`) and the
 * options of the readers. Plain data throughout: it is sent to worker threads by structured clone.
 */

/** The five WildBench verdict counts of one row, as published. */
export interface VerdictLevels {
  winMuch: number;
  win: number;
  tie: number;
  lose: number;
  loseMuch: number;
  /** The source's total (for `ALL` rows it may exceed the sum of the five levels). */
  total: number;
}

/** Aggregated judgements of `models[a]` against `models[b]` on one task (or overall). */
export interface PairwiseCell {
  /** Index into `PairwiseData.models` of the first model. */
  a: number;
  /** Index of the second model (`b !== a`). */
  b: number;
  /** Index into `PairwiseData.tasks`, or `-1` for overall judgements (WildBench `ALL`, untasked battles). */
  task: number;
  /** Total weight of judgements `a` won. */
  winsA: number;
  /** Total weight of ties (both kinds). */
  ties: number;
  /** Total weight of judgements `b` won. */
  winsB: number;
  /**
   * Soft preferences: `p[k]` is a probability that `a` wins (strictly between 0 and 1), `w[k]` the total
   * weight of judgements with exactly that preference. Each is one judgement with a fractional outcome.
   */
  soft?: { p: number[]; w: number[] };
  /** The five-level counts (WildBench input only). */
  levels?: VerdictLevels;
  /** Line of the first input row that fed this cell (for messages). */
  line: number;
}

/**
 * The judgements grouped by a cluster column (e.g. `question_id`), for the cluster bootstrap: cluster
 * `c` contributes entries `start[c] .. start[c + 1] - 1`, each a weight `w` added to cell `cell` as an
 * outcome of kind `kind` (0: a wins, 1: tie, 2: b wins, 3: soft preference `p`).
 */
export interface ClusterIndex {
  column: string;
  count: number;
  start: number[];
  cell: number[];
  kind: number[];
  p: number[];
  w: number[];
}

/**
 * One entry per judgement row, kept only for ratings with control covariates: models, task, outcome
 * (probability that `a` won: 1, 0, 0.5 for a tie, or the soft preference), weight, and for each control
 * name `k` of `names` the values `valuesA[row * K + k]` of side a and `valuesB[...]` of side b.
 */
export interface ControlRows {
  names: string[];
  a: number[];
  b: number[];
  task: number[];
  outcome: number[];
  tie: number[];
  weight: number[];
  valuesA: number[];
  valuesB: number[];
  /**
   * When read with a cluster column too: each row's cluster, an index into `clusterNames` (AlpacaEval's
   * `instruction_id`: the instruction, for the length-controlled GLM's difficulty term).
   */
  cluster?: number[];
  clusterNames?: string[];
}

/** Pairwise judgements read from a file. */
export interface PairwiseData {
  format: "battles" | "wildbench" | "fastchat" | "alpacaeval";
  /** The file, for messages. */
  file: string | undefined;
  /** Comment lines (`# ...`, without the `# `). */
  comments: string[];
  /** Every model that appears, in order of first appearance. */
  models: string[];
  /** Task names in order of first appearance (WildBench: the categories other than `ALL`). */
  tasks: string[];
  /** One cell per (a, b, task) in order of first appearance; `(a, b)` and `(b, a)` stay separate. */
  cells: PairwiseCell[];
  /** What the reader skipped, as codes with their counts (`pairwiseWarningText` words each). */
  warnings?: PairwiseWarning[];
  /** Present when read with a cluster column. */
  clusters?: ClusterIndex;
  /** Present when read with control covariates. */
  controls?: ControlRows;
}

/** Options of the readers. */
export interface ReadPairwiseOptions {
  /** Skip rows where a model faces itself, with a counted warning (default: such a row is an error). */
  skipSelf?: boolean;
  /** Keep the judgements grouped by this column (`question_id`, `instruction_id`, ...) for the cluster bootstrap. */
  cluster?: string;
  /**
   * For AlpacaEval annotations only: the key (or column) whose value is each judgement's cluster when
   * the file has no `cluster` key at all (`instruction`: AlpacaEval's own `annotations.json` holds the
   * instruction's text, not an `instruction_id`). Other layouts ignore it.
   */
  clusterFallback?: string;
  /**
   * Control covariates to keep per row, by name: `length`, `headers`, `lists`, `bold` (FastChat's
   * style elements; `style` is all four) or any name `X` with columns `X_a`, `X_b` (AlpacaEval:
   * `X_1`, `X_2`; `length` is AlpacaEval's `len_1`, `len_2`).
   */
  controls?: string[];
  /** Chunk size in bytes when streaming a file (default 1 MiB; tests use small chunks). */
  chunkBytes?: number;
}

/**
 * What the pairwise reader skipped (`PairwiseData.warnings`): `skipped-self-battles`, rows of a model
 * against itself; `skipped-no-verdict`, rows without a verdict; with their count.
 */
export type PairwiseWarning = { code: "skipped-self-battles" | "skipped-no-verdict"; rows: number };

/**
 * One of the pairwise reader's warnings (`PairwiseData.warnings`) in words, with its count.
 *
 * Source: the reader's formats are those of `readPairwise` (LMSYS Chatbot Arena battles; W.-L. Chiang
 * et al., "Chatbot Arena", ICML 2024).
 *
 * @throws nothing
 * @example
 * import { pairwiseWarningText } from "modelmarket/empirical";
 * pairwiseWarningText({ code: "skipped-self-battles", rows: 2 }); // "skipped 2 self-battles (a model against itself)"
 */
export function pairwiseWarningText(w: PairwiseWarning): string {
  const s = w.rows === 1 ? "" : "s";
  return w.code === "skipped-self-battles"
    ? `skipped ${w.rows} self-battle${s} (a model against itself)`
    : `skipped ${w.rows} row${s} without a verdict`;
}
