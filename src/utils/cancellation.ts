/**
 * Cooperative cancellation: the kernel raises a flag when the user interrupts a cell, and long
 * SDK loops (training steps, generation, dataset maps) call `throwIfInterrupted()` between steps.
 *
 * The flag lives in an Int32Array kept on `globalThis` under a registered symbol, so every copy of
 * this module in the process shares it. The kernel swaps in one backed by a SharedArrayBuffer that
 * its watchdog thread can set while the main thread is busy in a synchronous loop.
 */

const FLAG_KEY = Symbol.for("transformers-lab.cancellation");
/** Set by the kernel: tells whether the cell that started the running code was interrupted. */
const SCOPE_KEY = Symbol.for("transformers-lab.cancellation.scope");

/** Raised when the user interrupts the running cell (Jupyter's "Interrupt the kernel"). */
export class KeyboardInterrupt extends Error {
  override name = "KeyboardInterrupt";
  constructor(message = "Execution interrupted by the user. The kernel is still running; re-run the cell to start again.") {
    super(message);
  }
}

type FlagHolder = { [FLAG_KEY]?: Int32Array };

function flag(): Int32Array {
  const holder = globalThis as unknown as FlagHolder;
  let cell = holder[FLAG_KEY];
  if (!cell) {
    cell = new Int32Array(1);
    holder[FLAG_KEY] = cell;
  }
  return cell;
}

/** True once an interrupt was requested and not yet reset. Cheap enough to call in a hot loop. */
export function interruptRequested(): boolean {
  if (Atomics.load(flag(), 0) !== 0) return true;
  const scope = (globalThis as unknown as { [SCOPE_KEY]?: () => boolean })[SCOPE_KEY];
  return scope !== undefined && scope();
}

/** Throws `KeyboardInterrupt` if an interrupt was requested. Call it between units of long work. */
export function throwIfInterrupted(): void {
  if (interruptRequested()) throw new KeyboardInterrupt();
}

/** Clears the flag. The kernel calls this before each cell; scripts may call it after handling an interrupt. */
export function resetInterrupt(): void {
  Atomics.store(flag(), 0, 0);
}

/** Raises the flag (what the kernel does on an interrupt request; also useful in scripts and tests). */
export function requestInterrupt(): void {
  Atomics.store(flag(), 0, 1);
}

/**
 * Makes the flag live in `shared` (an Int32Array over a SharedArrayBuffer) so another thread can
 * set it. Used by the kernel; keeps any pending request.
 */
export function useSharedInterruptFlag(shared: Int32Array): void {
  const pending = interruptRequested();
  (globalThis as unknown as FlagHolder)[FLAG_KEY] = shared;
  if (pending) requestInterrupt();
}
