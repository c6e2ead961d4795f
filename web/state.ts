/**
 * The explorer's state: the market in the file format (what "download market JSON" writes), the
 * entrant's strategy space, the producer being replaced; its URL-hash form; the weight-slider update;
 * and the `modelmarket` commands that reproduce the page's numbers. Pure functions, no DOM.
 */
import type { Market, SelectionRule, StrategySpace } from "modelmarket";

/** A market in the JSON file format (schema/market.schema.json), with qualities given directly. */
export interface MarketJson {
  name?: string;
  description?: string;
  tasks: Array<{ name: string; weight: number; cap: number }>;
  selection: SelectionRule;
  producers: Array<{ name: string; quality: number[]; space?: StrategySpace }>;
}

/** The entrant's strategy space as the page's controls hold it. */
export interface EntrantControls {
  kind: "top-k" | "grid" | "budget";
  k: number;
  step: number;
  budget: number;
}

/** Where the market came from: decides the FILE argument of the CLI commands. */
export interface Source {
  kind: "example" | "table" | "file";
  /** `examples/NAME.json`, `data/NAME.csv`, or the uploaded file's name. */
  path: string;
  /** `false` once qualities, names or producers' spaces were edited (weights and selection are flags). */
  pristine: boolean;
}

/** Everything the page shows is a function of this. */
export interface ExplorerState {
  source: Source;
  market: MarketJson;
  entrant: EntrantControls;
  /** The producer whose replacement is analysed. */
  replace: string;
  /**
   * Score tables only: how scores became qualities, as the CLI's `--normalize` text (`scale:max=10`,
   * `scale`, `minmax`, `none`).
   */
  normalize?: string;
  /** `true` once a weight was moved: until then the commands take the file's weights (no `--weights`). */
  weightsMoved?: boolean;
}

/** The noise parameter of each noisy selection rule, with the range of its log-scale slider and sweep. */
export const NOISE: Record<
  Exclude<SelectionRule["rule"], "perfect">,
  { key: "eps" | "beta" | "sigma"; lo: number; hi: number; label: string; noisier: "up" | "down" }
> = {
  epsilon: { key: "eps", lo: 1e-3, hi: 1, label: "eps (chance of a uniformly random pick)", noisier: "up" },
  logit: { key: "beta", lo: 0.1, hi: 1000, label: "beta (inverse temperature)", noisier: "down" },
  probit: { key: "sigma", lo: 1e-3, hi: 10, label: "sigma (judging noise, sd)", noisier: "up" },
};

/** The noise value of a selection rule (`undefined` for perfect selection). */
export function noiseOf(sel: SelectionRule): number | undefined {
  switch (sel.rule) {
    case "epsilon":
      return sel.eps;
    case "logit":
      return sel.beta;
    case "probit":
      return sel.sigma;
    default:
      return undefined;
  }
}

/** The selection rule `rule` with noise value `x`. */
export function withNoise(rule: SelectionRule["rule"], x: number): SelectionRule {
  switch (rule) {
    case "epsilon":
      return { rule, eps: x };
    case "logit":
      return { rule, beta: x };
    case "probit":
      return { rule, sigma: x };
    default:
      return { rule: "perfect" };
  }
}

/** A selection rule as the CLI's `--selection` text, with values that round-trip exactly. */
export function selectionSpec(sel: SelectionRule): string {
  switch (sel.rule) {
    case "epsilon":
      return `epsilon:eps=${sel.eps}`;
    case "logit":
      return `logit:beta=${sel.beta}`;
    case "probit":
      return `probit:sigma=${sel.sigma}`;
    default:
      return "perfect";
  }
}

/** A strategy space as spec text (`top-k:k=1`, `grid:budget=1,step=0.1,production=power,a=0.5`). */
export function spaceSpec(space: StrategySpace | undefined): string {
  if (space === undefined || space.kind === "fixed") return "fixed";
  if (space.kind === "top-k") return `top-k:k=${space.k}`;
  if (space.kind === "menu") return `menu (${space.options.length} options)`;
  const f = space.production;
  const prod =
    f.kind === "linear"
      ? ""
      : f.kind === "power"
        ? `,production=power,a=${f.a}`
        : `,production=exponential,k=${f.k}`;
  const step = space.kind === "grid" ? `,step=${space.step}` : "";
  return `${space.kind}:budget=${space.budget}${step}${prod}`;
}

/** The entrant's space as the CLI's `--entrant` text. */
export function entrantSpec(e: EntrantControls): string {
  if (e.kind === "top-k") return `top-k:k=${e.k}`;
  if (e.kind === "grid") return `grid:budget=${e.budget},step=${e.step}`;
  return `budget:budget=${e.budget}`;
}

