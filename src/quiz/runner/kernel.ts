/**
 * One kernel process and a client for it over ZMQ: start with a fresh connection file, execute
 * code with a time limit (interrupt, then kill), and collect outputs in nbformat's shape.
 */
import { ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zmq from "zeromq";
import { NotebookOutput } from "../notebook";
import { ConnectionInfo, channelUrl, createConnectionFile } from "./connection";
import { Message, decode, encode, newHeader } from "./messages";
import { OutputCollector } from "./outputs";

/** The kernel could not be started or stopped answering. */
export class KernelError extends Error {
  override name = "KernelError";
}

export interface KernelLaunch {
  /** argv of the kernel, given the connection file. */
  command(connectionFile: string): string[];
  /** Code to run silently before anything else (e.g. importing the SDK into a bare tslab kernel). */
  prelude?: string;
  /** Whether the kernel aborts requests that arrive just after an error (stock tslab does, for 200 ms). */
  abortsAfterError?: boolean;
}

/** The repository/package root, found from this file (dist/src/quiz/runner or src/quiz/runner). */
export const packageRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) || path.basename(dir) === "dist") dir = path.dirname(dir);
  return dir;
})();

/**
 * How to start the Transformers Lab kernel: the kernel package's own `kernelCommand` when it is
 * built, else tslab's kernel with the SDK imported by a prelude cell.
 */
export function defaultKernelLaunch(): KernelLaunch {
  for (const candidate of [path.join(packageRoot, "dist", "kernel", "spec.js")]) {
    if (!fs.existsSync(candidate)) continue;
    const spec = require(candidate) as { kernelCommand?: (file: string, root?: string, nodeFlags?: string[]) => string[]; BATCH_KERNEL_NODE_FLAGS?: readonly string[] };
    if (typeof spec.kernelCommand === "function") {
      return { command: (file) => spec.kernelCommand!(file, packageRoot, [...(spec.BATCH_KERNEL_NODE_FLAGS ?? [])]) };
    }
  }
  const tslabMain = require.resolve("tslab/dist/main.js");
  const sdk = path.join(packageRoot, "dist", "src", "index");
  return {
    command: (file) => [process.execPath, "-e", `require(${JSON.stringify(tslabMain)}).main()`, "tslab", "kernel", "--config-path", file],
    prelude: `import { quiz } from ${JSON.stringify(sdk)};`,
    abortsAfterError: true,
  };
}

/**
 * A kernel process ready to be spawned: its argv and the connection this client uses. Grading
 * builds one that runs the kernel inside its sandbox (see grading/sandbox.ts).
 */
export interface KernelProcessSpec {
  argv: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  info: ConnectionInfo;
  /** Removes what was created for this process (connection file, folders). */
  dispose(): void;
}

export interface ExecuteOptions {
  /** Milliseconds before the cell is interrupted (then killed if it does not stop). */
  timeoutMs?: number;
  /** Milliseconds to wait after an interrupt before killing the kernel. */
  interruptGraceMs?: number;
  silent?: boolean;
  storeHistory?: boolean;
}

export interface ExecuteResult {
  /** "exited": the kernel process ended during the cell (process.exit, a crash, a memory limit). */
  status: "ok" | "error" | "aborted" | "timeout" | "exited";
  outputs: NotebookOutput[];
  executionCount: number | null;
  /** The kernel had to be killed to stop the cell; start a new one to go on. */
  killed: boolean;
  error?: { ename: string; evalue: string };
}

interface Pending {
  reply?: Message;
  idle: boolean;
  collector: OutputCollector;
  done: () => void;
}

/** Kernels this process started and has not stopped: killed when the process exits. */
const liveKernels = new Set<Kernel>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => { for (const k of liveKernels) k.kill(); });
}

/**
 * Makes Ctrl-C (and SIGTERM) end a command that runs kernels, and its kernels with it: the kernels
 * share the terminal's process group, and they treat SIGINT as "interrupt the cell", not "exit".
 */
let signalHooksInstalled = false;
export function exitWithKernelsOnSignals(): void {
  if (signalHooksInstalled) return;
  signalHooksInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => process.exit(130));
  }
}

