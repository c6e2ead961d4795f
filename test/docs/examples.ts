/**
 * Collects the `@example` blocks of the public API: every export of the five package entry points
 * (and the members of exported classes), with the names each entry point exports as values.
 */
import { dirname, relative, resolve } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../helpers/paths.js";

/** The package entry points (package.json `exports`). */
export const ENTRY_POINTS = [
  "src/index.ts",
  "solvers/index.ts",
  "solvers/finite/index.ts",
  "proofs-check/index.ts",
  "empirical/index.ts",
] as const;

export interface DocExample {
  /** `entry point: name` (the first entry point that exports it). */
  id: string;
  /** Where the doc comment is: `file:line`. */
  where: string;
  code: string;
}

export interface PublicFunction {
  id: string;
  where: string;
  /** The doc comment's `@throws` texts. */
  throws: string[];
  hasDoc: boolean;
}

export interface PublicApi {
  examples: DocExample[];
  functions: PublicFunction[];
  /** Value names each entry point exports. */
  values: Map<string, string[]>;
}

function tagText(tag: ts.JSDocTag): string {
  const c = tag.comment;
  if (c === undefined) return "";
  return typeof c === "string" ? c : c.map((part) => part.text).join("");
}

/** Reads the public API with the TypeScript compiler. */
export function readPublicApi(): PublicApi {
  const files = ENTRY_POINTS.map((e) => resolve(REPO_ROOT, e));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    noResolve: false,
    types: [],
  });
  const checker = program.getTypeChecker();
  const seen = new Set<ts.Node>();
  const examples: DocExample[] = [];
  const functions: PublicFunction[] = [];
  const values = new Map<string, string[]>();
  const visit = (decl: ts.Node, id: string) => {
    if (seen.has(decl)) return;
    seen.add(decl);
    const sf = decl.getSourceFile();
    const line = sf.getLineAndCharacterOfPosition(decl.getStart()).line + 1;
    const where = `${relative(REPO_ROOT, sf.fileName)}:${line}`;
    const tags = ts.getJSDocTags(decl);
    for (const tag of tags) {
      if (tag.tagName.text === "example") examples.push({ id, where, code: tagText(tag) });
    }
    const isFunction =
      ts.isFunctionDeclaration(decl) ||
      ts.isMethodDeclaration(decl) ||
      ts.isConstructorDeclaration(decl) ||
      (ts.isVariableDeclaration(decl) &&
        decl.initializer !== undefined &&
        (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer)));
    if (isFunction) {
      functions.push({
        id,
        where,
        throws: tags.filter((t) => t.tagName.text === "throws").map(tagText),
        hasDoc: ts.getJSDocCommentsAndTags(decl).length > 0,
      });
    }
    if (ts.isClassDeclaration(decl)) {
      for (const member of decl.members) {
        const mods = ts.canHaveModifiers(member) ? ts.getModifiers(member) : undefined;
        if (mods?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) continue;
        if (ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member)) {
          const name = ts.isConstructorDeclaration(member) ? "constructor" : member.name.getText();
          if (name.startsWith("#")) continue;
          visit(member, `${id}.${name}`);
        }
      }
    }
  };
  for (const [k, file] of files.entries()) {
    const entry = ENTRY_POINTS[k]!;
    const sf = program.getSourceFile(file);
    if (sf === undefined) throw new Error(`cannot read ${file}`);
    const mod = checker.getSymbolAtLocation(sf);
    if (mod === undefined) throw new Error(`${file} is not a module`);
    const names: string[] = [];
    for (const sym of checker.getExportsOfModule(mod)) {
      const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
      if (target.flags & ts.SymbolFlags.Value) names.push(sym.name);
      for (const decl of target.declarations ?? []) visit(decl, `${entry}: ${sym.name}`);
    }
    values.set(entry, names.sort());
  }
  return { examples, functions, values };
}

/** The entry points' paths from `dir`, for generated imports. */
export function entryImport(entry: string, dir: string): string {
  const rel = relative(dir, resolve(REPO_ROOT, entry)).replace(/\\/g, "/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

export { dirname };
