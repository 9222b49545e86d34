/**
 * `_`, `__` and `___`: the last three cell results, as in IPython (`tok.encode(text)` in one cell,
 * `_.ids.length` in the next). They are declared `any` (each holds whatever came last) in a
 * `declare global` block put before the declarations every cell is checked against (tslab cannot
 * keep names starting with `__` among a cell's own variables); tslab reads every name declared
 * there from the cells' shared variables, so that is where the values go. A cell that declares `_` itself
 * takes the name over: from then on the kernel leaves all three alone, as IPython does.
 */
const NAMES = ["_", "__", "___"] as const;

type Holder = { [name in (typeof NAMES)[number]]?: unknown };

export class LastResults {
  /** Prepended to the kernel's declarations for type checking, completion and inspection. */
  static readonly declarations = `declare global { ${NAMES.map((n) => `var ${n}: any;`).join(" ")} }\n`;
  private ownedByUser = false;

  /** `variables`: the object tslab keeps the cells' variables in (the executor's `locals`). */
  constructor(private readonly variables: () => Holder) {}

  /** Called after a cell whose result was shown; `code` is the cell's source. */
  remember(value: unknown, code: string): void {
    if (this.ownedByUser || /\b(?:const|let|var|function|class)\s+_{1,3}(?![\w$])/.test(code)) {
      this.ownedByUser = true;
      return;
    }
    const holder = this.variables();
    holder.___ = holder.__;
    holder.__ = holder._;
    holder._ = value;
  }
}
