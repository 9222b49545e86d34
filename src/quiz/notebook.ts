/**
 * nbformat 4 notebooks: the small part of the format the quiz tools read and write, and loading
 * that turns a broken file into a clear `NotebookFormatError` instead of a JSON.parse message.
 */
import * as fs from "node:fs";
import { writeFileAtomic } from "../utils/atomic_write";

export interface NbgraderMetadata {
  schema_version: 3;
  grade: boolean;
  solution: boolean;
  locked: boolean;
  task?: boolean;
  grade_id?: string;
  points?: number;
  checksum?: string;
  cell_type?: "code" | "markdown" | "raw";
}

export interface TlabCellMetadata {
  question: string;
  role: "question" | "answer" | "check" | "test";
  type?: string;
}

export interface NotebookOutput {
  output_type: "stream" | "display_data" | "execute_result" | "error" | "update_display_data";
  [key: string]: unknown;
}

export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  metadata: { nbgrader?: NbgraderMetadata; tlab?: TlabCellMetadata; [key: string]: unknown };
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  attachments?: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: { tlab?: { assignment?: string; mode?: "practice" | "graded"; released?: boolean; lang?: string }; [key: string]: unknown };
  cells: NotebookCell[];
}

/** A file that is not a readable nbformat-4 notebook. */
export class NotebookFormatError extends Error {
  override name = "NotebookFormatError";
}

/** A cell's source as one string (nbformat allows a list of lines). */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Parses notebook JSON and checks the structure the tools rely on. */
export function parseNotebook(text: string, name = "notebook"): Notebook {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(`${name} is not valid notebook JSON (${(e as Error).message}). Was the file truncated or edited outside Jupyter?`);
  }
  const nb = data as Partial<Notebook>;
  if (typeof nb !== "object" || nb === null || !Array.isArray(nb.cells)) {
    throw new NotebookFormatError(`${name} is JSON but not a notebook: it has no "cells" list.`);
  }
  if (nb.nbformat !== 4) throw new NotebookFormatError(`${name} is nbformat ${String(nb.nbformat)}; open and save it with a current Jupyter (nbformat 4).`);
  nb.cells.forEach((cell, i) => {
    if (typeof cell !== "object" || cell === null || !["code", "markdown", "raw"].includes(cell.cell_type) ||
      (typeof cell.source !== "string" && !Array.isArray(cell.source))) {
      throw new NotebookFormatError(`${name}: cell ${i + 1} is not a valid notebook cell.`);
    }
    cell.metadata ??= {};
  });
  nb.metadata ??= {};
  return nb as Notebook;
}

export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new NotebookFormatError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseNotebook(text, file);
}

/** Writes a notebook as Jupyter does (one-space indent, trailing newline), atomically. */
export function writeNotebook(file: string, nb: Notebook): void {
  writeFileAtomic(file, JSON.stringify(nb, null, 1) + "\n");
}

/** A deep copy, so transformations never change their input. */
export function cloneNotebook(nb: Notebook): Notebook {
  return JSON.parse(JSON.stringify(nb)) as Notebook;
}
