import { escapeHtml, protectEscapes, restoreEscapes } from '../text.ts';

// FTS5 marks matches with these control characters, which never occur in the corpus text.
export const OPEN = '\u0001';
export const CLOSE = '\u0002';

/**
 * Turns an FTS5 snippet marked with OPEN/CLOSE into HTML-safe text with `<mark>`: Markdown syntax is
 * dropped, everything else escaped, so corpus text can never become live HTML.
 * @example
 * markSnippet('The **\u0001Taji\u0002** mission [here](http://x)') // => 'The <mark>Taji</mark> mission here'
 */
export function markSnippet(raw: string): string {
  const plain = protectEscapes(raw)
    .replace(/!\[([^\]]*)\]\([^)]*\)?/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)?/g, '$1')
    .replace(/\]\([^)\s]*\)?/g, '')
    // Quote and heading marks only where Markdown reads them, at the start of a line: "5 > 3" and "C#" keep theirs.
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
    .replace(/^[ \t]*#{1,6}(?=[ \t])/gm, '')
    .replace(/(\*\*|__|[*`])/g, '')
    // A mark around nothing left (the match was all Markdown syntax or space) is no mark.
    .replace(/\u0001(\s*)\u0002/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  // Markdown escapes read as the characters they escape: "ISIL \[D’aesh]" is "ISIL [D’aesh]".
  return escapeHtml(restoreEscapes(plain))
    .replace(/\u0001/g, '<mark>')
    .replace(/\u0002/g, '</mark>');
}
