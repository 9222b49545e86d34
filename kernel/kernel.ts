/**
 * The kernel's main thread: the shell socket, the execution queue and the cell runner, on top of
 * tslab's converter (TypeScript → JavaScript with type checking), executor (runs cells, keeps
 * variables between them) and JupyterHandlerImpl (completion and inspection).
 *
 * tslab's own ZmqServer binds every socket on this thread; a cell in a busy loop then blocks
 * heartbeats, output and interrupts. Here the iopub, control and heartbeat sockets live in the
 * I/O thread (io-thread.ts) and this thread keeps only shell and stdin.
 */
import * as path from "node:path";
import * as fs from "node:fs";
import { randomBytes } from "node:crypto";
import { MessageChannel, Worker } from "node:worker_threads";
import * as zmq from "zeromq";
import { createConverter, type Converter } from "tslab/dist/converter";
import { createExecutor, type Executor, type ConverterSet } from "tslab/dist/executor";
import { JupyterHandlerImpl } from "tslab/dist/jupyter";
import { decodeMessage, encodeMessage, PROTOCOL_VERSION, type JupyterMessage, type MessageHeader } from "./wire";
import { channelUrl } from "../src/quiz/runner/connection";
import { SLOT, PHASE, createSharedState, type ConnectionInfo, type FromIoThread, type ToIoThread } from "./shared-state";
import { StreamBuffer, type StreamName } from "./output";
import { enterExecution, installCellScopedTimers, kernelTimers, silenceExecution } from "./cell-scope";
import { diagnosticsError, runtimeError, type CellDiagnostic, type ErrorContent } from "./errors";
import { History, type HistoryRequest } from "./history";
import { isComplete } from "./completeness";
import { expandShorthandProperties } from "./shorthand";
import { declarationsAfterFailure } from "./declarations";
import { preludeSource, tslabTypeScript } from "./prelude";
import { KeyboardInterrupt, resetInterrupt, useSharedInterruptFlag } from "../src/utils/cancellation";
import { installKernelBridge, type DisplayContent } from "../src/display/kernel-bridge";
import { toMimeBundle } from "../src/display/mimebundle";
import { exitKernel, guardProcessExit } from "./process-exit";
import { completeReply, type CompleteReply } from "./completions";
import { SignatureHelper, cursorOpensArgument } from "./signature-help";
import { StdinChannel, disconnectProcessStdin } from "./stdin";
import { parseTimeMagic, startTiming } from "./magics";
import { LastResults } from "./last-results";
import { CommManager } from "./comms";

const NO_VALUE = Symbol("no value");

/** What happened while one cell ran. */
interface CellRun {
  execution: number;
  interrupted: boolean;
  value: unknown;
  diagnostics: CellDiagnostic[];
  errors: unknown[];
  cancel?: (reason: unknown) => void;
}

interface QueuedTask {
  msg?: JupyterMessage;
  aborted: boolean;
  run: () => Promise<void>;
}

/** The executor reports through a console; its `log` is the cell's last value, `error` what failed. */
const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";

export interface KernelOptions {
  connection: ConnectionInfo;
  /** The package root (for the SDK prelude and versions). */
  root: string;
  /** Skip the SDK prelude (plain tslab behaviour, for comparisons). */
  prelude?: boolean;
  /** Called once, a moment after the first cells ran (for work that must not delay them). */
  onIdle?: () => void;
}

