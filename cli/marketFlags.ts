/** The flags every market-reading command shares (a module of its own: `nash` lists them without loading the readers). */
import type { FlagSpec } from "./args.js";

/** The flags every market-reading command accepts. */
export const MARKET_FLAGS: FlagSpec[] = [
  {
    name: "selection",
    kind: "string",
    placeholder: "RULE",
    help: "selection rule, overrides the file: perfect | epsilon:eps=E | logit:beta=B | probit:sigma=S",
  },
  {
    name: "weights",
    kind: "string",
    placeholder: "W",
    help: "task weights, overrides the file: 2,1,1 (task order) or code=2,law=1",
  },
  {
    name: "benchmark-weights",
    kind: "string",
    placeholder: "B",
    help: "benchmark weights b (producers are paid under b, welfare stays under the task weights w); default b = w: 2,1,1 or code=2,law=1",
  },
  {
    name: "normalize",
    kind: "string",
    placeholder: "N",
    help: "for CSV score tables: none | minmax | scale[:max=M] (default scale by the table's maximum)",
  },
];
