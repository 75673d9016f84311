/** What the commands share: the archive path, JSON and terminal output, and option checks. */
import { UsageError } from '../errors.ts';
import { unescapeHtml } from '../text.ts';
import type { Sort } from '../search/types.ts';
import { defaultDbPath } from '../store/open.ts';

export const dbOf = (values: Record<string, unknown>) => (values.db as string | undefined) ?? defaultDbPath();

// `<` and `>` written as \u003c and \u003e: the same JSON to every parser, and no tag in it can come alive if the
// output is pasted into a page (Go's encoding/json does the same).
export const print = (x: unknown) => console.log(JSON.stringify(x, null, 2).replace(/[<>]/g, (c) => (c === '<' ? '\\u003c' : '\\u003e')));

/** Text for a terminal: control characters, which could move the cursor or retitle the window, shown as `\u` escapes. */
export const shown = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function intOption(values: Record<string, unknown>, name: string, fallback: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`--${name} must be a whole number from 0 to ${max}, not "${raw}"`);
  return n;
}

export function sortOption(values: Record<string, unknown>): Sort {
  const s = (values.sort as string | undefined) ?? 'relevance';
  if (s !== 'relevance' && s !== 'newest' && s !== 'oldest') throw new UsageError(`--sort must be relevance, newest or oldest, not "${s}"`);
  return s;
}

/** An HTML-safe snippet as plain text, its marks as asterisks. */
export function plainSnippet(html: string): string {
  return unescapeHtml(html.replace(/<\/?mark>/g, '*'));
}
