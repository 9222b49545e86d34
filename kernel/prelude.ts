/**
 * The hidden first cell: `import { AutoTokenizer, Tensor, display, … } from "<the SDK>"`, so lessons
 * never write an import line and every name keeps its type, completions and docs. Later cells may
 * shadow any of these names (tslab keeps only the newest declaration).
 *
 * The names are read from the SDK's published declarations with the TypeScript parser (no type
 * checking, a few milliseconds), following `export *` re-exports.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";

type TS = typeof import("@tslab/typescript-for-tslab");

/** tslab's own TypeScript instance (the one its converter uses). */
export function tslabTypeScript(): TS {
  return createRequire(require.resolve("tslab/package.json"))("@tslab/typescript-for-tslab");
}

function resolveDeclaration(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [`${base}.d.ts`, path.join(base, "index.d.ts")]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Every public name (values and types) exported by the declaration file `entry`. */
export function exportedNames(ts: TS, entry: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(entry) || !fs.existsSync(entry)) return names;
  seen.add(entry);
  const source = ts.createSourceFile(entry, fs.readFileSync(entry, "utf8"), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const isExported = (node: import("@tslab/typescript-for-tslab").Node) =>
    (ts.getCombinedModifierFlags(node as import("@tslab/typescript-for-tslab").Declaration) & ts.ModifierFlags.Export) !== 0;
  for (const stmt of source.statements) {
    if (ts.isExportDeclaration(stmt)) {
      if (stmt.isTypeOnly && !stmt.exportClause) continue;
      const target = stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) ? resolveDeclaration(entry, stmt.moduleSpecifier.text) : undefined;
      if (!stmt.exportClause) {
        if (target) for (const n of exportedNames(ts, target, seen)) names.add(n);
      } else if (ts.isNamedExports(stmt.exportClause)) {
        for (const el of stmt.exportClause.elements) names.add(el.name.text);
      } else if (ts.isNamespaceExport(stmt.exportClause)) {
        names.add(stmt.exportClause.name.text);
      }
      continue;
    }
    if (!isExported(stmt)) continue;
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    } else if ((ts.isClassDeclaration(stmt) || ts.isFunctionDeclaration(stmt) || ts.isInterfaceDeclaration(stmt) ||
      ts.isTypeAliasDeclaration(stmt) || ts.isEnumDeclaration(stmt) || ts.isModuleDeclaration(stmt)) && stmt.name && ts.isIdentifier(stmt.name)) {
      names.add(stmt.name.text);
    }
  }
  names.delete("default");
  return names;
}

/** The SDK's compiled entry point (dist/src/index.js) under the package root. */
export function sdkEntry(root: string): string {
  return path.join(root, "dist", "src", "index.js");
}

/** The source of the hidden prelude cell, or undefined when the SDK is not built. */
export function preludeSource(ts: TS, root: string, onlyValues = false): string | undefined {
  const entryJs = sdkEntry(root);
  const entryDts = entryJs.replace(/\.js$/, ".d.ts");
  if (!fs.existsSync(entryJs)) return undefined;
  let names = [...exportedNames(ts, entryDts)];
  if (onlyValues || names.length === 0) names = Object.keys(require(entryJs)).filter((n) => n !== "default" && n !== "__esModule");
  if (names.length === 0) return undefined;
  const specifier = entryJs.replace(/\\/g, "/").replace(/\.js$/, "");
  return `import { ${names.sort().join(", ")} } from ${JSON.stringify(specifier)};`;
}
