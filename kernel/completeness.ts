/**
 * `is_complete_request`: should the console run this code on Enter, or wait for more lines?
 * Parsed with TypeScript: errors that only say something is missing at the very end mean
 * "incomplete" (an open brace, bracket, call, template literal or comment); any other syntax
 * error means "invalid".
 */
import { isCompleteCode } from "tslab/dist/converter";
import { tslabTypeScript } from "./prelude";

export interface IsCompleteReply {
  status: "complete" | "incomplete" | "invalid";
  indent?: string;
}

const MISSING_AT_END = new Set([
  1005, // 'X' expected.
  1109, // Expression expected.
  1160, // Unterminated template literal.
  1010, // '*/' expected.
  1126, // Unexpected end of text.
]);

export function isComplete(code: string): IsCompleteReply {
  const ts = tslabTypeScript();
  const source = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (source as unknown as { parseDiagnostics: Array<{ start: number; length: number; code: number }> }).parseDiagnostics;
  if (diagnostics.length === 0) return { status: "complete" };
  const end = code.trimEnd().length;
  const onlyMissingAtEnd = diagnostics.every((d) => MISSING_AT_END.has(d.code) && d.start >= end);
  // Two blank lines at the end mean "run it anyway" in a console; then report what is wrong.
  const forced = /(^|\n)\s*\n\s*$/.test(code);
  if (onlyMissingAtEnd && !forced) {
    const tslabAnswer = isCompleteCode(code);
    return { status: "incomplete", indent: tslabAnswer.indent ?? "" };
  }
  return { status: "invalid" };
}
