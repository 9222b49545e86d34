/**
 * The cells a submission is graded with, in order. The source's order is the backbone: locked
 * cells come from the source (with hidden tests), answer cells from the student (matched by
 * grade_id), and every other student cell runs where the student put it, after the nearest
 * preceding cell the two notebooks share. Deleting, reordering or unmarking a locked cell
 * therefore changes nothing about what the grader runs.
 */
import { isSolution } from "../nbgrader";
import { Notebook, NotebookCell, cellSource } from "../notebook";
import { SourceModel, isRestored } from "./source-model";

export interface PlannedCell {
  /** The code as the notebook shows it (source version for restored cells). */
  code: string;
  origin: "source" | "student";
  gradeId?: string;
  cellType: "code" | "markdown" | "raw";
  /** The original cell, for the autograded notebook's metadata. */
  cell: NotebookCell;
}

function gradeIdOf(cell: NotebookCell): string | undefined {
  return cell.metadata.nbgrader?.grade_id;
}

export function planSubmission(model: SourceModel, submission: Notebook): PlannedCell[] {
  const sourceIds = new Set(model.notebook.cells.map(gradeIdOf).filter((id): id is string => !!id));
  const studentById = new Map<string, NotebookCell>();
  const extrasAfter = new Map<string, NotebookCell[]>();
  let anchor = "";
  for (const cell of submission.cells) {
    const id = gradeIdOf(cell);
    const sourceCell = id !== undefined && sourceIds.has(id) ? model.notebook.cells.find((c) => gradeIdOf(c) === id) : undefined;
    if (id !== undefined && sourceCell && !studentById.has(id)) {
      studentById.set(id, cell);
      anchor = id;
      continue;
    }
    // A cell the source does not have (or a duplicate id): the student's own work, kept in place.
    extrasAfter.set(anchor, [...(extrasAfter.get(anchor) ?? []), cell]);
  }
  const plan: PlannedCell[] = [];
  const pushExtras = (key: string) => {
    for (const cell of extrasAfter.get(key) ?? []) plan.push({ code: cellSource(cell), origin: "student", cellType: cell.cell_type, cell });
  };
  pushExtras("");
  for (const sourceCell of model.notebook.cells) {
    const id = gradeIdOf(sourceCell);
    if (id === undefined) continue;
    if (isRestored(sourceCell)) {
      plan.push({ code: cellSource(sourceCell), origin: "source", gradeId: id, cellType: sourceCell.cell_type, cell: sourceCell });
    } else if (isSolution(sourceCell)) {
      const mine = studentById.get(id);
      // A deleted answer cell is an unanswered question: run nothing in its place.
      if (mine) plan.push({ code: cellSource(mine), origin: "student", gradeId: id, cellType: sourceCell.cell_type, cell: mine });
    }
    pushExtras(id);
  }
  return plan;
}

/**
 * The code the kernel runs for a planned cell that is not judged: `quiz.` calls bound to the
 * grading agent, so answers are recorded for the judge whatever the student did to `quiz`.
 */
export function kernelCode(cell: PlannedCell, agentName: string): string {
  return cell.code.replace(/\bquiz(\s*)\./g, `${agentName}$1.`);
}
