// Readers for local data files: csv, json / jsonl and plain text, as the Python library's
// "csv", "json" and "text" builders read them. Each returns the columns of one file.
import * as fs from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import { DatasetNotFoundError } from "../errors";

export type Columns = Record<string, unknown[]>;

export interface CsvOptions {
  /** Field separator (default ","). `sep` is accepted too, as in pandas. */
  delimiter?: string;
  sep?: string;
  /** Use these names instead of the file's header row. */
  column_names?: string[];
}

export interface JsonOptions {
  /** For a JSON file holding an object, the key whose value holds the records. */
  field?: string;
}

export interface TextOptions {
  /** "line" (default): one row per line; "paragraph": rows split at blank lines; "document": one row per file. */
  sample_by?: "line" | "paragraph" | "document";
  /** Keep the line breaks at the end of each line. */
  keep_linebreaks?: boolean;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new DatasetNotFoundError(`Data file not found: ${file}. Check the path in data_files.`);
    throw new DatasetNotFoundError(`Cannot read data file ${file}: ${(err as Error).message}`);
  }
}

/** A CSV file: the header row names the columns; numbers and booleans are recognised per column, as pandas does. */
export function readCsv(file: string, options: CsvOptions = {}): Columns {
  const text = readText(file);
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter: options.delimiter ?? options.sep ?? ",", relax_column_count: false, skip_empty_lines: true, bom: true });
  } catch (err) {
    throw new DatasetNotFoundError(`Cannot parse ${file} as CSV: ${(err as Error).message}`);
  }
  const header = options.column_names ?? records.shift() ?? [];
  const columns: Columns = {};
  header.forEach((name, j) => {
    columns[name] = inferCsvColumn(records.map((r) => r[j]));
  });
  return columns;
}

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|nan)$/i;

function inferCsvColumn(raw: (string | undefined)[]): unknown[] {
  const present = raw.filter((v) => v !== undefined && v !== "");
  const nulls = (values: unknown[]) => values.map((v, i) => (raw[i] === undefined || raw[i] === "" ? null : v));
  if (present.length && present.every((v) => INTEGER.test(v!))) return nulls(raw.map((v) => Number(v)));
  if (present.length && present.every((v) => FLOAT.test(v!))) return nulls(raw.map((v) => Number(v)));
  if (present.length && present.every((v) => /^(true|false)$/i.test(v!))) return nulls(raw.map((v) => /^true$/i.test(v ?? "")));
  return raw.map((v) => (v === undefined ? null : v));
}

/** A JSON Lines file (one object per line), or a JSON file holding a list of rows or an object of columns. */
export function readJson(file: string, options: JsonOptions = {}): Columns {
  const text = readText(file);
  let value: unknown;
  const trimmed = text.trim();
  if (file.endsWith(".jsonl") || (!options.field && trimmed.startsWith("{") && !looksLikeOneJsonValue(trimmed))) {
    value = trimmed
      .split(/\r?\n/)
      .filter((line) => line.trim() !== "")
      .map((line, i) => {
        try {
          return JSON.parse(line);
        } catch (err) {
          throw new DatasetNotFoundError(`${file}, line ${i + 1}: not valid JSON (${(err as Error).message}). JSON Lines files hold one object per line.`);
        }
      });
  } else {
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new DatasetNotFoundError(`Cannot parse ${file} as JSON: ${(err as Error).message}`);
    }
  }
  if (options.field !== undefined) {
    if (!value || typeof value !== "object" || !(options.field in (value as object))) {
      throw new DatasetNotFoundError(`${file} has no top-level field '${options.field}'.`);
    }
    value = (value as Record<string, unknown>)[options.field];
  }
  if (Array.isArray(value)) return rowsToColumns(value, file);
  if (value && typeof value === "object" && Object.values(value).every(Array.isArray)) return value as Columns;
  throw new DatasetNotFoundError(`${file} must hold a list of row objects, an object of column lists, or one object per line (JSON Lines).`);
}

function looksLikeOneJsonValue(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function rowsToColumns(rows: unknown[], file: string): Columns {
  const names: string[] = [];
  for (const row of rows) {
    if (!row || typeof row !== "object" || Array.isArray(row)) throw new DatasetNotFoundError(`${file}: every record must be a JSON object.`);
    for (const k of Object.keys(row)) if (!names.includes(k)) names.push(k);
  }
  const columns: Columns = {};
  for (const n of names) columns[n] = rows.map((r) => ((r as Record<string, unknown>)[n] ?? null));
  return columns;
}

/** A plain text file, one row per line (or paragraph, or the whole document) in a `text` column. */
export function readTextLines(file: string, options: TextOptions = {}): Columns {
  const text = readText(file);
  const sampleBy = options.sample_by ?? "line";
  let rows: string[];
  if (sampleBy === "document") rows = [text];
  else if (sampleBy === "paragraph") rows = text.split(/\r?\n\s*\r?\n/).filter((p) => p.trim() !== "");
  else {
    rows = options.keep_linebreaks ? text.split(/(?<=\n)/) : text.split(/\r?\n/);
    // A trailing newline ends the last line; it does not start an empty one.
    if (!options.keep_linebreaks && rows.length && rows[rows.length - 1] === "") rows.pop();
  }
  return { text: rows };
}
