/**
 * Locating JSON syntax errors. V8's `JSON.parse` messages on Node 20 give no position for many errors
 * ("Unexpected token 'N', ... is not valid JSON"), so when parsing fails we re-scan the text with this
 * small checker (RFC 8259 grammar, an explicit stack instead of recursion) to find the offset and say
 * what was expected.
 */

/** Where the text stops being JSON, and why. */
export interface JsonSyntaxError {
  /** 0-based offset of the offending character. */
  offset: number;
  problem: string;
}

/** How a character is named in a message: visible ones quoted, others by code point. */
function describeChar(c: string): string {
  const cp = c.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  if (cp === 0xfeff) return `${hex} (a byte-order mark)`;
  if (/\s/.test(c)) return `${hex} (white space that JSON does not allow; use spaces, tabs or line breaks)`;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `${hex} (a control character)`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `${hex} (a lone surrogate)`;
  return `"${c}"`;
}

/**
 * Returns the first syntax error of `text`, or `undefined` when it is valid JSON.
 *
 * Idea: the RFC 8259 grammar read left to right with an explicit stack of open containers (no
 * recursion, so 10,000 unclosed `[` cost 10,000 stack entries, not 10,000 call frames). Every step
 * of the loop consumes at least one character or pops the stack, so it ends.
 *
 * @example
 * findJsonSyntaxError('{"a": NaN}'); // { offset: 6, problem: "NaN is not a JSON number (numbers must be finite)" }
 */
// Over 80 lines: one scanner loop over the RFC 8259 grammar with an explicit stack; its cases share the position and the stack.
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let pos = 0;
  const fail = (problem: string): never => {
    throw { offset: pos, problem } satisfies JsonSyntaxError;
  };
  const ws = () => {
    while (pos < text.length && " \t\n\r".includes(text[pos]!)) pos++;
  };
  const describeHere = (): string => {
    if (pos >= text.length) return "end of file";
    const word = /^-?(NaN|Infinity)/.exec(text.slice(pos, pos + 10));
    if (word) fail(`${word[0]} is not a JSON number (numbers must be finite)`);
    return describeChar(String.fromCodePoint(text.codePointAt(pos)!));
  };
  const string = (): void => {
    pos++; // opening quote
    while (pos < text.length) {
      const c = text[pos]!;
      if (c === '"') {
        pos++;
        return;
      }
      if (c === "\\") {
        const e = text[pos + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail("bad \\u escape in string");
          pos += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail("bad escape in string");
        pos += 2;
        continue;
      }
      if (c < " ") fail(`${describeChar(c)} in a string (escape it)`);
      pos++;
    }
    fail("unterminated string");
  };
  /** A scalar at `pos` (string, literal, number); containers are opened by the caller. */
  const scalar = (): void => {
    if (text[pos] === '"') {
      string();
      return;
    }
    const literal = /^(true|false|null)/.exec(text.slice(pos, pos + 5));
    if (literal) {
      pos += literal[0].length;
      return;
    }
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (num && num[0] !== "-") {
      pos += num[0].length;
      return;
    }
    fail(`expected a value, found ${describeHere()}`);
  };
  // the open containers, innermost last
  const stack: Array<"{" | "["> = [];
  try {
    // state: expecting a value (`true`) or having just finished one (`false`)
    let wantValue = true;
    for (;;) {
      ws();
      if (wantValue) {
        const c = text[pos];
        if (c === "{") {
          pos++;
          ws();
          if (text[pos] === "}") {
            pos++;
            wantValue = false;
            continue;
          }
          stack.push("{");
          if (text[pos] !== '"') fail(`expected a quoted field name, found ${describeHere()}`);
          string();
          ws();
          if (text[pos] !== ":") fail(`expected ":", found ${describeHere()}`);
          pos++;
          continue;
        }
        if (c === "[") {
          pos++;
          ws();
          if (text[pos] === "]") {
            pos++;
            wantValue = false;
            continue;
          }
          stack.push("[");
          continue;
        }
        scalar();
        wantValue = false;
        continue;
      }
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      const close = top === "{" ? "}" : "]";
      if (text[pos] === ",") {
        pos++;
        if (top === "{") {
          ws();
          if (text[pos] !== '"') fail(`expected a quoted field name, found ${describeHere()}`);
          string();
          ws();
          if (text[pos] !== ":") fail(`expected ":", found ${describeHere()}`);
          pos++;
        }
        wantValue = true;
        continue;
      }
      if (text[pos] === close) {
        pos++;
        stack.pop();
        continue;
      }
      fail(`expected "," or "${close}", found ${describeHere()}`);
    }
    if (pos < text.length) fail(`unexpected ${describeHere()} after the JSON value`);
    return undefined;
  } catch (err) {
    if (typeof err === "object" && err !== null && "offset" in err) return err as JsonSyntaxError;
    throw err;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** A key given twice in one JSON object: where its second occurrence starts, and its JSON path. */
export interface JsonDuplicateKey {
  /** 0-based offset of the second occurrence's opening quote. */
  offset: number;
  /** JSON path of the key (`$.selection.beta`). */
  path: string;
  /** The key as decoded. */
  key: string;
}

/** `$`-path step for an object key: `.name` when it is a plain identifier, `["..."]` otherwise. */
function keyStep(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * The first key that occurs twice in one object of `text`, which must be valid JSON (call it after
 * `JSON.parse` succeeded), or `undefined`. `JSON.parse` keeps the last of duplicate keys silently, so a
 * market file with `"beta": 100, "beta": 0` would run at 0; RFC 8259 section 4 says names "SHOULD be
 * unique" and leaves the behaviour of duplicates unpredictable, so readers refuse them.
 *
 * Idea: one left-to-right pass with an explicit stack of open containers, each holding the keys seen
 * so far (objects) or the index of the current element (arrays), from which the path is built.
 *
 * @example
 * findDuplicateKey('{"selection": {"beta": 1, "beta": 2}}'); // { offset: 26, path: "$.selection.beta", key: "beta" }
 */
export function findDuplicateKey(text: string): JsonDuplicateKey | undefined {
  type Frame = { kind: "{"; keys: Set<string>; key: string } | { kind: "["; index: number };
  const stack: Frame[] = [];
  // the path of the innermost open object: every enclosing frame's current key or index
  const pathOf = (extra: string): string =>
    `$${stack
      .slice(0, -1)
      .map((f) => (f.kind === "{" ? keyStep(f.key) : `[${f.index}]`))
      .join("")}${extra}`;
  // true right after "{" or "," inside an object: the next string is a key
  let expectKey = false;
  for (let pos = 0; pos < text.length; pos++) {
    const c = text[pos]!;
    if (c === '"') {
      const start = pos;
      pos++;
      while (text[pos] !== '"') pos += text[pos] === "\\" ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.kind === "{") {
        const key = JSON.parse(text.slice(start, pos + 1)) as string;
        if (top.keys.has(key)) return { offset: start, path: pathOf(keyStep(key)), key };
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      continue;
    }
    if (c === "{") {
      stack.push({ kind: "{", keys: new Set(), key: "" });
      expectKey = true;
    } else if (c === "[") {
      stack.push({ kind: "[", index: 0 });
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top?.kind === "{") expectKey = true;
      else if (top?.kind === "[") top.index++;
    }
  }
  return undefined;
}
