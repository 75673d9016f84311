import { fillYears, MONTH_NAMES } from '../../calendar.ts';
import type { SearchResult } from '../../index.ts';
import { nameNotices, relaxedNotice } from '../../search/types.ts';
import { barChart } from '../chart.ts';
import { fmt, h, join, plural, type Html } from '../html.ts';
import { layout, searchForm } from '../layout.ts';
import { hitList, pager } from '../parts.ts';
import { EXPORT_CAP } from '../constants.ts';
import { activeFilters, PAGE_SIZE, refine, urls, type SearchState } from '../urls.ts';
import { alertForm } from './alerts.ts';

const UNDATED = 'undated';

const SORTS = [
  ['relevance', 'Best match'],
  ['newest', 'Newest first'],
  ['oldest', 'Oldest first'],
] as const;

/** The search page: the query echoed, results, facets that refine it, a chart, paging, exports. */
export function searchPage(r: SearchResult | undefined, state: SearchState, alerts = false): Html {
  const q = state.q;
  const sort = state.sort ?? 'relevance';
  const limit = state.limit ?? PAGE_SIZE;
  const sortControl = h`<div class="controls">
    <label for="sort">Order</label>
    <select id="sort" name="sort">${SORTS.map(([v, label]) => h`<option value="${v}"${v === sort ? h` selected` : ''}>${label}</option>`)}</select>
    ${limit !== PAGE_SIZE ? h`<input type="hidden" name="limit" value="${limit}">` : ''}
    ${state.amounts === 'all' ? h`<input type="hidden" name="amounts" value="all">` : ''}
    <span class="dates"><label for="s-from">From</label> <input id="s-from" name="from" size="8" inputmode="numeric" placeholder="YYYY-MM" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?">
    <label for="s-to">to</label> <input id="s-to" name="to" size="8" inputmode="numeric" placeholder="YYYY-MM" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?"></span>
  </div>`;
  const form = searchForm(q, 'page', sortControl);
  if (!r) {
    return layout({
      title: 'Search',
      section: 'search',
      headerSearch: false,
      body: h`<div class="wrap narrow"><h1>Search releases</h1>${form}${queryHelp()}</div>`,
    });
  }
  const from = r.offset + 1;
  const to = r.offset + r.hits.length;
  const years = Object.entries(fillYears(r.facets.year)).map(([y, n]) => ({ label: y, value: n, href: n ? urls.search({ q: refine(q, 'year', y), sort: state.sort }) : undefined }));
  const months = r.facets.month ? fillMonths(r.facets.month).map(([m, n]) => ({ label: MONTHS[Number(m.slice(5)) - 1]!, value: n, href: n ? urls.search({ q: refine(q, 'month', m), sort: state.sort }) : undefined })) : [];
  const oneYear = Object.keys(r.facets.year).find((y) => y !== UNDATED);
  const chips = activeFilters(q);
  const summary = r.total === 0 ? h`No releases match <q>${q}</q>.` : h`${plural(r.total, 'release')} ${r.total === 1 ? 'matches' : 'match'} <q>${q}</q>${r.hits.length ? h`; showing ${fmt(from)}–${fmt(to)}` : ''}.`;
  const body = h`
<div class="wrap">
  <h1 class="visually-hidden">Search results for ${q}</h1>
  ${form}
  ${chips.length ? h`<ul class="chips" aria-label="Active filters">${chips.map((c) => h`<li><a href="${urls.search({ ...state, q: c.without, offset: 0 })}" aria-label="Remove the filter ${c.text}">${c.text} <span class="x" aria-hidden="true">×</span></a></li>`)}</ul>` : ''}
  <p class="summary" role="status">${summary} <span class="took">(${r.took_ms} ms)</span></p>
  ${r.total > 0 ? h`<a class="filters-link button secondary" href="#refine">Filters</a>` : ''}
  ${MONEY_FILTER.test(q) ? amountScope(state) : ''}
  ${nameNotices(r).map((n) => h`<p class="names" role="note">${n}</p>`)}
  ${r.relaxed ? h`<p class="relaxed" role="note">${relaxedNotice(r)}</p>` : ''}
  ${r.did_you_mean ? h`<p class="dym">Did you mean <a href="${urls.search({ q: r.did_you_mean })}">${r.did_you_mean}</a>?</p>` : ''}
</div>
<div class="wrap columns">
  <section class="main-col" aria-label="Results">
    ${r.total > 0 && years.length > 1 ? h`<section class="years" aria-labelledby="years-h"><h2 id="years-h" class="small">Matches per year</h2>${barChart({ id: 'match-years', title: `Releases matching ${q} per year`, bars: years, period: 'Year' })}</section>` : ''}
    ${r.total > 0 && years.length <= 1 && months.length > 1 ? h`<section class="years" aria-labelledby="months-h"><h2 id="months-h" class="small">Matches per month${oneYear ? h` of ${oneYear}` : ''}</h2>${barChart({ id: 'match-months', title: `Releases matching ${q} per month${oneYear ? ` of ${oneYear}` : ''}`, bars: months, period: 'Month' })}</section>` : ''}
    ${r.hits.length ? hitList(r.hits, { heading: 'h2', start: from }) : r.total > 0 ? h`<p>No more results on this page: the last is page ${fmt(Math.ceil(r.total_hits / limit))}. <a href="${urls.search({ ...state, offset: Math.max(0, Math.floor((r.total_hits - 1) / limit) * limit) })}">Go to the last page</a> or <a href="${urls.search({ ...state, offset: 0 })}">back to the first</a>.</p>` : noResults(q)}
    ${pager({ total: r.total_hits, offset: r.offset, limit, href: (offset) => urls.search({ ...state, offset }) })}
    ${r.total > 0 ? exportLinks(r, q, sort, limit) : ''}
    ${alerts ? alertForm(q) : ''}
  </section>
  ${r.total > 0 ? facets(r, state) : ''}
</div>`;
  return layout({
    title: q ? `${q}` : 'All releases',
    section: 'search',
    headerSearch: false,
    q,
    noindex: true,
    json: urls.searchApi({ q, sort: state.sort, offset: state.offset, limit: state.limit }),
    atom: { href: urls.searchAtom(q), title: `Releases matching ${q}` },
    csv: r.total > 0 ? urls.searchCsv(q, sort) : undefined,
    body,
  });
}

