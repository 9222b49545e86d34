/**
 * Head models build their bare model inside their own constructor and then initialise every
 * weight once; `withoutInitialisation` keeps the inner constructor from drawing weights that are
 * drawn again (or loaded) right after. Large models then start twice as fast.
 */
let depth = 0;

export function withoutInitialisation<T>(build: () => T): T {
  depth++;
  try {
    return build();
  } finally {
    depth--;
  }
}

export function initialisationSkipped(): boolean {
  return depth > 0;
}
