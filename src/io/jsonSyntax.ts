/**
 * Locating JSON syntax errors. V8's `JSON.parse` messages on Node 20 give no position for many errors
 * ("Unexpected token 'N', ... is not valid JSON"), so when parsing fails we re-scan the text with this
 * small recursive-descent checker (RFC 8259 grammar) to find the offset and say what was expected.
 */

/** Where the text stops being JSON, and why. */
export interface JsonSyntaxError {
  /** 0-based offset of the offending character. */
  offset: number;
  problem: string;
}

/**
 * Returns the first syntax error of `text`, or `undefined` when it is valid JSON.
 *
 * @example
 * findJsonSyntaxError('{"a": NaN}'); // { offset: 6, problem: "NaN is not a JSON number (numbers must be finite)" }
 */
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
    const word = /^-?(NaN|Infinity)/.exec(text.slice(pos));
    if (word) fail(`${word[0]} is not a JSON number (numbers must be finite)`);
    return `"${text[pos]}"`;
  };
  const value = (): void => {
    ws();
    const c = text[pos];
    if (c === "{") {
      pos++;
      ws();
      if (text[pos] === "}") {
        pos++;
        return;
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail(`expected a quoted field name, found ${describeHere()}`);
        string();
        ws();
        if (text[pos] !== ":") fail(`expected ":", found ${describeHere()}`);
        pos++;
        value();
        ws();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "}") {
          pos++;
          return;
        }
        fail(`expected "," or "}", found ${describeHere()}`);
      }
    }
    if (c === "[") {
      pos++;
      ws();
      if (text[pos] === "]") {
        pos++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "]") {
          pos++;
          return;
        }
        fail(`expected "," or "]", found ${describeHere()}`);
      }
    }
    if (c === '"') {
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
      if (c < " ") fail("control character in string (escape it)");
      pos++;
    }
    fail("unterminated string");
  };
  try {
    value();
    ws();
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
