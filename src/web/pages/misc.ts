import { EXPORT_CAP_TEXT } from '../constants.ts';
import { h, type Html } from '../html.ts';
import { dataAsOfText, layout, searchForm } from '../layout.ts';
import { urls } from '../urls.ts';
import { queryHelp } from './search.ts';

/**
 * A query with the usual mistakes put right, or undefined when there is none to put right:
 * `year:2020-03` is the month `month:2020-03`, `month:2020` the year, and a `from:` after its `to:` is swapped.
 * @example
 * fixedQuery('covid year:2020-03') // => 'covid month:2020-03'
 */
export function fixedQuery(q: string): string | undefined {
  let fixed = q
    .replace(/(^|\s)year:(\d{4}-\d{2})(?=\s|$)/gi, '$1month:$2')
    .replace(/(^|\s)month:(\d{4})(?=\s|$)/gi, '$1year:$2');
  const from = /(^|\s)from:(\S+)/i.exec(fixed);
  const to = /(^|\s)to:(\S+)/i.exec(fixed);
  if (from && to && from[2]! > to[2]!) fixed = fixed.replace(from[0], `${from[1]}from:${to[2]}`).replace(to[0], `${to[1]}to:${from[2]}`);
  return fixed !== q ? fixed : undefined;
}

/** An error page for the HTML routes: what went wrong, in words, and a way on; a search keeps its query. */
export function errorPage(status: number, message: string, q = ''): Html {
  const title = status === 404 ? 'Not found' : status === 400 ? 'That request needs a change' : 'Something went wrong';
  const fix = q ? fixedQuery(q) : undefined;
  const body = h`<div class="wrap narrow error-page">
  <p class="status">Error ${status}</p>
  <h1>${title}</h1>
  <p class="lede">${message}</p>
  ${fix ? h`<p class="fix">Try <a href="${urls.search({ q: fix })}"><code>${fix}</code></a></p>` : ''}
  ${searchForm(q, 'page')}
  <p><a href="${urls.home()}">Go to the home page</a> · <a href="${urls.ministers()}">Browse ministers</a> · <a href="${urls.portfolios()}">Browse portfolios</a></p>
</div>`;
  return layout({ title, headerSearch: false, noindex: true, body });
}

/** About the archive: the query language, the API, feeds and exports. */
export function aboutPage(): Html {
  const body = h`<div class="wrap narrow prose">
  <h1>About pressroom</h1>
  <p class="lede">pressroom is an open, self-hostable archive and search engine for New Zealand government press releases: every release published on beehive.govt.nz since 1996.</p>
  ${dataAsOfText() ? h`<p class="as-of"><strong>${dataAsOfText()}</strong></p>` : ''}
  ${queryHelp()}
  <section id="data" aria-labelledby="data-h"><h2 id="data-h">Data, feeds and the API</h2>
  <p>Every page has a machine-readable twin, linked from the page head. Everything is free to use; releases are Crown copyright, reproduced with acknowledgement of the source.</p>
  <ul>
    <li><strong>Atom feeds</strong> follow any search (<a href="${urls.searchAtom('portfolio:Health')}"><code>/search.atom?q=…</code></a>), any minister and any portfolio (<code>…/feed.atom</code>).</li>
    <li><strong>Exports</strong> of a whole search as CSV (<code>/search.csv?q=…</code>) or JSON Lines (<code>/search.jsonl?q=…</code>), ${EXPORT_CAP_TEXT}.</li>
    <li><strong>The JSON API</strong> is described in <a href="${urls.openapi()}">OpenAPI</a>: search, releases with their facts, related releases, trends, ministers and portfolios.</li>
  </ul></section>
</div>`;
  return layout({ title: 'About', section: 'about', body });
}
