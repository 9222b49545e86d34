/**
 * The kernel's I/O thread. It owns the iopub, control and heartbeat sockets, so that while the
 * main thread is busy running a cell:
 * - output keeps flowing (the main thread posts ready-made frames here; posting never blocks),
 * - heartbeats are answered (the kernel does not look dead),
 * - `interrupt_request` on the control channel is heard. An interrupt raises the shared
 *   cancellation flag and tells the main thread; if the main thread's event loop then stays
 *   blocked, the cell is in a synchronous loop and is stopped with the inspector's
 *   `Runtime.terminateExecution`, which ends the running JavaScript but keeps the process and
 *   every variable.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Session } from "node:inspector";
import * as zmq from "zeromq";
import { decodeMessage, encodeMessage, type JupyterMessage } from "./wire";
import { channelUrl } from "../src/quiz/runner/connection";
import { SLOT, PHASE, type ConnectionInfo, type ToIoThread, type FromIoThread } from "./shared-state";

interface IoThreadData {
  connection: ConnectionInfo;
  shared: Int32Array;
  session: string;
}

/** How long the main thread's event loop may stay silent after an interrupt before we terminate. */
const BLOCKED_AFTER_MS = 150;

const { connection, shared, session } = workerData as IoThreadData;
const port = parentPort!;
const key = connection.key;
const address = (p: number) => channelUrl(connection, p);

const iopub = new zmq.Publisher();
const control = new zmq.Router();
const heartbeat = new zmq.Reply();
let kernelInfo: Record<string, unknown> = {};

// Sends are queued so frames keep their order even when the socket applies back-pressure.
let sending: Promise<void> = Promise.resolve();
function send(socket: zmq.Publisher | zmq.Router, frames: Array<string | Buffer>): void {
  sending = sending.then(() => socket.send(frames)).catch((e) => post({ kind: "log", text: `send failed: ${e}` }));
}

function post(msg: FromIoThread): void {
  port.postMessage(msg);
}

function publish(msgType: string, content: unknown, parent: JupyterMessage): void {
  send(iopub, encodeMessage(key, [], msgType, content, parent.header, session));
}

function reply(msg: JupyterMessage, msgType: string, content: unknown): void {
  send(control, encodeMessage(key, msg.identities, msgType, content, msg.header, session));
}

function terminateMainThreadExecution(): void {
  const inspector = new Session();
  // Available in worker threads (Node ≥ 12); missing from @types/node 20.11.
  (inspector as unknown as { connectToMainThread(): void }).connectToMainThread();
  // Disconnect once done so the process does not wait for a debugger when it exits.
  inspector.post("Runtime.terminateExecution", () => inspector.disconnect());
}

function interrupt(): void {
  const execution = Atomics.load(shared, SLOT.execution);
  Atomics.store(shared, SLOT.interrupt, 1);
  post({ kind: "interrupt", execution });
  const beat = Atomics.load(shared, SLOT.heartbeat);
  setTimeout(() => {
    const stillRunning = Atomics.load(shared, SLOT.phase) === PHASE.running && Atomics.load(shared, SLOT.execution) === execution;
    const blocked = Atomics.load(shared, SLOT.heartbeat) === beat;
    if (stillRunning && blocked) {
      terminateMainThreadExecution();
      post({ kind: "terminated", execution });
    }
  }, BLOCKED_AFTER_MS);
}

async function serveControl(): Promise<void> {
  for await (const frames of control) {
    let msg: JupyterMessage;
    try {
      msg = decodeMessage(key, frames as Buffer[]);
    } catch (e) {
      post({ kind: "log", text: `control: dropped a message: ${(e as Error).message}` });
      continue;
    }
    publish("status", { execution_state: "busy" }, msg);
    switch (msg.header.msg_type) {
      case "interrupt_request":
        interrupt();
        reply(msg, "interrupt_reply", { status: "ok" });
        break;
      case "shutdown_request": {
        const restart = Boolean(msg.content.restart);
        reply(msg, "shutdown_reply", { status: "ok", restart });
        publish("status", { execution_state: "idle" }, msg);
        post({ kind: "shutdown", restart });
        // If the main thread is stuck, end the process anyway so the server can restart it.
        setTimeout(() => process.kill(process.pid, "SIGKILL"), 3000).unref();
        await sending;
        continue;
      }
      case "kernel_info_request":
        reply(msg, "kernel_info_reply", kernelInfo);
        break;
      default:
        reply(msg, msg.header.msg_type.replace(/_request$/, "_reply"), {
          status: "error", ename: "NotImplementedError", evalue: `${msg.header.msg_type} is not supported on the control channel`, traceback: [],
        });
    }
    publish("status", { execution_state: "idle" }, msg);
  }
}

async function serveHeartbeat(): Promise<void> {
  for await (const frames of heartbeat) await heartbeat.send(frames);
}

port.on("message", (msg: ToIoThread) => {
  switch (msg.kind) {
    case "send":
      send(iopub, msg.frames);
      break;
    case "kernel-info":
      kernelInfo = msg.content;
      break;
    case "stop":
      void sending.then(() => {
        iopub.close();
        control.close();
        heartbeat.close();
        port.close();
      });
      break;
  }
});

(async () => {
  await Promise.all([
    iopub.bind(address(connection.iopub_port)),
    control.bind(address(connection.control_port)),
    heartbeat.bind(address(connection.hb_port)),
  ]);
  void serveControl().catch((e) => post({ kind: "log", text: `control loop ended: ${e}` }));
  void serveHeartbeat().catch(() => {});
  post({ kind: "ready" });
})().catch((e) => {
  post({ kind: "log", text: `cannot bind the kernel's sockets: ${e}` });
  process.exit(1);
});
