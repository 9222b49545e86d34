/**
 * The gradebook's CSV files. Text in them comes from students (folder names, timestamps, answers),
 * and a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula. So every text
 * cell that starts with one of those (or a tab or carriage return) gets a leading single quote, as
 * OWASP recommends against CSV injection; numbers are written as numbers, so a score of -1 stays
 * -1. A leading quote is itself escaped the same way, which makes reading back exact.
 */
import { parse } from "csv-parse/sync";
import { GradebookError } from "./gradebook-error";

const FORMULA_START = /^[=+\-@\t\r']/;

export type CsvValue = string | number;

/** A text cell made inert for spreadsheets. */
export function neutralizeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text a neutralised cell stands for (a cell a spreadsheet saved without the quote is read as is). */
export function restoreText(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function quoteField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One cell: a finite number as itself, anything else as neutralised text. */
export function csvCell(value: CsvValue): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`a gradebook number must be finite, got ${value}`);
    return String(value);
  }
  return quoteField(neutralizeText(value));
}

export function formatCsv(rows: CsvValue[][]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

export interface CsvTable {
  header: string[];
  /** Every row with its cells restored to the text they stand for, keyed by column. */
  rows: { line: number; cells: Record<string, string> }[];
}

/** Reads a CSV file written by `formatCsv` (or saved by a spreadsheet) with the columns it must have. */
export function parseCsvTable(text: string, file: string, required: readonly string[]): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, info: true }) as unknown as typeof records;
  } catch (e) {
    throw new GradebookError(`${file} is not a readable CSV file: ${(e as Error).message}`);
  }
  if (records.length === 0) throw new GradebookError(`${file} is empty: it needs a header row with ${required.join(", ")}.`);
  const header = records[0].record.map(restoreText);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new GradebookError(`${file} has no column ${missing.join(", ")}; its header is: ${header.join(", ")}.`);
  const rows = records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(header.map((h, i) => [h, restoreText(record[i])])),
  }));
  return { header, rows };
}
