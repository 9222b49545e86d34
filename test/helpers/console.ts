/** Runs a command-line `main` with console output captured instead of printed. */
export async function quietly(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => { lines.push(a.join(" ")); };
  console.error = (...a: unknown[]) => { lines.push(a.join(" ")); };
  try {
    return { code: await run(), out: lines.join("\n") };
  } finally {
    Object.assign(console, { log, error });
  }
}
