/**
 * The inputs (and text outputs) of this kernel session, answering `history_request` the way
 * IPython does: `tail` (last n), `range` (session, start, stop) and `search` (glob pattern,
 * optionally unique, last n). Session numbers: this process is session 1; 0 also means "current".
 */
export interface HistoryEntry {
  session: number;
  line: number;
  input: string;
  output: string | null;
}

export interface HistoryRequest {
  output?: boolean;
  raw?: boolean;
  hist_access_type: "tail" | "range" | "search";
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}

export type HistoryItem = [number, number, string | [string, string | null]];

export const CURRENT_SESSION = 1;

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]").replace(/\[!/g, "[^");
  return new RegExp(`^${escaped}$`);
}

export class History {
  private readonly entries: HistoryEntry[] = [];

  add(line: number, input: string): HistoryEntry {
    const entry = { session: CURRENT_SESSION, line, input, output: null };
    this.entries.push(entry);
    return entry;
  }

  query(req: HistoryRequest): HistoryItem[] {
    let found: HistoryEntry[];
    switch (req.hist_access_type) {
      case "tail":
        found = this.entries.slice(-(req.n ?? 10));
        break;
      case "range": {
        const session = req.session ?? 0;
        if (session !== 0 && session !== CURRENT_SESSION) return [];
        const start = req.start ?? 0;
        const stop = req.stop ?? Number.MAX_SAFE_INTEGER;
        found = this.entries.filter((e) => e.line >= start && e.line < stop);
        break;
      }
      case "search": {
        const re = globToRegExp(req.pattern ?? "*");
        found = this.entries.filter((e) => re.test(e.input));
        if (req.unique) {
          const seen = new Set<string>();
          found = found.reverse().filter((e) => !seen.has(e.input) && (seen.add(e.input), true)).reverse();
        }
        if (req.n !== undefined && req.n !== null) found = found.slice(-req.n);
        break;
      }
      default:
        return [];
    }
    return found.map((e) => [e.session, e.line, req.output ? [e.input, e.output] : e.input]);
  }
}
