/**
 * Vite configuration of the explorer (web/): `npm run build:web` writes the static site to dist-web/,
 * `npm run explore` builds it and serves it on localhost (vite preview).
 *
 * The page imports the library by its package names only; these resolve to the TypeScript entry files,
 * which Vite compiles itself. Node built-ins that the entry points import for file reading (node:fs in
 * readMarketFile, node:path in the finite-game readers, node:module inside the HiGHS loader) are
 * replaced by Vite's empty browser externals: the page never calls those functions (it parses uploaded
 * files with the string parsers parseJson / parseMarket / parseScoreTable). csv-parse resolves to its
 * browser build.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here("./"),
  base: "./",
  resolve: {
    alias: [
      { find: /^modelmarket$/, replacement: here("../src/index.ts") },
      { find: /^modelmarket\/solvers$/, replacement: here("../solvers/index.ts") },
      { find: /^modelmarket\/finite$/, replacement: here("../solvers/finite/index.ts") },
      { find: /^modelmarket\/empirical$/, replacement: here("../empirical/index.ts") },
      // csv-parse's Node build uses Buffer; its own browser build has the same API.
      { find: /^csv-parse\/sync$/, replacement: "csv-parse/browser/esm/sync" },
    ],
  },
  build: { outDir: here("../dist-web"), emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 1000 },
  worker: { format: "es" },
  preview: { host: "127.0.0.1", port: 4173 },
});
