// process.exit() in a cell: the cell fails with SystemExit (as ipykernel reports exit()), the kernel
// process keeps running with its variables, and nothing aborts natively.
import { test } from "node:test";
import assert from "node:assert/strict";
import { KernelManager, type KernelMessage } from "@jupyterlab/services";
import { notebookServerComponent, run, startNotebookServer } from "./notebook-server";

const component = notebookServerComponent();

const resultText = (r: Awaited<ReturnType<typeof run>>) =>
  String((r.of("execute_result")[0]?.content as KernelMessage.IExecuteResultMsg["content"] | undefined)?.data["text/plain"]);

test("process.exit() in a cell fails the cell and the kernel keeps running", { skip: component.skip, timeout: 180_000 }, async (t) => {
  const server = await startNotebookServer("kernel-process-exit");
  const manager = new KernelManager({ serverSettings: server.settings });
  const kernel = await manager.startNew({ name: "transformers-lab" });
  try {
    await kernel.info;
    const pid = resultText(await run(kernel, "const kept = 41;\nprocess.pid"));
    assert.match(pid, /^\d+$/);

    const cases: [string, string, RegExp][] = [
      ["a plain call", "process.exit(3)", /process\.exit\(3\) was called/],
      ["no code", "process.exit()", /process\.exit\(\) was called/],
      ["after an await, inside a function", "async function leave() { await new Promise((r) => setTimeout(r, 10)); process.exit(0); }\nawait leave();", /process\.exit\(0\)/],
      ["through a reference", "const bye = process.exit;\nbye(1)", /process\.exit\(1\)/],
    ];
    for (const [name, code, evalue] of cases) {
      await t.test(name, async () => {
        const r = await run(kernel, code);
        assert.equal(r.reply.status, "error");
        assert.equal(r.reply.ename, "SystemExit");
        assert.match(String((r.reply as { evalue?: string }).evalue), evalue);
        assert.match(String((r.reply as { evalue?: string }).evalue), /kernel keeps running/);
        const errors = r.of("error");
        assert.equal(errors.length, 1);
        assert.equal(resultText(await run(kernel, "process.pid")), pid, "the same kernel process answers");
        assert.equal(resultText(await run(kernel, "kept + 1")), "42", "its variables survive");
      });
    }

    await t.test("a timer that exits after its cell ended does not end the kernel", async () => {
      const r = await run(kernel, 'setTimeout(() => process.exit(1), 50);\n"scheduled"');
      assert.equal(r.reply.status, "ok");
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.equal(resultText(await run(kernel, "process.pid")), pid);
    });

    await t.test("shutting the kernel down still ends its process", async () => {
      await kernel.shutdown();
      const alive = () => {
        try {
          process.kill(Number(pid), 0);
          return true;
        } catch {
          return false;
        }
      };
      const until = Date.now() + 10_000;
      while (alive() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(alive(), false, "the kernel process exited on shutdown");
    });
  } finally {
    if (!kernel.isDisposed) await kernel.shutdown().catch(() => undefined);
    manager.dispose();
    await server.stop();
  }
});
