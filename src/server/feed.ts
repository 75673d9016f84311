/**
 * Atom feeds (RFC 4287) of the newest releases a query selects: a search, a minister, a portfolio.
 */
import type { Hit } from '../index.ts';
import { urls } from '../web/urls.ts';

// XML 1.0 forbids most C0 controls even escaped; the corpus has none, but a query might.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for XML content and attribute values. */
export function xml(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A release as a feed entry; `part` names one thing within it (a commitment) when a feed holds several
 * entries of one release, each with its own id and title.
 */
export type FeedEntry = Hit & { part?: { anchor: string; title: string } };

export interface FeedOptions {
  /** The site's origin, e.g. `https://pressroom.example`; Atom ids and links must be absolute. */
  origin: string;
  title: string;
  /** The feed's own path, and the HTML page it mirrors. */
  self: string;
  alternate: string;
  hits: FeedEntry[];
  /** When the archive was built: the feed's `updated` when no entry has a date. */
  updated: string | null;
}

/**
 * Renders an Atom feed. Entry ids are the release pages' absolute URLs (with the part's anchor for a
 * part), stable across rebuilds since release ids and commitment keys are; `updated` is the release date (the corpus has no times), so readers order by it.
 * @example
 * atomFeed({ origin: 'http://localhost', title: 'Taji', self: '/search.atom?q=Taji', alternate: '/search?q=Taji', hits, updated: null })
 * // => '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">…'
 */
export function atomFeed(o: FeedOptions): string {
  const abs = (path: string) => o.origin + path;
  const stamp = (date: string | null) => (date ? `${date}T00:00:00Z` : (o.updated ?? '1970-01-01T00:00:00Z'));
  const newest = o.hits.map((h) => h.date).filter(Boolean).sort().pop() ?? null;
  const entries = o.hits.map((h) => {
    const link = abs(urls.release(h.id));
    return `  <entry>
    <id>${xml(h.part ? `${link}#${h.part.anchor}` : link)}</id>
    <title>${xml(h.part ? h.part.title : h.title)}</title>
    <updated>${stamp(h.date)}</updated>
    <link rel="alternate" type="text/html" href="${xml(link)}"/>
    <link rel="related" type="text/html" href="${xml(h.url)}" title="beehive.govt.nz"/>
${h.ministers.length ? h.ministers.map((m) => `    <author><name>${xml(m)}</name></author>`).join('\n') : '    <author><name>New Zealand Government</name></author>'}
${h.portfolios.map((p) => `    <category term="${xml(p)}"/>`).join('\n')}
    <summary type="html">${xml(h.snippet)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(abs(o.self))}</id>
  <title>${xml(o.title)}</title>
  <subtitle>New Zealand government releases, from pressroom</subtitle>
  <updated>${stamp(newest)}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(abs(o.self))}"/>
  <link rel="alternate" type="text/html" href="${xml(abs(o.alternate))}"/>
  <generator>pressroom</generator>
  <rights>Crown copyright; reproduced from beehive.govt.nz with acknowledgement of the source</rights>
${entries.join('\n')}
</feed>
`;
}

/** A commitment as its own entry: anchored by its stable key (`releaseId#hash`), titled by what is due when. */
export function commitmentPart(key: string, c: { subject: string; due: { from: string; to: string } }, releaseTitle: string): { anchor: string; title: string } {
  const due = c.due.from === c.due.to ? c.due.from : `${c.due.from} to ${c.due.to}`;
  return { anchor: `commitment-${key.slice(key.indexOf('#') + 1)}`, title: `Due ${due}: ${c.subject} (${releaseTitle})` };
}
