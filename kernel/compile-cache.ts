/**
 * A V8 code cache for the TypeScript compiler (a ~9 MB script that every kernel start compiles
 * again). The first kernel saves V8's compiled code after it has type-checked its first cells;
 * later starts load it and skip most of the compilation. The cache is keyed by the file, its
 * size and time, and the Node/V8 version, and is only an optimisation: any problem falls back to
 * a normal `require`.
 */
import Module from "node:module";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import { createHash } from "node:crypto";

type CompileFn = (this: NodeJS.Module, content: string, filename: string) => unknown;

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache");
  return path.join(base, "transformers-lab", "v8");
}

function cacheFile(filename: string): string {
  const stat = fs.statSync(filename);
  const key = createHash("sha256").update(`${filename}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.versions.v8}`).digest("hex").slice(0, 24);
  return path.join(cacheDir(), `${path.basename(filename, ".js")}-${key}.bin`);
}

export interface CompileCache {
  /** Writes the compiled code of scripts that had no usable cache. Call when the kernel is idle. */
  save(): void;
}

/** Compiles the given files through vm.Script with V8's code cache. */
export function useCompileCache(files: string[]): CompileCache {
  const wanted = new Set(files);
  const pending: Array<{ script: vm.Script; file: string }> = [];
  const proto = Module.prototype as unknown as { _compile: CompileFn };
  const original = proto._compile;
  proto._compile = function (content, filename) {
    if (!wanted.has(filename)) return original.call(this, content, filename);
    try {
      const file = cacheFile(filename);
      const cachedData = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
      const script = new vm.Script(Module.wrap(content), { filename, cachedData });
      if (!cachedData || script.cachedDataRejected) pending.push({ script, file });
      const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
      const mod = this as NodeJS.Module & { require: NodeJS.Require };
      const req = Object.assign((id: string) => mod.require(id), {
        resolve: (request: string, options?: { paths?: string[] }) =>
          (Module as unknown as { _resolveFilename(r: string, p: unknown, m: boolean, o?: unknown): string })._resolveFilename(request, mod, false, options),
        cache: require.cache,
        main: require.main,
      });
      return wrapper.call(mod.exports, mod.exports, req, mod, filename, path.dirname(filename));
    } catch {
      return original.call(this, content, filename);
    }
  };
  return {
    save() {
      for (const { script, file } of pending.splice(0)) {
        try {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          const tmp = `${file}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, script.createCachedData());
          fs.renameSync(tmp, file);
        } catch {
          // a read-only home only means the next start compiles again
        }
      }
    },
  };
}
