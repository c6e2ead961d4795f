/**
 * Doctest-style checks of the `@example` blocks: a line `EXPRESSION; // VALUE` states the value of the
 * expression, and when VALUE is a literal (a number, a string, `true`, `false`, `null`, or an array of
 * these) the example's run compares it. A stated number is compared to the digits it shows (`0.846`
 * accepts 0.8455 to 0.8465; an integer must be exact); a string ending in `...` states its beginning.
 * Comments that are prose or elided objects
 * (`{ converged: true, ... }`) are explanations, not checked.
 */

/** The literal forms a stated value may take. */
const NUMBER = String.raw`-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?`;
const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const ATOM = `(?:${NUMBER}|${STRING}|true|false|null)`;
const LITERAL = new RegExp(
  String.raw`^(?:${ATOM}|\[\s*(?:(?:${ATOM}|\[[^\[\]]*\])\s*(?:,\s*(?:${ATOM}|\[[^\[\]]*\])\s*)*)?\])$`,
);
const ARRAY_ITEMS = new RegExp(String.raw`^\[\s*(?:${ATOM}\s*(?:,\s*${ATOM}\s*)*)?\]$`);

/** `true` when `text` is a literal `checkStated` compares. */
export function isStatedLiteral(text: string): boolean {
  if (!LITERAL.test(text)) return false;
  // nested arrays: every inner array must itself be a list of atoms
  const inner = text.slice(1, -1).match(/\[[^[\]]*\]/g) ?? [];
  return text.startsWith("[") ? inner.every((a) => ARRAY_ITEMS.test(a)) : true;
}

/**
 * The example's code with every `EXPRESSION; // LITERAL` line (a statement on one line) turned into
 * a comparison `__stated(EXPRESSION, LITERAL, "LITERAL")`; `count` is how many lines were turned.
 */
export function withStatedChecks(code: string): { code: string; count: number } {
  let count = 0;
  const lines = code.split("\n").map((line) => {
    const m =
      /^(\s*)(?!(?:const|let|var|import|export|return|if|for|while)\b)([^;]+?);\s*\/\/\s*(.+?)\s*$/.exec(
        line,
      );
    if (m === null || !isStatedLiteral(m[3]!)) return line;
    count++;
    return `${m[1]}__stated(${m[2]}, ${m[3]}, ${JSON.stringify(m[3])});`;
  });
  return { code: lines.join("\n"), count };
}

function decimalsOf(text: string): number {
  const m = /^-?\d*(?:\.(\d+))?(?:e([-+]?\d+))?$/.exec(text);
  if (m === null) return 0;
  return (m[1]?.length ?? 0) - Number(m[2] ?? 0);
}

function close(actual: unknown, stated: unknown, statedText: string): boolean {
  if (typeof stated === "number") {
    if (typeof actual === "bigint") return actual === BigInt(stated);
    if (typeof actual !== "number") {
      // a Rational (or any value with toNumber) compares by its value
      const n = (actual as { toNumber?: () => number } | null)?.toNumber?.();
      return n !== undefined && close(n, stated, statedText);
    }
    // half a unit of the last digit shown, and never less than a few ulps (17 digits print one more
    // than a double holds)
    const d = decimalsOf(statedText);
    return (
      Math.abs(actual - stated) <=
      Math.max(0.5 * 10 ** -d * (1 + 1e-9), 4 * Number.EPSILON * Math.abs(stated))
    );
  }
  // a string ending in "..." states the beginning only (doctest's ellipsis)
  if (typeof stated === "string")
    return stated.endsWith("...")
      ? String(actual).startsWith(stated.slice(0, -3))
      : String(actual) === stated;
  if (Array.isArray(stated)) {
    if (!(Array.isArray(actual) || ArrayBuffer.isView(actual))) return false;
    const a = Array.from(actual as ArrayLike<unknown>);
    const texts = splitTop(statedText);
    return a.length === stated.length && stated.every((s, k) => close(a[k], s, texts[k] ?? String(s)));
  }
  return actual === stated;
}

/** The top-level items of an array literal's text. */
function splitTop(text: string): string[] {
  const body = text.trim().slice(1, -1);
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (inString) {
      cur += ch;
      if (ch === "\\") cur += body[++i] ?? "";
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "") out.push(cur.trim());
  return out;
}

/** Throws when `actual` is not the stated value (to the digits shown). */
export function stated(actual: unknown, value: unknown, text: string): void {
  if (!close(actual, value, text)) {
    const shown =
      typeof actual === "bigint"
        ? `${actual}n`
        : JSON.stringify(actual, (_k, v) =>
            typeof v === "bigint"
              ? `${v}n`
              : ArrayBuffer.isView(v)
                ? Array.from(v as unknown as ArrayLike<number>)
                : v,
          );
    throw new Error(`stated ${text}, got ${(shown ?? String(actual)).slice(0, 300)}`);
  }
}
