/**
 * Runs every compiled benchmark (dist/bench/*.bench.js) one after another, each in its own Node
 * process so one benchmark's memory and threads do not disturb the next. Each file exports
 * `async function main()` that prints lines like
 *   `bert-tiny train step: ours 118 ms | PyTorch 152 ms | ratio 0.78×`.
 * Usage: node dist/bench/run.js [name filter...]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

function main(argv: string[]): number {
  const files = fs.readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.js"))
    .filter((f) => argv.length === 0 || argv.some((a) => f.includes(a)))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmarks found in ${__dirname}${argv.length ? ` matching ${argv.join(", ")}` : ""}. Run \`npm run build\` first.`);
    return 1;
  }
  const failed: string[] = [];
  for (const file of files) {
    const name = file.replace(/\.bench\.js$/, "");
    console.log(`\n== ${name} ==`);
    const started = Date.now();
    const script = `Promise.resolve(require(${JSON.stringify(path.join(__dirname, file))}).main()).then(() => process.exit(0), (e) => { console.error(e && e.stack || e); process.exit(1); })`;
    const r = spawnSync(process.execPath, ["-e", script], { stdio: "inherit" });
    if (r.status !== 0) failed.push(name);
    console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s${r.status !== 0 ? ", FAILED" : ""})`);
  }
  if (failed.length) console.error(`\nBenchmarks that failed: ${failed.join(", ")}`);
  return failed.length ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
