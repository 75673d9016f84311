import type { AmountEntry, AmountKind, AmountsResult } from '../../index.ts';
import { formatAmount } from '../../format/money.ts';
import { fmt, h, join, type Html } from '../html.ts';
import { layout } from '../layout.ts';
import { dateTag, ministerLinks, pager, safeSnippet } from '../parts.ts';
import { AMOUNTS_PAGE_SIZE, urls, type AmountsState } from '../urls.ts';

/**
 * The largest amounts of money announced, for one portfolio and year or all of them: a form of plain
 * GET selectors, links to each year, the table, and the largest amount of each year.
 */
export function amountsPage(r: AmountsResult, o: { portfolios: string[]; currencies: string[] }): Html {
  const state: AmountsState = { portfolio: r.portfolio ?? undefined, year: r.year ?? undefined, currency: r.currency, kind: r.kind, limit: r.limit };
  const scope = [r.portfolio, r.year, r.currency !== 'NZD' ? r.currency : undefined].filter((x) => x !== null && x !== undefined).join(', ');
  const heading = KIND_HEADINGS[r.kind];
  const title = scope ? `${heading}: ${scope}` : heading;
  const from = r.offset + 1;
  const to = r.offset + r.amounts.length;
  const body = h`<div class="wrap amounts-page">
  <h1>${heading}${scope ? h`<span class="scope">${scope}</span>` : ''}</h1>
  <p class="lede">${KIND_LEDES[r.kind]} Each comes with the sentence that states it. They are read and sorted by machine, so check the release before you cite one.</p>
  ${form(r, o)}
  ${kindTabs(r, state)}
  ${yearLinks(r, state)}
  <p class="summary" role="status">${r.total === 0 ? 'No amounts match.' : h`${fmt(r.total)} ${r.total === 1 ? 'amount' : 'amounts'}; showing ${fmt(from)}–${fmt(to)}.`}</p>
  ${r.amounts.length ? table(r.amounts, from) : r.total > 0 ? h`<p>No more amounts on this page. <a href="${urls.amounts({ ...state, offset: 0 })}">Back to the first page</a>.</p>` : h`<div class="empty"><p>No release ${r.portfolio ? h`in ${r.portfolio} ` : ''}${r.year ? h`from ${r.year} ` : ''}states an amount in ${r.currency}. Try another year or portfolio, or all of them.</p></div>`}
  ${pager({ total: r.total, offset: r.offset, limit: r.limit, href: (offset) => urls.amounts({ ...state, offset }), label: 'Pages of amounts' })}
  ${r.year === null && r.per_year.length > 1 ? perYear(r, state) : ''}
  <section class="note-box" aria-labelledby="how-h"><h2 id="how-h" class="small">How amounts are counted</h2>
    <p><strong>Announced money</strong> is what the Government funds, invests, spends, grants or sets aside (a package, a fund); <strong>other figures</strong> are sums a release cites, such as GDP, trade, a market’s size, assets, losses, wages or taxes. The words around each amount decide which it is. A figure of $1 trillion or more, or one written like “$6,813,063 million”, is <strong>implausible</strong> as written and listed only on its own tab.</p>
    <p>A range counts as its top (“$2–3 million” is 3 million). Rates such as “$20 an hour” are left out. A release that repeats a figure lists it once, and exact copies of a release are not listed again. Amounts are never converted between currencies.
    To find releases by amount, search with <a href="${urls.search({ q: 'money>100m' })}"><code>money>100m</code></a> or <a href="${urls.search({ q: 'money:1m..10m' })}"><code>money:1m..10m</code></a>.</p>
    <p><a href="${urls.amountsApi({ ...state, offset: r.offset })}">These amounts as JSON</a></p>
  </section>
</div>`;
  return layout({ title, section: 'amounts', json: urls.amountsApi({ ...state, offset: r.offset }), body });
}

const KIND_HEADINGS: Record<AmountKind, string> = {
  announced: 'Largest amounts announced',
  other: 'Largest other figures',
  all: 'Largest amounts stated',
  implausible: 'Implausible amounts',
};
const KIND_LEDES: Record<AmountKind, string> = {
  announced: 'The biggest sums of money the releases announce (funding, investment, spending, packages and funds), largest first.',
  other: 'The biggest figures the releases cite that are not money announced: GDP, trade totals, market sizes, assets and losses, largest first.',
  all: 'The biggest sums of money the releases state, announced or not, largest first.',
  implausible: 'Figures that cannot be right as written: $1 trillion or more, or a typo such as “$6,813,063 million”. Listed so they can be checked, never ranked with the rest.',
};
const KIND_TABS: [AmountKind, string][] = [['announced', 'Announced money'], ['other', 'Other figures'], ['all', 'Both'], ['implausible', 'Implausible']];

