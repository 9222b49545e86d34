/**
 * nbgrader's cell metadata (schema version 3): what each flag combination means, the checksum
 * nbgrader stores for graded, solution and locked cells, and the JSON schema of the metadata
 * as nbgrader documents it.
 */
import { createHash } from "node:crypto";
import { NbgraderMetadata, NotebookCell, cellSource } from "./notebook";

export function nbgraderOf(cell: NotebookCell): NbgraderMetadata | undefined {
  return cell.metadata.nbgrader;
}
/** An autograder test cell or a manually graded cell: it carries points. */
export function isGrade(cell: NotebookCell): boolean { return nbgraderOf(cell)?.grade === true; }
/** A cell the student writes in. */
export function isSolution(cell: NotebookCell): boolean { return nbgraderOf(cell)?.solution === true; }
/** A cell restored from the source at grading: grade cells that are not solutions, and read-only cells. */
export function isLocked(cell: NotebookCell): boolean {
  const m = nbgraderOf(cell);
  if (!m || m.solution) return false;
  return m.grade === true || m.locked === true;
}

/** Python's `str(float(x))` for the numbers points take. */
function pythonFloat(x: number): string {
  if (Number.isInteger(x)) return `${x}.0`;
  return String(x);
}

/** nbgrader's checksum of a cell: md5 over source, type, flags, grade_id and points. */
export function computeChecksum(cell: NotebookCell): string {
  const m = nbgraderOf(cell);
  if (!m) throw new Error("computeChecksum needs a cell with nbgrader metadata");
  const md5 = createHash("md5");
  md5.update(cellSource(cell), "utf8");
  md5.update(cell.cell_type, "utf8");
  md5.update(isGrade(cell) ? "True" : "False");
  md5.update(isSolution(cell) ? "True" : "False");
  md5.update(isLocked(cell) ? "True" : "False");
  md5.update(m.grade_id ?? "", "utf8");
  if (isGrade(cell)) md5.update(pythonFloat(Number(m.points ?? 0)));
  return md5.digest("hex");
}

/** Sets `checksum` and `cell_type` as nbgrader's ComputeChecksums does. */
export function stampChecksum(cell: NotebookCell): void {
  const m = nbgraderOf(cell);
  if (!m || !(m.grade || m.solution || m.locked)) return;
  m.checksum = computeChecksum(cell);
  m.cell_type = cell.cell_type;
}

/**
 * JSON schema (draft-07) of `metadata.nbgrader`, version 3, after nbgrader's documented rules:
 * the four flags are required; grade_id follows `^[a-zA-Z0-9_\-]*$` and is required for graded,
 * solution, locked and task cells; points (≥ 0) for graded and task cells; no other keys.
 */
export const NBGRADER_V3_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  additionalProperties: false,
  required: ["schema_version", "grade", "solution", "locked"],
  properties: {
    schema_version: { const: 3 },
    grade: { type: "boolean" },
    solution: { type: "boolean" },
    locked: { type: "boolean" },
    task: { type: "boolean" },
    grade_id: { type: "string", pattern: "^[a-zA-Z0-9_\\-]*$" },
    points: { type: "number", minimum: 0 },
    checksum: { type: "string" },
    cell_type: { enum: ["code", "markdown", "raw"] },
  },
  allOf: [
    { if: { anyOf: [
      { properties: { grade: { const: true } }, required: ["grade"] },
      { properties: { solution: { const: true } }, required: ["solution"] },
      { properties: { locked: { const: true } }, required: ["locked"] },
      { properties: { task: { const: true } }, required: ["task"] },
    ] }, then: { required: ["grade_id"] } },
    { if: { anyOf: [
      { properties: { grade: { const: true } }, required: ["grade"] },
      { properties: { task: { const: true } }, required: ["task"] },
    ] }, then: { required: ["points"] } },
  ],
} as const;
