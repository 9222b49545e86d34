/**
 * Signature help for Shift+Tab inside a call (`tokenizer.encode(|`): the TypeScript language
 * service's answer, the one editors show, with every overload and the parameter being typed.
 *
 * tslab's converter keeps its program private, so the kernel keeps a language service of its own,
 * created on the first request and kept across cells. It sees one file: the kernel's declarations
 * (everything earlier cells defined, and the SDK prelude's import) followed by the cell. Only the
 * cell changes between requests, so later requests reuse every parsed library file.
 */
import * as path from "node:path";
import type * as TS from "@tslab/typescript-for-tslab";
import { tslabTypeScript } from "./prelude";

type Ts = typeof TS;

/** Compiler options matching tslab's converter (its module resolution, target and type roots). */
function compilerOptions(ts: Ts): TS.CompilerOptions {
  return {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2020,
    lib: ["lib.es2020.d.ts"],
    resolveJsonModule: true,
    experimentalDecorators: true,
    jsx: ts.JsxEmit.React,
    skipLibCheck: true,
    allowJs: true,
    noEmit: true,
    typeRoots: typeRoots(ts),
  };
}

/** The default type roots, plus the ones holding @types/node (tslab adds its own the same way). */
function typeRoots(ts: Ts): string[] {
  const roots = ts.getDefaultTypeRoots(process.cwd(), { directoryExists: ts.sys.directoryExists }) ?? [];
  try {
    roots.push(path.dirname(path.dirname(require.resolve("@types/node/package.json"))));
  } catch {
    // without @types/node, Node's globals are simply unknown to signature help
  }
  return [...new Set(roots)];
}

export class SignatureHelper {
  private readonly ts: Ts = tslabTypeScript();
  private readonly file: string;
  private text = "";
  private version = 0;
  private service: TS.LanguageService | undefined;

  constructor(private readonly cwd: string = process.cwd()) {
    this.file = path.join(cwd, "__signature_help__.ts");
  }

  private languageService(): TS.LanguageService {
    if (this.service) return this.service;
    const ts = this.ts;
    const options = compilerOptions(ts);
    const host: TS.LanguageServiceHost = {
      getCompilationSettings: () => options,
      getScriptFileNames: () => [this.file],
      getScriptVersion: (name) => (name === this.file ? String(this.version) : "0"),
      getScriptSnapshot: (name) => {
        if (name === this.file) return ts.ScriptSnapshot.fromString(this.text);
        const content = ts.sys.readFile(name);
        return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
      },
      getCurrentDirectory: () => this.cwd,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (name) => name === this.file || ts.sys.fileExists(name),
      readFile: (name) => (name === this.file ? this.text : ts.sys.readFile(name)),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
    return this.service;
  }

  /** The signatures of the call around `cursor` in `code`, as text, or undefined outside a call. */
  help(declarations: string, code: string, cursor: number): string | undefined {
    // The declarations come first and end with a newline, so the cell's offsets shift by their length.
    const prefix = declarations.length > 0 && !declarations.endsWith("\n") ? `${declarations}\n` : declarations;
    this.text = `export {};\n${prefix}${code}`;
    this.version++;
    const offset = this.text.length - code.length;
    const items = this.languageService().getSignatureHelpItems(this.file, offset + cursor, undefined);
    if (!items || items.items.length === 0) return undefined;
    return formatSignatureHelp(this.ts, items);
  }
}

/** `encode(text: string, options?: EncodeOptions): Encoding`, one line per overload, then the docs. */
export function formatSignatureHelp(ts: Ts, help: TS.SignatureHelpItems): string {
  const text = (parts: TS.SymbolDisplayPart[]) => ts.displayPartsToString(parts);
  const lines: string[] = [];
  help.items.forEach((item, index) => {
    const params = item.parameters.map((p, i) => {
      const shown = text(p.displayParts);
      return index === help.selectedItemIndex && i === help.argumentIndex ? `*${shown}*` : shown;
    });
    lines.push(`${text(item.prefixDisplayParts)}${params.join(text(item.separatorDisplayParts))}${text(item.suffixDisplayParts)}`);
  });
  const selected = help.items[help.selectedItemIndex] ?? help.items[0];
  const docs = text(selected.documentation);
  const current = selected.parameters[help.argumentIndex];
  const paramDoc = current ? text(current.documentation) : "";
  if (current && paramDoc) lines.push("", `${current.name}: ${paramDoc}`);
  if (docs) lines.push("", docs);
  return lines.join("\n");
}

/** Whether Shift+Tab at `cursor` asks about the call being typed (right after `(` or `,`). */
export function cursorOpensArgument(code: string, cursor: number): boolean {
  const before = code.slice(0, cursor).trimEnd();
  return before.endsWith("(") || before.endsWith(",");
}
