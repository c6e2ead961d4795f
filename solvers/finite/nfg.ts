/**
 * Reading and writing Gambit's `.nfg` strategic-game files, exactly.
 *
 * Both versions of the format are read:
 *
 * - payoff version: `NFG 1 R "title" { "P1" "P2" } { 3 2 }` (or per-player strategy name lists
 *   `{ { "a" "b" } { "x" "y" } }`), an optional comment string, then for each pure profile (player 1's
 *   strategy fastest) the payoffs of players 1..N;
 * - outcome version: players, then strategy name lists, an optional comment, a brace list of outcomes
 *   `{ "name" u1, u2, ... }`, then one outcome number per profile (0 = the null outcome, all payoffs 0).
 *
 * Numbers are integers, decimals (`.8`, `1.5e-3`) or fractions `a/b`, read exactly. Any problem is an
 * `InputError(file, "line L, token T", problem)`.
 *
 * Reference: Gambit manual, "Game representation formats: The strategic game (.nfg) file format".
 */
import { assert, InputError } from "../../src/errors.js";
import { MAX_NFG_PROFILES } from "../../src/limits.js";
import { inputName, readTextFile } from "../../src/textFile.js";
import { WorkLimitError } from "../../src/work.js";
import type { NfgOutcome, NormalFormGame } from "./game.js";
import { Rational } from "./rational.js";

type TokenKind = "string" | "lbrace" | "rbrace" | "comma" | "word" | "eof";

interface Token {
  kind: TokenKind;
  /** The text as in the file (strings: unescaped contents). */
  text: string;
  /** How to quote the token in an error message. */
  shown: string;
  line: number;
}

/** White space between tokens: every Unicode white space character (what `\s` matches, with U+FEFF). */
const SPACE = /\s/;
/** Characters that end a word. */
const WORD_END = /[\s{},"]/;

/** How a string token is shown in an error: quoted, escaped (one line), at most 20 characters. */
function showString(s: string): string {
  return JSON.stringify(s.length > 20 ? `${s.slice(0, 20)}...` : s);
}

/**
 * Splits the text into tokens. Every branch consumes at least one character (white space, a
 * punctuation mark, a string from its opening quote, or a word that starts with a character that is
 * neither), so the loop ends after at most `text.length` steps.
 */
function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let k = 0;
  const n = text.length;
  while (k < n) {
    const start = k;
    const c = text[k]!;
    if (c === "\n") {
      line++;
      k++;
      continue;
    }
    if (SPACE.test(c)) {
      k++;
      continue;
    }
    if (c === "{" || c === "}" || c === ",") {
      tokens.push({ kind: c === "{" ? "lbrace" : c === "}" ? "rbrace" : "comma", text: c, shown: c, line });
      k++;
      continue;
    }
    if (c === '"') {
      const startLine = line;
      const parts: string[] = [];
      k++;
      for (;;) {
        if (k >= n) {
          const s = parts.join("");
          throw new InputError(
            file,
            `line ${startLine}, token "`,
            `unterminated string ${showString(s)} (no closing double quote before the end of the file)`,
          );
        }
        const d = text[k]!;
        if (d === "\\" && k + 1 < n) {
          parts.push(text[k + 1]!);
          if (text[k + 1] === "\n") line++;
          k += 2;
          continue;
        }
        if (d === '"') {
          k++;
          break;
        }
        if (d === "\n") line++;
        parts.push(d);
        k++;
      }
      const s = parts.join("");
      tokens.push({ kind: "string", text: s, shown: showString(s), line: startLine });
      continue;
    }
    while (k < n && !WORD_END.test(text[k]!)) k++;
    assert(k > start, "the .nfg tokenizer did not advance");
    const w = text.slice(start, k);
    tokens.push({ kind: "word", text: w, shown: w.length > 40 ? `${w.slice(0, 40)}...` : w, line });
  }
  tokens.push({ kind: "eof", text: "", shown: "end of file", line });
  return tokens;
}

class Reader {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    readonly file: string,
  ) {}

  peek(): Token {
    return this.tokens[this.pos]!;
  }

  next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== "eof") this.pos++;
    return t;
  }

  fail(t: Token, problem: string): never {
    throw new InputError(this.file, `line ${t.line}, token ${t.shown}`, problem);
  }

  /** The header's strategy counts multiply past the limit: a `WorkLimitError` at token `t`. */
  tooMany(t: Token, profiles: number, limit: number): never {
    const what = "pure profiles (at least, from the strategy counts)";
    throw new WorkLimitError(
      "maxProfiles",
      profiles,
      limit,
      what,
      this.file,
      `line ${t.line}, token ${t.shown}`,
    );
  }

  expect(kind: TokenKind, what: string): Token {
    const t = this.next();
    if (t.kind !== kind) this.fail(t, `expected ${what}`);
    return t;
  }

  /** Skips commas (the format allows them between numbers). */
  skipCommas(): void {
    while (this.peek().kind === "comma") this.pos++;
  }

  number(what: string): Rational {
    this.skipCommas();
    const t = this.next();
    if (t.kind !== "word") this.fail(t, `expected ${what} (a number)`);
    const r = Rational.tryParse(t.text);
    if (r === undefined) {
      if (/^[+-]?\d+\/[+-]?0+$/.test(t.text)) this.fail(t, `${what}: zero denominator`);
      this.fail(t, `expected ${what}: not a number (integer, decimal or a/b)`);
    }
    return r;
  }

  integer(what: string, min: number): number {
    const t = this.next();
    if (t.kind !== "word" || !/^\d+$/.test(t.text)) this.fail(t, `expected ${what} (a whole number)`);
    const v = Number(t.text);
    if (!Number.isSafeInteger(v) || v < min) this.fail(t, `${what} must be an integer >= ${min}`);
    return v;
  }
}

