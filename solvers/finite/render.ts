/**
 * The one output renderer of the finite-game solvers: Gambit-style `NE,...` lines and JSON, for exact
 * and floating results alike.
 *
 * Text: one line per equilibrium, `NE,` then every player's probabilities in player order, as Gambit's
 * command-line tools print them (exact fractions like `1/3` for exact methods; floats with `decimals`
 * digits, default 6 as Gambit's `-d`, for floating methods or when `decimals` is given). Maximal convex
 * sets, when present, follow as `convex-K,...` lines, one per extreme equilibrium of set K (Gambit's
 * `enummixed -c`).
 *
 * Reference: Gambit manual, "Command-line tools" (output format of gambit-enumpure, -enummixed, -lcp).
 */
import type { MixedProfile, NormalFormGame } from "./game.js";
import { Rational } from "./rational.js";

/** One equilibrium as reported by a solver. */
export interface EquilibriumRecord {
  profile: MixedProfile;
  /** Regret of each player (exact `Rational` or float), checked by the solver. */
  regret: readonly (Rational | number)[];
  /** Method-specific facts (starting labels, strictness, iterations, ...), copied into the JSON. */
  extra?: Record<string, unknown>;
}

/** A maximal convex set of equilibria: indices into the report's `equilibria`. */
export interface ConvexSetRecord {
  equilibria: number[];
}

/** Everything a solver reports, ready for rendering. */
export interface SolveReport {
  game: NormalFormGame;
  /** Method name, e.g. `enummixed`. */
  method: string;
  /** `true` for exact (rational) methods. */
  exact: boolean;
  equilibria: EquilibriumRecord[];
  /** `false` when an iteration cap or a stopping rule ended the search early (the list may be partial). */
  complete: boolean;
  convexSets?: ConvexSetRecord[];
  /** Method-level facts (vertex counts, paths, iterations), copied into the JSON. */
  details?: Record<string, unknown>;
  /**
   * Facts a reader must see before the list (floating methods: `converged`, `maxRegret`, `iterations`;
   * `lp`: `certified`, `lower`, `upper`, `gap`), copied to the top level of the JSON after `complete`.
   */
  outcome?: Record<string, unknown>;
  /**
   * The last profile of a floating method that is NOT an equilibrium (a dynamic that did not converge,
   * an LP answer that is not certified): JSON key `lastProfile`, never printed as an `NE` line.
   */
  lastProfile?: MixedProfile;
}

/** Rendering options. */
export interface RenderOptions {
  /** Print probabilities as decimals with this many digits (default: exact fractions when exact, else 6). */
  decimals?: number;
}

/**
 * One probability or payoff as text: exact `a/b` when exact and no `decimals`, else fixed decimals
 * (exact rounding for rationals; `-0.000` is printed as `0.000`).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * formatValue(Rational.parse("1/3")); // "1/3"
 * formatValue(Rational.parse("1/3"), 4); // "0.3333"
 */
export function formatValue(v: Rational | number, decimals?: number): string {
  if (v instanceof Rational) return decimals === undefined ? v.toString() : v.toFixed(decimals);
  const s = v.toFixed(decimals ?? 6);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

function jsonValue(v: Rational | number, decimals?: number): string | number {
  if (v instanceof Rational) return decimals === undefined ? v.toString() : Number(v.toFixed(decimals));
  return decimals === undefined ? v : Number(v.toFixed(decimals));
}

/**
 * A profile as Gambit prints it: `NE,p1_1,p1_2,...,p2_1,...` (players in order).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * profileLine([[half, half], [half, half]]); // "NE,1/2,1/2,1/2,1/2"
 */
export function profileLine(profile: MixedProfile, options: RenderOptions = {}, tag = "NE"): string {
  const cells: string[] = [tag];
  for (const x of profile) for (const v of x) cells.push(formatValue(v, options.decimals));
  return cells.join(",");
}

/**
 * The text output of a solve: one `NE,...` line per equilibrium, then `convex-K,...` lines for the
 * maximal convex sets if the report has them. Ends with a newline (empty string when no equilibrium).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const report = await solveFinite(pennies, "enummixed");
 * renderText(report); // "NE,1/2,1/2,1/2,1/2\n"
 */
export function renderText(report: SolveReport, options: RenderOptions = {}): string {
  const lines = report.equilibria.map((e) => profileLine(e.profile, options));
  report.convexSets?.forEach((set, k) => {
    for (const i of set.equilibria)
      lines.push(profileLine(report.equilibria[i]!.profile, options, `convex-${k + 1}`));
  });
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/**
 * The JSON output of a solve:
 * `{"game", "players", "strategies", "method", "exact", "complete", ...outcome, "equilibria":
 * [{"profile", "regret", ...extra}], "lastProfile"?, "convexSets"?, "details"?}`. Exact values are
 * strings (`"1/3"`) unless `decimals` is given; float values are numbers.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const report = await solveFinite(pennies, "enummixed");
 * JSON.parse(renderJson(report)).equilibria[0].profile; // [["1/2","1/2"],["1/2","1/2"]]
 */
export function renderJson(report: SolveReport, options: RenderOptions = {}): string {
  const d = options.decimals;
  const out: Record<string, unknown> = {
    game: report.game.title,
    players: report.game.players,
    strategies: report.game.strategies,
    method: report.method,
    exact: report.exact,
    complete: report.complete,
    ...(report.outcome ?? {}),
    equilibria: report.equilibria.map((e) => ({
      profile: e.profile.map((x) => x.map((v) => jsonValue(v, d))),
      regret: e.regret.map((v) => jsonValue(v, d)),
      ...(e.extra ?? {}),
    })),
  };
  if (report.lastProfile !== undefined) {
    out.lastProfile = report.lastProfile.map((x) => x.map((v) => jsonValue(v, d)));
  }
  if (report.convexSets !== undefined) out.convexSets = report.convexSets;
  if (report.details !== undefined) out.details = report.details;
  return `${JSON.stringify(out, (_k, v) => (v instanceof Rational ? v.toString() : v), 2)}\n`;
}
