/**
 * A kernel connection file: five free TCP ports on 127.0.0.1 and an HMAC key, as Jupyter writes
 * them for a kernel it starts.
 */
import { randomBytes, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

export interface ConnectionInfo {
  ip: string;
  transport: "tcp";
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: "hmac-sha256";
  kernel_name: string;
}

/** Asks the OS for `count` distinct free ports (held open together so they differ). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

export async function createConnectionFile(dir = os.tmpdir()): Promise<{ file: string; info: ConnectionInfo }> {
  const [shell, iopub, stdin, control, hb] = await freePorts(5);
  const info: ConnectionInfo = {
    ip: "127.0.0.1", transport: "tcp",
    shell_port: shell, iopub_port: iopub, stdin_port: stdin, control_port: control, hb_port: hb,
    key: randomBytes(16).toString("hex"), signature_scheme: "hmac-sha256", kernel_name: "transformers-lab",
  };
  const file = path.join(dir, `tlab-kernel-${randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify(info), { mode: 0o600 });
  return { file, info };
}
