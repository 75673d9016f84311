import type { Hit, Stats } from '../../index.ts';
import { barChart } from '../chart.ts';
import { fmt, h, longDate, type Html } from '../html.ts';
import { layout, searchForm } from '../layout.ts';
import { hitList } from '../parts.ts';
import { urls } from '../urls.ts';

const EXAMPLES: [string, string][] = [
  ['Iraq training mission', 'Iraq training mission'],
  ['minister:"Jacinda Ardern" wellbeing', 'Jacinda Ardern on wellbeing'],
  ['Kaikoura earthquake', 'Kaikōura earthquake'],
  ['portfolio:Defence year:2015', 'Defence in 2015'],
  ['"emissions trading scheme"', '“emissions trading scheme”'],
];

export function homePage(o: { stats: Stats; newest: Hit[]; topMinisters: { name: string; releases: number }[]; topPortfolios: { name: string; releases: number }[] }): Html {
  const s = o.stats;
  const years = Object.entries(s.per_year).map(([y, n]) => ({ label: y, value: n, href: urls.search({ q: `year:${y}`, sort: 'newest' }) }));
  const body = h`
<section class="hero">
  <div class="wrap narrow">
    <h1>Every New Zealand ministerial release, searchable.</h1>
    <p class="lede">${fmt(s.releases)} press releases and speeches from beehive.govt.nz, ${s.first ? s.first.slice(0, 4) : ''} to ${s.last ? s.last.slice(0, 4) : ''}, with the ministers and portfolios behind them and the facts they state.</p>
    ${searchForm('', 'home')}
    <p class="examples">Try: ${EXAMPLES.map(([q, label], i) => h`${i ? ', ' : ''}<a href="${urls.search({ q })}">${label}</a>`)}</p>
  </div>
</section>
<div class="wrap columns">
  <section class="main-col" aria-labelledby="newest-h">
    <h2 id="newest-h">Newest releases</h2>
    ${hitList(o.newest, { snippet: false })}
    <p><a class="more" href="${urls.search({ q: `from:${(s.last ?? '2000').slice(0, 4)}`, sort: 'newest' })}">More recent releases →</a></p>
  </section>
  <aside class="side-col">
    <section aria-labelledby="holds-h">
      <h2 id="holds-h">What the archive holds</h2>
      <dl class="figures">
        <div><dt>Releases</dt><dd>${fmt(s.releases)}</dd></div>
        <div><dt>Ministers</dt><dd><a href="${urls.ministers()}">${fmt(s.people)}</a></dd></div>
        <div><dt>Portfolios</dt><dd><a href="${urls.portfolios()}">${fmt(s.portfolios)}</a></dd></div>
        <div><dt>Span</dt><dd>${s.first ? longDate(s.first) : '—'} to ${s.last ? longDate(s.last) : '—'}</dd></div>
      </dl>
      ${s.undated ? h`<p class="note">${fmt(s.undated)} ${s.undated === 1 ? 'release has' : 'releases have'} no known date.</p>` : ''}
    </section>
    <section aria-labelledby="most-m-h">
      <h2 id="most-m-h">Ministers with the most releases</h2>
      <ol class="ranked">${o.topMinisters.map((m) => h`<li><a href="${urls.minister(m.name)}">${m.name}</a> <span class="n">${fmt(m.releases)}</span></li>`)}</ol>
      <p><a class="more" href="${urls.ministers()}">All ministers →</a></p>
    </section>
    <section aria-labelledby="most-p-h">
      <h2 id="most-p-h">Portfolios with the most releases</h2>
      <ol class="ranked">${o.topPortfolios.map((p) => h`<li><a href="${urls.portfolio(p.name)}">${p.name}</a> <span class="n">${fmt(p.releases)}</span></li>`)}</ol>
      <p><a class="more" href="${urls.portfolios()}">All portfolios →</a></p>
    </section>
  </aside>
</div>
<section class="wrap" aria-labelledby="years-h">
  <h2 id="years-h">Releases per year</h2>
  ${barChart({ id: 'archive-years', title: 'Releases per year in the archive', bars: years })}
</section>`;
  return layout({ title: 'New Zealand government releases', description: `Search and browse ${fmt(s.releases)} New Zealand ministerial press releases.`, headerSearch: false, json: '/api/stats', atom: { href: urls.searchAtom(''), title: 'Newest releases' }, body });
}
