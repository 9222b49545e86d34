import { Tensor } from "../tensor";
import { TensorError } from "../tensor";
import { Parameter } from "./parameter";

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Base class of every layer and model, like torch.nn.Module. Children and parameters are found
 * from the object's own properties in assignment order: a Parameter property `weight` is named
 * `weight`, a child module property `query` contributes `query.<its names>`, and a ModuleList
 * `layer` contributes `layer.0.…`, `layer.1.…`. Properties starting with "_" are private.
 * So the names come out as the Hub's state-dict names (`encoder.layer.0.attention.self.query.weight`).
 *
 * `forward` composes symbolic graph values (see src/engine); it does not compute.
 */
export class Module {
  training = true;

  /** Direct children, in assignment order. */
  named_children(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const key of Object.keys(this)) {
      if (key.startsWith("_")) continue;
      const v = (this as Record<string, unknown>)[key];
      if (v instanceof Module) out.push([key, v]);
    }
    return out;
  }

  /** Parameters held directly by this module. */
  named_own_parameters(): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const key of Object.keys(this)) {
      if (key.startsWith("_")) continue;
      const v = (this as Record<string, unknown>)[key];
      if (v instanceof Parameter) out.push([key, v]);
    }
    return out;
  }

  /** Every module in the tree with its dotted name ("" for this one), depth first. */
  named_modules(prefix = ""): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.named_children()) out.push(...child.named_modules(prefix ? `${prefix}.${name}` : name));
    return out;
  }

  modules(): Module[] {
    return this.named_modules().map(([, m]) => m);
  }

  /**
   * Every parameter with its state-dict name. A parameter shared by two modules (tied weights) is
   * listed once, under its first name, as torch does.
   */
  named_parameters(prefix = ""): [string, Parameter][] {
    const seen = new Set<Parameter>();
    const out: [string, Parameter][] = [];
    for (const [name, p] of this.allNamedParameters(prefix)) {
      if (seen.has(p)) continue;
      seen.add(p);
      out.push([name, p]);
    }
    return out;
  }

  private allNamedParameters(prefix: string): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const [mname, m] of this.named_modules(prefix)) {
      for (const [pname, p] of m.named_own_parameters()) out.push([mname ? `${mname}.${pname}` : pname, p]);
    }
    return out;
  }

  parameters(): Parameter[] {
    return this.named_parameters().map(([, p]) => p);
  }

  /** How many weights the model has (tied weights counted once), like transformers' `num_parameters()`. */
  num_parameters(options: { only_trainable?: boolean } = {}): number {
    return this.parameters()
      .filter((p) => !options.only_trainable || p.requires_grad)
      .reduce((n, p) => n + p.numel, 0);
  }

  /** Sets training mode on this module and every child (dropout active). */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** The module at a dotted path, like torch's `get_submodule("encoder.layer.0")`. */
  get_submodule(target: string): Module {
    if (target === "") return this;
    const found = this.named_modules().find(([name]) => name === target);
    if (!found) throw new TensorError(`${this.reprName()} has no submodule "${target}".`);
    return found[1];
  }

  /** Freezes (false) or unfreezes (true) every parameter, like torch's `requires_grad_()`. */
  requires_grad_(requires_grad = true): this {
    for (const p of this.parameters()) p.requires_grad = requires_grad;
    return this;
  }

  /** Forgets every parameter's gradient. */
  zero_grad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Sets evaluation mode (dropout off). */
  eval(): this {
    return this.train(false);
  }

  /** Name → tensor view of every parameter (tied weights under each of their names, as torch). */
  state_dict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, p] of this.allNamedParameters("")) out[name] = p.tensor();
    return out;
  }

  /**
   * Copies values into parameters by name. With `strict` (default) every parameter must be given
   * and no unknown name may appear. Returns the names that were missing and unexpected.
   */
  load_state_dict(state: Record<string, Tensor | Float32Array>, options: { strict?: boolean } = {}): { missing_keys: string[]; unexpected_keys: string[] } {
    const strict = options.strict ?? true;
    const params = new Map(this.allNamedParameters(""));
    const missing = [...params.keys()].filter((k) => !(k in state));
    const unexpected = Object.keys(state).filter((k) => !params.has(k));
    if (strict && (missing.length || unexpected.length)) {
      throw new TensorError(`load_state_dict: missing keys [${missing.join(", ")}]; unexpected keys [${unexpected.join(", ")}].`);
    }
    for (const [name, p] of params) {
      const v = state[name];
      if (!v) continue;
      const data = v instanceof Tensor ? v.data : v;
      if (v instanceof Tensor && v.shape.join(",") !== p.shape.join(",")) {
        throw new TensorError(`load_state_dict: ${name} has shape [${v.shape.join(", ")}] in the state dict but [${p.shape.join(", ")}] in the model.`);
      }
      if (!(data instanceof Float32Array)) throw new TensorError(`load_state_dict: ${name} must be float32.`);
      p.data = new Float32Array(data);
    }
    return { missing_keys: missing, unexpected_keys: unexpected };
  }

  /** The constructor arguments shown in the tree view, like torch's `extra_repr`. */
  extra_repr(): string {
    return "";
  }

  /** The class name shown in the tree view. */
  protected reprName(): string {
    return this.constructor.name;
  }

  /** PyTorch-style tree: `BertModel(\n  (embeddings): BertEmbeddings(…)\n)`. */
  toString(): string {
    const children = this.named_children();
    const extra = this.extra_repr();
    if (children.length === 0) return `${this.reprName()}(${extra})`;
    const lines = children.map(([name, child]) => `(${name}): ${child.toString().split("\n").join("\n  ")}`);
    if (extra) lines.unshift(extra);
    return `${this.reprName()}(\n  ${lines.join("\n  ")}\n)`;
  }

  _repr_mimebundle_(): Record<string, unknown> {
    const text = this.toString();
    const n = this.num_parameters();
    return {
      "text/plain": text,
      "text/html": `<details open><summary><b>${escapeHtml(this.reprName())}</b> — ${n.toLocaleString("en-US")} parameters</summary><pre>${escapeHtml(text)}</pre></details>`,
    };
  }
}
