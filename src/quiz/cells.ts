/**
 * Reading quiz cells from their source: which role a cell plays (question, answer, check, test)
 * and the literal spec of a question cell. Specs are read with the TypeScript parser, without
 * running any code, which is why they must be literals.
 */
import type * as TS from "typescript";
import { NotebookCell, TlabCellMetadata, cellSource } from "./notebook";
import { QuestionSpec, QuestionType, QuizSpecError, checkQuestionId, checkSpec } from "./spec";

function typescript(): typeof TS {
  try {
    return require("typescript") as typeof TS;
  } catch {
    // tslab (a runtime dependency) ships the same compiler under its own name.
    return require("@tslab/typescript-for-tslab") as typeof TS;
  }
}

// Any quoted id, so that a malformed one reaches the parser and gets its explanation.
const QUESTION_CALL = /\bquiz\s*\.\s*(choice|multiple|numeric|text)\s*\(\s*["']([^"'\n]*)["']/;
const ROLE_CALL = /\bquiz\s*\.\s*(answer|check|test)\s*\(\s*["']([A-Za-z0-9_-]+)["']/;

/** The quiz role of a cell: from `metadata.tlab` when present, else from the call in its source. */
export function cellRole(cell: NotebookCell): TlabCellMetadata | undefined {
  if (cell.metadata.tlab?.role && cell.metadata.tlab.question) return cell.metadata.tlab;
  if (cell.cell_type !== "code") return undefined;
  const source = cellSource(cell);
  const q = QUESTION_CALL.exec(source);
  if (q) return { question: q[2], role: "question", type: q[1] };
  const r = ROLE_CALL.exec(source);
  if (r) return { question: r[2], role: r[1] as "answer" | "check" | "test", ...(r[1] === "test" ? { type: "code" } : {}) };
  return undefined;
}

/** Turns a literal expression into its value; anything else (a variable, a call) is refused. */
function literalValue(ts: typeof TS, node: TS.Expression, where: string): unknown {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literalValue(ts, node.expression, where);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
    return -Number(node.operand.text);
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => literalValue(ts, e, where));
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const prop of node.properties) {
      if (!ts.isPropertyAssignment(prop) || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) {
        throw new QuizSpecError(`${where}: write every field as \`name: literal\` (found \`${prop.getText()}\`).`);
      }
      out[prop.name.text] = literalValue(ts, prop.initializer, where);
    }
    return out;
  }
  throw new QuizSpecError(`${where}: the spec must be a literal, but \`${node.getText()}\` is computed. Write the value itself.`);
}

export interface ParsedQuestion {
  id: string;
  type: QuestionType;
  spec: QuestionSpec;
}

/** Reads `quiz.<type>("id", { … })` from a question cell. */
export function parseQuestionCell(source: string): ParsedQuestion {
  const ts = typescript();
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  let found: ParsedQuestion | undefined;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) && node.expression.expression.text === "quiz" &&
      ["choice", "multiple", "numeric", "text"].includes(node.expression.name.text)) {
      const type = node.expression.name.text as QuestionType;
      const [idNode, specNode] = node.arguments;
      const where = `quiz.${type}(…)`;
      if (!idNode || !(ts.isStringLiteral(idNode) || ts.isNoSubstitutionTemplateLiteral(idNode))) {
        throw new QuizSpecError(`${where}: the first argument must be the question id as a string literal.`);
      }
      const id = checkQuestionId(idNode.text);
      if (!specNode) throw new QuizSpecError(`quiz.${type}("${id}", …): the second argument (the spec object) is missing.`);
      const spec = literalValue(ts, specNode, `quiz.${type}("${id}", …)`) as QuestionSpec;
      checkSpec(id, type, spec);
      found = { id, type, spec };
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!found) throw new QuizSpecError(`No quiz.choice/multiple/numeric/text call found in the question cell:\n${source}`);
  return found;
}

/**
 * The `quiz.<method>` a cell consists of, when the cell holds nothing but that one call
 * (`quiz.choice("q1", {…})`, `quiz.check("q1")`). The grader need not run such source cells:
 * registering a question does nothing for grading, and it scores checks itself.
 */
export function bareQuizCall(source: string): string | undefined {
  const ts = typescript();
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  if (file.statements.length !== 1) return undefined;
  const statement = file.statements[0];
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return undefined;
  const callee = statement.expression.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== "quiz") return undefined;
  return callee.name.text;
}

/** The spec a code question's test cell passes after its test function: `quiz.test(id, fn, { hints, … })`. */
export interface TestCellSpec {
  question: ParsedQuestion;
  /** The spec argument spans source[from, to), from the end of the test function. */
  from: number;
  to: number;
}

export function parseTestCellSpec(source: string): TestCellSpec | undefined {
  const ts = typescript();
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  let found: TestCellSpec | undefined;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === "quiz" && node.expression.name.text === "test" && node.arguments.length >= 3) {
      const [idNode, fn, specNode] = node.arguments;
      if (!ts.isStringLiteral(idNode) && !ts.isNoSubstitutionTemplateLiteral(idNode)) {
        throw new QuizSpecError("quiz.test(…): the first argument must be the question id as a string literal.");
      }
      const id = checkQuestionId(idNode.text);
      const spec = literalValue(ts, specNode, `quiz.test("${id}", …)`) as QuestionSpec;
      checkSpec(id, "code", spec);
      found = { question: { id, type: "code", spec }, from: fn.end, to: specNode.end };
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The names a piece of top-level code declares (`const a = …`, `let { b } = …`, `function c`, `class D`). */
export function topLevelDeclarations(code: string): string[] {
  const ts = typescript();
  const file = ts.createSourceFile("region.ts", code, ts.ScriptTarget.ES2022, true);
  const names: string[] = [];
  const bind = (name: TS.BindingName): void => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) statement.declarationList.declarations.forEach((d) => bind(d.name));
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.push(statement.name.text);
  }
  return names;
}

/** The source of a question cell for a given spec, as tlab assign writes it. */
export function questionCellSource(q: ParsedQuestion): string {
  return `quiz.${q.type}(${JSON.stringify(q.id)}, ${JSON.stringify(q.spec, null, 2)})`;
}
