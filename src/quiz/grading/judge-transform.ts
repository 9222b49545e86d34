/**
 * Splits a graded cell (a `quiz.test`, `quiz.check` or plain test cell from the source notebook)
 * between the judge and the student's kernel.
 *
 * The judge runs the cell's code itself. Only the expressions that need the student's state go to
 * the kernel: every maximal expression rooted at a name the cell does not declare and that is not
 * a standard built-in (`mySoftmax([2, 0])`, `fixedBatch.input_ids.shape`, `classify(text)`). Their
 * arguments that depend on the test's own variables are evaluated by the judge and sent as values.
 * Comparisons, `Math.abs`, literals and the expected values stay in the judge, so a student who
 * replaces built-ins in the kernel, or reads the code the kernel receives, learns no expected value
 * and changes no verdict.
 *
 *   assert.ok(Math.abs(p[0] - 0.8808) < 1e-3)        judge (p is the test's own variable)
 *   const p = mySoftmax([2, 0]);                     kernel: async () => (mySoftmax([2, 0]))
 *   assert.equal(f(row, 2), 4)                       kernel: async (__a0) => (f(__a0, 2)), row from the judge
 */
import type * as TS from "typescript";
import { QuizSpecError } from "../spec";

function typescript(): typeof TS {
  try {
    return require("typescript") as typeof TS;
  } catch {
    return require("@tslab/typescript-for-tslab") as typeof TS;
  }
}

/** Names the judge provides itself: the standard built-ins a test may use on values. */
export const JUDGE_GLOBALS: ReadonlySet<string> = new Set([
  "Math", "JSON", "Number", "String", "Boolean", "Array", "Object", "Symbol", "BigInt", "Date", "RegExp",
  "Map", "Set", "WeakMap", "WeakSet", "Promise", "Reflect", "Error", "TypeError", "RangeError", "SyntaxError",
  "ReferenceError", "EvalError", "URIError", "AggregateError", "isFinite", "isNaN", "parseInt", "parseFloat",
  "Infinity", "NaN", "undefined", "console", "structuredClone", "Intl", "ArrayBuffer", "DataView",
  "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
  "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "encodeURIComponent", "decodeURIComponent",
  "encodeURI", "decodeURI", "TextEncoder", "TextDecoder", "queueMicrotask", "setTimeout", "clearTimeout",
]);

/** The judge's own bindings in every graded cell. */
const JUDGE_BINDINGS = ["quiz", "assert", "__tlab"];

export interface KernelSite {
  /** The kernel's half: an async arrow taking the judge-evaluated arguments. */
  code: string;
  /** The site lies in a hidden-test region. */
  hidden: boolean;
}

export interface JudgeProgram {
  /** JavaScript of `async function (__tlab, quiz, assert) { … }`, with kernel sites as `__tlab.k(site, [args])`. */
  js: string;
  sites: KernelSite[];
  /** Fragments of hidden tests (literals, lines) that must never appear in a student's feedback. */
  hiddenFragments: string[];
}

const HIDDEN_BEGIN = /^(\s*)\/\/\s*BEGIN HIDDEN TESTS\s*$/;
const HIDDEN_END = /^(\s*)\/\/\s*END HIDDEN TESTS\s*$/;

