/**
 * The stdin channel: `await input()` / `await getpass()` in a cell send an `input_request` to the
 * front end that sent the running execute_request, and resolve with its `input_reply`.
 *
 * A front end that cannot answer (nbclient, a grading run) says so with `allow_stdin: false`; the
 * cell then fails with StdinNotImplementedError at once instead of waiting for ever, as in IPython.
 * `process.stdin` is not the student's keyboard in a kernel (the Jupyter server holds the other end
 * of the pipe and never writes): reading it fails with the same error instead of hanging silently.
 */
import { Readable } from "node:stream";
import type * as zmq from "zeromq";
import { decodeMessage, encodeMessage, type JupyterMessage } from "./wire";

export class StdinNotImplementedError extends Error {
  override name = "StdinNotImplementedError";
}

const NO_STDIN =
  "this front end does not accept typed input (allow_stdin is false, e.g. nbclient or a grading run): " +
  "give the value in the cell instead, e.g. `const name = \"Ada\";`";

interface Pending {
  resolve: (text: string) => void;
  reject: (error: unknown) => void;
}

export class StdinChannel {
  private pending: Pending | undefined;

  constructor(
    private readonly socket: zmq.Router,
    private readonly key: string,
    private readonly session: string,
    private readonly log: (text: string) => void,
  ) {}

  /** Reads input_reply messages until the socket closes. */
  async serve(): Promise<void> {
    for await (const frames of this.socket) {
      let msg: JupyterMessage;
      try {
        msg = decodeMessage(this.key, frames as Buffer[]);
      } catch (e) {
        this.log(`stdin: dropped a message: ${(e as Error).message}`);
        continue;
      }
      if (msg.header.msg_type !== "input_reply") continue;
      const pending = this.pending;
      this.pending = undefined;
      pending?.resolve(String(msg.content.value ?? ""));
    }
  }

  /** Asks the front end behind `request` (an execute_request) for a line. */
  request(request: JupyterMessage | undefined, prompt: string, password: boolean): Promise<string> {
    if (!request || !request.content.allow_stdin) {
      return Promise.reject(new StdinNotImplementedError(`input() was called, but ${NO_STDIN}`));
    }
    // A newer request replaces an unanswered one (an interrupted cell's), as ipykernel does.
    this.pending?.reject(new StdinNotImplementedError("the input request was replaced by a newer one"));
    return new Promise<string>((resolve, reject) => {
      this.pending = { resolve, reject };
      void this.socket.send(encodeMessage(this.key, request.identities, "input_request", { prompt, password }, request.header, this.session));
    });
  }

  /** Forgets an unanswered request (its cell ended or was interrupted). */
  cancel(reason: unknown): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(reason);
  }
}

/** Replaces `process.stdin` with a stream that fails clearly when read. */
export function disconnectProcessStdin(): void {
  const failing = () =>
    new Readable({
      read() {
        this.destroy(new StdinNotImplementedError('process.stdin was read, but a notebook cell has no terminal behind it: use `await input("prompt")` to ask for a line'));
      },
    });
  let stream = failing();
  Object.defineProperty(process, "stdin", { configurable: true, enumerable: true, get: () => (stream.destroyed ? (stream = failing()) : stream) });
}
