/**
 * How SDK code reaches the notebook. The kernel installs an object under a registered symbol on
 * `globalThis`; outside a kernel there is none and displays fall back to plain text on stdout.
 * A registered symbol (not a module variable) lets every copy of the SDK in the process find it.
 */
import type { MimeBundle } from "./mimebundle";

export interface DisplayContent {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** One message on a comm: its `data` and `metadata`. */
export interface CommMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** A comm (a channel to the front end, e.g. a widget's model). */
export interface CommHandle {
  readonly commId: string;
  readonly targetName: string;
  send(data: Record<string, unknown>, metadata?: Record<string, unknown>): void;
  close(data?: Record<string, unknown>): void;
  onMessage(listener: (msg: CommMessage) => void): void;
  onClose(listener: (msg: CommMessage) => void): void;
}

export interface CommBridge {
  /** Opens a comm to the front end's `targetName` (e.g. "jupyter.widget"). */
  open(targetName: string, data?: Record<string, unknown>, metadata?: Record<string, unknown>): CommHandle;
  /** Handles comms the front end opens to `name`. */
  registerTarget(name: string, handler: (comm: CommHandle, open: CommMessage) => void): void;
}

export interface KernelBridge {
  /** Sends `display_data`, or `update_display_data` when `update` is true, to the running cell's output. */
  publishDisplay(content: DisplayContent, update: boolean): void;
  /** Sends `clear_output` for the running cell. */
  clearOutput(wait: boolean): void;
  /** Asks the front end for a line of text (`password`: typed characters hidden). */
  requestInput?(prompt: string, password: boolean): Promise<string>;
  /** The comm protocol (absent outside a kernel). */
  comms?: CommBridge;
}

export const KERNEL_BRIDGE_KEY = Symbol.for("transformers-lab.kernel");

/** The kernel's bridge, or undefined when running as a plain Node program. */
export function kernelBridge(): KernelBridge | undefined {
  return (globalThis as unknown as { [KERNEL_BRIDGE_KEY]?: KernelBridge })[KERNEL_BRIDGE_KEY];
}

/** Used by the kernel at start-up. */
export function installKernelBridge(bridge: KernelBridge | undefined): void {
  (globalThis as unknown as { [KERNEL_BRIDGE_KEY]?: KernelBridge })[KERNEL_BRIDGE_KEY] = bridge;
}

/** True inside a Transformers Lab kernel. */
export function inKernel(): boolean {
  return kernelBridge() !== undefined;
}
