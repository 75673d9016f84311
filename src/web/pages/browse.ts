import type { BrowseEntry, Companion, MinisterProfile, PortfolioProfile } from '../../index.ts';
import { barChart } from '../chart.ts';
import { fmt, h, longDate, yearRanges, type Html } from '../html.ts';
import { layout } from '../layout.ts';
import { hitList } from '../parts.ts';
import { filterTerm, urls } from '../urls.ts';

type Kind = 'minister' | 'portfolio';

const WORDS = {
  minister: { plural: 'Ministers', list: urls.ministers, api: urls.ministersApi, page: urls.minister, section: 'ministers' as const },
  portfolio: { plural: 'Portfolios', list: urls.portfolios, api: urls.portfoliosApi, page: urls.portfolio, section: 'portfolios' as const },
};

/** The list of ministers or portfolios, by number of releases or by name, with a filter box (app.js). */
export function browseList(kind: Kind, entries: BrowseEntry[], order: 'releases' | 'name'): Html {
  const w = WORDS[kind];
  const sorted = order === 'name' ? [...entries].sort((a, b) => a.name.localeCompare(b.name, 'en-NZ')) : entries;
  const orderLink = (o: 'releases' | 'name', label: string) =>
    o === order ? h`<span aria-current="true">${label}</span>` : h`<a href="${w.list()}${o === 'name' ? '?sort=name' : ''}">${label}</a>`;
  const intro =
    kind === 'minister'
      ? 'Everyone who has issued a release, under one name each: honorifics, spelling variants and typos in the source are folded into the person.'
      : 'Every portfolio named on a release. Portfolios are renamed across governments, so one area of work may appear under several names.';
  const body = h`<div class="wrap">
  <h1>${w.plural}</h1>
  <p class="lede">${intro}</p>
  <div class="list-tools">
    <p>${fmt(entries.length)} ${w.plural.toLowerCase()} · Order by ${orderLink('releases', 'releases')} or ${orderLink('name', 'name')}</p>
    <div class="filter" data-filter-for="browse-table" hidden>
      <label for="filter-input">Filter ${w.plural.toLowerCase()}</label>
      <input id="filter-input" type="search" autocomplete="off">
    </div>
  </div>
  <div class="table-scroll"><table id="browse-table" class="browse">
    <caption class="visually-hidden">${w.plural}, with their releases and years</caption>
    <thead><tr><th scope="col">Name</th><th scope="col" class="num">Releases</th><th scope="col">First</th><th scope="col">Last</th></tr></thead>
    <tbody>${sorted.map((e) => h`<tr><th scope="row"><a href="${w.page(e.name)}">${e.name}</a></th><td class="num">${fmt(e.releases)}</td><td>${e.first ? e.first.slice(0, 4) : '—'}</td><td>${e.last ? e.last.slice(0, 4) : '—'}</td></tr>`)}</tbody>
  </table></div>
</div>`;
  return layout({ title: w.plural, section: w.section, json: w.api(), body });
}

/** Year ranges that break between ranges, never inside "2008–2016". */
function yearCell(years: number[]): Html | string {
  const ranges = yearRanges(years);
  return ranges ? h`${ranges.split(', ').map((r, i) => h`${i ? ', ' : ''}<span class="nobreak">${r}</span>`)}` : '—';
}

function companions(kind: Kind, list: Companion[], subject: string, subjectKind: Kind): Html {
  const w = WORDS[kind];
  return h`<div class="table-scroll"><table class="companions">
    <thead><tr><th scope="col">${kind === 'minister' ? 'Minister' : 'Portfolio'}</th><th scope="col">Years</th><th scope="col" class="num">Releases</th></tr></thead>
    <tbody>${list.map(
      (c) => h`<tr><th scope="row"><a href="${w.page(c.name)}">${c.name}</a></th><td>${yearCell(c.years)}</td><td class="num"><a href="${urls.search({ q: `${filterTerm(subjectKind, subject)} ${filterTerm(kind, c.name)}`, sort: 'newest' })}" aria-label="${fmt(c.releases)} releases: ${subject} and ${c.name}">${fmt(c.releases)}</a></td></tr>`,
    )}</tbody>
  </table></div>`;
}

/** Who issued most of a portfolio's releases in each period, with a sentence saying what that means. */
function issuerTable(p: PortfolioProfile): Html {
  if (p.issuers.length === 0) return h`<p class="note">No dated release names a minister.</p>`;
  const q = filterTerm('portfolio', p.name);
  const span = (i: { from: number; to: number }) => (i.from === i.to ? String(i.from) : `${i.from}–${String(i.to).slice(2)}`);
  return h`<p class="note">For each period, the person who issued the most of this portfolio’s releases: usually its minister, though associate ministers and others issue releases in it too. The count is theirs out of all the portfolio’s releases in the period.</p>
  <table class="companions issuers">
    <thead><tr><th scope="col">Years</th><th scope="col">Issued most</th><th scope="col" class="num">Releases</th></tr></thead>
    <tbody>${p.issuers.map((i) => h`<tr><th scope="row">${span(i)}</th><td><a href="${urls.minister(i.name)}">${i.name}</a></td><td class="num"><a href="${urls.search({ q: `${q} ${filterTerm('minister', i.name)} from:${i.from} to:${i.to}`, sort: 'newest' })}" aria-label="${fmt(i.releases)} of ${fmt(i.of)} releases, ${span(i)}, by ${i.name}">${fmt(i.releases)}<span class="of"> of ${fmt(i.of)}</span></a></td></tr>`)}</tbody>
  </table>`;
}

