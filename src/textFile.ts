/**
 * Reading text input files (market JSON, CSV score tables, `.nfg` games, check reports) one way:
 * strict UTF-8 (invalid bytes are an error naming line and column, never a silent U+FFFD) and a
 * leading byte-order mark removed, so that no reader ever sees it.
 */
import { closeSync, openSync, readFileSync } from "node:fs";
import { InputError } from "./errors.js";

/**
 * Decodes UTF-8 bytes strictly and drops one leading byte-order mark (U+FEFF).
 *
 * @param bytes the file's contents.
 * @param file the file name for error messages.
 * @throws InputError `FILE: line L, column C: invalid UTF-8 (byte 0xNN at offset K)` on the first
 *   malformed sequence (column counted in characters, 1-based).
 * @example
 * decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), "a.csv"); // "A"
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw invalidUtf8(bytes, file);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Locates the first malformed sequence: walk the lenient decoding, tracking byte offsets. */
function invalidUtf8(bytes: Uint8Array, file: string): InputError {
  const lenient = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  let offset = 0;
  let line = 1;
  let column = 1;
  for (const ch of lenient) {
    const cp = ch.codePointAt(0)!;
    const real =
      cp === 0xfffd && bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd;
    if (cp === 0xfffd && !real) break;
    offset += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (ch === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  const byte = (bytes[offset] ?? 0).toString(16).padStart(2, "0");
  return new InputError(
    file,
    `line ${line}, column ${column}`,
    `invalid UTF-8 (byte 0x${byte} at offset ${offset}); save the file as UTF-8`,
  );
}

const READ_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "a folder, not a file",
  ENOTDIR: "a path through something that is not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
};

/**
 * The one message for a path that cannot be read: `cannot read file (no such file)`, with the
 * system's code in words where it has some (else the code itself, e.g. `EIO`).
 *
 * @throws nothing (returns the error)
 * @example
 * cannotReadError("x.json", Object.assign(new Error(), { code: "EISDIR" })).message; // "x.json: cannot read file (a folder, not a file)"
 */
export function cannotReadError(path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? "error";
  return new InputError(path, undefined, `cannot read file (${READ_FAILURES[code] ?? code})`);
}

/** The path that means standard input to the readers of input files (as `nash -`). */
export const STDIN_PATH = "-";

/**
 * The name messages give an input path: `<stdin>` for `-` (standard input), else the path.
 *
 * @throws nothing
 * @example
 * inputName("-"); // "<stdin>"
 */
export function inputName(path: string): string {
  return path === STDIN_PATH ? "<stdin>" : path;
}

/**
 * A file descriptor open for reading `path` (`-`: standard input, opened afresh as `/dev/stdin` where
 * there is one, so that a pipe reads in blocking mode, else descriptor 0). The caller closes it.
 *
 * @throws InputError `cannot read file (...)` when it cannot be opened.
 * @example
 * closeSync(openInput("examples/three-producers.json"));
 */
export function openInput(path: string): number {
  if (path === STDIN_PATH) {
    try {
      return openSync("/dev/stdin", "r");
    } catch {
      return 0;
    }
  }
  try {
    return openSync(path, "r");
  } catch (err) {
    throw cannotReadError(path, err);
  }
}

/**
 * Reads a UTF-8 text file (see {@link decodeUtf8}) in one pass (a pipe, a FIFO or a process
 * substitution reads as a file does; `-` is standard input, named `<stdin>`); a missing or unreadable
 * file is an `InputError` naming it.
 *
 * @throws InputError when the file cannot be read or is not valid UTF-8.
 * @example
 * const text = readTextFile("examples/three-producers.json");
 */
export function readTextFile(path: string): string {
  const name = inputName(path);
  let bytes: Uint8Array;
  const fd = openInput(path);
  try {
    bytes = readFileSync(fd);
  } catch (err) {
    throw cannotReadError(name, err);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  return decodeUtf8(bytes, name);
}
