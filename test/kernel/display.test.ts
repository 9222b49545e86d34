import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { display, update_display, ProgressBar, Figure, plot, toMimeBundle } from "../../src/display";
import { installKernelBridge, type DisplayContent } from "../../src/display/kernel-bridge";
import { repoRoot } from "../helpers/paths";

function capture(fn: () => void): Array<{ content: DisplayContent; update: boolean }> {
  const sent: Array<{ content: DisplayContent; update: boolean }> = [];
  installKernelBridge({ publishDisplay: (content, update) => sent.push({ content, update }), clearOutput: () => {} });
  try {
    fn();
  } finally {
    installKernelBridge(undefined);
  }
  return sent;
}

test("toMimeBundle uses _repr_mimebundle_, _repr_html_, bundles and plain text", () => {
  assert.deepEqual(toMimeBundle({ _repr_mimebundle_: () => ({ "text/html": "<b>x</b>", "text/plain": "x" }) }), { "text/html": "<b>x</b>", "text/plain": "x" });
  const html = toMimeBundle({ _repr_html_: () => "<i>y</i>" });
  assert.equal(html["text/html"], "<i>y</i>");
  assert.equal(typeof html["text/plain"], "string");
  assert.deepEqual(toMimeBundle({ "text/markdown": "# hi" }), { "text/markdown": "# hi", "text/plain": "# hi" });
  assert.deepEqual(toMimeBundle({ "image/svg+xml": "<svg/>" }), { "image/svg+xml": "<svg/>", "text/plain": "<image/svg+xml output>" });
  assert.deepEqual(toMimeBundle([1, 2]), { "text/plain": "[ 1, 2 ]" });
  assert.deepEqual(toMimeBundle({ a: 1 }), { "text/plain": "{ a: 1 }" });
});

test("display sends one whole bundle per message and update_display targets the same display_id", () => {
  const sent = capture(() => {
    const handle = display({ "text/plain": "one", "text/html": "<p>one</p>" }, { display_id: "abc" });
    assert.equal(handle.display_id, "abc");
    update_display({ "text/plain": "two", "text/html": "<p>two</p>" }, { display_id: "abc" });
  });
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[0], { content: { data: { "text/plain": "one", "text/html": "<p>one</p>" }, metadata: {}, transient: { display_id: "abc" } }, update: false });
  assert.equal(sent[1].update, true);
  assert.equal(sent[1].content.transient.display_id, "abc");
  assert.equal(sent[1].content.data["text/html"], "<p>two</p>");
  assert.throws(() => update_display("x", { display_id: "" }), /display_id/);
});

test("ProgressBar shows once and then updates the same output in place", () => {
  const sent = capture(() => {
    const bar = new ProgressBar({ total: 4, desc: "steps", mininterval: 0 });
    for (let i = 0; i < 4; i++) bar.update(1);
    bar.set_postfix({ loss: 0.125 });
    bar.close();
  });
  assert.equal(sent[0].update, false);
  const id = sent[0].content.transient.display_id;
  assert.ok(id);
  assert.ok(sent.slice(1).every((m) => m.update && m.content.transient.display_id === id));
  const last = sent[sent.length - 1].content.data;
  assert.match(String(last["text/plain"]), /^steps: 100%\|█+\| 4\/4 .*loss=0\.1250/);
  assert.match(String(last["text/html"]), /<progress value="4" max="4">/);
});

test("the first Figure carries plotly.js inline, later ones only wait for window.Plotly", () => {
  const first = new Figure({ data: [{ type: "scatter", x: [1, 2, 3], y: [2, 1, 3] }], layout: { title: "loss" } });
  const second = plot({ type: "bar", x: ["a", "b"], y: new Float32Array([1, 2]) });
  const a = first._repr_mimebundle_();
  const b = second._repr_mimebundle_();
  const again = first._repr_mimebundle_();
  assert.deepEqual((a["application/vnd.plotly.v1+json"] as { data: unknown[] }).data, [{ type: "scatter", x: [1, 2, 3], y: [2, 1, 3] }]);
  assert.deepEqual((b["application/vnd.plotly.v1+json"] as { data: Array<{ y: number[] }> }).data[0].y, [1, 2]);
  const lib = /if \(!window\.Plotly\)/;
  assert.match(String(a["text/html"]), lib);
  assert.ok(String(a["text/html"]).length > 1_000_000, "the first chart inlines the library");
  assert.doesNotMatch(String(b["text/html"]), lib);
  assert.ok(String(b["text/html"]).length < 10_000);
  assert.match(String(again["text/html"]), lib, "the carrier keeps the library on redraws");
  assert.equal(a["text/plain"], "Figure(1 trace: scatter; title: loss)");
  assert.deepEqual(first.to_dict().layout, { title: { text: "loss" } }, "string titles become plotly.js 3's { text }");
});

test("outside a kernel, display and ProgressBar print plain text", () => {
  const script = `const d = require(${JSON.stringify(path.join(repoRoot, "dist", "src", "display"))});
d.display({ "text/plain": "hello text", "text/html": "<b>hello</b>" });
const bar = new d.ProgressBar({ total: 2, desc: "work" }); bar.update(2); bar.close();`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines[0], "hello text");
  assert.match(lines[1], /^work: 100%\|█+\| 2\/2/);
});
