/**
 * MIME bundles: the `{ "text/plain": …, "text/html": … }` maps Jupyter renders. Any object can
 * show itself richly by defining `_repr_mimebundle_()` (IPython's name); `_repr_html_()` also works.
 */
import { inspect } from "node:util";

export type MimeBundle = Record<string, unknown>;

/** An object that knows how to show itself in a notebook. */
export interface ReprMimeBundle {
  _repr_mimebundle_(): MimeBundle;
}

function hasMethod(value: unknown, name: string): boolean {
  return (typeof value === "object" || typeof value === "function") && value !== null &&
    typeof (value as Record<string, unknown>)[name] === "function";
}

/**
 * True for a plain object whose keys all look like MIME types ("text/plain", "image/png", …):
 * `display({ "text/html": "<b>hi</b>" })` shows it as HTML rather than printing the object.
 */
export function isMimeBundle(value: unknown): value is MimeBundle {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => /^[a-z]+\/[\w.+-]+$/i.test(k));
}

/** The plain-text form of any value, as Node's REPL would print it. */
export function plainText(value: unknown): string {
  if (typeof value === "string") return inspect(value);
  return inspect(value, { depth: 4, colors: false, maxArrayLength: 50, breakLength: 100 });
}

/** Escapes text for inclusion in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** What a text-only client shows for a bundle that has no "text/plain" of its own. */
function textAlternative(bundle: MimeBundle): string {
  for (const type of ["text/markdown", "text/latex"]) if (typeof bundle[type] === "string") return bundle[type] as string;
  return `<${Object.keys(bundle).join(", ")} output>`;
}

/**
 * The MIME bundle for `value`: its own `_repr_mimebundle_()`, else `_repr_html_()` plus text,
 * else the value itself when it already is a bundle, else its plain text. A bundle always has
 * "text/plain" so every client can show something.
 */
export function toMimeBundle(value: unknown): MimeBundle {
  let bundle: MimeBundle;
  if (hasMethod(value, "_repr_mimebundle_")) {
    bundle = { ...(value as ReprMimeBundle)._repr_mimebundle_() };
  } else if (hasMethod(value, "_repr_html_")) {
    bundle = { "text/html": (value as { _repr_html_(): string })._repr_html_() };
  } else if (isMimeBundle(value)) {
    bundle = { ...value };
    if (typeof bundle["text/plain"] !== "string") bundle["text/plain"] = textAlternative(bundle);
  } else {
    return { "text/plain": plainText(value) };
  }
  if (typeof bundle["text/plain"] !== "string") bundle["text/plain"] = plainText(value);
  return bundle;
}