/** Hidden-test markers become statements telling the judge where hidden assertions start and end. */
function markRegions(source: string): { code: string; hidden: [number, number][]; fragments: string[] } {
  const out: string[] = [];
  const hidden: [number, number][] = [];
  const fragments: string[] = [];
  let offset = 0;
  let openedAt: number | undefined;
  for (const line of source.split("\n")) {
    let text = line;
    const begin = HIDDEN_BEGIN.exec(line);
    const end = HIDDEN_END.exec(line);
    if (begin && openedAt === undefined) {
      text = `${begin[1]}__tlab.region(true);`;
      openedAt = offset;
    } else if (end && openedAt !== undefined) {
      text = `${end[1]}__tlab.region(false);`;
      hidden.push([openedAt, offset]);
      openedAt = undefined;
    } else if (openedAt !== undefined) {
      const trimmed = line.trim();
      if (trimmed.length >= 12) fragments.push(trimmed);
      for (const m of line.matchAll(/(["'`])((?:\\.|(?!\1).){6,})\1/g)) fragments.push(m[2]);
    }
    out.push(text);
    offset += text.length + 1;
  }
  if (openedAt !== undefined) throw new QuizSpecError(`"BEGIN HIDDEN TESTS" is never closed by "// END HIDDEN TESTS" in:\n${source}`);
  return { code: out.join("\n"), hidden, fragments };
}

export function compileJudgeCell(source: string): JudgeProgram {
  const ts = typescript();
  const { code, hidden, fragments } = markRegions(source);
  const sf = ts.createSourceFile("graded-cell.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const inHidden = (pos: number) => hidden.some(([a, b]) => pos >= a && pos < b);

  /** Names declared anywhere inside `root` (variables, parameters, functions, classes, catch). */
  const declaredIn = (root: TS.Node): Set<string> => {
    const names = new Set<string>();
    const addBinding = (name: TS.BindingName) => {
      if (ts.isIdentifier(name)) names.add(name.text);
      else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addBinding(el.name);
    };
    const visit = (n: TS.Node) => {
      if (ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) addBinding(n.name);
      else if ((ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassDeclaration(n) || ts.isClassExpression(n)) && n.name) names.add(n.name.text);
      else if (ts.isCatchClause(n) && n.variableDeclaration) addBinding(n.variableDeclaration.name);
      ts.forEachChild(n, visit);
    };
    visit(root);
    return names;
  };
  const judgeNames = new Set([...declaredIn(sf), ...JUDGE_BINDINGS]);

  /** Whether an identifier is read as a value (not a property name, declaration name, label or type). */
  const isValueReference = (id: TS.Identifier): boolean => {
    const p = id.parent;
    if (!p) return false;
    if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
    if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) ||
      ts.isSetAccessor(p) || ts.isEnumMember(p) || ts.isPropertySignature(p)) && p.name === id) return false;
    if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) ||
      ts.isClassDeclaration(p) || ts.isClassExpression(p)) && p.name === id) return false;
    if (ts.isBindingElement(p) && (p.name === id || p.propertyName === id)) return false;
    if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
    if (ts.isQualifiedName(p) || ts.isTypeReferenceNode(p)) return false;
    return true;
  };
  const isKernelName = (id: TS.Identifier) => isValueReference(id) && !judgeNames.has(id.text) && !JUDGE_GLOBALS.has(id.text);

  /** An expression whose value comes from the student's state: a chain rooted at a kernel name. */
  const isKernelRooted = (n: TS.Node): boolean => {
    if (ts.isIdentifier(n)) return isKernelName(n);
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n) || ts.isNewExpression(n) ||
      ts.isNonNullExpression(n) || ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) {
      return isKernelRooted(n.expression);
    }
    if (ts.isTaggedTemplateExpression(n)) return isKernelRooted(n.tag);
    return false;
  };

  /** Whether `e` reads none of the judge's own variables (other than those it declares itself). */
  const kernelEvaluable = (e: TS.Node): boolean => {
    const own = declaredIn(e);
    let ok = true;
    const visit = (n: TS.Node) => {
      if (!ok || ts.isTypeNode(n)) return;
      if (ts.isIdentifier(n) && isValueReference(n) && judgeNames.has(n.text) && !own.has(n.text)) ok = false;
      ts.forEachChild(n, visit);
    };
    visit(e);
    return ok;
  };

  const sites: KernelSite[] = [];

  /** The text of `node` with every kernel site inside it replaced by a call to the kernel. */
  const splice = (node: TS.Node): string => {
    const start = node.getStart(sf);
    const edits: { start: number; end: number; text: string }[] = [];
    const visit = (n: TS.Node) => {
      if (ts.isTypeNode(n)) return;
      if (ts.isExpression(n) && isKernelRooted(n)) {
        const p = n.parent;
        const assigned = (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) ||
          ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) ||
          ts.isDeleteExpression(p);
        if (assigned) throw new QuizSpecError(`A graded cell cannot change the student's "${n.getText(sf)}"; compute into a variable of the test instead:\n${source}`);
        const call = site(n);
        // `{ name }` keeps its key: `{ name: <kernel value> }`.
        edits.push({ start: n.getStart(sf), end: n.getEnd(), text: ts.isShorthandPropertyAssignment(p) ? `${n.getText(sf)}: ${call}` : call });
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
    let text = code.slice(start, node.getEnd());
    for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start - start) + e.text + text.slice(e.end - start);
    return text;
  };

  /** Makes a kernel site of a kernel-rooted expression; returns the judge's call to it. */
  const site = (n: TS.Expression): string => {
    const params: string[] = [];
    const slot = (e: TS.Expression): string => {
      if (ts.isSpreadElement(e)) return `...${slot(e.expression)}`;
      if (kernelEvaluable(e)) return e.getText(sf);
      params.push(splice(e));
      return `__a${params.length - 1}`;
    };
    const kernelText = (e: TS.Expression): string => {
      if (ts.isIdentifier(e)) return e.text;
      if (ts.isPropertyAccessExpression(e)) return `${kernelText(e.expression)}${e.questionDotToken ? "?." : "."}${e.name.text}`;
      if (ts.isElementAccessExpression(e)) return `${kernelText(e.expression)}${e.questionDotToken ? "?." : ""}[${slot(e.argumentExpression)}]`;
      if (ts.isCallExpression(e)) return `${kernelText(e.expression)}${e.questionDotToken ? "?." : ""}(${e.arguments.map(slot).join(", ")})`;
      if (ts.isNewExpression(e)) return `new ${kernelText(e.expression)}(${(e.arguments ?? []).map(slot).join(", ")})`;
      if (ts.isNonNullExpression(e)) return `${kernelText(e.expression)}!`;
      if (ts.isParenthesizedExpression(e)) return `(${kernelText(e.expression)})`;
      if (ts.isAsExpression(e) || ts.isTypeAssertionExpression(e)) return kernelText(e.expression);
      if (ts.isTaggedTemplateExpression(e)) {
        if (!kernelEvaluable(e.template)) throw new QuizSpecError(`A tagged template sent to the student's kernel may only use literals:\n${source}`);
        return `${kernelText(e.tag)}${e.template.getText(sf)}`;
      }
      return e.getText(sf);
    };
    const body = kernelText(n);
    const id = sites.length;
    sites.push({ code: "", hidden: inHidden(n.getStart(sf)) });
    sites[id].code = `async (${params.map((_, i) => `__a${i}: any`).join(", ")}) => (${body})`;
    return `__tlab.k(${id}, [${params.join(", ")}])`;
  };

  // The cell's last expression is its value (partial credit in a plain test cell).
  const statements = sf.statements;
  const last = statements[statements.length - 1];
  let body = "";
  let cursor = 0;
  for (const s of statements) {
    body += code.slice(cursor, s.getStart(sf));
    body += s === last && ts.isExpressionStatement(s) ? `return (${splice(s.expression)});` : splice(s);
    cursor = s.getEnd();
  }
  body += code.slice(cursor);
  const wrapped = `(async function (__tlab, quiz, assert) {\n${body}\n})`;
  const out = ts.transpileModule(wrapped, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, removeComments: true },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new QuizSpecError(`A graded cell of the source notebook does not compile: ${ts.flattenDiagnosticMessageText(errors[0].messageText, "\n")}\n${source}`);
  }
  return { js: out.outputText.replace(/^"use strict";\s*/, ""), sites, hiddenFragments: [...new Set(fragments)] };
}
