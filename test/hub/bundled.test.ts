import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { cached_file, EntryNotFoundError, list_bundled_models } from "../../src/hub";
import { repoRoot } from "../helpers/paths";

test("bundled models resolve from the package's models/ folder without any network", async () => {
  process.env.HF_ENDPOINT = "http://127.0.0.1:9"; // any network use would fail
  try {
    const ids = list_bundled_models();
    const onDisk = fs.existsSync(path.join(repoRoot, "models"))
      ? fs.readdirSync(path.join(repoRoot, "models")).filter((n) => !n.startsWith(".") && fs.statSync(path.join(repoRoot, "models", n)).isDirectory())
      : [];
    assert.deepEqual(ids, onDisk.map((n) => `transformers-lab/${n}`).sort());
    for (const id of ids) {
      const folder = path.join(repoRoot, "models", id.split("/")[1]);
      const first = fs.readdirSync(folder)[0];
      assert.equal(await cached_file(id, first), path.join(folder, first));
      assert.equal(await cached_file(id, "no-such-file.json", { optional: true }), null);
    }
    await assert.rejects(cached_file("transformers-lab/no-such-model", "config.json"), (err: Error) => {
      assert.ok(err instanceof EntryNotFoundError);
      assert.match(err.message, /not a model bundled/);
      return true;
    });
    await assert.rejects(cached_file("transformers-lab/..", "config.json"), Error);
  } finally {
    delete process.env.HF_ENDPOINT;
  }
});
