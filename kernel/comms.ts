/**
 * Jupyter comms: long-lived channels between a cell's objects and the front end (what
 * @jupyter-widgets and other interactive outputs are built on).
 *
 * - `comm_open` from the front end reaches the handler registered for its target (an unknown
 *   target gets a `comm_close` back, as ipykernel answers);
 * - `comm_msg` / `comm_close` from the front end reach the comm's listeners;
 * - `comm_info_request` lists the open comms (optionally of one target);
 * - the kernel side opens comms, sends on them and closes them through iopub.
 */
import type { CommBridge, CommHandle, CommMessage } from "../src/display/kernel-bridge";

type Publish = (msgType: string, content: Record<string, unknown>) => void;

export class UnknownCommError extends Error {
  override name = "UnknownCommError";
}

class Comm implements CommHandle {
  private readonly messageListeners: ((msg: CommMessage) => void)[] = [];
  private readonly closeListeners: ((msg: CommMessage) => void)[] = [];
  closed = false;

  constructor(
    readonly commId: string,
    readonly targetName: string,
    private readonly publish: Publish,
    private readonly forget: (id: string) => void,
  ) {}

  send(data: Record<string, unknown>, metadata: Record<string, unknown> = {}): void {
    if (this.closed) throw new UnknownCommError(`comm ${this.commId} (${this.targetName}) is closed: open a new one to send more`);
    this.publish("comm_msg", { comm_id: this.commId, data, metadata });
  }

  close(data: Record<string, unknown> = {}): void {
    if (this.closed) return;
    this.closed = true;
    this.forget(this.commId);
    this.publish("comm_close", { comm_id: this.commId, data });
  }

  onMessage(listener: (msg: CommMessage) => void): void {
    this.messageListeners.push(listener);
  }

  onClose(listener: (msg: CommMessage) => void): void {
    this.closeListeners.push(listener);
  }

  /** A message from the front end. */
  received(msg: CommMessage): void {
    for (const listener of this.messageListeners) listener(msg);
  }

  /** The front end closed the comm. */
  closedByFrontEnd(msg: CommMessage): void {
    this.closed = true;
    this.forget(this.commId);
    for (const listener of this.closeListeners) listener(msg);
  }
}

export class CommManager implements CommBridge {
  private readonly comms = new Map<string, Comm>();
  private readonly targets = new Map<string, (comm: CommHandle, open: CommMessage) => void>();

  /** `publish` sends on iopub with the current parent; `log` reports a failing listener. */
  constructor(
    private readonly publish: Publish,
    private readonly newId: () => string,
    private readonly log: (text: string) => void,
  ) {}

  registerTarget(name: string, handler: (comm: CommHandle, open: CommMessage) => void): void {
    this.targets.set(name, handler);
  }

  open(targetName: string, data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): CommHandle {
    const comm = this.create(this.newId(), targetName);
    this.publish("comm_open", { comm_id: comm.commId, target_name: targetName, data, metadata });
    return comm;
  }

  /** Handles comm_open / comm_msg / comm_close from the shell channel. */
  handle(msgType: string, content: Record<string, unknown>): void {
    const id = String(content.comm_id ?? "");
    const msg: CommMessage = { data: (content.data ?? {}) as Record<string, unknown>, metadata: (content.metadata ?? {}) as Record<string, unknown> };
    try {
      if (msgType === "comm_open") {
        const target = String(content.target_name ?? "");
        const handler = this.targets.get(target);
        if (!handler) {
          this.publish("comm_close", { comm_id: id, data: { error: `no comm target named ${JSON.stringify(target)} in this kernel` } });
          return;
        }
        handler(this.create(id, target), msg);
      } else if (msgType === "comm_msg") {
        this.comms.get(id)?.received(msg);
      } else if (msgType === "comm_close") {
        this.comms.get(id)?.closedByFrontEnd(msg);
      }
    } catch (e) {
      this.log(`${msgType} for comm ${id}: a listener failed: ${(e as Error).stack ?? e}`);
    }
  }

  /** comm_info_reply's `comms`: every open comm, or those of `targetName`. */
  info(targetName?: string): Record<string, { target_name: string }> {
    const comms: Record<string, { target_name: string }> = {};
    for (const [id, comm] of this.comms) if (!targetName || comm.targetName === targetName) comms[id] = { target_name: comm.targetName };
    return comms;
  }

  private create(id: string, targetName: string): Comm {
    const comm = new Comm(id, targetName, this.publish, (gone) => this.comms.delete(gone));
    this.comms.set(id, comm);
    return comm;
  }
}
