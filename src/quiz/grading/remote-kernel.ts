/**
 * A graded kernel started by a remote Jupyter Server (or Enterprise Gateway, JupyterHub's
 * single-user servers…) from its `transformers-lab` kernelspec, driven through
 * @jupyterlab/services over the server's REST and WebSocket API. The server's own boundary
 * (a container or pod per kernel, typically) isolates the submission; the verdicts stay with the
 * judge in this process, exactly as with local kernels.
 */
import { KernelAPI, KernelConnection, ServerConnection, type Kernel } from "@jupyterlab/services";
import { ExecuteOptions, ExecuteResult } from "../runner/kernel";
import { OutputCollector } from "../runner/outputs";
import { GradingKernel } from "./grading-kernel";

/** A Jupyter Server that grading may start kernels on. */
export interface JupyterServer {
  url: string;
  token?: string;
}

/** The server could not be reached or refused to start a kernel (the submission is retried elsewhere). */
export class ServerUnavailableError extends Error {
  override name = "ServerUnavailableError";
}

// The `ws` package ships no type declarations; the services library only needs its constructor.
const WebSocketImpl: unknown = require("ws");

export function serverSettings(server: JupyterServer): ServerConnection.ISettings {
  const base = server.url.replace(/\/*$/, "/");
  return ServerConnection.makeSettings({
    baseUrl: base,
    wsUrl: base.replace(/^http/, "ws"),
    token: server.token ?? "",
    appendToken: true,
    WebSocket: WebSocketImpl as never,
  });
}

export class RemoteKernel implements GradingKernel {
  private lost = false;
  private connectingSince: number | undefined;
  /** How long a dropped WebSocket may take to come back before the kernel counts as lost. */
  private static readonly RECONNECT_GRACE_MS = 5000;

  private constructor(private readonly settings: ServerConnection.ISettings, private readonly connection: Kernel.IKernelConnection) {
    // A kernel that died, or was restarted by the server (its state is then gone), is lost to grading.
    connection.statusChanged.connect((_, status) => {
      if (status === "dead" || status === "restarting" || status === "autorestarting") this.lost = true;
    });
    // A WebSocket that reconnects at once is normal (e.g. protocol negotiation with older servers);
    // one that stays away, or gives up, means the server is gone.
    connection.connectionStatusChanged.connect((_, status) => {
      if (status === "disconnected") this.lost = true;
      this.connectingSince = status === "connecting" ? (this.connectingSince ?? Date.now()) : undefined;
    });
  }

  /**
   * Starts a kernel through the REST API and connects to it. No KernelManager: its background
   * polling would keep retrying a server that is gone instead of letting grading move on.
   */
  static async start(server: JupyterServer, kernelName = "transformers-lab", startTimeoutMs = 120_000): Promise<RemoteKernel> {
    const settings = serverSettings(server);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${startTimeoutMs / 1000} s`)), startTimeoutMs); });
    let connection: Kernel.IKernelConnection | undefined;
    try {
      const model = await Promise.race([KernelAPI.startNew({ name: kernelName }, settings), timeout]);
      connection = new KernelConnection({ model, serverSettings: settings });
      await Promise.race([connection.info, timeout]);
      return new RemoteKernel(settings, connection);
    } catch (e) {
      connection?.dispose();
      throw new ServerUnavailableError(`${server.url} could not start a "${kernelName}" kernel: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  get alive(): boolean {
    const away = this.connectingSince !== undefined && Date.now() - this.connectingSince > RemoteKernel.RECONNECT_GRACE_MS;
    return !this.lost && !away && !this.connection.isDisposed;
  }

  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    if (!this.alive) return { status: "exited", outputs: [], executionCount: null, killed: true };
    const timeoutMs = options.timeoutMs ?? 60_000;
    const collector = new OutputCollector();
    const future = this.connection.requestExecute({
      code, silent: options.silent ?? false, store_history: options.storeHistory ?? !(options.silent ?? false),
      allow_stdin: false, stop_on_error: false, user_expressions: {},
    }, true);
    future.onIOPub = (msg) => { collector.add(msg.header.msg_type, msg.content as Record<string, unknown>); };
    const reply = future.done.then((r) => r.content as unknown as Record<string, any>, () => undefined);
    const lost = new Promise<"lost">((resolve) => {
      const poll = setInterval(() => { if (!this.alive) { clearInterval(poll); resolve("lost"); } }, 100);
      void reply.finally(() => clearInterval(poll));
    });
    const wait = (ms: number) => new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms));
    let outcome = await Promise.race([reply, lost, wait(timeoutMs)]);
    let timedOut = false;
    if (outcome === "timeout") {
      timedOut = true;
      await this.connection.interrupt().catch(() => undefined);
      outcome = await Promise.race([reply, lost, wait(options.interruptGraceMs ?? 3000)]);
    }
    if (outcome === "timeout" || outcome === "lost" || outcome === undefined) {
      this.kill();
      return { status: timedOut ? "timeout" : "exited", outputs: collector.outputs, executionCount: null, killed: true };
    }
    const status = timedOut ? "timeout" : (outcome.status ?? "error");
    const errorOut = collector.outputs.find((o) => o.output_type === "error");
    const error = status === "error" ? { ename: String(outcome.ename ?? errorOut?.ename ?? "Error"), evalue: String(outcome.evalue ?? errorOut?.evalue ?? "") } : undefined;
    return { status, outputs: collector.outputs, executionCount: outcome.execution_count ?? null, killed: false, error };
  }

  /** Shuts the remote kernel down (best effort: the server may already be gone). */
  kill(): void {
    this.lost = true;
    if (!this.connection.isDisposed) {
      const id = this.connection.id;
      this.connection.dispose();
      void KernelAPI.shutdownKernel(id, this.settings).catch(() => undefined);
    }
  }
}
