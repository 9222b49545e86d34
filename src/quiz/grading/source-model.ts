/**
 * What the grader needs from the instructor's source notebook: the questions with their answers,
 * the graded cells with their points, and every locked cell to restore.
 */
import { ParsedQuestion, bareQuizCall, parseQuestionCell } from "../cells";
import { isGrade, isLocked, isSolution } from "../nbgrader";
import { Notebook, NotebookCell, cellSource, cloneNotebook } from "../notebook";
import { annotateQuizCells } from "../release";

export interface GradeCell {
  gradeId: string;
  /** The question this cell scores (metadata.tlab.question, else its grade_id). */
  question: string;
  points: number;
  role: "check" | "test" | "plain";
  hasHiddenTests: boolean;
}

export interface SourceModel {
  assignment: string;
  notebook: Notebook;
  questions: Map<string, ParsedQuestion>;
  gradeCells: GradeCell[];
  /** Question ids in the order of their first graded cell, with their total points. */
  columns: { question: string; maxPoints: number }[];
  maxScore: number;
  /**
   * grade_ids of source cells the grader does not run: question cells and check cells holding
   * only their `quiz.<type>(…)` / `quiz.check(…)` call.
   */
  skippedCells: Set<string>;
}

export function analyzeSource(source: Notebook, assignment?: string): SourceModel {
  const nb = cloneNotebook(source);
  annotateQuizCells(nb);
  const questions = new Map<string, ParsedQuestion>();
  const gradeCells: GradeCell[] = [];
  const skippedCells = new Set<string>();
  for (const cell of nb.cells) {
    const role = cell.metadata.tlab;
    if (cell.cell_type === "code" && role?.role === "question") {
      const q = parseQuestionCell(cellSource(cell));
      questions.set(q.id, q);
    }
    const gradeId = cell.metadata.nbgrader?.grade_id;
    const bare = cell.cell_type === "code" && gradeId ? bareQuizCall(cellSource(cell)) : undefined;
    if (gradeId && ((role?.role === "question" && ["choice", "multiple", "numeric", "text"].includes(bare ?? "")) ||
      (role?.role === "check" && bare === "check"))) {
      skippedCells.add(gradeId);
    }
    if (isGrade(cell) && !isSolution(cell) && cell.cell_type === "code") {
      const m = cell.metadata.nbgrader!;
      gradeCells.push({
        gradeId: m.grade_id!,
        question: role?.question ?? m.grade_id!,
        points: Number(m.points ?? 0),
        role: role?.role === "check" ? "check" : role?.role === "test" ? "test" : "plain",
        hasHiddenTests: /\/\/\s*BEGIN HIDDEN TESTS/.test(cellSource(cell)),
      });
    }
  }
  const columns: { question: string; maxPoints: number }[] = [];
  for (const g of gradeCells) {
    const column = columns.find((c) => c.question === g.question);
    if (column) column.maxPoints += g.points;
    else columns.push({ question: g.question, maxPoints: g.points });
  }
  return {
    assignment: assignment ?? source.metadata.tlab?.assignment ?? "assignment",
    notebook: nb, questions, gradeCells, columns,
    maxScore: gradeCells.reduce((s, g) => s + g.points, 0),
    skippedCells,
  };
}

/** Cells the grader takes from the source whatever the submission says. */
export function isRestored(cell: NotebookCell): boolean {
  return isLocked(cell);
}
