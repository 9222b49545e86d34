/**
 * Library messages (unused or newly initialised weights, deprecations) go to stderr as Python's
 * transformers logger does. `set_verbosity_error()` silences warnings, like
 * `transformers.logging.set_verbosity_error()`; so does TRANSFORMERS_VERBOSITY=error.
 */
const LEVELS = { debug: 10, info: 20, warning: 30, error: 40, critical: 50 } as const;
type Level = keyof typeof LEVELS;

let verbosity: number = LEVELS[(process.env.TRANSFORMERS_VERBOSITY as Level) ?? "warning"] ?? LEVELS.warning;

export const logging = {
  set_verbosity_error(): void {
    verbosity = LEVELS.error;
  },
  set_verbosity_warning(): void {
    verbosity = LEVELS.warning;
  },
  set_verbosity_info(): void {
    verbosity = LEVELS.info;
  },
  get_verbosity(): number {
    return verbosity;
  },
};

export const logger = {
  warning(message: string): void {
    if (verbosity <= LEVELS.warning) process.stderr.write(message.endsWith("\n") ? message : message + "\n");
  },
  info(message: string): void {
    if (verbosity <= LEVELS.info) process.stderr.write(message.endsWith("\n") ? message : message + "\n");
  },
};