/** Which amounts are ranked, each with how many there are: announced money first, the rest one click away. */
function kindTabs(r: AmountsResult, state: AmountsState): Html {
  const n: Record<AmountKind, number> = { ...r.classes, all: r.classes.announced + r.classes.other };
  return h`<nav class="kind-tabs" aria-label="Which amounts"><ul>${KIND_TABS.map(([kind, label]) =>
    kind === r.kind
      ? h`<li><span aria-current="page">${label} <span class="count">${fmt(n[kind])}</span></span></li>`
      : h`<li><a href="${urls.amounts({ ...state, kind, offset: 0 })}">${label} <span class="count">${fmt(n[kind])}</span></a></li>`)}</ul></nav>`;
}

function form(r: AmountsResult, o: { portfolios: string[]; currencies: string[] }): Html {
  const years = r.per_year.map((y) => y.year).sort((a, b) => b - a);
  // A year chosen that has no amounts in this scope stays selectable, so the form shows what is asked.
  if (r.year !== null && !years.includes(r.year)) years.unshift(r.year);
  return h`<form class="amounts-form" action="${urls.amounts()}" method="get">
    <div class="field"><label for="a-portfolio">Portfolio</label>
      <select id="a-portfolio" name="portfolio"><option value="">All portfolios</option>${o.portfolios.map((p) => h`<option${p === r.portfolio ? h` selected` : ''}>${p}</option>`)}</select></div>
    <div class="field"><label for="a-year">Year</label>
      <select id="a-year" name="year"><option value="">All years</option>${years.map((y) => h`<option${y === r.year ? h` selected` : ''}>${y}</option>`)}</select></div>
    ${r.kind !== 'announced' ? h`<input type="hidden" name="kind" value="${r.kind}">` : ''}
    ${o.currencies.length > 1 ? h`<div class="field"><label for="a-currency">Currency</label>
      <select id="a-currency" name="currency">${o.currencies.map((c) => h`<option${c === r.currency ? h` selected` : ''}>${c}</option>`)}</select></div>` : ''}
    <div class="field"><button type="submit">Show</button></div>
  </form>`;
}

/** Links to each year, newest first: on a phone they scroll sideways and the recent years show first. */
function yearLinks(r: AmountsResult, state: AmountsState): Html {
  if (r.per_year.length < 2) return h``;
  const link = (year: number | undefined, label: string) =>
    year === (r.year ?? undefined) ? h`<li><span aria-current="page">${label}</span></li>` : h`<li><a href="${urls.amounts({ ...state, year, offset: 0 })}">${label}</a></li>`;
  return h`<nav class="year-links" aria-label="Years"><ul>${link(undefined, 'All years')}${join([...r.per_year].reverse().map((y) => link(y.year, String(y.year))))}</ul></nav>`;
}

function table(amounts: AmountEntry[], start: number): Html {
  return h`<div class="table-scroll"><table class="amounts">
    <caption class="visually-hidden">Amounts, largest first, with the sentence that states each and its release</caption>
    <thead><tr><th scope="col" class="num">#</th><th scope="col" class="num">Amount</th><th scope="col">As stated</th><th scope="col">Release</th></tr></thead>
    <tbody>${amounts.map((a, i) => row(a, start + i))}</tbody>
  </table></div>`;
}

function row(a: AmountEntry, n: number): Html {
  const r = a.release;
  return h`<tr>
    <td class="num rank">${fmt(n)}</td>
    <th scope="row" class="num amount">${formatAmount({ ...a, qualifier: undefined })}${a.qualifier ? h`<span class="qualifier">${a.qualifier}</span>` : ''}</th>
    <td class="stated"><span class="snippet">${safeSnippet(a.snippet)}</span></td>
    <td class="source"><a href="${urls.releaseFact(r.id, a.fact)}">${r.title}</a>
      <span class="meta">${dateTag(r.date)}${r.ministers.length ? h`<span class="sep" aria-hidden="true"> · </span>${ministerLinks(r.ministers)}` : ''}</span></td>
  </tr>`;
}

function perYear(r: AmountsResult, state: AmountsState): Html {
  return h`<section aria-labelledby="py-h"><h2 id="py-h">The largest amount of each year</h2>
    <div class="table-scroll"><table class="amounts per-year">
      <thead><tr><th scope="col">Year</th><th scope="col" class="num">Amount</th><th scope="col">Release</th><th scope="col" class="num">Amounts</th></tr></thead>
      <tbody>${[...r.per_year].reverse().map(
        (y) => h`<tr><th scope="row"><a href="${urls.amounts({ ...state, year: y.year, offset: 0 })}">${y.year}</a></th>
          <td class="num amount">${formatAmount({ ...y.largest, qualifier: undefined })}</td>
          <td class="source"><a href="${urls.releaseFact(y.largest.release.id, y.largest.fact)}">${y.largest.release.title}</a></td>
          <td class="num">${fmt(y.amounts)}</td></tr>`,
      )}</tbody>
    </table></div>
  </section>`;
}

export { AMOUNTS_PAGE_SIZE };
