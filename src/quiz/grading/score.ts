/**
 * Scores from the checker's signed records, recomputed by the grader process against the
 * source's answers. Nothing the kernel printed is trusted: a line without a valid signature is
 * ignored, and a graded cell without its own records earns nothing.
 */
import * as fs from "node:fs";
import { isCorrect, isUnanswered } from "../answers";
import { CheckerRecord, signRecord } from "./checker";
import { CellRunResult } from "../runner/run-cells";
import { GradeCell, SourceModel } from "./source-model";

export interface CellScore {
  gradeId: string;
  question: string;
  points: number;
  maxPoints: number;
  /** What the student may read: never an answer, never a hidden test. */
  message: string;
}

export function readRecords(file: string, secret: string): { records: CheckerRecord[]; rejected: number } {
  const records: CheckerRecord[] = [];
  let rejected = 0;
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  for (const line of text.split("\n")) {
    if (!line) continue;
    const tab = line.lastIndexOf("\t");
    const json = line.slice(0, tab);
    if (tab < 0 || signRecord(secret, json) !== line.slice(tab + 1)) { rejected++; continue; }
    records.push(JSON.parse(json) as CheckerRecord);
  }
  return { records, rejected };
}

/** Records grouped by the cell that produced them: the last run of each cell nonce wins. */
function recordsByCell(records: CheckerRecord[]): { byCell: Map<string, { start: number; records: CheckerRecord[]; tampered: string[] }> } {
  const byCell = new Map<string, { start: number; records: CheckerRecord[]; tampered: string[] }>();
  let current: { start: number; records: CheckerRecord[]; tampered: string[] } | undefined;
  records.forEach((r, i) => {
    if (r.t === "cell") {
      current = { start: i, records: [], tampered: r.tampered };
      byCell.set(r.cell, current);
    } else if (current) {
      current.records.push(r);
    }
  });
  return { byCell };
}

/** The last answer to `question` recorded before record index `before`. */
function lastAnswer(records: CheckerRecord[], question: string, before: number): CheckerRecord & { t: "answer" } | undefined {
  for (let i = Math.min(before, records.length) - 1; i >= 0; i--) {
    const r = records[i];
    if (r.t === "answer" && r.id === question) return r;
  }
  return undefined;
}

export interface ScoredCell {
  gradeCell: GradeCell;
  nonce: string;
  run?: CellRunResult;
  /**
   * For a check cell the grader did not run: the nonces of the cells run after its place. It is
   * evaluated where the first of them that started began (after everything if none started).
   */
  evaluatedBefore?: string[];
}

export function scoreCells(model: SourceModel, cells: ScoredCell[], records: CheckerRecord[]): CellScore[] {
  const { byCell } = recordsByCell(records);
  const grade = (g: GradeCell, answerBefore: number): CellScore => {
    const base = { gradeId: g.gradeId, question: g.question, maxPoints: g.points };
    const q = model.questions.get(g.question);
    if (!q) return { ...base, points: 0, message: "the question cell is missing from the source notebook" };
    const answer = lastAnswer(records, g.question, answerBefore);
    if (!answer || isUnanswered(answer.value)) return { ...base, points: 0, message: "not answered" };
    return isCorrect(q, answer.value) ? { ...base, points: g.points, message: "correct" } : { ...base, points: 0, message: "incorrect" };
  };
  return cells.map(({ gradeCell: g, nonce, run, evaluatedBefore }) => {
    const base = { gradeId: g.gradeId, question: g.question, maxPoints: g.points };
    const zero = (message: string): CellScore => ({ ...base, points: 0, message });
    if (evaluatedBefore !== undefined && g.role === "check") {
      const next = evaluatedBefore.map((n) => byCell.get(n)).find((group) => group !== undefined);
      return grade(g, next ? next.start : records.length);
    }
    const group = byCell.get(nonce);
    if (!run || !group) return zero(run?.status === "timeout" ? "did not finish in time" : "did not run");
    if (run.status === "timeout") return zero(`stopped: the cell ran longer than the time limit`);
    if (group.tampered.length > 0) return zero(`not graded: built-ins were replaced and could not be restored (${group.tampered.join(", ")})`);
    if (g.role === "check") return grade(g, group.start);
    if (g.role === "test") {
      // By the cell each test started in (an async test may finish during a later cell).
      const tests = records.slice(group.start).filter((r): r is CheckerRecord & { t: "test" } => r.t === "test" && r.cell === nonce);
      if (tests.length === 0) {
        const reason = run.error ? (g.hasHiddenTests ? run.error.ename : `${run.error.ename}: ${run.error.evalue}`) : "no test ran";
        return zero(`the tests could not run (${reason})`);
      }
      const failed = tests.find((t) => !t.passed);
      if (failed) return zero(failed.hidden ? "a hidden test failed" : `a test failed: ${failed.message ?? ""}`);
      if (run.status !== "ok") return zero(`the test cell raised ${run.error?.ename ?? "an error"}`);
      return { ...base, points: g.points, message: g.hasHiddenTests ? "all tests passed, including hidden tests" : "all tests passed" };
    }
    // A plain nbgrader test cell: an error scores 0, a bare number is partial credit, else full marks.
    if (run.status !== "ok") return zero(`the cell raised ${run.error?.ename ?? "an error"}`);
    if (run.outputs.some((o) => o.output_type === "stream" && o.name === "stderr")) return zero("the cell wrote to stderr");
    const result = run.outputs.find((o) => o.output_type === "execute_result");
    const text = (result?.data as Record<string, unknown> | undefined)?.["text/plain"];
    const partial = typeof text === "string" ? Number(text) : NaN;
    if (Number.isFinite(partial)) return { ...base, points: Math.max(0, Math.min(g.points, partial)), message: "partial credit" };
    return { ...base, points: g.points, message: "passed" };
  });
}
