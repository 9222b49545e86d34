/**
 * IPython's `%time` / `%%time` magics, the ones course cells use to compare speeds:
 *
 *   %time await pipe("a sentence")     → times that one line (alone in its cell)
 *   %%time                             → first line: times the whole cell
 *
 * The timed code runs as an ordinary cell (type-checked, its value shown); the timing is printed
 * on stdout as IPython prints it: `CPU times: user 1.2 ms, sys: 0 ns, total: 1.2 ms` / `Wall time: …`.
 */

export class UsageError extends Error {
  override name = "UsageError";
}

/** The code to run and whether to time it; a UsageError for a misplaced magic. */
export function parseTimeMagic(code: string): { code: string; timed: boolean } {
  const cell = /^\s*%%time[ \t]*(?:\r?\n|$)/.exec(code);
  if (cell) return { code: code.slice(cell[0].length), timed: true };
  const line = /^\s*%time(?:[ \t]+|$)/.exec(code);
  if (line) {
    const rest = code.slice(line[0].length);
    if (rest.trim().includes("\n")) {
      throw new UsageError("%time times one line and must be alone in its cell: put %%time on the first line to time a whole cell");
    }
    return { code: rest, timed: true };
  }
  if (/^[ \t]*%%?time\b/m.test(code)) {
    throw new UsageError("%time / %%time must start the cell: %%time on the first line times the whole cell, a cell of one `%time …` line times that line");
  }
  return { code, timed: false };
}

/** IPython's duration format: 950 ns, 12.3 µs, 4.56 ms, 1.23 s. */
export function formatDuration(seconds: number): string {
  if (seconds >= 1) return `${seconds.toPrecision(3)} s`;
  const units: [number, string][] = [[1e-3, "ms"], [1e-6, "µs"], [1e-9, "ns"]];
  for (const [scale, unit] of units) {
    if (seconds >= scale) return `${(seconds / scale).toPrecision(3)} ${unit}`;
  }
  return "0 ns";
}

/** Starts a measurement; calling the result gives the report IPython's %time prints. */
export function startTiming(): () => string {
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  return () => {
    const used = process.cpuUsage(cpu);
    const wallSeconds = Number(process.hrtime.bigint() - wall) / 1e9;
    const user = used.user / 1e6;
    const sys = used.system / 1e6;
    return `CPU times: user ${formatDuration(user)}, sys: ${formatDuration(sys)}, total: ${formatDuration(user + sys)}\nWall time: ${formatDuration(wallSeconds)}\n`;
  };
}
