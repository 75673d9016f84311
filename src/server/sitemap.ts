/** `/sitemap.xml`: the pages worth indexing (home, browse lists, every minister, portfolio and release). */
import type { Context, Hono } from 'hono';
import { ministers, portfolios, type Archive } from '../index.ts';
import { urls } from '../web/urls.ts';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** The sitemaps protocol allows 50,000 URLs per file; releases beyond that (newest first kept) are left out. */
const MAX_URLS = 50_000;

export function mountSitemap(app: Hono, archive: Archive, origin: (c: Context) => string): void {
  let cached: { origin: string; body: string } | undefined;
  app.get('/sitemap.xml', (c) => {
    const base = origin(c);
    if (cached?.origin !== base) {
      const loc = (path: string, lastmod?: string | null) => `<url><loc>${xml(base + path)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
      const pages = [urls.home(), urls.ministers(), urls.portfolios(), urls.amounts(), urls.about()].map((p) => loc(p));
      for (const m of ministers(archive)) pages.push(loc(urls.minister(m.name), m.last));
      for (const p of portfolios(archive)) pages.push(loc(urls.portfolio(p.name), p.last));
      const rows = archive.db.prepare(`SELECT id, date FROM releases ORDER BY date DESC LIMIT ?`).raw().all(Math.max(0, MAX_URLS - pages.length)) as [string, string | null][];
      for (const [id, date] of rows) pages.push(loc(urls.release(id), date));
      cached = { origin: base, body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${pages.join('\n')}\n</urlset>\n` };
    }
    return c.body(cached.body, 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  });
}
