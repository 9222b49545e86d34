/**
 * The declarations later cells are type-checked against, kept by the kernel rather than by
 * tslab's executor.
 *
 * tslab keeps a cell's declarations only when the cell finishes without an error. A cell that
 * throws or is interrupted part-way has already assigned some of its variables, yet later cells
 * failed with "Cannot find name". Students hit this all the time:
 *
 *   const trainer = new Trainer({ … });
 *   await trainer.train();          // interrupted with ■
 *   // next cell: await trainer.save_model()  → "Cannot find name 'trainer'"
 *
 * Like Python, a variable the cell did assign stays usable with its declared type; a variable the
 * cell never reached is forgotten (tslab sets every name a cell declares to `undefined` before the
 * cell starts, so its older value is gone either way).
 */
import type * as TS from "@tslab/typescript-for-tslab";
import { tslabTypeScript } from "./prelude";

type Ts = typeof TS;

/** Binding names in `let { a, b: [c] } = …` → a, c. */
function bindingNames(ts: Ts, name: TS.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) {
    out.add(name.text);
    return;
  }
  for (const element of name.elements) {
    if (!ts.isOmittedExpression(element)) bindingNames(ts, element.name, out);
  }
}

/** The name a top-level function, class or enum declaration binds (variables bind through their declarators). */
function declaredName(ts: Ts, stmt: TS.Statement): string | undefined {
  return (ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt) || ts.isEnumDeclaration(stmt)) ? stmt.name?.text : undefined;
}

/** The names of the values a cell declares at its top level (variables, functions, classes, enums). */
export function declaredValueNames(src: string): Set<string> {
  const ts = tslabTypeScript();
  const file = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  for (const stmt of file.statements) {
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) bindingNames(ts, d.name, names);
    } else {
      const name = declaredName(ts, stmt);
      if (name !== undefined) names.add(name);
    }
  }
  return names;
}

/** `decls` (tslab's declaration text) without the value declarations of `names`. */
export function withoutDeclarations(decls: string, names: Set<string>): string {
  if (names.size === 0) return decls;
  const ts = tslabTypeScript();
  const file = ts.createSourceFile("decls.d.ts", decls, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const kept: string[] = [];
  for (const stmt of file.statements) {
    if (ts.isVariableStatement(stmt)) {
      const all = stmt.declarationList.declarations;
      const rest = all.filter((d) => !(ts.isIdentifier(d.name) && names.has(d.name.text)));
      if (rest.length === all.length) kept.push(stmt.getText(file));
      else if (rest.length > 0) {
        // Keep the statement's head (`declare let`) and the declarators that stay.
        const head = decls.slice(stmt.getStart(file), all[0].getStart(file));
        kept.push(`${head}${rest.map((d) => d.getText(file)).join(", ")};`);
      }
      continue;
    }
    const name = declaredName(ts, stmt);
    if (name === undefined || !names.has(name)) kept.push(stmt.getText(file));
  }
  return kept.length ? kept.join("\n") + "\n" : "";
}

/**
 * The declarations to keep after a cell that failed at run time: everything the conversion
 * declared, except the values of this cell that were never assigned.
 */
export function declarationsAfterFailure(src: string, declOutput: string, locals: Record<string, unknown>): string {
  const unassigned = new Set([...declaredValueNames(src)].filter((name) => locals[name] === undefined));
  return withoutDeclarations(declOutput, unassigned);
}
