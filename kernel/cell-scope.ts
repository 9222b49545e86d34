/**
 * Which cell scheduled a timer. When a cell is interrupted, the timers it (or async work it
 * started) scheduled stop firing, so an endless `while (true) { await sleep(…) }` loop goes quiet
 * instead of running on behind later cells.
 *
 * A timer belongs to the cell that was the latest one started when it was scheduled. (Async
 * context tracking with AsyncLocalStorage would be more precise, but it turns on async hooks, and
 * the interrupt watchdog's `terminateExecution` would then leave Node's async-hook stack
 * unbalanced, which aborts the process.)
 */

let latestExecution = 0;
const interruptedExecutions = new Set<number>();

/** The timers as Node made them, for the kernel's own scheduling (never silenced). */
export const kernelTimers = {
  setTimeout: globalThis.setTimeout,
  setInterval: globalThis.setInterval,
  setImmediate: globalThis.setImmediate,
  clearInterval: globalThis.clearInterval,
};

/** Marks the start of a cell: timers scheduled from now on belong to it. */
export function enterExecution(execution: number): void {
  latestExecution = execution;
}

/** Silences the timers that belong to `execution`. */
export function silenceExecution(execution: number): void {
  interruptedExecutions.add(execution);
}

type AnyFunction = (...args: unknown[]) => unknown;

function guarded(callback: AnyFunction, execution: number, onSilenced?: () => void): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    if (interruptedExecutions.has(execution)) {
      onSilenced?.();
      return undefined;
    }
    return callback.apply(this, args);
  };
}

/** Wraps the global timers so callbacks scheduled for an interrupted cell are dropped. */
export function installCellScopedTimers(): void {
  const g = globalThis as unknown as Record<string, AnyFunction>;
  for (const name of ["setTimeout", "setImmediate"] as const) {
    const original = g[name];
    const wrapped = function (this: unknown, callback: unknown, ...rest: unknown[]) {
      if (latestExecution === 0 || typeof callback !== "function") return original.call(this, callback, ...rest);
      return original.call(this, guarded(callback as AnyFunction, latestExecution), ...rest);
    };
    Object.assign(wrapped, original);
    g[name] = wrapped;
  }
  const originalInterval = g.setInterval;
  const wrappedInterval = function (this: unknown, callback: unknown, ...rest: unknown[]) {
    if (latestExecution === 0 || typeof callback !== "function") return originalInterval.call(this, callback, ...rest);
    let handle: unknown;
    handle = originalInterval.call(this, guarded(callback as AnyFunction, latestExecution, () => kernelTimers.clearInterval(handle as NodeJS.Timeout)), ...rest);
    return handle;
  };
  Object.assign(wrappedInterval, originalInterval);
  g.setInterval = wrappedInterval;
}
