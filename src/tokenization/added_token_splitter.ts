import { AddedToken } from "./added_token";

/** A piece of the input: either plain text for the normal pipeline, or one added token. */
export interface Segment {
  start: number;
  end: number;
  token: AddedToken | null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Finds added tokens in raw text: at each position the earliest, then longest, match wins (what the
 * Python tokenizers' trie does). `lstrip`/`rstrip` tokens swallow the whitespace beside them.
 */
export class AddedTokenSplitter {
  private readonly pattern: RegExp | null;
  private readonly byContent: Map<string, AddedToken>;

  constructor(tokens: AddedToken[]) {
    this.byContent = new Map(tokens.filter((t) => t.content.length > 0).map((t) => [t.content, t]));
    const contents = [...this.byContent.keys()].sort((a, b) => b.length - a.length);
    this.pattern = contents.length ? new RegExp(contents.map(escapeRegExp).join("|"), "g") : null;
  }

  /** Splits `text`; `matchText` (same length) is where tokens are searched, e.g. a lowercased copy. */
  split(text: string, matchText: string = text): Segment[] {
    if (!this.pattern) return [{ start: 0, end: text.length, token: null }];
    const segments: Segment[] = [];
    let cursor = 0;
    this.pattern.lastIndex = 0;
    for (let m = this.pattern.exec(matchText); m !== null; m = this.pattern.exec(matchText)) {
      const token = this.byContent.get(m[0])!;
      if (m.index > cursor) segments.push({ start: cursor, end: m.index, token: null });
      segments.push({ start: m.index, end: m.index + m[0].length, token });
      cursor = m.index + m[0].length;
    }
    if (cursor < text.length) segments.push({ start: cursor, end: text.length, token: null });
    for (let i = 0; i < segments.length; i++) {
      const token = segments[i].token;
      if (!token) continue;
      const left = segments[i - 1];
      const right = segments[i + 1];
      if (token.lstrip && left && !left.token) while (left.end > left.start && /\s/.test(text[left.end - 1])) left.end--;
      if (token.rstrip && right && !right.token) while (right.start < right.end && /\s/.test(text[right.start])) right.start++;
    }
    return segments.filter((s) => s.token || s.end > s.start);
  }
}