export { MAX_NFG_PROFILES };

/** Options of `parseNfg` and `readNfgFile`. */
export interface NfgReadOptions {
  /** Largest number of pure profiles accepted (default `MAX_NFG_PROFILES`). */
  maxProfiles?: number;
}

/**
 * Parses the text of a `.nfg` file (payoff or outcome version) into an exact game. `file` names the
 * source in error messages.
 *
 * Idea: a recursive-descent reader over tokens (quoted strings, braces, commas, words), each token
 * carrying its line; every deviation from the grammar throws `InputError(file, "line L, token T", ...)`.
 * Any Unicode white space separates tokens; a header whose strategy counts multiply past
 * `options.maxProfiles` is refused before any name or payoff array is allocated.
 *
 * @throws InputError naming the file, line and token for any deviation from the format or a game over
 *   the size limit.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const g = parseNfg('NFG 1 R "PD" { "1" "2" } { 2 2 }\n3 3 0 5 5 0 1 1', "pd.nfg");
 */
// Over 80 lines: the .nfg grammar read top to bottom (header, players, strategies, outcomes, payoffs), in the order of the format.
export function parseNfg(text: string, file: string, options: NfgReadOptions = {}): NormalFormGame {
  const maxProfiles = options.maxProfiles ?? MAX_NFG_PROFILES;
  const r = new Reader(tokenize(text, file), file);
  const head = r.next();
  if (head.kind !== "word" || head.text !== "NFG") r.fail(head, 'expected "NFG" at the start of the file');
  const version = r.next();
  if (version.kind !== "word" || version.text !== "1") r.fail(version, 'expected version "1"');
  const prec = r.next();
  if (prec.kind !== "word" || (prec.text !== "R" && prec.text !== "D")) {
    r.fail(prec, 'expected "R" (rational) or "D" (double)');
  }
  const title = r.expect("string", "the game title in double quotes").text;
  r.expect("lbrace", '"{" opening the list of players');
  const players: string[] = [];
  while (r.peek().kind === "string") players.push(r.next().text);
  r.expect("rbrace", 'a player name in double quotes or "}"');
  if (players.length === 0) r.fail(r.peek(), "the game has no players");

  const open = r.expect("lbrace", '"{" opening the strategy list');
  let strategies: string[][];
  if (r.peek().kind === "lbrace") {
    strategies = [];
    while (r.peek().kind === "lbrace") {
      r.next();
      const names: string[] = [];
      while (r.peek().kind === "string") names.push(r.next().text);
      const close = r.expect("rbrace", 'a strategy name in double quotes or "}"');
      if (names.length === 0) r.fail(close, `player ${strategies.length + 1} has no strategies`);
      strategies.push(names);
    }
  } else {
    // counts are checked against the limit as they are read, before any name is built
    const counts: number[] = [];
    let product = 1;
    while (r.peek().kind === "word") {
      const t = r.peek();
      const count = r.integer("a number of strategies", 1);
      product *= count;
      if (product > maxProfiles) r.tooMany(t, product, maxProfiles);
      counts.push(count);
    }
    strategies = counts.map((count) => Array.from({ length: count }, (_, s) => String(s + 1)));
  }
  const closeStrat = r.expect("rbrace", '"}" closing the strategy list');
  if (strategies.length !== players.length) {
    r.fail(
      strategies.length === 0 ? open : closeStrat,
      `${strategies.length} strategy lists for ${players.length} players`,
    );
  }
  const shape = strategies.map((s) => s.length);
  const total = shape.reduce((a, b) => a * b, 1);
  if (total > maxProfiles) r.tooMany(closeStrat, total, maxProfiles);
  const N = players.length;

  let comment = "";
  if (r.peek().kind === "string") comment = r.next().text;

  const payoffs: Rational[][] = players.map(() => new Array<Rational>(total));
  let outcomes: NormalFormGame["outcomes"];
  if (r.peek().kind === "lbrace") {
    r.next();
    const list: NfgOutcome[] = [];
    while (r.peek().kind === "lbrace") {
      r.next();
      const name = r.expect("string", "the outcome name in double quotes").text;
      const pay: Rational[] = [];
      for (let p = 0; p < N; p++)
        pay.push(r.number(`payoff of player ${p + 1} in outcome ${list.length + 1}`));
      r.skipCommas();
      r.expect("rbrace", `"}" closing outcome ${list.length + 1} (it has one payoff per player, ${N})`);
      list.push({ name, payoffs: pay });
    }
    r.expect("rbrace", '"{" opening an outcome or "}" closing the outcome list');
    const profileOutcome: number[] = new Array(total);
    for (let k = 0; k < total; k++) {
      r.skipCommas();
      const t = r.peek();
      if (t.kind === "eof") r.fail(t, `expected the outcome of profile ${k + 1} of ${total}`);
      const o = r.integer(`the outcome number of profile ${k + 1}`, 0);
      if (o > list.length) r.fail(t, `outcome ${o} does not exist (there are ${list.length})`);
      profileOutcome[k] = o - 1;
      for (let p = 0; p < N; p++) payoffs[p]![k] = o === 0 ? Rational.ZERO : list[o - 1]!.payoffs[p]!;
    }
    outcomes = { list, profileOutcome };
  } else {
    for (let k = 0; k < total; k++) {
      for (let p = 0; p < N; p++) {
        r.skipCommas();
        const t = r.peek();
        if (t.kind === "eof") {
          r.fail(t, `expected ${N * total} payoffs (${N} players x ${total} profiles), got ${k * N + p}`);
        }
        payoffs[p]![k] = r.number(`payoff of player ${p + 1} at profile ${k + 1}`);
      }
    }
  }
  r.skipCommas();
  const tail = r.peek();
  if (tail.kind !== "eof") r.fail(tail, "unexpected text after the last payoff");
  const game: NormalFormGame = { title, comment, players, strategies, shape, payoffs };
  if (outcomes !== undefined) game.outcomes = outcomes;
  return game;
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * Writes a game as `.nfg` text: the outcome version when `version` is `"outcome"` (or, by default, when
 * the game came from an outcome file), else the payoff version. Numbers are exact (`a/b`).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * writeNfg(fromBimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], "PD"));
 * // 'NFG 1 R "PD" { "Player 1" "Player 2" } { 2 2 }\n...'
 */
