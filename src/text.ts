/**
 * A lookup key for names and words: lower case, diacritics and apostrophe forms folded, spaces collapsed.
 * @example
 * foldKey('  Māori Crown  Relations ') // => 'maori crown relations'
 */
export function foldKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const HTML_UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(HTML_ESCAPES).map(([c, e]) => [e, c]));

/**
 * The text that `escapeHtml` escaped (snippets, as plain text for a terminal or a CSV file).
 * @example
 * unescapeHtml('Q&amp;A &lt;b&gt;') // => 'Q&A <b>'
 */
export function unescapeHtml(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => HTML_UNESCAPES[e]!);
}