const MONEY_FILTER = /(?:^|\s)-?money[:<>]/i;

/** What the money filter counts, and the one click to count the rest. */
function amountScope(state: SearchState): Html {
  return state.amounts === 'all'
    ? h`<p class="scope-note">Amounts counted: every figure, announced or not. <a href="${urls.search({ ...state, amounts: undefined, offset: 0 })}">Count announced money only</a></p>`
    : h`<p class="scope-note">Amounts counted: money announced (funding, investment, spending, packages, funds). <a href="${urls.search({ ...state, amounts: 'all', offset: 0 })}">Count other figures too</a> (GDP, trade, market sizes, losses)</p>`;
}

/** Feed and export links, shown only when something matches; they say when the export cap cuts the download. */
function exportLinks(r: SearchResult, q: string, sort: NonNullable<SearchState['sort']>, limit: number): Html {
  const capped = r.total_hits > EXPORT_CAP ? h` The CSV and JSON Lines files hold the first ${fmt(EXPORT_CAP)} of the ${fmt(r.total_hits)} results; narrow the query for the rest.` : '';
  return h`<p class="exports">Take these results away: <a href="${urls.searchAtom(q)}">Atom feed</a> · <a href="${urls.searchCsv(q, sort)}">CSV</a> · <a href="${urls.searchJsonl(q, sort)}">JSON Lines</a> · <a href="${urls.searchApi({ q, sort, offset: r.offset, limit })}">JSON</a> · <a href="${urls.trends({ q: [q] })}">Trend over time</a>.${capped}</p>`;
}

