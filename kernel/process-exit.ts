/**
 * `process.exit()` in a cell. Ending the process from inside a cell tears down zeromq's native
 * sockets under the I/O thread (a `Napi::Error` abort) and loses the reply the front end waits for.
 * As ipykernel turns `exit()` into SystemExit, the cell fails with a SystemExit error instead and the
 * kernel keeps running; the kernel's own exits go through `exitKernel`.
 */

/** What a cell's `process.exit(code)` becomes. */
export class SystemExit extends Error {
  override name = "SystemExit";
  constructor(readonly code: unknown) {
    super(
      `process.exit(${code === undefined ? "" : JSON.stringify(code)}) was called, but a cell cannot end the kernel: the cell stopped here and the kernel keeps running. ` +
        `To stop a cell early, throw an error or return; to start afresh, restart the kernel (Kernel → Restart).`,
    );
  }
}

const realExit = process.exit.bind(process);

/** Ends the kernel process (shutdown, a failed I/O thread). */
export function exitKernel(code?: number): never {
  return realExit(code);
}

/** From now on `process.exit` in user code throws SystemExit. */
export function guardProcessExit(): void {
  process.exit = ((code?: number | string | null) => {
    throw new SystemExit(code ?? undefined);
  }) as typeof process.exit;
}
