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
  transport: "tcp" | "ipc";
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

/**
 * A connection over Unix sockets (Jupyter's `ipc` transport), for a kernel without network: the
 * file the kernel reads names the sockets as it sees them (`kernelDir`), and the returned `info`
 * names them as this process sees them (`hostDir`, the same folder bound elsewhere).
 */
export function createIpcConnectionFile(hostDir: string, kernelDir: string): { file: string; kernelFile: string; info: ConnectionInfo } {
  // Port numbers only tell the sockets apart: `<ip>-<port>`.
  const ports = { shell_port: 1, iopub_port: 2, stdin_port: 3, control_port: 4, hb_port: 5 };
  const base = { transport: "ipc" as const, ...ports, key: randomBytes(16).toString("hex"), signature_scheme: "hmac-sha256" as const, kernel_name: "transformers-lab" };
  const file = path.join(hostDir, "kernel.json");
  fs.writeFileSync(file, JSON.stringify({ ...base, ip: path.posix.join(kernelDir, "kernel") }), { mode: 0o644 });
  return { file, kernelFile: path.posix.join(kernelDir, "kernel.json"), info: { ...base, ip: path.join(hostDir, "kernel") } };
}

/** The ZMQ address of one channel, for either transport (the kernel binds, clients connect). */
export function channelUrl(info: { transport: string; ip: string }, port: number): string {
  return info.transport === "ipc" ? `ipc://${info.ip}-${port}` : `${info.transport}://${info.ip}:${port}`;
}
