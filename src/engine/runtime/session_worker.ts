// The worker thread that owns onnxruntime sessions. session.run blocks the thread that calls it,
// so running here keeps the kernel's event loop free while a model computes.
import { parentPort } from "node:worker_threads";
import * as ort from "onnxruntime-node";
import type { Reply, Request, WireTensor } from "./wire";

const sessions = new Map<number, ort.InferenceSession>();
const port = parentPort!;

function transferList(ts: WireTensor[]): ArrayBuffer[] {
  return ts.map((t) => t.data.buffer as ArrayBuffer);
}

async function handle(msg: Request): Promise<void> {
  if (msg.type === "create") {
    try {
      const options: ort.InferenceSession.SessionOptions = { interOpNumThreads: 1, graphOptimizationLevel: "all" };
      if (msg.options.intraOpNumThreads !== undefined) options.intraOpNumThreads = msg.options.intraOpNumThreads;
      const session = await ort.InferenceSession.create(msg.bytes, options);
      sessions.set(msg.sessionId, session);
      const reply: Reply = { type: "ok", reqId: msg.reqId, inputNames: [...session.inputNames] };
      port.postMessage(reply);
    } catch (e) {
      port.postMessage({ type: "error", reqId: msg.reqId, message: (e as Error).message } satisfies Reply);
    }
    return;
  }
  if (msg.type === "release") {
    const s = sessions.get(msg.sessionId);
    sessions.delete(msg.sessionId);
    if (s) await s.release();
    port.postMessage({ type: "ok", reqId: msg.reqId } satisfies Reply);
    return;
  }
  // run: moved feeds go back to their owner whatever happens.
  const returned = msg.feeds.filter((f) => f.moved);
  try {
    const session = sessions.get(msg.sessionId);
    if (!session) throw new Error(`session ${msg.sessionId} was released`);
    const feeds: Record<string, ort.Tensor> = {};
    for (const f of msg.feeds) feeds[f.name] = new ort.Tensor(f.dtype, f.data as never, f.dims);
    const result = await session.run(feeds, msg.outputs);
    const outputs: WireTensor[] = msg.outputs.map((name) => {
      const t = result[name];
      return { name, dtype: t.type as WireTensor["dtype"], dims: [...t.dims], data: t.data as WireTensor["data"] };
    });
    // Outputs are fresh buffers made by onnxruntime; move them too. One buffer may back two outputs.
    const buffers = new Set<ArrayBuffer>([...transferList(returned), ...transferList(outputs)]);
    port.postMessage({ type: "ok", reqId: msg.reqId, outputs, returned } satisfies Reply, [...buffers]);
  } catch (e) {
    port.postMessage({ type: "error", reqId: msg.reqId, message: (e as Error).message, returned } satisfies Reply, transferList(returned));
  }
}

port.on("message", (msg: Request) => {
  void handle(msg);
});
