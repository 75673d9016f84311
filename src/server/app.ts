/**
 * The web surface: HTML pages, the JSON API, Atom feeds and exports, all thin over the library.
 * `createApp` builds a Hono app over an open archive; `serve.ts` puts it on a port.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  amountCurrencies,
  BadQueryError,
  largestAmounts,
  minister,
  ministers,
  NotFoundError,
  portfolio,
  portfolios,
  RetryLaterError,
  PressroomError,
  UsageError,
  type Archive,
  type RelatedResult,
  type SearchResult,
  type Stats,
  type StateStore,
  type TrendsResult,
} from '../index.ts';
import { amountsPage } from '../web/pages/amounts.ts';
import { setDataAsOf } from '../web/layout.ts';
import { aboutPage, errorPage } from '../web/pages/misc.ts';
import { browseList, ministerPage, portfolioPage } from '../web/pages/browse.ts';
import { homePage } from '../web/pages/home.ts';
import { releasePage } from '../web/pages/release.ts';
import { searchPage } from '../web/pages/search.ts';
import { trendsCsv, trendsPage } from '../web/pages/trends.ts';
import { AMOUNTS_PAGE_SIZE, PAGE_SIZE, urls } from '../web/urls.ts';
import { mountAlerts } from './alerts.ts';
import { Lru } from './cache.ts';
import { ClientLimiter } from './admission.ts';
import { csvField, EXPORT_CAP, exportFilename } from './export.ts';
import { atomFeed, xml } from './feed.ts';
import { openapi } from './openapi.ts';
import { amountsParams, exportParams, limitParam, parseParams, searchParams, trendsParams } from './params.ts';
import { isHeavySearch } from './jobs.ts';
import { methods } from './methods.ts';
import { inlineRunner, type Runner } from './pool.ts';
import { loadStatic } from './static.ts';
import { followOf, mountThreads } from './threads.ts';
import { clientAddress, requestOrigin } from './origin.ts';
import { mountSitemap } from './sitemap.ts';

export interface AppOptions {
  /** Search results kept in the LRU cache; 0 turns it off. Default 2,000 (a few MB). */
  cacheSize?: number;
  /** The public origin for absolute links in feeds, exports and OpenSearch; default: the request's (see requestOrigin). */
  origin?: string;
  /** Take the origin from X-Forwarded-Proto and X-Forwarded-Host (PRESSROOM_TRUST_PROXY=1): only behind a proxy that sets them. */
  trustProxy?: boolean;
  /** Where unexpected errors go; default `console.error`. */
  logError?: (err: unknown) => void;
  /** The alerts' state store: with it, the alert API, form, confirmation, unsubscribe and feed routes. */
  state?: StateStore;
  /** Alerts one client address may create per hour; default 10. */
  alertsPerHour?: number;
  /** Runs searches, trends, related releases and exports: a `WorkerPool` in `serve`; default in-process. */
  runner?: Runner;
}

/**
 * The Content-Security-Policy of every response: only our own scripts, styles and images, no
 * inline script or style, no plugins, no framing, forms only to ourselves.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Items in a feed. */
const FEED_SIZE = 30;

/** Paths whose errors are JSON: the API, feeds and exports. Everything else gets an HTML page. */
function wantsJson(path: string): boolean {
  return path.startsWith('/api/') || /\.(json|jsonl|csv|atom)$/.test(path);
}

/**
 * Builds the app. All errors become responses in `onError`: a `PressroomError` is the user's to fix
 * (400, or 404 for an unknown id or name); anything else is logged and is a 500 that says nothing more.
 * @example
 * const res = await createApp(Archive.open('pressroom.db')).request('/api/search?q=Taji');
 * (await res.json()).hits[0].id // => '2015-02-24-pm-announces-contribution-coalition-against-isil'
 */
