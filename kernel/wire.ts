/**
 * The Jupyter wire protocol: a message is `[identities…, "<IDS|MSG>", hmac, header, parent_header,
 * metadata, content, buffers…]`, signed with HMAC-SHA256 over the four JSON parts.
 * https://jupyter-client.readthedocs.io/en/stable/messaging.html#the-wire-protocol
 */
import { createHmac, randomBytes } from "node:crypto";

export const PROTOCOL_VERSION = "5.3";
const DELIMITER = Buffer.from("<IDS|MSG>");

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
  [key: string]: unknown;
}

export interface JupyterMessage {
  identities: Buffer[];
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Record<string, any>;
  buffers: Buffer[];
}

export class InvalidSignatureError extends Error {
  override name = "InvalidSignatureError";
}

function sign(key: string, parts: Array<string | Buffer>): string {
  if (!key) return "";
  const hmac = createHmac("sha256", key);
  for (const p of parts) hmac.update(p);
  return hmac.digest("hex");
}

/** Parses and verifies raw frames received on a socket. */
export function decodeMessage(key: string, frames: Buffer[]): JupyterMessage {
  const delim = frames.findIndex((f) => f.equals(DELIMITER));
  if (delim < 0) throw new InvalidSignatureError("message without the <IDS|MSG> delimiter");
  const signature = frames[delim + 1].toString();
  const parts = frames.slice(delim + 2, delim + 6);
  if (parts.length < 4) throw new InvalidSignatureError("message with fewer than four parts");
  if (key && signature !== sign(key, parts)) throw new InvalidSignatureError("message with a wrong HMAC signature");
  return {
    identities: frames.slice(0, delim),
    header: JSON.parse(parts[0].toString()),
    parent_header: JSON.parse(parts[1].toString()),
    metadata: JSON.parse(parts[2].toString()),
    content: JSON.parse(parts[3].toString()),
    buffers: frames.slice(delim + 6),
  };
}

/** A fresh header for a message sent in reply to (or on behalf of) `parent`. */
export function newHeader(msgType: string, parent: Partial<MessageHeader> | undefined, session: string): MessageHeader {
  return {
    msg_id: randomBytes(16).toString("hex"),
    msg_type: msgType,
    session: (parent?.session as string | undefined) ?? session,
    username: (parent?.username as string | undefined) ?? "kernel",
    date: new Date().toISOString(),
    version: PROTOCOL_VERSION,
  };
}

/** Builds signed frames: `identities` route a reply back to the client that asked (none on iopub). */
export function encodeMessage(
  key: string,
  identities: Buffer[],
  msgType: string,
  content: unknown,
  parent: Partial<MessageHeader> | undefined,
  session: string,
  metadata: Record<string, unknown> = {},
): Array<string | Buffer> {
  const header = newHeader(msgType, parent, session);
  const parts = [JSON.stringify(header), JSON.stringify(parent ?? {}), JSON.stringify(metadata), JSON.stringify(content)];
  return [...identities, DELIMITER, sign(key, parts), ...parts];
}

/** The topic-free iopub identity ipykernel uses: "kernel.<id>.<msg_type>". */
export function iopubTopic(msgType: string): Buffer {
  return Buffer.from(`kernel.${msgType}`);
}