export function writeNfg(game: NormalFormGame, version?: "payoff" | "outcome"): string {
  const useOutcomes = version === "outcome" || (version === undefined && game.outcomes !== undefined);
  const lines: string[] = [];
  const players = game.players.map(quote).join(" ");
  const N = game.shape.length;
  const total = game.shape.reduce((a, b) => a * b, 1);
  if (!useOutcomes) {
    const defaultNames = game.strategies.every((names) => names.every((s, k) => s === String(k + 1)));
    const strat = defaultNames
      ? `{ ${game.shape.join(" ")} }`
      : `{ ${game.strategies.map((names) => `{ ${names.map(quote).join(" ")} }`).join(" ")} }`;
    lines.push(`NFG 1 R ${quote(game.title)} { ${players} } ${strat}`);
    lines.push(quote(game.comment), "");
    const cells: string[] = [];
    for (let k = 0; k < total; k++) for (let p = 0; p < N; p++) cells.push(game.payoffs[p]![k]!.toString());
    lines.push(cells.join(" "));
    return `${lines.join("\n")}\n`;
  }
  lines.push(`NFG 1 R ${quote(game.title)} { ${players} }`, "");
  lines.push("{");
  for (const names of game.strategies) lines.push(`{ ${names.map(quote).join(" ")} }`);
  lines.push("}");
  lines.push(quote(game.comment), "");
  let list: NfgOutcome[];
  let profileOutcome: number[];
  if (game.outcomes !== undefined) {
    list = game.outcomes.list;
    profileOutcome = game.outcomes.profileOutcome;
  } else {
    list = [];
    profileOutcome = [];
    for (let k = 0; k < total; k++) {
      list.push({ name: "", payoffs: game.payoffs.map((t) => t[k]!) });
      profileOutcome.push(k);
    }
  }
  lines.push("{");
  for (const o of list) lines.push(`{ ${quote(o.name)} ${o.payoffs.map((v) => v.toString()).join(", ")} }`);
  lines.push("}");
  lines.push(profileOutcome.map((o) => String(o + 1)).join(" "));
  return `${lines.join("\n")}\n`;
}

/**
 * Reads and parses a `.nfg` file (strict UTF-8, a byte-order mark skipped); an unreadable file is an
 * `InputError` naming it.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const g = readNfgFile("test/fixtures/nfg/pd.nfg");
 */
export function readNfgFile(path: string, options: NfgReadOptions = {}): NormalFormGame {
  return parseNfg(readTextFile(path), inputName(path), options);
}
