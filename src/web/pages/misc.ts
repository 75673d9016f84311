import { EXPORT_CAP_TEXT } from '../constants.ts';
import { h, type Html } from '../html.ts';
import { layout, searchForm } from '../layout.ts';
import { urls } from '../urls.ts';
import { queryHelp } from './search.ts';

/** An error page for the HTML routes: what went wrong, in words, and a way on. */
export function errorPage(status: number, message: string): Html {
  const title = status === 404 ? 'Not found' : status === 400 ? 'That request needs a change' : 'Something went wrong';
  const body = h`<div class="wrap narrow error-page">
  <p class="status">Error ${status}</p>
  <h1>${title}</h1>
  <p class="lede">${message}</p>
  ${searchForm('', 'page')}
  <p><a href="${urls.home()}">Go to the home page</a> · <a href="${urls.ministers()}">Browse ministers</a> · <a href="${urls.portfolios()}">Browse portfolios</a></p>
</div>`;
  return layout({ title, headerSearch: false, noindex: true, body });
}

/** About the archive: the query language, the API, feeds and exports. */
export function aboutPage(): Html {
  const body = h`<div class="wrap narrow prose">
  <h1>About pressroom</h1>
  <p class="lede">pressroom is an open, self-hostable archive and search engine for New Zealand government press releases: every release published on beehive.govt.nz since 1996.</p>
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
