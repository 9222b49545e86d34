import { test } from "node:test";
import assert from "node:assert/strict";
import { KernelManager, KernelAPI, type KernelMessage } from "@jupyterlab/services";
import { notebookServerComponent, run, startNotebookServer, type RunningServer } from "./notebook-server";

const component = notebookServerComponent();

async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("@jupyterlab/services drives the kernel through a real Jupyter server", { skip: component.skip, timeout: 180_000 }, async (t) => {
  const server: RunningServer = await startNotebookServer("kernel-services");
  const manager = new KernelManager({ serverSettings: server.settings });
  try {
    const specs = await (await fetch(`${server.url}/api/kernelspecs?token=${server.token}`)).json() as { kernelspecs: Record<string, { spec: { display_name: string } }> };
    assert.equal(specs.kernelspecs["transformers-lab"]?.spec.display_name, "TypeScript (Transformers Lab)");

    const kernel = await manager.startNew({ name: "transformers-lab" });
    const info = await kernel.info;
    assert.equal(info.implementation, "transformers-lab");
    assert.equal(info.language_info.name, "typescript");

    await t.test("execute: result, execution count and stream", async () => {
      const first = await run(kernel, "const answer = 6 * 7;\nanswer");
      assert.equal(first.reply.status, "ok");
      assert.equal(first.of("execute_input").length, 1);
      const result = first.of("execute_result")[0].content as KernelMessage.IExecuteResultMsg["content"];
      assert.equal(result.data["text/plain"], "42");
      assert.equal(result.execution_count, first.reply.execution_count);
      const printed = await run(kernel, 'console.log("line one"); console.error("line two"); console.log(answer + 1)');
      const streams = printed.of("stream").map((m) => m.content as KernelMessage.IStreamMsg["content"]);
      assert.equal(streams.filter((s) => s.name === "stdout").map((s) => s.text).join(""), "line one\n43\n");
      assert.equal(streams.filter((s) => s.name === "stderr").map((s) => s.text).join(""), "line two\n");
    });

    await t.test("display and update_display address one output", async () => {
      const r = await run(kernel, `const handle = display({ "text/plain": "step 0", "text/html": "<b>0</b>" }, { display_id: "progress" });
for (let i = 1; i <= 3; i++) update_display({ "text/plain": "step " + i, "text/html": "<b>" + i + "</b>" }, { display_id: "progress" });`);
      assert.equal(r.reply.status, "ok");
      const shown = r.of("display_data");
      const updates = r.of("update_display_data");
      assert.equal(shown.length, 1);
      assert.equal(updates.length, 3);
      for (const m of [...shown, ...updates]) {
        const content = m.content as KernelMessage.IDisplayDataMsg["content"];
        assert.equal(content.transient?.display_id, "progress");
        assert.deepEqual(Object.keys(content.data).sort(), ["text/html", "text/plain"], "whole bundles per message");
      }
      assert.equal((updates[2].content as KernelMessage.IUpdateDisplayDataMsg["content"]).data["text/plain"], "step 3");
    });

    await t.test("TextStreamer and set_seed are in scope; the streamer grows one output in place", async () => {
      const r = await run(kernel, `set_seed(0);
const streamTok = await AutoTokenizer.from_pretrained("transformers-lab/gpt2-tiny-brown");
const streamModel = await AutoModelForCausalLM.from_pretrained("transformers-lab/gpt2-tiny-brown");
const streamed = await streamModel.generate(streamTok("The man said", { return_tensors: "pt" }).input_ids, { max_new_tokens: 12, streamer: new TextStreamer(streamTok, { skip_special_tokens: true }) });
streamTok.decode(streamed.tolist()[0], { skip_special_tokens: true }).length`);
      assert.equal(r.reply.status, "ok");
      const shown = r.of("display_data");
      const updates = r.of("update_display_data");
      assert.equal(shown.length, 1, "one output");
      assert.ok(updates.length >= 2, `updated in place while generating (${updates.length} updates)`);
      const id = (shown[0].content as KernelMessage.IDisplayDataMsg["content"]).transient?.display_id;
      assert.ok(id && updates.every((m) => (m.content as KernelMessage.IUpdateDisplayDataMsg["content"]).transient?.display_id === id));
      const last = (updates[updates.length - 1].content as KernelMessage.IUpdateDisplayDataMsg["content"]).data["text/plain"];
      const result = (r.of("execute_result")[0].content as KernelMessage.IExecuteResultMsg["content"]).data["text/plain"];
      assert.ok(String(last).startsWith("The man said"), String(last));
      assert.equal(String(String(last).length), result, "the streamed text is the whole generated text");
      const stdout = r.of("stream").filter((m) => (m.content as KernelMessage.IStreamMsg["content"]).name === "stdout");
      assert.equal(stdout.length, 0, "nothing printed to stdout in the notebook");
    });

    await t.test("stop_on_error aborts the requests already queued, and only those", async () => {
      // The failing cell takes a moment, so the next request is surely waiting in the queue when it fails.
      const failing = kernel.requestExecute({ code: 'await new Promise((r) => setTimeout(r, 500));\nthrow new Error("first fails")', stop_on_error: true });
      const queued = kernel.requestExecute({ code: "1 + 1" });
      const [failed, aborted] = await Promise.all([failing.done, queued.done]);
      assert.equal(failed.content.status, "error");
      assert.equal(aborted.content.status, "aborted");
      // A request sent right after the error reply runs: there is no window that swallows it.
      const after = await run(kernel, "2 + 2");
      assert.equal(after.reply.status, "ok");
      const tolerated = kernel.requestExecute({ code: 'await new Promise((r) => setTimeout(r, 500));\nthrow new Error("tolerated")', stop_on_error: false });
      const next = kernel.requestExecute({ code: "3 + 3" });
      const [e, ok] = await Promise.all([tolerated.done, next.done]);
      assert.equal(e.content.status, "error");
      assert.equal(ok.content.status, "ok");
    });

    await t.test("interrupt stops a busy loop and the kernel keeps its variables", async () => {
      const busy = run(kernel, "let spins = 0;\nwhile (true) { spins++ }");
      await new Promise((r) => setTimeout(r, 1500));
      await kernel.interrupt();
      const r = await busy;
      assert.equal(r.reply.status, "error");
      assert.equal(r.reply.ename, "KeyboardInterrupt");
      const after = await run(kernel, "answer");
      assert.equal((after.of("execute_result")[0].content as KernelMessage.IExecuteResultMsg["content"]).data["text/plain"], "42");
    });

    await t.test("restart gives a fresh kernel with the SDK in scope", async () => {
      await kernel.restart();
      await waitFor(() => kernel.status === "idle", 60_000, "the restarted kernel");
      const gone = await run(kernel, "typeof answer");
      assert.equal(gone.reply.status, "error", "variables are gone after a restart");
      const sdk = await run(kernel, "typeof AutoTokenizer");
      assert.equal((sdk.of("execute_result")[0].content as KernelMessage.IExecuteResultMsg["content"]).data["text/plain"], "'function'");
    });

    await t.test("shutdown ends the kernel", async () => {
      await kernel.shutdown();
      const running = await KernelAPI.listRunning(server.settings);
      assert.equal(running.filter((k) => k.id === kernel.id).length, 0);
    });
  } finally {
    manager.dispose();
    await server.stop();
  }
});
