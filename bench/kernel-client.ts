/**
 * A minimal Jupyter client for benchmarks: starts any kernel from its argv on a fresh connection
 * file, waits until it answers kernel_info, and executes code to the reply and the idle status.
 * The same client drives every kernel compared, so the numbers differ only by the kernel.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as zmq from "zeromq";
import { decodeMessage, encodeMessage, type JupyterMessage } from "../kernel/wire";

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => resolve(s));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export class BenchKernel {
  private readonly session = randomBytes(8).toString("hex");
  private readonly waiters = new Map<string, { reply?: JupyterMessage; idle: boolean; done: () => void }>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly key: string,
    private readonly shell: zmq.Dealer,
    private readonly iopub: zmq.Subscriber,
    private readonly connectionFile: string,
  ) {}

  /** Starts the kernel `argv(connectionFile)` and resolves once it answers kernel_info. */
  static async start(argv: (connectionFile: string) => string[], cwd = os.tmpdir(), env: NodeJS.ProcessEnv = process.env): Promise<BenchKernel> {
    const [shellPort, iopubPort, stdinPort, controlPort, hbPort] = await freePorts(5);
    const key = randomBytes(16).toString("hex");
    const connectionFile = path.join(os.tmpdir(), `bench-kernel-${randomBytes(6).toString("hex")}.json`);
    fs.writeFileSync(connectionFile, JSON.stringify({
      ip: "127.0.0.1", transport: "tcp", shell_port: shellPort, iopub_port: iopubPort, stdin_port: stdinPort,
      control_port: controlPort, hb_port: hbPort, key, signature_scheme: "hmac-sha256", kernel_name: "",
    }));
    const [cmd, ...args] = argv(connectionFile);
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "ignore", "ignore"] });
    const shell = new zmq.Dealer();
    const iopub = new zmq.Subscriber();
    shell.connect(`tcp://127.0.0.1:${shellPort}`);
    iopub.connect(`tcp://127.0.0.1:${iopubPort}`);
    iopub.subscribe();
    const kernel = new BenchKernel(child, key, shell, iopub, connectionFile);
    kernel.listen();
    // Ask for kernel_info until one is answered and iopub is connected (the idle status arrives).
    for (;;) {
      if (child.exitCode !== null) throw new Error(`kernel ${cmd} exited with ${child.exitCode}`);
      const answered = await Promise.race([kernel.request("kernel_info_request", {}).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 500))]);
      if (answered) return kernel;
    }
  }

  private listen(): void {
    void (async () => {
      for await (const frames of this.shell) {
        const msg = decodeMessage(this.key, frames as Buffer[]);
        const w = this.waiters.get(String(msg.parent_header.msg_id));
        if (w) {
          w.reply = msg;
          if (w.idle) w.done();
        }
      }
    })().catch(() => {});
    void (async () => {
      for await (const frames of this.iopub) {
        const msg = decodeMessage(this.key, frames as Buffer[]);
        if (msg.header.msg_type !== "status" || msg.content.execution_state !== "idle") continue;
        const w = this.waiters.get(String(msg.parent_header.msg_id));
        if (w) {
          w.idle = true;
          if (w.reply) w.done();
        }
      }
    })().catch(() => {});
  }

  /** Sends a request; resolves with its reply once the kernel is idle again. */
  request(msgType: string, content: Record<string, unknown>): Promise<JupyterMessage> {
    const frames = encodeMessage(this.key, [], msgType, content, undefined, this.session);
    const header = JSON.parse(String(frames[2]));
    return new Promise((resolve) => {
      const entry = { idle: false, reply: undefined as JupyterMessage | undefined, done: () => {
        this.waiters.delete(header.msg_id);
        resolve(entry.reply!);
      } };
      this.waiters.set(header.msg_id, entry);
      void this.shell.send(frames);
    });
  }

  execute(code: string): Promise<JupyterMessage> {
    return this.request("execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.kill("SIGKILL");
    await exited;
    this.shell.close();
    this.iopub.close();
    fs.rmSync(this.connectionFile, { force: true });
  }
}
