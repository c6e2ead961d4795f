import type { CommandIO } from "../../cli/command.js";
import { main } from "../../cli/main.js";
import type { Market } from "../../src/model/types.js";

/** Runs the command line with string buffers. */
export async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CommandIO = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false };
  const code = await main(argv, io);
  return { code, out, err };
}

/** The C2 market of docs/model.md section 7: tasks (w, 1 - w), one incumbent (1, 0). */
export function c2Market(selection: Market["selection"], w = 0.6): Market {
  return {
    tasks: [
      { name: "t1", weight: w, cap: 1 },
      { name: "t2", weight: 1 - w, cap: 1 },
    ],
    selection,
    producers: [{ name: "A", quality: [1, 0], space: { kind: "fixed" } }],
  };
}
