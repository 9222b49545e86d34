/**
 * complete_reply from tslab's completion info: the matches students want after `tok.`, each with
 * its kind in `metadata._jupyter_types_experimental` (what JupyterLab shows beside a match).
 *
 * Hidden unless the typed prefix asks for them: `_private` members (the SDK's internals) and
 * the Function.prototype members every class and function carries (`apply`, `bind`, `call`…).
 */
import type { CompletionInfo } from "tslab/dist/converter";

const FUNCTION_PROTOTYPE_NOISE = new Set(["apply", "arguments", "bind", "call", "caller"]);

/** TypeScript's ScriptElementKind → the type names IPython's completer reports. */
function jupyterType(kind: string | undefined): string {
  switch (kind) {
    case "method":
    case "function":
    case "local function":
    case "construct":
    case "call":
      return "function";
    case "class":
    case "local class":
      return "class";
    case "interface":
    case "type":
    case "enum":
      return "type";
    case "property":
    case "getter":
    case "setter":
    case "accessor":
      return "property";
    case "module":
    case "external module name":
      return "module";
    case "keyword":
      return "keyword";
    case "parameter":
      return "param";
    case "var":
    case "let":
    case "const":
    case "local var":
    case "alias":
      return "instance";
    default:
      return kind || "text";
  }
}

export interface CompleteReply {
  status: "ok";
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: { _jupyter_types_experimental: { start: number; end: number; text: string; type: string }[] };
}

/** Builds the reply for completing `code` at `cursor` from tslab's completion `info`. */
export function completeReply(code: string, cursor: number, info: CompletionInfo): CompleteReply {
  const typed = code.slice(info.start, cursor);
  const kinds = new Map<string, string>();
  for (const entry of info.original?.entries ?? []) if (!kinds.has(entry.name)) kinds.set(entry.name, entry.kind);
  const member = Boolean(info.original?.isMemberCompletion) || /\.\s*$/.test(code.slice(0, info.start));
  const asked = (name: string) => typed.length > 0 && name.startsWith(typed);
  const matches = info.candidates.filter((name) => {
    if (!member) return true;
    if (name.startsWith("_") && !typed.startsWith("_")) return false;
    return !FUNCTION_PROTOTYPE_NOISE.has(name) || asked(name);
  });
  return {
    status: "ok",
    matches,
    cursor_start: info.start,
    cursor_end: info.end,
    metadata: {
      _jupyter_types_experimental: matches.map((text) => ({ start: info.start, end: info.end, text, type: jupyterType(kinds.get(text)) })),
    },
  };
}
