/**
 * Kernel benchmark: start-up (process start → first cell's result) and the round trip of 50
 * trivial cells over ZMQ, for our kernel (SDK preloaded), stock tslab 1.0.22 (no SDK) and
 * ipykernel (Debian's python3-ipykernel), all driven by the same client.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { kernelCommand } from "../kernel/spec";
import { BenchKernel } from "./kernel-client";

const PYTHON = "/usr/bin/python3";
const START_REPEATS = 3;
const CELLS = 50;

interface Contender {
  name: string;
  argv: (connectionFile: string) => string[];
  code: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function contenders(): Contender[] {
  const list: Contender[] = [
    { name: "ours", argv: (f) => kernelCommand(f), code: "1 + 1" },
    {
      name: "tslab",
      argv: (f) => [process.execPath, "-e", `require(${JSON.stringify(require.resolve("tslab/dist/main.js"))}).main()`, "tslab", "kernel", "--config-path", f],
      code: "1 + 1",
    },
  ];
  const ipykernel = spawnSync(PYTHON, ["-c", "import ipykernel"], { encoding: "utf8" });
  if (ipykernel.status === 0) list.push({ name: "ipykernel", argv: (f) => [PYTHON, "-m", "ipykernel_launcher", "-f", f], code: "1 + 1" });
  else console.log("(ipykernel is not installed: apt-get install python3-ipykernel to compare with it)");
  return list;
}

async function measure(c: Contender): Promise<{ startMs: number; cellMs: number }> {
  const starts: number[] = [];
  let cellMs = NaN;
  for (let i = 0; i < START_REPEATS; i++) {
    const t0 = performance.now();
    const kernel = await BenchKernel.start(c.argv);
    const first = await kernel.execute(c.code);
    starts.push(performance.now() - t0);
    if (first.content.status !== "ok") throw new Error(`${c.name}: the first cell failed: ${JSON.stringify(first.content)}`);
    if (i === START_REPEATS - 1) {
      for (let k = 0; k < 5; k++) await kernel.execute("1");
      const t1 = performance.now();
      for (let k = 0; k < CELLS; k++) await kernel.execute(String(k));
      cellMs = (performance.now() - t1) / CELLS;
    }
    await kernel.stop();
  }
  return { startMs: median(starts), cellMs };
}

export async function main(): Promise<void> {
  if (!fs.existsSync(kernelCommand("x")[1])) throw new Error("build first: npm run build");
  const results = new Map<string, { startMs: number; cellMs: number }>();
  for (const c of contenders()) results.set(c.name, await measure(c));
  const ours = results.get("ours")!;
  const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
  const line = (what: string, pick: (r: { startMs: number; cellMs: number }) => number, suffix = "") => {
    const parts = [...results].map(([name, r]) => `${name === "ours" ? "ours (SDK preloaded)" : name} ${fmt(pick(r))}${suffix}`);
    const base = results.get("ipykernel") ?? results.get("tslab")!;
    const baseName = results.has("ipykernel") ? "ipykernel" : "tslab";
    const ratios = [`ratio vs ${baseName} ${(pick(ours) / pick(base)).toFixed(2)}×`];
    if (results.has("ipykernel") && results.has("tslab")) ratios.push(`vs tslab ${(pick(ours) / pick(results.get("tslab")!)).toFixed(2)}×`);
    console.log(`${what}: ${parts.join(" | ")} | ${ratios.join(", ")}`);
  };
  line(`kernel start → first result (median of ${START_REPEATS})`, (r) => r.startMs);
  line(`kernel round trip of ${CELLS} trivial cells`, (r) => r.cellMs, "/cell");
}