function yearsChart(id: string, title: string, perYear: Record<string, number>, q: string): Html {
  return barChart({ id, title, bars: Object.entries(perYear).map(([y, n]) => ({ label: y, value: n, href: urls.search({ q: `${q} year:${y}`, sort: 'newest' }) })) });
}

/** A minister's page. */
export function ministerPage(p: MinisterProfile): Html {
  const q = filterTerm('minister', p.name);
  const body = h`<div class="wrap profile">
  <nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="${urls.ministers()}">Ministers</a></li><li><span aria-current="page">${p.name}</span></li></ol></nav>
  <h1>${p.name}</h1>
  <p class="lede">${fmt(p.releases)} ${p.releases === 1 ? 'release' : 'releases'}${p.first ? h`, ${longDate(p.first)} to ${longDate(p.last)}` : ''}.</p>
  ${p.aliases.length ? h`<p class="aliases"><span class="label">Also written as</span> ${p.aliases.map((a, i) => h`${i ? ', ' : ''}<span class="alias">${a}</span>`)}</p>` : ''}
  <p class="actions"><a class="button" href="${urls.search({ q, sort: 'newest' })}">Search their releases</a> <a href="${urls.ministerAtom(p.name)}">Atom feed</a> <a href="${urls.ministerApi(p.name)}">JSON</a></p>
  <section aria-labelledby="py-h"><h2 id="py-h">Releases per year</h2>${yearsChart('minister-years', `Releases by ${p.name} per year`, p.per_year, q)}</section>
  <div class="columns">
    <section class="main-col" aria-labelledby="new-h"><h2 id="new-h">Newest releases</h2>${hitList(p.newest, { snippet: false })}
      <p><a class="more" href="${urls.search({ q, sort: 'newest', offset: p.newest.length })}">Older releases →</a></p></section>
    <section class="side-col" aria-labelledby="pf-h"><h2 id="pf-h">Portfolios</h2>${companions('portfolio', p.portfolios, p.name, 'minister')}</section>
  </div>
</div>`;
  return layout({ title: p.name, section: 'ministers', json: urls.ministerApi(p.name), atom: { href: urls.ministerAtom(p.name), title: `Releases by ${p.name}` }, body });
}

/** A portfolio's page. */
export function portfolioPage(p: PortfolioProfile): Html {
  const q = filterTerm('portfolio', p.name);
  const body = h`<div class="wrap profile">
  <nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="${urls.portfolios()}">Portfolios</a></li><li><span aria-current="page">${p.name}</span></li></ol></nav>
  <h1>${p.name}</h1>
  <p class="lede">${fmt(p.releases)} ${p.releases === 1 ? 'release' : 'releases'}${p.first ? h`, ${longDate(p.first)} to ${longDate(p.last)}` : ''}.</p>
  ${p.continues.map((s) => h`<p class="aliases"><span class="label">Continues</span> <a href="${urls.portfolio(s.name)}">${s.name}</a> <span class="n">(to ${monthYear(s.last)}; most releases on both sides by ${s.by})</span></p>`)}
  ${p.continued_as.map((s) => h`<p class="aliases"><span class="label">Continued as</span> <a href="${urls.portfolio(s.name)}">${s.name}</a> <span class="n">(from ${monthYear(s.first)}; most releases on both sides by ${s.by})</span></p>`)}
  ${p.see_also.length ? h`<p class="aliases"><span class="label">See also</span> ${p.see_also.map((n, i) => h`${i ? ', ' : ''}<a href="${urls.portfolio(n)}">${n}</a>`)}</p>` : ''}
  <p class="actions"><a class="button" href="${urls.search({ q, sort: 'newest' })}">Search this portfolio</a> <a href="${urls.amounts({ portfolio: p.name })}">Largest amounts announced</a> <a href="${urls.portfolioAtom(p.name)}">Atom feed</a> <a href="${urls.portfolioApi(p.name)}">JSON</a></p>
  <section aria-labelledby="py-h"><h2 id="py-h">Releases per year</h2>${yearsChart('portfolio-years', `Releases in ${p.name} per year`, p.per_year, q)}</section>
  <div class="columns">
    <section class="main-col" aria-labelledby="new-h"><h2 id="new-h">Newest releases</h2>${hitList(p.newest, { snippet: false })}
      <p><a class="more" href="${urls.search({ q, sort: 'newest', offset: p.newest.length })}">Older releases →</a></p></section>
    <section class="side-col" aria-labelledby="mo-h"><h2 id="mo-h">Ministers over time</h2>${issuerTable(p)}</section>
  </div>
</div>`;
  return layout({ title: p.name, section: 'portfolios', json: urls.portfolioApi(p.name), atom: { href: urls.portfolioAtom(p.name), title: `Releases in ${p.name}` }, body });
}

/** "November 2011" from YYYY-MM-DD. */
function monthYear(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-NZ', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
