// One code source for both course languages, when only comments and printed or plotted words differ.
import { Bilingual } from "./lesson";

/**
 * Fills every `{{name}}` in `source` with the English and then the Korean text of `words[name]`;
 * returns both sources, ready for `code(en, ko)` or `codeWithFigures(figures, en, ko)`.
 */
export function localized(source: string, words: Record<string, Bilingual>): [string, string] {
  const fill = (lang: keyof Bilingual) =>
    source.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const word = words[name];
      if (!word) throw new Error(`localized(): no text for {{${name}}}; add it to the words.`);
      return word[lang];
    });
  return [fill("en"), fill("ko")];
}