/**
 * A validated `Market` back in the file format (qualities given directly, weights normalised).
 */
export function toMarketJson(market: Market, name?: string, description?: string): MarketJson {
  return {
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
    tasks: market.tasks.map((t) => ({ name: t.name, weight: t.weight, cap: t.cap })),
    selection: { ...market.selection },
    producers: market.producers.map((p) => ({
      name: p.name,
      quality: p.quality.slice(),
      ...(p.space.kind === "fixed" ? {} : { space: structuredClone(p.space) }),
    })),
  };
}

/**
 * Sets task `t`'s weight share to `x` (clamped to [0, 1]) and rescales the other tasks proportionally
 * so that the shares still sum to 1 (equally when the others are all zero). With two tasks the other
 * share is exactly `1 - x`.
 */
export function setWeight(weights: readonly number[], t: number, x: number): number[] {
  const v = Math.min(1, Math.max(0, x));
  const n = weights.length;
  if (n === 1) return [1];
  const rest = weights.reduce((s, w, j) => (j === t ? s : s + w), 0);
  return weights.map((w, j) => {
    if (j === t) return v;
    if (n === 2) return clean(1 - v);
    return clean(rest > 0 ? (w / rest) * (1 - v) : (1 - v) / (n - 1));
  });
}

/**
 * `x` rounded to 12 significant digits: removes the floating-point residue of arithmetic on the digits
 * entered (`1 - 0.7` is 0.30000000000000004, shown and passed on as 0.3). The page and the printed
 * command use the same rounded number, so they compute the same market.
 */
export function clean(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(12));
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The state as a URL hash (`#s=` + base64url of its JSON): exact numbers, so it round-trips. */
export function encodeHash(state: ExplorerState): string {
  return `#s=${toBase64Url(JSON.stringify(state))}`;
}

/**
 * The state in a URL hash, or `undefined` when there is none. The market inside is validated by the
 * caller (`parseMarket`), like any other input.
 *
 * @throws Error when the hash is not a state this page wrote.
 */
export function decodeHash(hash: string): ExplorerState | undefined {
  const m = /^#s=([A-Za-z0-9_-]+)$/.exec(hash);
  if (m === null) return undefined;
  const s = JSON.parse(fromBase64Url(m[1]!)) as ExplorerState;
  if (typeof s !== "object" || s === null || typeof s.market !== "object" || typeof s.entrant !== "object")
    throw new Error("the link's state is incomplete");
  return s;
}

/** Single-quotes a shell word when it needs it. */
export function shellWord(w: string): string {
  return /^[A-Za-z0-9_.,:=/+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** `--weights` text: the shares by task name, with values that round-trip exactly. */
export function weightsSpec(market: MarketJson): string {
  return market.tasks.map((t) => `${t.name}=${t.weight}`).join(",");
}

/**
 * The `modelmarket` commands that print the page's numbers: evaluate (payoff table), entry, replace,
 * and equilibrium per rule. FILE is the shipped file while the market is unedited, else `market.json`
 * (what "download market JSON" saves).
 */
export function cliCommands(state: ExplorerState, rules: readonly string[]): string[][] {
  const m = state.market;
  const file = state.source.pristine && state.source.kind !== "file" ? state.source.path : "market.json";
  const common = [
    "--selection",
    selectionSpec(m.selection),
    // the file's own weights need no flag (and print no digits nobody entered, such as 1/13)
    ...(state.weightsMoved === true ? ["--weights", weightsSpec(m)] : []),
    // a score table's normalisation is a flag of the table; a saved market.json holds the qualities
    ...(state.normalize !== undefined && file.toLowerCase().endsWith(".csv")
      ? ["--normalize", state.normalize]
      : []),
  ];
  const cmds: string[][] = [
    ["modelmarket", "evaluate", file, ...common],
    ["modelmarket", "entry", file, "--entrant", entrantSpec(state.entrant), ...common],
  ];
  const p = m.producers.find((x) => x.name === state.replace);
  if (p !== undefined) {
    const own = p.space !== undefined && p.space.kind !== "fixed";
    cmds.push([
      "modelmarket",
      "replace",
      file,
      "--producer",
      p.name,
      ...(own ? [] : ["--space", entrantSpec(state.entrant)]),
      ...common,
    ]);
  }
  if (m.producers.some((x) => x.space !== undefined && x.space.kind !== "fixed")) {
    for (const r of rules) cmds.push(["modelmarket", "equilibrium", file, "--rule", r, ...common]);
  }
  return cmds;
}
