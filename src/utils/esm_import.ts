// Loads an ES-module-only package from this CommonJS build. TypeScript compiles `import()` to
// `require()` here, which Node 20 refuses for ES modules, so the import is kept out of its sight.
import { pathToFileURL } from "node:url";

const dynamicImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;

/** `import(name)`, resolved from this package's node_modules. */
export async function importEsm<T>(name: string): Promise<T> {
  return (await dynamicImport(pathToFileURL(require.resolve(name)).href)) as T;
}