/** A kernel started directly by this process, on TCP ports of 127.0.0.1. */
async function localProcess(launch: KernelLaunch, cwd?: string, env?: NodeJS.ProcessEnv): Promise<KernelProcessSpec> {
  const { file, info } = await createConnectionFile();
  return { argv: launch.command(file), cwd, env, info, dispose: () => fs.rmSync(file, { force: true }) };
}

export class Kernel {
  private readonly shell = new zmq.Dealer();
  private readonly control = new zmq.Dealer();
  private readonly iopub = new zmq.Subscriber();
  private readonly session = randomUUID();
  private readonly pending = new Map<string, Pending>();
  private exited = false;
  private lastWasError = false;
  private stderr = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly info: ConnectionInfo,
    private readonly dispose: () => void,
    readonly launch: KernelLaunch,
  ) {
    child.on("exit", () => {
      this.exited = true;
      for (const p of this.pending.values()) p.done();
    });
    child.stderr?.on("data", (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-4000); });
  }

  /** Starts a kernel process and waits until it answers on shell and publishes on iopub. */
  static async start(options: { launch?: KernelLaunch; cwd?: string; env?: NodeJS.ProcessEnv; startTimeoutMs?: number; process?: () => Promise<KernelProcessSpec> } = {}): Promise<Kernel> {
    const launch = options.launch ?? defaultKernelLaunch();
    const spec = options.process ? await options.process() : await localProcess(launch, options.cwd, options.env);
    const [cmd, ...args] = spec.argv;
    const child = spawn(cmd, args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ["ignore", "ignore", "pipe"] });
    const kernel = new Kernel(child, spec.info, () => spec.dispose(), launch);
    liveKernels.add(kernel);
    installExitHook();
    try {
      await kernel.connect(options.startTimeoutMs ?? 60_000);
      if (launch.prelude) {
        const r = await kernel.execute(launch.prelude, { silent: true, storeHistory: false, timeoutMs: 60_000 });
        if (r.status !== "ok") throw new KernelError(`The kernel's prelude failed: ${r.error?.evalue ?? r.status}`);
      }
    } catch (e) {
      kernel.kill();
      throw e;
    }
    return kernel;
  }

  get alive(): boolean {
    return !this.exited;
  }

  private url(port: number): string {
    return channelUrl(this.info, port);
  }

  private async connect(timeoutMs: number): Promise<void> {
    this.shell.connect(this.url(this.info.shell_port));
    this.control.connect(this.url(this.info.control_port));
    this.iopub.connect(this.url(this.info.iopub_port));
    this.iopub.subscribe();
    void this.receiveLoop(this.shell);
    void this.receiveLoop(this.control);
    void this.receiveLoop(this.iopub);
    const deadline = Date.now() + timeoutMs;
    // First wait for the kernel to answer at all, with kernel_info requests (cheap to answer when
    // several have queued up during a slow start)…
    let answered = false;
    while (!answered && Date.now() < deadline) {
      if (this.exited) throw new KernelError(`The kernel exited while starting.\n${this.stderr}`);
      answered = (await this.request("kernel_info_request", {}, Math.min(1000, deadline - Date.now()), undefined, false)) !== undefined;
    }
    // …then probe with empty executions until one's "idle" status arrives on iopub: messages
    // published before our subscription reaches the kernel are lost, and from then on none can be.
    while (answered && Date.now() < deadline) {
      if (this.exited) throw new KernelError(`The kernel exited while starting.\n${this.stderr}`);
      const probe = await this.request("execute_request", { code: "", silent: true, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: false }, Math.min(500, deadline - Date.now()));
      if (probe?.idle && probe.reply) return;
    }
    throw new KernelError(`The kernel did not start within ${Math.round(timeoutMs / 1000)} s.\n${this.stderr}`);
  }

  private async receiveLoop(socket: zmq.Dealer | zmq.Subscriber): Promise<void> {
    try {
      for await (const frames of socket) {
        const msg = decode(this.info.key, frames as Buffer[]);
        if (msg) this.dispatch(msg, socket === this.iopub);
      }
    } catch {
      // The socket was closed.
    }
  }

  private dispatch(msg: Message, fromIopub: boolean): void {
    const parent = msg.parent_header?.msg_id;
    const p = parent ? this.pending.get(parent) : undefined;
    if (!p) return;
    if (!fromIopub) {
      p.reply = msg;
    } else {
      if (p.collector.add(msg.header.msg_type, msg.content as Record<string, unknown>)) p.idle = true;
    }
    if (p.reply && p.idle) p.done();
  }

  /** Sends a request and resolves when its reply and its iopub "idle" have arrived (or on timeout). */
  private request(msgType: string, content: Record<string, unknown>, timeoutMs: number, onStart?: (msgId: string) => void, needIdle = true): Promise<Pending | undefined> {
    const msg: Message = { header: newHeader(msgType, this.session), parent_header: {}, metadata: {}, content };
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const p: Pending = {
        idle: !needIdle, collector: new OutputCollector(),
        done: () => { clearTimeout(timer); this.pending.delete(msg.header.msg_id); resolve(p); },
      };
      this.pending.set(msg.header.msg_id, p);
      timer = setTimeout(() => { this.pending.delete(msg.header.msg_id); resolve(undefined); }, Math.max(1, timeoutMs));
      onStart?.(msg.header.msg_id);
      void this.shell.send(encode(this.info.key, msg));
    });
  }

  /** Runs `code`; past `timeoutMs` the cell is interrupted, and the kernel killed if it will not stop. */
  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    if (this.exited) throw new KernelError("The kernel is not running.");
    if (this.lastWasError && this.launch.abortsAfterError) await new Promise((r) => setTimeout(r, 250));
    const timeoutMs = options.timeoutMs ?? 60_000;
    let msgId = "";
    const content = {
      code, silent: options.silent ?? false, store_history: options.storeHistory ?? !(options.silent ?? false),
      user_expressions: {}, allow_stdin: false, stop_on_error: false,
    };
    let p = await this.request("execute_request", content, timeoutMs, (id) => { msgId = id; });
    let timedOut = false;
    if (!p) {
      timedOut = true;
      // Keep listening while the interrupt takes effect.
      p = await new Promise<Pending | undefined>((resolve) => {
        const partial: Pending = {
          idle: false, collector: new OutputCollector(),
          done: () => { clearTimeout(timer); this.pending.delete(msgId); resolve(partial); },
        };
        this.pending.set(msgId, partial);
        const timer = setTimeout(() => { this.pending.delete(msgId); resolve(undefined); }, options.interruptGraceMs ?? 3000);
        void this.interrupt();
      });
    }
    if (!p || this.exited) {
      this.kill();
      return { status: timedOut ? "timeout" : "exited", outputs: p?.collector.outputs ?? [], executionCount: null, killed: true };
    }
    const reply = (p.reply?.content ?? {}) as Record<string, any>;
    const status = timedOut ? "timeout" : (reply.status ?? "error");
    this.lastWasError = status !== "ok";
    const errorOut = p.collector.outputs.find((o) => o.output_type === "error");
    const error = status === "error" ? { ename: String(reply.ename ?? errorOut?.ename ?? "Error"), evalue: String(reply.evalue ?? errorOut?.evalue ?? "") } : undefined;
    return { status, outputs: p.collector.outputs, executionCount: reply.execution_count ?? null, killed: false, error };
  }

  /** Asks the kernel to interrupt the running cell (control message and SIGINT, whichever it hears). */
  async interrupt(): Promise<void> {
    const msg: Message = { header: newHeader("interrupt_request", this.session), parent_header: {}, metadata: {}, content: {} };
    void this.control.send(encode(this.info.key, msg));
    try { this.child.kill("SIGINT"); } catch { /* already gone */ }
  }

  /** Stops the kernel process at once and releases the sockets. */
  kill(): void {
    if (!this.exited) { try { this.child.kill("SIGKILL"); } catch { /* already gone */ } }
    this.close();
  }

  /** Asks the kernel to shut down, killing it if it does not within a second. */
  async shutdown(): Promise<void> {
    if (!this.exited) {
      const msg: Message = { header: newHeader("shutdown_request", this.session), parent_header: {}, metadata: {}, content: { restart: false } };
      void this.control.send(encode(this.info.key, msg));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { this.kill(); resolve(); }, 1000);
        this.child.once("exit", () => { clearTimeout(timer); resolve(); });
      });
    }
    this.close();
  }

  private close(): void {
    liveKernels.delete(this);
    for (const s of [this.shell, this.control, this.iopub]) { try { s.close(); } catch { /* closed */ } }
    this.dispose();
  }
}
