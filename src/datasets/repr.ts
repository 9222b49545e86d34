// The notebook view of a dataset: a small HTML table of its first rows.

const MAX_ROWS = 10;
const MAX_CHARS = 120;
const MAX_ITEMS = 12;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A short, readable rendering of one cell (long text and long lists are cut). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ITEMS).map(cellText).join(", ");
    return `[${shown}${value.length > MAX_ITEMS ? `, … (${value.length} items)` : ""}]`;
  }
  const text = typeof value === "object" ? String(value) : String(value);
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}

export function datasetHtml(columns: string[], numRows: number, cell: (row: number, column: string) => unknown): string {
  const shown = Math.min(numRows, MAX_ROWS);
  const head = `<tr><th></th>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
  const body: string[] = [];
  for (let i = 0; i < shown; i++) {
    const cells = columns.map((c) => `<td style="text-align:left">${escapeHtml(cellText(cell(i, c)))}</td>`).join("");
    body.push(`<tr><th>${i}</th>${cells}</tr>`);
  }
  const more = numRows > shown ? `<p>… ${numRows - shown} more rows</p>` : "";
  return (
    `<div><p><b>Dataset</b> — ${numRows} rows × ${columns.length} columns</p>` +
    `<table><thead>${head}</thead><tbody>${body.join("")}</tbody></table>${more}</div>`
  );
}
