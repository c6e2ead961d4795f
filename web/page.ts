/**
 * The explorer's page state, in one place: the inputs (`page.state`, mirrored in the URL hash) and the
 * market they parse to (`page.market`), the timings the browser test reads (`debug`), the error line,
 * and the validation every input change goes through.
 */
import { InputError, type Market, parseMarket, parseSpaceSpec, type ScoreTable } from "modelmarket";
import { type ExplorerState, entrantSpec } from "./state.js";

/** The payoff rules every view compares, in the order of their colours. */
export const RULES = [
  "winrate",
  "pairwise-winrate",
  "weighted-winrate",
  "weighted-pairwise-winrate",
  "marginal-contribution",
  "average-score",
];
/** The chart series: the rules, then the welfare optimum. */
export const SERIES = [...RULES, "welfare optimum"];

/** The element with this id. */
export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Timings the browser test reads (performance.now() values per generation). */
interface Timing {
  input?: number;
  posted?: number;
  payoffs?: number;
  entry?: number;
  sweep?: number;
  done?: number;
  /** Worker-side milliseconds from receiving the request to posting each stage. */
  worker: Record<string, number>;
}
/** The generation of the newest inputs, the generation each view last rendered, and their timings. */
export const debug = {
  gen: 0,
  rendered: { payoffs: -1, entry: -1, replace: -1, equilibrium: -1, sweep: -1, done: -1 } as Record<
    string,
    number
  >,
  timings: {} as Record<number, Timing>,
  lastInput: 0,
};
(window as unknown as { __explorer: typeof debug }).__explorer = debug;

/**
 * The page's state: the inputs and the market they parse to (set by the loader before any view), and
 * the score table behind a market read from a CSV (kept to change its normalisation).
 */
export const page = {} as { state: ExplorerState; market: Market; table?: ScoreTable };

/** Shows the library's one-line message (or hides the error line for `undefined`). */
export function showError(err: unknown): void {
  const el = $("error");
  if (err === undefined) {
    el.hidden = true;
    el.textContent = "";
    return;
  }
  el.hidden = false;
  el.textContent =
    err instanceof InputError
      ? err.message
      : err instanceof Error
        ? `${err.name}: ${err.message}`
        : String(err);
}

/** Validates the state's market with the library's parser; shows its message when invalid. */
export function tryValidate(): boolean {
  try {
    page.market = parseMarket(structuredClone(page.state.market), "market");
    parseSpaceSpec(entrantSpec(page.state.entrant), page.market.tasks, "entrant");
    showError(undefined);
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}
