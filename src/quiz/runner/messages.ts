/** Jupyter wire-protocol messages (protocol 5.3): framing and HMAC signatures. */
import { createHmac, randomUUID } from "node:crypto";

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message<C = Record<string, unknown>> {
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: C;
}

const DELIMITER = "<IDS|MSG>";

export function newHeader(msgType: string, session: string): Header {
  return { msg_id: randomUUID(), session, username: "tlab", date: new Date().toISOString(), msg_type: msgType, version: "5.3" };
}

function sign(key: string, parts: string[]): string {
  const hmac = createHmac("sha256", key);
  for (const p of parts) hmac.update(p);
  return hmac.digest("hex");
}

export function encode(key: string, msg: Message): string[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => JSON.stringify(p));
  return [DELIMITER, sign(key, parts), ...parts];
}

/** Decodes frames received on any socket; returns undefined for a bad signature or shape. */
export function decode(key: string, frames: Buffer[]): Message | undefined {
  const at = frames.findIndex((f) => f.length === DELIMITER.length && f.toString() === DELIMITER);
  if (at < 0 || frames.length < at + 6) return undefined;
  const parts = frames.slice(at + 2, at + 6).map((f) => f.toString("utf8"));
  if (sign(key, parts) !== frames[at + 1].toString()) return undefined;
  const [header, parent_header, metadata, content] = parts.map((p) => JSON.parse(p));
  return { header, parent_header, metadata, content };
}