export function createApp(archive: Archive, opts: AppOptions = {}): Hono {
  const app = new Hono();
  // Cached results belong to the archive's generation: an ingest or rebuild drops them with its other caches.
  const cache = () => archive.memo('server:results', () => new Lru<SearchResult>(opts.cacheSize ?? 2000));
  const files = loadStatic();
  const logError = opts.logError ?? ((err: unknown) => console.error(err));
  const getStats = (): Stats => archive.stats();
  const origin = (c: Context) => requestOrigin(c, opts);
  setDataAsOf(() => ({ newest: getStats().last, updated: getStats().ingested_at }));

  const runner = opts.runner ?? inlineRunner(archive);
  const limiter = new ClientLimiter();
  const client = (c: Context) => clientAddress(c, opts);

  /** Searches through the cache; the key is the request normalised, so equal requests share it. */
  const cachedSearch = async (q: string, sort: SearchResult['sort'], limit: number, offset: number, amounts: 'announced' | 'all' = 'announced'): Promise<SearchResult> => {
    const key = `${sort}\u0000${limit}\u0000${offset}\u0000${amounts}\u0000${q.trim().replace(/\s+/g, ' ')}`;
    const hit = cache().get(key);
    if (hit) return hit;
    const r = await runner.run<SearchResult>({ kind: 'search', q, opts: { sort, limit, offset, amounts }, heavy: isHeavySearch(archive, q) });
    cache().set(key, r);
    return r;
  };
  /** Trends, at most `PER_CLIENT_HEAVY` at once per client. */
  const trendsFor = async (c: Context, queries: string[], p: { by: 'year' | 'month'; from?: string; to?: string }) => {
    const release = limiter.acquire(client(c));
    try {
      return await runner.run<TrendsResult>({ kind: 'trends', queries, opts: p });
    } finally {
      release();
    }
  };

  app.use(async (c, next) => {
    // Every request reads one snapshot of the archive as it is now: after an ingest in place or a rebuild
    // renamed into place, and never half before and half after an ingest that commits while it runs.
    await archive.reading(() => next());
    c.res.headers.set('Content-Security-Policy', CSP);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.res.headers.set('X-Frame-Options', 'DENY');
  });
  app.use(methods(app));

  app.onError((err, c) => {
    let status: 400 | 404 | 429 | 500 | 503 = 500;
    let message = 'Something went wrong on our side; it has been logged.';
    if (err instanceof RetryLaterError) c.header('Retry-After', String(err.retryAfter));
    if (err instanceof PressroomError && err.status !== 500) [status, message] = [err.status, err.message];
    else if (err instanceof HTTPException && err.status < 500) [status, message] = [err.status === 404 ? 404 : 400, err.message || 'Bad request'];
    else logError(err);
    // A search keeps its query in the box, whatever was wrong with the request.
    const res = wantsJson(c.req.path) ? c.json({ error: message }, status) : c.html(String(errorPage(status, message, c.req.path === '/search' ? c.req.query('q') ?? '' : '')), status);
    return res;
  });

  app.notFound((c) => {
    const message = `There is no page at ${c.req.path}.`;
    return wantsJson(c.req.path) ? c.json({ error: `no route ${c.req.method} ${c.req.path}; see /api/openapi.json` }, 404) : c.html(String(errorPage(404, message)), 404);
  });

  // ---- HTML pages -------------------------------------------------------------------------------

  // Answered on this thread, whatever the workers are doing.
  app.get('/healthz', (c) => c.json({ status: 'ok', ...runner.status() }));

  app.get('/', async (c) => {
    const newest = (await cachedSearch('', 'newest', 10, 0)).hits;
    return c.html(String(homePage({ stats: getStats(), newest, topMinisters: ministers(archive).slice(0, 6), topPortfolios: portfolios(archive).slice(0, 6) })));
  });

  app.get('/search', async (c) => {
    const p = parseParams(searchParams, c.req.queries());
    // The form's from–to boxes become from: and to: filters in the query, so the URL holds one query.
    const range = (['from', 'to'] as const).map((k) => [k, (c.req.query(k) ?? '').trim()] as const).filter(([, v]) => v);
    if (range.length) {
      const q = [p.q.trim(), ...range.map(([k, v]) => `${k}:${v.replace(/\s+/g, '')}`)].filter(Boolean).join(' ');
      return c.redirect(urls.search({ q, sort: p.sort, limit: p.limit, amounts: p.amounts }), 303);
    }
    const state = { q: p.q, sort: p.sort, offset: p.offset, limit: p.limit, amounts: p.amounts };
    if (!p.q.trim()) return c.html(String(searchPage(undefined, state)));
    try {
      const r = await cachedSearch(p.q, p.sort, p.limit ?? PAGE_SIZE, p.offset, p.amounts);
      c.header('Link', `<${urls.searchApi(state)}>; rel="alternate"; type="application/json"`);
      return c.html(String(searchPage(r, state, Boolean(opts.state))));
    } catch (err) {
      if (err instanceof BadQueryError) return c.html(String(errorPage(400, err.message, p.q)), 400);
      throw err;
    }
  });

  app.get('/releases/:id', async (c) => {
    const id = c.req.param('id');
    const r = archive.release(id);
    const rel = (await runner.run<RelatedResult>({ kind: 'related', id, limit: 8 })).hits;
    c.header('Link', `<${urls.releaseApi(id)}>; rel="alternate"; type="application/json"`);
    return c.html(String(releasePage(r, rel, await followOf(archive, id, runner), origin(c))));
  });

  app.get('/ministers', (c) => c.html(String(browseList('minister', ministers(archive), c.req.query('sort') === 'name' ? 'name' : 'releases'))));
  app.get('/portfolios', (c) => c.html(String(browseList('portfolio', portfolios(archive), c.req.query('sort') === 'name' ? 'name' : 'releases'))));

  app.get('/ministers/:name/feed.atom', (c) => {
    const p = minister(archive, c.req.param('name'), { limit: FEED_SIZE });
    return atom(c, `Releases by ${p.name}`, urls.ministerAtom(p.name), urls.minister(p.name), p.newest);
  });
  app.get('/portfolios/:name/feed.atom', (c) => {
    const p = portfolio(archive, c.req.param('name'), { limit: FEED_SIZE });
    return atom(c, `Releases in ${p.name}`, urls.portfolioAtom(p.name), urls.portfolio(p.name), p.newest);
  });
  app.get('/ministers/:name', (c) => c.html(String(ministerPage(minister(archive, c.req.param('name'))))));
  app.get('/portfolios/:name', (c) => c.html(String(portfolioPage(portfolio(archive, c.req.param('name'))))));

  app.get('/trends', async (c) => {
    const p = parseParams(trendsParams, c.req.queries(), ['q']);
    const state = { q: p.q.map((s) => s.trim()).filter(Boolean), by: p.by, from: p.from, to: p.to, show: p.show };
    if (state.q.length === 0) return c.html(String(trendsPage(undefined, state)));
    try {
      return c.html(String(trendsPage(await trendsFor(c, state.q, state), state)));
    } catch (err) {
      if (err instanceof BadQueryError) return c.html(String(trendsPage(undefined, state, err.message)), 400);
      throw err;
    }
  });

  app.get('/trends.csv', async (c) => {
    const p = parseParams(trendsParams, c.req.queries(), ['q']);
    const t = await trendsFor(c, p.q, p);
    return c.body(trendsCsv(t, csvField), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="pressroom-trends.csv"' });
  });

  app.get('/amounts', (c) => {
    const p = parseParams(amountsParams, c.req.queries());
    const r = largestAmounts(archive, { ...p, limit: p.limit ?? AMOUNTS_PAGE_SIZE });
    const names = portfolios(archive).map((e) => e.name).sort((a, b) => a.localeCompare(b, 'en-NZ'));
    c.header('Link', `<${urls.amountsApi({ portfolio: r.portfolio ?? undefined, year: r.year ?? undefined, currency: r.currency, kind: r.kind, offset: r.offset, limit: r.limit })}>; rel="alternate"; type="application/json"`);
    return c.html(String(amountsPage(r, { portfolios: names, currencies: amountCurrencies(archive) })));
  });

  app.get('/about', (c) => c.html(String(aboutPage())));

  // ---- Feeds and exports -----------------------------------------------------------------------

  const atom = (c: Context, title: string, self: string, alternate: string, hits: SearchResult['hits']) =>
    c.body(atomFeed({ origin: origin(c), title, self, alternate, hits, updated: getStats().ingested_at }), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });

  app.get('/search.atom', async (c) => {
    const p = parseParams(searchParams, c.req.queries());
    const r = await cachedSearch(p.q, 'newest', FEED_SIZE, 0);
    return atom(c, p.q.trim() ? `Releases matching ${p.q}` : 'Newest releases', urls.searchAtom(p.q), urls.search({ q: p.q }), r.hits);
  });

  const exporter = (format: 'csv' | 'jsonl') => async (c: Context) => {
    const p = parseParams(exportParams, c.req.queries());
    const release = limiter.acquire(client(c));
    let started: Awaited<ReturnType<Runner['export']>>;
    try {
      // The search runs before the first byte, so a bad query is still a clean 400 and the headers can
      // say whether the cap cut the export short.
      started = await runner.export({ q: p.q, sort: p.sort, format, columns: p.columns, origin: origin(c) });
    } catch (err) {
      release();
      throw err;
    }
    const { head, body } = started;
    const reader = body.getReader();
    // Passed through so that the client's slot is freed however the stream ends: done, failed or cancelled.
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            release();
            controller.close();
          } else controller.enqueue(value);
        } catch (err) {
          release();
          controller.error(err);
        }
      },
      async cancel(reason) {
        release();
        await reader.cancel(reason);
      },
    });
    return c.body(stream, 200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFilename(p.q, format)}"`,
      'X-Export-Cap': String(EXPORT_CAP),
      'X-Export-Rows': String(head.rows),
      'X-Export-Total': String(head.total),
      'X-Export-Truncated': String(head.truncated),
    });
  };
  app.get('/search.csv', exporter('csv'));
  app.get('/search.jsonl', exporter('jsonl'));

  // ---- JSON API --------------------------------------------------------------------------------

  app.get('/api/search', async (c) => {
    const p = parseParams(searchParams, c.req.queries());
    const r = await cachedSearch(p.q, p.sort, p.limit ?? 10, p.offset, p.amounts);
    return c.json(r);
  });
  app.get('/api/releases/:id', (c) => c.json(archive.release(c.req.param('id'))));
  mountThreads(app, archive, runner, Boolean(opts.state));
  mountSitemap(app, archive, origin);

  app.get('/api/releases/:id/related', async (c) => {
    const p = parseParams(limitParam, c.req.queries());
    return c.json(await runner.run<RelatedResult>({ kind: 'related', id: c.req.param('id'), limit: p.limit ?? 10 }));
  });
  app.get('/api/trends', async (c) => {
    const p = parseParams(trendsParams, c.req.queries(), ['q']);
    if (p.q.every((q) => !q.trim())) throw new UsageError('give at least one query: /api/trends?q=housing&q=immigration');
    return c.json(await trendsFor(c, p.q, p));
  });
  app.get('/api/amounts', (c) => {
    const p = parseParams(amountsParams, c.req.queries());
    return c.json(largestAmounts(archive, { ...p, limit: p.limit ?? 20 }));
  });
  app.get('/api/ministers', (c) => c.json(ministers(archive)));
  app.get('/api/ministers/:name', (c) => c.json(minister(archive, c.req.param('name'))));
  app.get('/api/portfolios', (c) => c.json(portfolios(archive)));
  app.get('/api/portfolios/:name', (c) => c.json(portfolio(archive, c.req.param('name'))));
  app.get('/api/stats', (c) => c.json(getStats()));
  app.get('/api/openapi.json', (c) => c.json(openapi));

  if (opts.state) mountAlerts(app, archive, opts.state, { alertsPerHour: opts.alertsPerHour, origin, trustProxy: opts.trustProxy });

  // ---- Static files ----------------------------------------------------------------------------

  app.get('/static/:file', (c) => {
    const f = files.get(c.req.param('file'));
    if (!f) throw new NotFoundError(`no static file ${c.req.param('file')}`);
    if (c.req.header('If-None-Match') === f.etag) return c.body(null, 304);
    return c.body(new Uint8Array(f.body), 200, { 'Content-Type': f.type, ETag: f.etag, 'Cache-Control': 'public, max-age=3600' });
  });
  app.get('/favicon.ico', (c) => c.redirect(urls.static('favicon.svg'), 301));
  app.get('/robots.txt', (c) => c.text(`User-agent: *\nDisallow: /search\nDisallow: /api/\nDisallow: /trends\nSitemap: ${origin(c)}/sitemap.xml\n`));
  app.get('/opensearch.xml', (c) =>
    c.body(
      `<?xml version="1.0" encoding="utf-8"?>\n<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/"><ShortName>pressroom</ShortName><Description>Search New Zealand government releases</Description><Url type="text/html" template="${xml(origin(c))}/search?q={searchTerms}"/><Url type="application/atom+xml" template="${xml(origin(c))}/search.atom?q={searchTerms}"/></OpenSearchDescription>\n`,
      200,
      { 'Content-Type': 'application/opensearchdescription+xml' },
    ),
  );

  return app;
}
