/** Reads grades.csv as a spreadsheet would: quoted fields, doubled quotes, a header row. */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trim().split("\n").map((line) => {
    const out: string[] = [];
    let field = "", quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
      } else if (ch === '"') quoted = true; else if (ch === ",") { out.push(field); field = ""; } else field += ch;
    }
    out.push(field);
    return out;
  });
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
