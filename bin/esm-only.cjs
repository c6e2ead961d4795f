// `require("modelmarket")` lands here (the "require" condition of package.json's exports): the
// package is ES modules only, so say so and how to load it, instead of ERR_PACKAGE_PATH_NOT_EXPORTED.
throw new Error(
  'modelmarket is an ES module package and cannot be loaded with require(): use `import { evaluate, readMarketFile } from "modelmarket"` in an ES module (a .mjs file, or "type": "module" in package.json), or `const mm = await import("modelmarket")` from CommonJS.',
);
