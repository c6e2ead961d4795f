/**
 * The explorer page: starts from the link's state (URL hash) or the first example. The page is split
 * by job: `page.ts` (the state and validation), `load.ts` (examples and files), `inputs.ts` (the
 * controls), `run.ts` (the worker and its replies), `views.ts` (rendering), `state.ts` (the state's
 * URL and command-line forms). Plain TypeScript and DOM; the library is used through its public entry
 * points only.
 */
import { parseMarket } from "modelmarket";
import { mountDesign } from "./design.js";
import { buildInputs, wireStaticInputs } from "./inputs.js";
import { EXAMPLES, load, relPath, tableOf, wireLoading } from "./load.js";
import { $, page, showError } from "./page.js";
import { mountRatings } from "./ratings.js";
import { changed } from "./run.js";
import { decodeHash, type ExplorerState } from "./state.js";

function start(): void {
  wireLoading();
  wireStaticInputs();
  let fromHash: ExplorerState | undefined;
  try {
    fromHash = decodeHash(location.hash);
  } catch (err) {
    showError(
      new Error(`the link's state could not be read: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
  if (fromHash) {
    try {
      page.market = parseMarket(structuredClone(fromHash.market), "link");
      page.state = fromHash;
      page.table = fromHash.source.kind === "table" ? tableOf(fromHash.source.path) : undefined;
      if (fromHash.source.kind !== "file") $<HTMLSelectElement>("example").value = fromHash.source.path;
      buildInputs();
      changed();
      return;
    } catch (err) {
      showError(err);
    }
  }
  const first =
    Object.keys(EXAMPLES).find((k) => k.endsWith("three-producers.json")) ?? Object.keys(EXAMPLES)[0]!;
  $<HTMLSelectElement>("example").value = relPath(first);
  load(EXAMPLES[first]!, { kind: "example", path: relPath(first), pristine: true });
}

start();
// the ratings and design views have their own inputs and workers
mountRatings();
mountDesign();
