import ts from "typescript";
import fs from "node:fs";
import path from "node:path";
const ROOT = process.cwd();
const ENTRIES = ["src/index.ts", "solvers/index.ts", "solvers/finite/index.ts", "proofs-check/index.ts", "empirical/index.ts"];
const program = ts.createProgram(ENTRIES.map((e) => path.resolve(e)), { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true, resolveJsonModule: true, types: [] });
const checker = program.getTypeChecker();
const inProject = (sf) => !sf.fileName.includes("node_modules") && sf.fileName.startsWith(ROOT);
const isFn = (n) => ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isGetAccessorDeclaration(n);
const direct = new Map(); const edges = new Map();
function declOf(expr) {
  let sym = checker.getSymbolAtLocation(expr);
  if (!sym) return [];
  if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  const out = [];
  for (const d of sym.declarations ?? []) {
    if (!inProject(d.getSourceFile())) continue;
    if (ts.isClassDeclaration(d)) { for (const m of d.members) if (ts.isConstructorDeclaration(m)) out.push(m); }
    else if (ts.isVariableDeclaration(d) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) out.push(d.initializer);
    else if (isFn(d)) out.push(d);
  }
  return out;
}
function analyse(fn) {
  if (direct.has(fn)) return;
  const th = new Set(); const ed = new Set();
  direct.set(fn, th); edges.set(fn, ed);
  const visit = (n) => {
    if (ts.isThrowStatement(n) && n.expression && ts.isNewExpression(n.expression)) th.add(n.expression.expression.getText());
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const callee = ts.isCallExpression(n) ? (ts.isPropertyAccessExpression(n.expression) ? n.expression.name : n.expression) : n.expression;
      if (ts.isIdentifier(callee) && callee.text === "assert") th.add("InternalError");
      for (const d of declOf(callee)) { ed.add(d); }
    }
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
}
for (const sf of program.getSourceFiles()) { if (!inProject(sf)) continue; const v = (n) => { if (isFn(n)) analyse(n); ts.forEachChild(n, v); }; v(sf); }
for (const fn of edges.keys()) for (const d of edges.get(fn)) analyse(d);
const all = new Map(); for (const fn of direct.keys()) all.set(fn, new Set(direct.get(fn)));
let changed = true;
while (changed) { changed = false; for (const [fn, set] of all) for (const d of edges.get(fn) ?? []) for (const t of all.get(d) ?? []) if (!set.has(t)) { set.add(t); changed = true; } }
// public functions
const seen = new Set(); const targets = [];
const visitDecl = (decl, id) => {
  if (seen.has(decl)) return; seen.add(decl);
  let fn = null;
  if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isConstructorDeclaration(decl)) fn = decl;
  else if (ts.isVariableDeclaration(decl) && decl.initializer && (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer))) fn = decl.initializer;
  if (fn) targets.push({ decl, fn, id });
  if (ts.isClassDeclaration(decl)) for (const m of decl.members) {
    const mods = ts.canHaveModifiers(m) ? ts.getModifiers(m) : undefined;
    if (mods?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword)) continue;
    if (ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m)) visitDecl(m, id + "." + (ts.isConstructorDeclaration(m) ? "constructor" : m.name.getText()));
  }
};
for (const e of ENTRIES) { const sf = program.getSourceFile(path.resolve(e)); const mod = checker.getSymbolAtLocation(sf);
  for (const s of checker.getExportsOfModule(mod)) { const t = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s; for (const d of t.declarations ?? []) visitDecl(d, e + ": " + s.name); } }
const TEXT = {
  InputError: "InputError when an argument is invalid (the error names the field and the value)",
  InternalError: "InternalError on a broken invariant (a bug in modelmarket)",
  WorkLimitError: "WorkLimitError when the work limit is reached",
};
const order = ["InputError", "WorkLimitError", "InternalError"];
const edits = new Map(); let missingDoc = [], already = 0, added = 0;
for (const { decl, fn, id } of targets) {
  const tags = ts.getJSDocTags(decl);
  if (tags.some((t) => t.tagName.text === "throws")) { already++; continue; }
  const kinds = [...(all.get(fn) ?? [])].sort((a, b) => (order.indexOf(a) + 99 * (order.indexOf(a) < 0)) - (order.indexOf(b) + 99 * (order.indexOf(b) < 0)));
  const lines = kinds.length === 0 ? ["@throws nothing for valid inputs of the declared types"] : kinds.map((k) => "@throws " + (TEXT[k] ?? `${k} (see the message)`));
  const docs = ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc);
  const holder = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
  const sf = decl.getSourceFile();
  if (!edits.has(sf.fileName)) edits.set(sf.fileName, []);
  if (docs.length === 0) {
    const start = holder.getStart(sf);
    const lineStart = sf.text.lastIndexOf("\n", start - 1) + 1;
    const indent = sf.text.slice(lineStart, start);
    edits.get(sf.fileName).push({ pos: lineStart, text: `${indent}/**\n${lines.map((l) => `${indent} * ${l}`).join("\n")}\n${indent} */\n` });
    missingDoc.push(id); added++; continue;
  }
  const doc = docs[docs.length - 1];
  const text = sf.text.slice(doc.pos, doc.end);
  const lineStart = sf.text.lastIndexOf("\n", doc.pos - 1) + 1;
  const indent = sf.text.slice(lineStart, doc.pos);
  if (!text.includes("\n")) { // one-line /** x */
    const inner = text.slice(3, -2).trim();
    edits.get(sf.fileName).push({ pos: doc.pos, end: doc.end, text: `/**\n${indent} * ${inner}\n${indent} *\n${lines.map((l) => `${indent} * ${l}`).join("\n")}\n${indent} */` });
  } else {
    const ex = text.indexOf("@example");
    let at;
    if (ex >= 0) at = doc.pos + text.lastIndexOf("\n", ex) + 1;
    else at = doc.pos + text.lastIndexOf("\n") + 1;
    edits.get(sf.fileName).push({ pos: at, text: lines.map((l) => `${indent} * ${l}\n`).join("") });
  }
  added++;
}
for (const [file, list] of edits) {
  let s = fs.readFileSync(file, "utf8");
  list.sort((a, b) => b.pos - a.pos);
  for (const e of list) s = s.slice(0, e.pos) + e.text + s.slice(e.end ?? e.pos);
  fs.writeFileSync(file, s);
}
console.log({ targets: targets.length, already, added, noDoc: missingDoc.length });
console.log(missingDoc.join("\n"));
