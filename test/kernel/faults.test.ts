import { test } from "node:test";
import assert from "node:assert/strict";
import { KernelManager, type Kernel, type KernelMessage } from "@jupyterlab/services";
import { notebookServerComponent, run, startNotebookServer } from "./notebook-server";

const component = notebookServerComponent();

const resultText = (r: Awaited<ReturnType<typeof run>>) =>
  String((r.of("execute_result")[0]?.content as KernelMessage.IExecuteResultMsg["content"] | undefined)?.data["text/plain"]);
const streamText = (r: Awaited<ReturnType<typeof run>>) =>
  r.of("stream").map((m) => (m.content as KernelMessage.IStreamMsg["content"]).text).join("");

/** Starts `code`, interrupts it after `ms`, and returns what the cell replied. */
async function interruptAfter(kernel: Kernel.IKernelConnection, code: string, ms: number) {
  const pending = run(kernel, code);
  await new Promise((r) => setTimeout(r, ms));
  await kernel.interrupt();
  return { result: await pending };
}

async function assertResponsive(kernel: Kernel.IKernelConnection): Promise<void> {
  const r = await run(kernel, "1 + 1");
  assert.equal(r.reply.status, "ok");
  assert.equal(resultText(r), "2");
}

test("faults do not kill or wedge the kernel", { skip: component.skip, timeout: 240_000 }, async (t) => {
  const server = await startNotebookServer("kernel-faults");
  const manager = new KernelManager({ serverSettings: server.settings });
  const kernel = await manager.startNew({ name: "transformers-lab" });
  try {
    await kernel.info;

    await t.test("an infinite synchronous loop is interrupted", async () => {
      const { result } = await interruptAfter(kernel, "while (true) {}", 1000);
      assert.equal(result.reply.ename, "KeyboardInterrupt");
      assert.equal(result.of("error").length, 1);
      await assertResponsive(kernel);
    });

    await t.test("an endless async loop is interrupted and goes quiet", async () => {
      const { result } = await interruptAfter(kernel,
        "(globalThis as any).ticks = 0;\nwhile (true) { await new Promise((r) => setTimeout(r, 5)); (globalThis as any).ticks++ }", 1000);
      assert.equal(result.reply.ename, "KeyboardInterrupt");
      const a = resultText(await run(kernel, "(globalThis as any).ticks"));
      await new Promise((r) => setTimeout(r, 500));
      const b = resultText(await run(kernel, "(globalThis as any).ticks"));
      assert.ok(Number(a) > 0, `the loop ran (${a} ticks)`);
      assert.equal(b, a, "the interrupted loop does not keep running behind later cells");
    });

    await t.test("a synchronous loop after an await is interrupted", async () => {
      const { result } = await interruptAfter(kernel, "await new Promise((r) => setTimeout(r, 10));\nwhile (true) {}", 1000);
      assert.equal(result.reply.ename, "KeyboardInterrupt");
      await assertResponsive(kernel);
    });

    await t.test("SDK loops that check throwIfInterrupted stop with KeyboardInterrupt", async () => {
      const { result } = await interruptAfter(kernel, "let steps = 0;\nwhile (true) { steps++; throwIfInterrupted(); }", 1000);
      assert.equal(result.reply.ename, "KeyboardInterrupt");
      await assertResponsive(kernel);
    });

    await t.test("what an interrupted cell assigned stays usable, with its type", async () => {
      const { result } = await interruptAfter(kernel,
        "const started: string = 'yes';\nlet ticks = 0;\nwhile (true) { ticks++; await new Promise((r) => setTimeout(r, 5)); }", 800);
      assert.equal(result.reply.ename, "KeyboardInterrupt");
      const r = await run(kernel, "started.toUpperCase() + ' ' + (ticks > 0)");
      assert.equal(r.reply.status, "ok", JSON.stringify(r.reply));
      assert.equal(resultText(r), "'YES true'");
      const wrongType = await run(kernel, "const n: number = started");
      assert.equal(wrongType.reply.ename, "TSError");
      assert.match(String((wrongType.reply as { evalue?: string }).evalue), /Type 'string' is not assignable to type 'number'/);
    });

    await t.test("a cell that throws keeps what it assigned and forgets what it never reached", async () => {
      const failed = await run(kernel, "const before = 41;\nthrow new Error('boom');\nconst after = 1;");
      assert.equal(failed.reply.ename, "Error");
      assert.equal(resultText(await run(kernel, "before + 1")), "42");
      const unreached = await run(kernel, "after");
      assert.equal(unreached.reply.ename, "TSError");
      assert.match(String((unreached.reply as { evalue?: string }).evalue), /Cannot find name 'after'/);
    });

    await t.test("an unhandled rejection is reported, not fatal", async () => {
      const r = await run(kernel, 'Promise.reject(new Error("nobody catches this"));\n"still here"');
      assert.equal(resultText(r), "'still here'");
      const next = await run(kernel, "1 + 1");
      assert.match(streamText(r) + streamText(next), /Unhandled promise rejection: Error: nobody catches this/);
      assert.equal(resultText(next), "2");
    });

    await t.test("a million lines of output arrive coalesced and the kernel stays responsive", async () => {
      const r = await run(kernel, "for (let i = 0; i < 1e6; i++) console.log(i)");
      assert.equal(r.reply.status, "ok");
      const messages = r.of("stream").length;
      assert.ok(messages > 0 && messages < 20_000, `${messages} stream messages for 1e6 lines`);
      await assertResponsive(kernel);
    });

    // (process.exit() in a cell no longer ends the kernel: see process_exit.test.ts)
    await t.test("a kernel killed by a signal is restarted by the server", async () => {
      const statuses: string[] = [];
      kernel.statusChanged.connect((_, s) => statuses.push(s));
      const dying = run(kernel, 'process.kill(process.pid, "SIGKILL")').catch(() => "canceled");
      const deadline = Date.now() + 90_000;
      while (!(statuses.includes("autorestarting") || statuses.includes("restarting")) || kernel.status !== "idle") {
        if (Date.now() > deadline) throw new Error(`no restart seen; statuses: ${statuses.join(", ")}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      void dying;
      const sdk = await run(kernel, "typeof Tensor");
      assert.equal(resultText(sdk), "'function'");
    });
  } finally {
    await kernel.shutdown().catch(() => {});
    manager.dispose();
    await server.stop();
  }
});
