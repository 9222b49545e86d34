import { Module } from "./module";

/** An ordered list of modules whose children are named 0, 1, 2 … like torch.nn.ModuleList. */
export class ModuleList<M extends Module = Module> extends Module {
  private readonly _items: M[];

  constructor(items: M[] = []) {
    super();
    this._items = [];
    for (const m of items) this.append(m);
  }

  append(m: M): this {
    (this as unknown as Record<string, Module>)[String(this._items.length)] = m;
    this._items.push(m);
    return this;
  }

  get length(): number {
    return this._items.length;
  }

  get(i: number): M {
    return this._items[i];
  }

  [Symbol.iterator](): Iterator<M> {
    return this._items[Symbol.iterator]();
  }

  map<T>(fn: (m: M, i: number) => T): T[] {
    return this._items.map(fn);
  }

  /** torch prints repeated identical layers compactly; we list them as torch does for short lists. */
  override toString(): string {
    if (this._items.length === 0) return "ModuleList()";
    const first = this._items[0].toString();
    if (this._items.length > 1 && this._items.every((m) => m.toString() === first)) {
      return `ModuleList(\n  (0-${this._items.length - 1}): ${this._items.length} x ${first.split("\n").join("\n  ")}\n)`;
    }
    return super.toString();
  }
}
