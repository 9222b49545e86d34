/**
 * Loading the SDK's WebAssembly kernels (the `kernels/` folders): small float32 loops that run
 * several times faster than the same loop in TypeScript. Each kernel has a TypeScript twin that
 * gives the same bits; a kernel that cannot load (no WebAssembly SIMD) falls back to it.
 */

// Node's WebAssembly global, typed here: its declarations live in lib.dom, which the SDK does not load.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
};

export interface WasmKernel {
  memory: WasmMemory;
  exports: Record<string, unknown>;
}

const PAGE = 65536;

/** Instantiates a kernel from its bytes with at least `bytes` of memory, or null when it cannot load. */
function instantiateKernel(base64: string, bytes: number): WasmKernel | null {
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(base64, "base64")));
    const memory = instance.exports.memory as WasmMemory;
    const missing = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
    if (missing > 0) memory.grow(missing);
    return { memory, exports: instance.exports };
  } catch {
    return null;
  }
}

/** A kernel loaded on first use (null after a failed load, so the caller uses its TypeScript twin). */
export function lazyKernel(base64: string, bytes: number): () => WasmKernel | null {
  let kernel: WasmKernel | null | undefined;
  return () => (kernel === undefined ? (kernel = instantiateKernel(base64, bytes)) : kernel);
}
