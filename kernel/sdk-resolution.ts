/**
 * Makes `import … from "transformers-lab"` work in a notebook in any folder, for both halves of
 * the kernel:
 * - Node (running cells): requests for "transformers-lab" or "transformers-lab/…" resolve to the
 *   package this kernel belongs to.
 * - TypeScript (type-checking cells): tslab's compiler looks for `<cwd>/node_modules/...`; we show
 *   it a virtual `node_modules/transformers-lab` (and `@types/node`) that reads from our package.
 *   `realpath` maps the virtual paths back, so a file reached both ways is one declaration.
 */
import Module from "node:module";
import * as path from "node:path";
import * as fs from "node:fs";

export const PACKAGE_NAME = "transformers-lab";

/** Where this kernel's package lives (the folder with package.json). */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, "utf8")).name === PACKAGE_NAME) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package above ${__dirname}`);
    dir = parent;
  }
}

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

/** Routes Node's `require("transformers-lab…")` to `root`. */
export function installNodeResolution(root: string): void {
  const mod = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = mod._resolveFilename;
  mod._resolveFilename = function (request, parent, isMain, options) {
    if (request === PACKAGE_NAME || request.startsWith(PACKAGE_NAME + "/")) {
      request = path.join(root, request.slice(PACKAGE_NAME.length));
    }
    return original.call(this, request, parent, isMain, options);
  };
}

/** The folder of the Node typings our package sees (its own, hoisted beside it, or tslab's). */
function nodeTypings(root: string): string | undefined {
  for (const from of [root, path.dirname(require.resolve("tslab/package.json"))]) {
    try {
      return path.dirname(require.resolve("@types/node/package.json", { paths: [from] }));
    } catch {
      // not reachable from here
    }
  }
  return undefined;
}

/** The subset of `ts.sys` that module resolution reads. */
interface FileSystemHost {
  fileExists(p: string): boolean;
  readFile(p: string, encoding?: string): string | undefined;
  directoryExists(p: string): boolean;
  getDirectories(p: string): string[];
  realpath?(p: string): string;
  watchFile?(p: string, ...rest: unknown[]): unknown;
}

/**
 * Patches the compiler's `sys` so `<cwd>/node_modules/transformers-lab` and
 * `<cwd>/node_modules/@types/node` exist and point at our package and its Node typings.
 */
export function installTypeScriptResolution(sys: FileSystemHost, cwd: string, root: string): void {
  const norm = (p: string) => p.replace(/\\/g, "/");
  const virtualModules = norm(path.join(cwd, "node_modules"));
  const virtualTypes = `${virtualModules}/@types`;
  const typesNode = nodeTypings(root);
  const mappings: Array<[string, string]> = [[`${virtualModules}/${PACKAGE_NAME}`, norm(root)]];
  if (typesNode) mappings.push([`${virtualTypes}/node`, norm(typesNode)]);

  const map = (p: string): string => {
    const n = norm(p);
    for (const [virtual, real] of mappings) {
      if (n === virtual) return real;
      if (n.startsWith(virtual + "/")) return real + n.slice(virtual.length);
    }
    return p;
  };
  const original = {
    fileExists: sys.fileExists.bind(sys),
    readFile: sys.readFile.bind(sys),
    directoryExists: sys.directoryExists.bind(sys),
    getDirectories: sys.getDirectories.bind(sys),
    realpath: sys.realpath?.bind(sys),
    watchFile: sys.watchFile?.bind(sys),
  };
  sys.fileExists = (p) => original.fileExists(map(p));
  sys.readFile = (p, encoding) => original.readFile(map(p), encoding);
  sys.directoryExists = (p) => {
    const n = norm(p);
    if (n === virtualModules || n === virtualTypes) return true;
    return original.directoryExists(map(p));
  };
  sys.getDirectories = (p) => {
    const n = norm(p);
    const real = original.directoryExists(p) ? original.getDirectories(p) : [];
    if (n === virtualTypes && mappings.length > 1 && !real.includes("node")) return [...real, "node"];
    if (n === virtualModules && !real.includes(PACKAGE_NAME)) return [...real, PACKAGE_NAME];
    return original.directoryExists(map(p)) && map(p) !== p ? original.getDirectories(map(p)) : real;
  };
  if (original.realpath) {
    const realpath = original.realpath;
    sys.realpath = (p) => realpath(map(p));
  }
  if (original.watchFile) {
    const watchFile = original.watchFile;
    sys.watchFile = (p, ...rest) => watchFile(map(p), ...rest);
  }
}
