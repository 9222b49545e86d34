/**
 * Runs one graded cell in the judge (judge-worker.ts), serving its requests for the student's
 * values from the submission's kernel. The verdict is the judge's alone: the kernel only ever
 * answers "what does the student's code give for this?".
 */
import * as path from "node:path";
import { MessageChannel, Worker } from "node:worker_threads";
import { GradingKernel } from "./grading-kernel";
import { JudgeProgram } from "./judge-transform";
import { JudgeOutcome, JudgeReply, JudgeRequest, JudgeWorkerData } from "./judge-worker";
import { PROBE_MIME } from "./values";

export interface JudgedCell extends JudgeOutcome {
  /** How the cell ended: the judge finished, ran out of time, or the kernel died under it. */
  status: "ok" | "timeout" | "kernel-exited";
  /** The kernel had to be killed (or exited): start a new one before the next cell. */
  kernelLost: boolean;
}

const WORKER = path.join(__dirname, "judge-worker.js");

/** The kernel code that answers one judge request (through the grading agent named `agent`). */
function kernelCode(program: JudgeProgram, agent: string, request: JudgeRequest): string {
  switch (request.op) {
    case "probe": return `await ${agent}.probe(${JSON.stringify(request.args)}, ${program.sites[request.site].code})`;
    case "call": return `await ${agent}.call(${Number(request.handle)}, ${JSON.stringify(request.method)}, ${JSON.stringify(request.args)})`;
    case "answer": return `${agent}.lastAnswer(${JSON.stringify(request.id)})`;
  }
}

export async function judgeCell(program: JudgeProgram, kernel: GradingKernel, agent: string, timeoutMs: number): Promise<JudgedCell> {
  const deadline = Date.now() + timeoutMs;
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const data: JudgeWorkerData = { js: program.js, hiddenSites: program.sites.map((s) => s.hidden), port: port2, signal };
  const worker = new Worker(WORKER, { workerData: data, transferList: [port2], resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  let status: JudgedCell["status"] = "ok";
  let kernelLost = false;

  const answer = async (request: JudgeRequest): Promise<JudgeReply> => {
    if (!kernel.alive || kernelLost) return { error: { name: "KernelExited", message: "the kernel exited" } };
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { error: { name: "Timeout", message: "the cell ran longer than the time limit" } };
    const r = await kernel.execute(kernelCode(program, agent, request), { timeoutMs: remaining, storeHistory: false });
    if (r.status === "timeout" || r.status === "exited") {
      kernelLost = r.killed || !kernel.alive;
      if (r.status === "timeout") status = "timeout";
      else status = "kernel-exited";
      return { error: r.status === "timeout" ? { name: "Timeout", message: "the student's code ran longer than the time limit" } : { name: "KernelExited", message: "the kernel exited" } };
    }
    if (r.status !== "ok") return { error: { name: r.error?.ename ?? "Error", message: r.error?.evalue ?? "the kernel could not run the test's code" } };
    const result = r.outputs.find((o) => o.output_type === "execute_result");
    const reply = (result?.data as Record<string, unknown> | undefined)?.[PROBE_MIME] as JudgeReply | undefined;
    if (!reply || typeof reply !== "object" || (!("ok" in reply) && !reply.error)) return { error: { name: "GraderError", message: "the kernel gave no value" } };
    if (reply.error) return { error: { name: String(reply.error.name).slice(0, 200), message: String(reply.error.message).slice(0, 2000) } };
    return { ok: reply.ok };
  };
  port1.on("message", (request: JudgeRequest) => {
    void answer(request).then((reply) => {
      port1.postMessage(reply);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
  });

  try {
    const outcome = await new Promise<JudgeOutcome>((resolve) => {
      const fail = (message: string): JudgeOutcome => ({ tests: [], checks: [], value: null, error: { message, hidden: false }, log: [] });
      const timer = setTimeout(() => {
        status = "timeout";
        void worker.terminate();
        resolve(fail("the cell ran longer than the time limit"));
      }, Math.max(1, timeoutMs + 2000));
      worker.once("message", (m: JudgeOutcome) => { clearTimeout(timer); resolve(m); });
      worker.once("error", (e) => { clearTimeout(timer); resolve(fail(`the grader could not run this cell: ${e.message}`)); });
      worker.once("exit", () => { clearTimeout(timer); resolve(fail("the grader could not run this cell")); });
    });
    if (!kernel.alive) kernelLost = true;
    return { ...outcome, status, kernelLost };
  } finally {
    port1.close();
    void worker.terminate();
  }
}
