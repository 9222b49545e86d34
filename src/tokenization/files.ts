import * as fs from "node:fs";
import * as path from "node:path";
import { TokenizerFileError } from "./errors";

/** Writes through a temporary file in the same folder, so a reader never sees half a file. */
export function writeFileAtomic(file: string, content: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, file);
}

/** Reads a JSON file, turning a parse failure into an error that names the file. */
export function readJSON(file: string): any {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new TokenizerFileError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TokenizerFileError(`${file} is not valid JSON (${(error as Error).message}). Re-save or re-download the tokenizer files.`);
  }
}
