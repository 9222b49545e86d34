/**
 * A real Jupyter server (Debian's classic Notebook server) on 127.0.0.1 with our kernelspec in a
 * private prefix, and @jupyterlab/services settings to talk to it from Node (with the `ws`
 * package: Node 20 has no global WebSocket).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { ServerConnection, type Kernel, type KernelMessage } from "@jupyterlab/services";
import { privateJupyter } from "./jupyter";
import { systemComponent } from "../helpers/system";

// The `ws` package ships no type declarations; the services library only needs its constructor.
const WebSocketImpl: unknown = require("ws");

export function notebookServerComponent() {
  return systemComponent("the Jupyter Notebook server", ["jupyter-notebook", "--version"], "apt-get install jupyter-notebook");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  token: string;
  root: string;
  settings: ServerConnection.ISettings;
  log: () => string;
  stop(): Promise<void>;
}

/** Starts `jupyter notebook` serving `root` (created under test-output/<name>); waits until it answers. */
export async function startNotebookServer(name: string, files: Record<string, string> = {}): Promise<RunningServer> {
  const { dir, env } = privateJupyter(name);
  const root = path.join(dir, "notebooks");
  fs.mkdirSync(root, { recursive: true });
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(root, file), content);
  const port = await freePort();
  const token = randomBytes(12).toString("hex");
  const child: ChildProcess = spawn("jupyter-notebook", [
    "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0", `--NotebookApp.token=${token}`,
    "--NotebookApp.open_browser=False", `--notebook-dir=${root}`, "--allow-root",
  ], { env, cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the notebook server exited:\n${log}`);
    try {
      const r = await fetch(`${url}/api/status?token=${token}`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the notebook server did not start within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const settings = ServerConnection.makeSettings({
    baseUrl: url + "/",
    wsUrl: url.replace(/^http/, "ws") + "/",
    token,
    appendToken: true,
    WebSocket: WebSocketImpl as never,
  });
  return {
    url, token, root, settings, log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Executes code and gathers the iopub messages of that request and its reply. */
export async function run(kernel: Kernel.IKernelConnection, code: string) {
  const future = kernel.requestExecute({ code, stop_on_error: true });
  const messages: KernelMessage.IIOPubMessage[] = [];
  future.onIOPub = (msg) => {
    messages.push(msg);
  };
  const reply = await future.done;
  const of = (type: string) => messages.filter((m) => m.header.msg_type === type);
  return { reply: reply.content as KernelMessage.IExecuteReply & { ename?: string }, messages, of };
}
