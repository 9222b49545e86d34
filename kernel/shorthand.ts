/**
 * Object shorthand `{ a }` → `{ a: a }` before a cell is converted.
 *
 * tslab rewrites every reference to a variable from an earlier cell into `exports.<name>`, but it
 * misses a shorthand property's name, so `const a = 1` in one cell and `({ a })` in the next failed
 * with "a is not defined". `{ a }` and `{ a: a }` mean the same thing (also as a destructuring
 * assignment target, `({ a } = obj)`, and with a default, `{ a = 1 }` → `{ a: a = 1 }`), so the
 * rewrite is safe for every cell. Only text after the name moves: `: a` is inserted right behind it.
 */
import { tslabTypeScript } from "./prelude";

export function expandShorthandProperties(src: string): string {
  if (!/[{,]\s*[A-Za-z_$][\w$]*\s*[,}=]/.test(src)) return src; // no candidate: skip parsing
  const ts = tslabTypeScript();
  const file = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const insertions: { at: number; text: string }[] = [];
  const visit = (node: import("@tslab/typescript-for-tslab").Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) {
      insertions.push({ at: node.name.getEnd(), text: `: ${node.name.text}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (insertions.length === 0) return src;
  let out = src;
  for (const { at, text } of insertions.sort((x, y) => y.at - x.at)) out = out.slice(0, at) + text + out.slice(at);
  return out;
}