function facets(r: SearchResult, state: SearchState): Html {
  const group = (title: string, id: string, kind: 'minister' | 'portfolio' | 'year' | 'month', entries: [string, number][]) => {
    if (entries.length === 0) return '';
    const shown = entries.slice(0, 8);
    const rest = entries.slice(8, 60);
    const item = ([name, n]: [string, number]) => {
      const next = refine(state.q, kind, name);
      const active = next === state.q.trim();
      return h`<li>${active ? h`<span class="active" aria-current="true">${name}</span>` : h`<a href="${urls.search({ q: next, sort: state.sort })}">${name}</a>`} <span class="n">${fmt(n)}</span></li>`;
    };
    return h`<section class="facet" aria-labelledby="${id}"><h2 id="${id}" class="small">${title}</h2>
      <ul>${shown.map(item)}</ul>
      ${rest.length ? h`<details><summary>${rest.length} more</summary><ul>${rest.map(item)}</ul></details>` : ''}
    </section>`;
  };
  // "undated" (releases of unknown date) is no year a filter can name: left out of the year links.
  const years = Object.entries(r.facets.year).filter(([y]) => y !== UNDATED).sort((a, b) => Number(b[0]) - Number(a[0]));
  return h`<aside class="side-col facets" id="refine" aria-label="Refine">
    <p class="facet-help">Narrow the search: each link adds a filter to the query.</p>
    ${group('Minister', 'f-minister', 'minister', Object.entries(r.facets.minister))}
    ${group('Portfolio', 'f-portfolio', 'portfolio', Object.entries(r.facets.portfolio))}
    ${group('Year', 'f-year', 'year', years)}
    ${r.facets.month ? group('Month', 'f-month', 'month', Object.entries(r.facets.month).sort((a, b) => b[0].localeCompare(a[0])).map(([m, n]): [string, number] => [m, n])) : ''}
  </aside>`;
}

/** Month names, short, for chart labels. */
const MONTHS = MONTH_NAMES.map((m) => m.slice(0, 3));

/** Every month of the year from the first to the last with a match, zeros included. */
function fillMonths(perMonth: Record<string, number>): [string, number][] {
  const ms = Object.keys(perMonth).sort();
  if (ms.length === 0) return [];
  const year = ms[0]!.slice(0, 4);
  const out: [string, number][] = [];
  for (let m = Number(ms[0]!.slice(5)); m <= Number(ms[ms.length - 1]!.slice(5)); m++) {
    const key = `${year}-${String(m).padStart(2, '0')}`;
    out.push([key, perMonth[key] ?? 0]);
  }
  return out;
}

function noResults(q: string): Html {
  return h`<div class="empty"><p>Nothing in the archive matches <q>${q}</q>. Some things to try:</p>
  <ul><li>fewer words, or a shorter form of a word (<code>immigra*</code>)</li><li>remove a filter such as <code>year:</code> or <code>minister:</code></li><li>check the spelling of names</li></ul></div>`;
}

export function queryHelp(): Html {
  const rows: [string, string][] = [
    ['Iraq training mission', 'all the words, in any form (train, training)'],
    ['"exact phrase"', 'the words together, in order'],
    ['Iraq OR Afghanistan', 'either word'],
    ['Iraq -Afghanistan', 'leave out releases with a word'],
    ['immigra*', 'words starting with…'],
    ['minister:"John Key"', 'a minister, under any form of the name'],
    ['portfolio:Defence', 'a portfolio (the whole name)'],
    ['year:2015', 'a year'],
    ['month:2015-02', 'a month'],
    ['from:2015-02 to:2015-03-31', 'a span of dates; a month means all of it'],
    ['money>100m', 'releases stating an amount over $100 million (k, m, b; $ optional)'],
    ['money:1m..10m', 'an amount from $1 million to $10 million; also money>=1.5b, money<50k'],
    ['money>usd1b', 'an amount in another currency (US$, A$, €, £ or its code); never converted'],
  ];
  return h`<section class="help" id="query-language" aria-labelledby="ql-h"><h2 id="ql-h">Writing a query</h2>
  <table class="ql"><thead><tr><th scope="col">Write</th><th scope="col">To find</th></tr></thead>
  <tbody>${join(rows.map(([w, m]) => h`<tr><td><a href="${urls.search({ q: w })}"><code>${w}</code></a></td><td>${m}</td></tr>`))}</tbody></table>
  <p>Filters combine with words and each other. A query of filters alone lists everything they select, newest first. Matching ignores case and macrons: <code>Kaikoura</code> finds Kaikōura.</p>
  <p>Amount filters compare the sums of money a release states, read from its text: a range counts as its top (“$2–3 million” is 3 million), and rates such as “$20 an hour” never count. See also the <a href="${urls.amounts()}">largest amounts announced</a>.</p>
  </section>`;
}
