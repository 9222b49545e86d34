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

export interface KernelBridge {
  /** Sends `display_data`, or `update_display_data` when `update` is true, to the running cell's output. */
  publishDisplay(content: DisplayContent, update: boolean): void;
  /** Sends `clear_output` for the running cell. */
  clearOutput(wait: boolean): void;
  /** Asks the front end for a line of text (`password`: typed characters hidden). */
  requestInput?(prompt: string, password: boolean): Promise<string>;
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
