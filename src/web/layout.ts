import { h, longDate, type Html } from './html.ts';
import { urls } from './urls.ts';

/** What every page gives the layout. */
export interface Page {
  /** The page's own title; the site name is appended. */
  title: string;
  description?: string;
  /** Which top-level section to mark as current in the navigation. */
  section?: 'search' | 'ministers' | 'portfolios' | 'amounts' | 'trends' | 'about';
  /** The query, echoed into the header search box. */
  q?: string;
  /** Machine-readable twins of the page, linked with `<link rel="alternate">`. */
  json?: string;
  atom?: { href: string; title: string };
  csv?: string;
  /** Discourage indexing of pages that are only views of other pages (search results). */
  noindex?: boolean;
  /** False on pages that carry their own search box (home, search). */
  headerSearch?: boolean;
  body: Html;
}

export const SITE = 'pressroom';

/** How current the archive is: its newest release and when it was last updated. */
export interface DataAsOf {
  newest: string | null;
  updated: string | null;
}

let dataAsOf: (() => DataAsOf) | undefined;

/** Tells every page's footer how current the archive is (the app sets this once; read lazily). */
export function setDataAsOf(read: () => DataAsOf): void {
  dataAsOf = read;
}

/** "Newest release 14 February 2026; updated 2026-02-15 09:00 UTC", or '' when unknown. */
export function dataAsOfText(): string {
  const d = dataAsOf?.();
  if (!d) return '';
  const parts: string[] = [];
  if (d.newest) parts.push(`newest release ${longDate(d.newest)}`);
  if (d.updated) parts.push(`last updated ${d.updated.slice(0, 16).replace('T', ' ')} UTC`);
  return parts.length ? `Data as of: ${parts.join('; ')}.` : '';
}

/** The page shell: skip link, header with search, main landmark, footer. */
export function layout(p: Page): Html {
  const nav = (key: Page['section'], href: string, label: string) =>
    h`<li><a href="${href}"${key === p.section ? h` aria-current="page"` : ''}>${label}</a></li>`;
  return h`<!doctype html>
<html lang="en-NZ">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} · ${SITE}</title>
${p.description ? h`<meta name="description" content="${p.description}">` : ''}
${p.noindex ? h`<meta name="robots" content="noindex">` : ''}
<link rel="stylesheet" href="${urls.static('style.css')}">
<link rel="icon" href="${urls.static('favicon.svg')}" type="image/svg+xml">
<link rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml" title="${SITE}">
${p.json ? h`<link rel="alternate" type="application/json" href="${p.json}">` : ''}
${p.atom ? h`<link rel="alternate" type="application/atom+xml" href="${p.atom.href}" title="${p.atom.title}">` : ''}
${p.csv ? h`<link rel="alternate" type="text/csv" href="${p.csv}">` : ''}
<script src="${urls.static('app.js')}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <div class="wrap bar">
    <a class="brand" href="${urls.home()}"><span class="mark" aria-hidden="true">¶</span> ${SITE}<span class="tag">New Zealand government releases</span></a>
    <nav aria-label="Sections"><ul>
      ${nav('search', urls.search({ q: '' }), 'Search')}
      ${nav('ministers', urls.ministers(), 'Ministers')}
      ${nav('portfolios', urls.portfolios(), 'Portfolios')}
      ${nav('amounts', urls.amounts(), 'Amounts')}
      ${nav('trends', urls.trends({ q: [] }), 'Trends')}
      ${nav('about', urls.about(), 'About')}
    </ul></nav>
  </div>
  ${p.headerSearch === false ? '' : h`<div class="wrap">${searchForm(p.q ?? '', 'header')}</div>`}
</header>
<main id="main" tabindex="-1">
${p.body}
</main>
<footer class="site">
  <div class="wrap">
    <p>Releases are Crown copyright, published on <a href="https://www.beehive.govt.nz/">beehive.govt.nz</a> and reproduced with acknowledgement of the source. pressroom is open source and self-hostable.</p>
    ${dataAsOfText() ? h`<p class="as-of">${dataAsOfText()}</p>` : ''}
    <p><a href="${urls.openapi()}">API (OpenAPI)</a> · <a href="${urls.about()}#query-language">Query language</a> · <a href="${urls.about()}#data">Data and feeds</a></p>
  </div>
</footer>
</body>
</html>`;
}

/** The search box; `where` keeps ids unique when the header and the page both carry one. */
export function searchForm(q: string, where: 'header' | 'page' | 'home', extra?: Html): Html {
  const id = `q-${where}`;
  return h`<form class="search search-${where}" role="search" action="/search" method="get">
  <label for="${id}"${where === 'header' ? h` class="visually-hidden"` : ''}>${where === 'home' ? 'Search 30 years of ministerial releases' : 'Search releases'}</label>
  <div class="row">
    <input id="${id}" name="q" type="search" value="${q}" autocomplete="off" spellcheck="false" placeholder="${where === 'header' ? 'Search releases' : where === 'home' ? 'e.g. Iraq training mission' : 'e.g. Iraq training mission, minister:"Jacinda Ardern"'}">
    <button type="submit">Search</button>
  </div>
  ${extra ?? ''}
</form>`;
}
