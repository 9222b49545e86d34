// Messages the Python tokenizers log. They go to stderr like Python's logging; a warning that
// Python shows once per process is shown once here too.

const shown = new Set<string>();

/** Set to false to silence the tokenizer's warnings and errors (like transformers' set_verbosity_error). */
export const tokenizerLogging = { enabled: true };

export function warnOnce(message: string): void {
  if (!tokenizerLogging.enabled || shown.has(message)) return;
  shown.add(message);
  process.stderr.write(`${message}\n`);
}

export function logError(message: string): void {
  if (!tokenizerLogging.enabled) return;
  process.stderr.write(`${message}\n`);
}