export class Kernel {
  private readonly connection: ConnectionInfo;
  private readonly root: string;
  private readonly session = randomBytes(16).toString("hex");
  private readonly shared = createSharedState();
  private readonly history = new History();
  private readonly streams: StreamBuffer;
  private readonly originalWrite = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };
  private worker!: Worker;
  private shell!: zmq.Router;
  private stdin!: zmq.Router;
  private executorInstance: Executor | undefined;
  private handler: KernelHandler | undefined;
  private executionCount = 0;
  private current: CellRun | undefined;
  /** What later cells are type-checked against (see declarations.ts for why the kernel keeps it). */
  private declarations = "";
  /** The latest cell's conversion: its (rewritten) source and tslab's result. */
  private lastConversion: { src: string; result: ReturnType<Converter["convert"]> } | undefined;
  /** The request whose cell receives output (like ipykernel: the latest execute request). */
  private outputParent: MessageHeader | undefined;
  private readonly queue: QueuedTask[] = [];
  private draining = false;
  private readonly withPrelude: boolean;
  private onIdle: (() => void) | undefined;
  private signatureHelper: SignatureHelper | undefined;
  private stdinChannel!: StdinChannel;
  /** Comms publish with the current output parent (the request being served). */
  private readonly comms = new CommManager(
    (msgType, content) => this.publish(msgType, content),
    () => randomBytes(16).toString("hex"),
    (text) => this.log(text),
  );
  private readonly lastResults = new LastResults(() => this.executor().locals as Record<string, unknown>);
  /** The execute_request being served: where input_request goes and whether it may (allow_stdin). */
  private executeRequest: JupyterMessage | undefined;

  constructor(options: KernelOptions) {
    this.connection = options.connection;
    this.root = options.root;
    this.withPrelude = options.prelude ?? true;
    this.onIdle = options.onIdle;
    this.streams = new StreamBuffer((name, text) => this.publish("stream", { name, text }));
  }

  async start(): Promise<void> {
    useSharedInterruptFlag(this.shared);
    installCellScopedTimers();
    kernelTimers.setInterval(() => Atomics.add(this.shared, SLOT.heartbeat, 1), 10).unref();
    await this.startIoThread();
    this.shell = new zmq.Router();
    this.stdin = new zmq.Router();
    const address = (p: number) => channelUrl(this.connection, p);
    await Promise.all([this.shell.bind(address(this.connection.shell_port)), this.stdin.bind(address(this.connection.stdin_port))]);
    this.captureProcessOutput();
    this.stdinChannel = new StdinChannel(this.stdin, this.connection.key, this.session, (text) => this.log(text));
    void this.stdinChannel.serve().catch((e) => this.log(`stdin loop ended: ${e}`));
    disconnectProcessStdin();
    installKernelBridge({
      comms: this.comms,
      requestInput: (prompt: string, password: boolean) => {
        this.streams.flush();
        return this.stdinChannel.request(this.executeRequest, prompt, password);
      },
      publishDisplay: (content: DisplayContent, update: boolean) => {
        this.streams.flush();
        this.publish(update ? "update_display_data" : "display_data", content);
      },
      clearOutput: (wait: boolean) => {
        this.streams.flush();
        this.publish("clear_output", { wait });
      },
    });
    this.toIoThread({ kind: "kernel-info", content: this.kernelInfo() });
    process.on("unhandledRejection", (reason) => this.reportStray("Unhandled promise rejection", reason));
    process.on("uncaughtException", (error) => this.reportStray("Uncaught exception", error));
    process.on("SIGINT", () => this.interrupt(Atomics.load(this.shared, SLOT.execution)));
    guardProcessExit();
    // The prelude runs first in the queue, before any request is served.
    this.enqueue({ aborted: false, run: () => this.runPrelude() });
    void this.serveShell();
  }

  // ---- plumbing -------------------------------------------------------------------------

  private startIoThread(): Promise<void> {
    this.worker = new Worker(path.join(__dirname, "io-thread.js"), {
      workerData: { connection: this.connection, shared: this.shared, session: this.session },
    });
    this.worker.on("error", (e) => {
      this.log(`the I/O thread failed: ${e.stack ?? e}`);
      exitKernel(1);
    });
    this.worker.on("exit", (code) => {
      if (code !== 0) exitKernel(code);
    });
    return new Promise((resolve) => {
      this.worker.on("message", (msg: FromIoThread) => {
        switch (msg.kind) {
          case "ready":
            resolve();
            break;
          case "interrupt":
          case "terminated":
            this.interrupt(msg.execution);
            break;
          case "shutdown":
            this.shutdown();
            break;
          case "log":
            this.log(msg.text);
            break;
        }
      });
    });
  }

  private toIoThread(msg: ToIoThread): void {
    this.worker.postMessage(msg);
  }

  /** Publishes on iopub (through the I/O thread) with the current output parent. */
  private publish(msgType: string, content: unknown, parent: Partial<MessageHeader> | undefined = this.outputParent): void {
    if (msgType !== "stream") this.streams.flush();
    const frames = encodeMessage(this.connection.key, [], msgType, content, parent, this.session);
    this.toIoThread({ kind: "send", socket: "iopub", frames });
  }

  private reply(msg: JupyterMessage, msgType: string, content: unknown): void {
    void this.shell.send(encodeMessage(this.connection.key, msg.identities, msgType, content, msg.header, this.session));
  }

  /** Kernel diagnostics go to the process's real stderr (the Jupyter server's log). */
  private log(text: string): void {
    this.originalWrite.stderr(`[transformers-lab kernel] ${text}\n`);
  }

  private captureProcessOutput(): void {
    const redirect = (name: StreamName) => (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      if (this.outputParent) this.streams.write(name, text);
      else this.originalWrite[name](text);
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    };
    process.stdout.write = redirect("stdout") as typeof process.stdout.write;
    process.stderr.write = redirect("stderr") as typeof process.stderr.write;
  }

  private reportStray(kind: string, reason: unknown): void {
    const text = reason instanceof Error ? reason.stack ?? String(reason) : String(reason);
    process.stderr.write(`${kind}: ${text}\n`);
  }

  // ---- request queue ----------------------------------------------------------------------

  private async serveShell(): Promise<void> {
    for await (const frames of this.shell) {
      let msg: JupyterMessage;
      try {
        msg = decodeMessage(this.connection.key, frames as Buffer[]);
      } catch (e) {
        this.log(`shell: dropped a message: ${(e as Error).message}`);
        continue;
      }
      const task: QueuedTask = { msg, aborted: false, run: () => this.dispatch(msg, task) };
      this.enqueue(task);
    }
  }

  private enqueue(task: QueuedTask): void {
    this.queue.push(task);
    if (!this.draining) void this.drain();
  }

  /** Requests are served one at a time, in arrival order, like ipykernel. */
  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      const task = this.queue.shift()!;
      try {
        await task.run();
      } catch (e) {
        this.log(`request failed: ${(e as Error).stack ?? e}`);
      }
    }
    this.draining = false;
    const onIdle = this.onIdle;
    if (onIdle && this.executionCount > 0) {
      this.onIdle = undefined;
      kernelTimers.setTimeout(() => onIdle(), 2000).unref();
    }
  }

  /** After a failed cell with stop_on_error, the execute requests already waiting are aborted. */
  private abortQueuedExecutions(): void {
    for (const task of this.queue) if (task.msg?.header.msg_type === "execute_request") task.aborted = true;
  }

  private async dispatch(msg: JupyterMessage, task: QueuedTask): Promise<void> {
    const type = msg.header.msg_type;
    this.publish("status", { execution_state: "busy" }, msg.header);
    try {
      switch (type) {
        case "execute_request":
          if (task.aborted) this.reply(msg, "execute_reply", { status: "aborted", execution_count: this.executionCount });
          else await this.execute(msg);
          break;
        case "kernel_info_request":
          this.reply(msg, "kernel_info_reply", this.kernelInfo());
          break;
        case "complete_request":
          this.reply(msg, "complete_reply", this.complete(String(msg.content.code ?? ""), Number(msg.content.cursor_pos)));
          break;
        case "inspect_request":
          this.reply(msg, "inspect_reply", this.inspect(String(msg.content.code ?? ""), Number(msg.content.cursor_pos), Number(msg.content.detail_level ?? 0)));
          break;
        case "is_complete_request":
          this.reply(msg, "is_complete_reply", isComplete(String(msg.content.code ?? "")));
          break;
        case "history_request":
          this.reply(msg, "history_reply", { status: "ok", history: this.history.query(msg.content as HistoryRequest) });
          break;
        case "comm_info_request":
          this.reply(msg, "comm_info_reply", { status: "ok", comms: this.comms.info(msg.content.target_name as string | undefined) });
          break;
        case "shutdown_request":
          this.reply(msg, "shutdown_reply", { status: "ok", restart: Boolean(msg.content.restart) });
          this.publish("status", { execution_state: "idle" }, msg.header);
          this.shutdown();
          return;
        case "comm_open":
        case "comm_msg":
        case "comm_close":
          // What a comm's listeners print or display goes under the message's busy/idle pair.
          this.outputParent = msg.header;
          this.comms.handle(type, msg.content);
          break;
        default:
          if (type.endsWith("_request")) {
            this.reply(msg, type.replace(/_request$/, "_reply"), {
              status: "error", ename: "NotImplementedError", evalue: `${type} is not supported by this kernel`, traceback: [],
            });
          }
      }
    } finally {
      this.publish("status", { execution_state: "idle" }, msg.header);
    }
  }

  // ---- completion and inspection ---------------------------------------------------------------

  private complete(code: string, cursor: number): CompleteReply {
    return completeReply(code, cursor, this.executor().complete(code, cursor));
  }

  /** Shift+Tab: inside a call, the call's signatures; elsewhere tslab's quick info, then signatures. */
  private inspect(code: string, cursor: number, detailLevel: number): Record<string, unknown> {
    const signatures = () => {
      try {
        return (this.signatureHelper ??= new SignatureHelper()).help(this.checkedDeclarations(), code, cursor);
      } catch (e) {
        this.log(`signature help failed: ${(e as Error).stack ?? e}`);
        return undefined;
      }
    };
    const found = (text: string) => ({ status: "ok", found: true, data: { "text/plain": text }, metadata: {} });
    const inCall = cursorOpensArgument(code, cursor) ? signatures() : undefined;
    if (inCall) return found(inCall);
    const info = this.getHandler().handleInspect({ code, cursor_pos: cursor, detail_level: detailLevel as 0 });
    if (info.found) return { ...info };
    const fallback = signatures();
    return fallback ? found(fallback) : { ...info };
  }

  // ---- execution ----------------------------------------------------------------------------

  private executor(): Executor {
    if (!this.executorInstance) {
      const shared = this.shared;
      const converter = createConverter({ isJS: false, isBrowser: false });
      // Every call gets the kernel's declarations instead of the executor's own copy.
      const guarded: Converter = {
        ...converter,
        convert: (_executorDecls, src) => {
          // Type-checking must never be cut short by the interrupt watchdog: mark it.
          const before = Atomics.exchange(shared, SLOT.phase, PHASE.compiling);
          try {
            const rewritten = expandShorthandProperties(src);
            const result = converter.convert(this.checkedDeclarations(), rewritten);
            this.lastConversion = { src: rewritten, result };
            return result;
          } finally {
            Atomics.store(shared, SLOT.phase, before);
          }
        },
        inspect: (_executorDecls, src, position) => converter.inspect(this.checkedDeclarations(), src, position),
        complete: (_executorDecls, src, position) => converter.complete(this.checkedDeclarations(), src, position),
      };
      let browser: Converter | undefined;
      const convs: ConverterSet = {
        node: guarded,
        get browser() {
          return (browser ??= createConverter({ isJS: false, isBrowser: true }));
        },
        close: () => {
          converter.close();
          browser?.close();
        },
      };
      this.executorInstance = createExecutor(process.cwd(), convs, {
        log: (value: unknown) => {
          if (this.current) this.current.value = value;
        },
        error: (...args: unknown[]) => this.recordError(args),
      });
      this.handler = new KernelHandler(this.executorInstance);
    }
    return this.executorInstance;
  }

  /** What a cell is checked against: the kernel's globals (`_`…) and the earlier cells' declarations. */
  private checkedDeclarations(): string {
    return LastResults.declarations + this.declarations;
  }

  private getHandler(): KernelHandler {
    this.executor();
    return this.handler!;
  }

  private recordError(args: unknown[]): void {
    const run = this.current;
    if (args[0] === DIAGNOSTIC_FORMAT && args.length >= 5) {
      const diagnostic = { file: String(args[1]).trim() || undefined, line: Number(args[2]), column: Number(args[3]), message: String(args[4]) };
      if (run) run.diagnostics.push(diagnostic);
      else this.log(`TypeScript: ${diagnostic.line}:${diagnostic.column} ${diagnostic.message}`);
      return;
    }
    const error = args[0];
    if (!run) {
      this.log(`error outside a cell: ${error instanceof Error ? error.stack : String(error)}`);
      return;
    }
    // tslab's own marker for an awaited cell cut short by interrupt(): we report KeyboardInterrupt.
    if (error instanceof Error && error.message === "Interrupted asynchronously") return;
    run.errors.push(error);
  }

  /** Called on interrupt_request (from the I/O thread) or SIGINT, for the given execution. */
  private interrupt(execution: number): void {
    const run = this.current;
    if (!run || run.execution !== execution || run.interrupted) return;
    run.interrupted = true;
    silenceExecution(execution);
    this.executor().interrupt();
    this.stdinChannel.cancel(new KeyboardInterrupt());
    run.cancel?.(new KeyboardInterrupt());
  }

  /**
   * Runs one cell to completion, interruption or failure.
   * The cell starts from a message on a port of its own: if the watchdog terminates a synchronous
   * loop, only that message handler's stack unwinds (a handler Node enters without JavaScript-side
   * async bookkeeping, so nothing is left unbalanced) and this function carries on.
   */
  private async runCell(code: string): Promise<CellRun> {
    const executor = this.executor();
    resetInterrupt();
    const execution = Atomics.add(this.shared, SLOT.execution, 1) + 1;
    const run: CellRun = { execution, interrupted: false, value: NO_VALUE, diagnostics: [], errors: [] };
    this.current = run;
    enterExecution(execution);
    const { port1, port2 } = new MessageChannel();
    this.lastConversion = undefined;
    let succeeded = false;
    try {
      const interrupted = new Promise<never>((_, reject) => (run.cancel = reject));
      const executed = new Promise<boolean>((resolve, reject) => {
        port2.once("message", () => {
          Atomics.store(this.shared, SLOT.phase, PHASE.running);
          executor.execute(code).then(resolve, reject);
        });
      });
      port1.postMessage(null);
      succeeded = await Promise.race([executed, interrupted]);
    } catch (e) {
      run.errors.unshift(e);
    } finally {
      Atomics.store(this.shared, SLOT.phase, PHASE.idle);
      port1.close();
      port2.close();
    }
    // Let the executor finish reporting (it logs an interrupted await a microtask later).
    await new Promise((resolve) => kernelTimers.setImmediate(resolve));
    this.current = undefined;
    if (run.interrupted && !run.errors.some((e) => e instanceof KeyboardInterrupt)) run.errors.unshift(new KeyboardInterrupt());
    this.keepDeclarations(succeeded && !run.interrupted, executor);
    return run;
  }

  /** After a cell ran: the declarations later cells see (all of them, or only what a failed cell assigned). */
  private keepDeclarations(succeeded: boolean, executor: Executor): void {
    const conversion = this.lastConversion;
    this.lastConversion = undefined;
    if (!conversion || conversion.result.diagnostics.length > 0 || conversion.result.declOutput === undefined) return;
    const { src, result } = conversion;
    this.declarations = succeeded ? result.declOutput! : declarationsAfterFailure(src, result.declOutput!, executor.locals as Record<string, unknown>);
  }

  private cellError(run: CellRun, code: string): ErrorContent | undefined {
    if (run.interrupted) return runtimeError(run.errors.find((e) => e instanceof KeyboardInterrupt) ?? new KeyboardInterrupt());
    if (run.diagnostics.length > 0) return diagnosticsError(run.diagnostics, code);
    if (run.errors.length > 0) {
      const e = run.errors[0];
      // SIGINT during a synchronous top-level loop (breakOnSigint) reads like any other error.
      if (e instanceof Error && e.message === "Script execution interrupted.") return runtimeError(new KeyboardInterrupt());
      return runtimeError(e);
    }
    return undefined;
  }

  /**
   * `name?` or `?name` shows the name's documentation in the pager (IPython's help syntax),
   * as a `page` payload on the reply.
   */
  private helpRequest(code: string): Record<string, unknown> | undefined {
    const match = /^\s*\?+\s*([\w$.]+)\s*$/.exec(code) ?? /^\s*([\w$.]+)\s*\?+\s*$/.exec(code);
    if (!match) return undefined;
    const info = this.getHandler().handleInspect({ code: match[1], cursor_pos: match[1].length, detail_level: 0 });
    const text = info.found ? String(info.data["text/plain"]) : `No documentation found for ${match[1]}.`;
    return { source: "page", data: { "text/plain": text }, start: 0 };
  }

  private async execute(msg: JupyterMessage): Promise<void> {
    const code = String(msg.content.code ?? "");
    const silent = Boolean(msg.content.silent);
    const storeHistory = msg.content.store_history ?? !silent;
    const stopOnError = msg.content.stop_on_error ?? true;
    this.outputParent = msg.header;
    this.executeRequest = msg;
    if (storeHistory && !silent) this.executionCount++;
    const count = this.executionCount;
    if (!silent) this.publish("execute_input", { code, execution_count: count });
    const help = this.helpRequest(code);
    if (help) {
      if (storeHistory && !silent) this.history.add(count, code);
      this.reply(msg, "execute_reply", { status: "ok", execution_count: count, payload: [help], user_expressions: {} });
      return;
    }

    let magic: { code: string; timed: boolean };
    try {
      magic = parseTimeMagic(code);
    } catch (e) {
      const error = runtimeError(e);
      if (storeHistory && !silent) this.history.add(count, code);
      this.publish("error", error);
      if (stopOnError) this.abortQueuedExecutions();
      this.reply(msg, "execute_reply", { status: "error", execution_count: count, ...error });
      return;
    }
    const timing = magic.timed ? startTiming() : undefined;
    const run = await this.runCell(magic.code);
    if (timing) process.stdout.write(timing());
    this.streams.flush();
    const entry = storeHistory && !silent ? this.history.add(count, code) : undefined;
    const error = this.cellError(run, code);
    if (error) {
      this.publish("error", error);
      if (stopOnError) this.abortQueuedExecutions();
      this.reply(msg, "execute_reply", { status: "error", execution_count: count, ...error });
      return;
    }
    if (run.value !== NO_VALUE && !silent) {
      let data: Record<string, unknown>;
      try {
        data = toMimeBundle(run.value);
      } catch (e) {
        data = { "text/plain": `<cannot show this value: ${(e as Error).message}>` };
      }
      this.publish("execute_result", { execution_count: count, data, metadata: {} });
      if (entry) entry.output = String(data["text/plain"]);
      if (entry) this.lastResults.remember(run.value, magic.code);
    }
    this.reply(msg, "execute_reply", { status: "ok", execution_count: count, payload: [], user_expressions: {} });
  }

  private async runPrelude(): Promise<void> {
    this.executor();
    if (!this.withPrelude) return;
    const ts = tslabTypeScript();
    for (const onlyValues of [false, true]) {
      const source = preludeSource(ts, this.root, onlyValues);
      if (!source) {
        this.log("the SDK is not built (dist/src/index.js missing): run `npm run build`; cells start without it");
        return;
      }
      const run = await this.runCell(source);
      const error = this.cellError(run, source);
      if (!error) return;
      this.log(`the SDK prelude failed${onlyValues ? "" : " (retrying with value names only)"}: ${error.evalue}`);
    }
  }

  // ---- info and lifecycle ----------------------------------------------------------------------

  private kernelInfo(): Record<string, unknown> {
    const pkg = JSON.parse(fs.readFileSync(path.join(this.root, "package.json"), "utf8"));
    const tslabVersion = JSON.parse(fs.readFileSync(require.resolve("tslab/package.json"), "utf8")).version;
    const tsVersion = tslabTypeScript().version;
    return {
      status: "ok",
      protocol_version: PROTOCOL_VERSION,
      implementation: "transformers-lab",
      implementation_version: pkg.version,
      language_info: {
        name: "typescript",
        version: tsVersion,
        mimetype: "text/typescript",
        file_extension: ".ts",
        pygments_lexer: "typescript",
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
      },
      banner: `Transformers Lab ${pkg.version}: TypeScript ${tsVersion} on Node.js ${process.version} (tslab ${tslabVersion})`,
      help_links: [{ text: "Transformers Lab", url: "https://www.npmjs.com/package/transformers-lab" }],
      debugger: false,
    };
  }

  private shutdown(): void {
    this.streams.flush();
    try {
      this.executorInstance?.close();
    } catch {
      // closing the compiler's watchers is best effort on the way out
    }
    this.toIoThread({ kind: "stop" });
    this.shell.close();
    this.stdin.close();
    kernelTimers.setTimeout(() => exitKernel(0), 100);
  }
}

/** tslab's handler, kept for completion and inspection; kernel_info is ours. */
class KernelHandler extends JupyterHandlerImpl {
  constructor(executor: Executor) {
    super(executor, false);
  }
}
