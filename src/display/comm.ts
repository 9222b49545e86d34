/**
 * Comms from cells: `openComm("my.target", { … })` opens a channel to the front end,
 * `registerCommTarget("my.target", (comm, open) => …)` answers comms the front end opens.
 * Outside a kernel there is no front end to talk to: both fail with a clear error.
 */
import { kernelBridge, type CommBridge, type CommHandle, type CommMessage } from "./kernel-bridge";

export type { CommHandle, CommMessage };

export class NoFrontEndError extends Error {
  override name = "NoFrontEndError";
}

function comms(): CommBridge {
  const bridge = kernelBridge()?.comms;
  if (!bridge) throw new NoFrontEndError("comms need a notebook front end: run this in a Transformers Lab kernel");
  return bridge;
}

/** Opens a comm to the front end's target `targetName`. */
export function openComm(targetName: string, data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): CommHandle {
  return comms().open(targetName, data, metadata);
}

/** Calls `handler` for each comm the front end opens to `targetName`. */
export function registerCommTarget(targetName: string, handler: (comm: CommHandle, open: CommMessage) => void): void {
  comms().registerTarget(targetName, handler);
}
