#!/usr/bin/env node
/**
 * Entry point Jupyter starts: `node dist/kernel/main.js <connection_file>`.
 * The notebook's folder is the working directory, so relative paths in cells mean what a student expects.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import { useCompileCache } from "./compile-cache";

// Before anything loads the TypeScript compiler: compile it with V8's code cache.
const compileCache = useCompileCache([
  createRequire(require.resolve("tslab/package.json")).resolve("@tslab/typescript-for-tslab"),
]);

import { Kernel } from "./kernel";
import { installNodeResolution, installTypeScriptResolution, packageRoot } from "./sdk-resolution";
import { tslabTypeScript } from "./prelude";
import type { ConnectionInfo } from "./shared-state";

function main(argv: string[]): void {
  const args = argv.filter((a) => !a.startsWith("--"));
  const connectionFile = args[0];
  if (!connectionFile) {
    process.stderr.write("usage: node dist/kernel/main.js <connection_file> [--no-prelude]\n");
    process.exit(2);
  }
  const connection = JSON.parse(fs.readFileSync(connectionFile, "utf8")) as ConnectionInfo;
  const root = packageRoot();
  installNodeResolution(root);
  installTypeScriptResolution(tslabTypeScript().sys, process.cwd(), root);
  const kernel = new Kernel({ connection, root, prelude: !argv.includes("--no-prelude"), onIdle: () => compileCache.save() });
  kernel.start().catch((e) => {
    process.stderr.write(`the kernel could not start: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}

main(process.argv.slice(2));
