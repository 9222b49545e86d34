/**
 * Starting one submission's kernel: inside the sandbox (the default), or as a plain child process
 * when the instructor chose `--unsafe-no-sandbox`. Either way the kernel works in a copy of the
 * submission's folder, never in the folder itself.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { createConnectionFile, createIpcConnectionFile } from "../runner/connection";
import { KernelLaunch, KernelProcessSpec, defaultKernelLaunch, packageRoot } from "../runner/kernel";
import {
  DEFAULT_LIMITS, SANDBOX_HOME, SANDBOX_RUN, SandboxLimits, SandboxTools, newSandboxUid, prepareSandboxFolders, sandboxArgv, sandboxEnv,
} from "./sandbox";

export type Isolation =
  | { kind: "sandbox"; tools: SandboxTools; limits?: SandboxLimits }
  | { kind: "none" };

export interface SubmissionKernel {
  /** Starts a kernel (called again after the kernel had to be killed). */
  start(): Promise<KernelProcessSpec>;
  /** Removes the working copy and every folder made for the kernels. */
  cleanup(): void;
}

/**
 * The parts of this package a kernel reads: the SDK, the kernel, their dependencies and the bundled
 * models. Left out: the lessons (notebooks/ and their compiled builders in dist/notebooks hold the
 * answers and hidden tests) and the compiled tests, benches and scripts.
 */
function packageFolders(root: string): string[] {
  return ["package.json", "dist/src", "dist/kernel", "node_modules", "models", "datasets", "kernel/assets"]
    .map((p) => path.join(root, p))
    .filter((p) => fs.existsSync(p))
    .map((p) => fs.realpathSync(p));
}

/** The kernel's V8 code cache on this machine (kernel/compile-cache.ts writes it). */
function hostCompileCache(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "transformers-lab", "v8");
}

/**
 * Fills the kernel's code cache for the TypeScript compiler, outside any sandbox and with no
 * student code, so sandboxed kernels (which only read it) start as fast as ordinary ones. A cache
 * a sandbox could write would let one submission plant code in the next one's kernel.
 */
export function warmCompileCache(): void {
  const cacheModule = path.join(packageRoot, "dist", "kernel", "compile-cache.js");
  if (!fs.existsSync(cacheModule)) return;
  const compiler = createRequire(require.resolve("tslab/package.json")).resolve("@tslab/typescript-for-tslab");
  const script = `const c = require(${JSON.stringify(cacheModule)}).useCompileCache([${JSON.stringify(compiler)}]); require(${JSON.stringify(compiler)}); c.save();`;
  spawnSync(process.execPath, ["-e", script], { stdio: "ignore", timeout: 60_000 });
}

export function submissionKernel(submissionFile: string, isolation: Isolation, options: { hidden?: string[]; launch?: KernelLaunch } = {}): SubmissionKernel {
  const uid = isolation.kind === "sandbox" ? newSandboxUid(isolation.tools) : undefined;
  const folders = prepareSandboxFolders(submissionFile, uid);
  const launch = options.launch ?? defaultKernelLaunch();
  let starts = 0;
  const cleanup = () => fs.rmSync(folders.root, { recursive: true, force: true });
  if (isolation.kind === "none") {
    return {
      cleanup,
      async start() {
        const { file, info } = await createConnectionFile(folders.root);
        return { argv: launch.command(file), cwd: folders.workDir, info, dispose: () => fs.rmSync(file, { force: true }) };
      },
    };
  }
  const root = packageRoot;
  const readOnly = packageFolders(root);
  // Only what exists and lies inside a folder the sandbox can read needs hiding.
  const hidden = (options.hidden ?? [])
    .map((p) => path.resolve(p))
    .filter((p) => fs.existsSync(p) && readOnly.some((dir) => p === dir || p.startsWith(dir + path.sep)));
  const nodeDir = path.dirname(fs.realpathSync(process.execPath));
  if (!nodeDir.startsWith("/usr/")) readOnly.push(path.dirname(nodeDir));
  const cache = hostCompileCache();
  const readOnlyAt: [string, string][] = fs.existsSync(cache) ? [[cache, path.posix.join(SANDBOX_HOME, ".cache", "transformers-lab", "v8")]] : [];
  return {
    cleanup,
    async start() {
      // A fresh socket folder per start: a killed kernel's sockets are gone with it.
      const runDir = path.join(folders.root, `run-${++starts}`);
      fs.mkdirSync(runDir);
      if (uid !== undefined) fs.chownSync(runDir, uid, uid);
      const { kernelFile, info } = createIpcConnectionFile(runDir, SANDBOX_RUN);
      const argv = sandboxArgv({
        tools: isolation.tools, limits: isolation.limits ?? DEFAULT_LIMITS, uid,
        readOnly, readOnlyAt, hidden, workDir: folders.workDir, runDir,
        command: launch.command(kernelFile), env: sandboxEnv(),
      });
      return { argv, info, dispose: () => fs.rmSync(runDir, { recursive: true, force: true }) };
    },
  };
}
