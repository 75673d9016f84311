import { createHash } from 'node:crypto';
import { extractFacts } from '../facts/extract.ts';
import type { Fact } from '../facts/types.ts';
import type { Release } from '../corpus/types.ts';

/** A release with what ingest derives from it, ready to be written. */
export interface PreparedRelease {
  release: Release;
  lead: string;
  contentKey: string;
  facts: Fact[];
}

/**
 * The lead: the first paragraph of the body, where a release says what it announces.
 * @example
 * leadOf('**Wellington** – The PM today announced X.\n\nMore.') // => 'Wellington – The PM today announced X.'
 */
export function leadOf(body: string): string {
  for (const para of body.split(/\n\s*\n/)) {
    const text = plainText(para);
    if (text.length >= 20) return text.slice(0, 1200);
  }
  return plainText(body.slice(0, 1200));
}

/** Markdown reduced to its words: emphasis, link targets, images and heading marks dropped. */
export function plainText(md: string): string {
  return md
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function prepareRelease(release: Release): PreparedRelease {
  const contentKey = createHash('sha1').update(release.title).update('\0').update(release.body).digest('hex');
  return { release, lead: leadOf(release.body), contentKey, facts: extractFacts(release.body, release.date) };
}
