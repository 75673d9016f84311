import type { TrendsResult } from '../../index.ts';
import { lineChart } from '../chart.ts';
import { fmt, h, type Html } from '../html.ts';
import { layout } from '../layout.ts';
import { urls, type TrendsState } from '../urls.ts';

const EXAMPLES: string[][] = [
  ['climate change', 'global warming'],
  ['Iraq', 'Afghanistan'],
  ['housing', 'immigration', 'tax'],
  ['Christchurch earthquake', 'Kaikoura earthquake'],
];

const pct = (v: number) => `${(v * 100).toFixed(v >= 0.1 ? 0 : v >= 0.01 ? 1 : 2)}%`;
/** An axis tick as a percentage with the decimals the step between ticks needs: "0%", "5%", "10%"; "0.5%", "1.0%". */
const pctTick = (v: number, step: number) => `${(v * 100).toFixed(Math.max(0, Math.min(2, -Math.floor(Math.log10(step * 100 + 1e-12)))))}%`;
const countTick = (v: number) => fmt(v);

/** The trends page: up to five queries, their share of releases per period as a line chart and a table. */
export function trendsPage(t: TrendsResult | undefined, state: TrendsState, error?: string): Html {
  const inputs = [0, 1, 2, 3, 4].map((i) => state.q[i] ?? '');
  const form = h`<form class="trends-form" action="/trends" method="get">
  <fieldset><legend>Compare up to five terms or queries</legend>
    <div class="term-grid">${inputs.map((v, i) => h`<div class="term s${i}"><label for="t${i}">Query ${i + 1}</label><input id="t${i}" name="q" type="search" value="${v}" autocomplete="off" spellcheck="false"></div>`)}</div>
  </fieldset>
  <fieldset class="range"><legend>Over</legend>
    <div><label for="by">Per</label><select id="by" name="by"><option value="year"${state.by !== 'month' ? h` selected` : ''}>year</option><option value="month"${state.by === 'month' ? h` selected` : ''}>month</option></select></div>
    <div><label for="from">From <span class="hint">YYYY or YYYY-MM</span></label><input id="from" name="from" value="${state.from ?? ''}" inputmode="numeric" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?" size="10"></div>
    <div><label for="to">To <span class="hint">YYYY or YYYY-MM</span></label><input id="to" name="to" value="${state.to ?? ''}" inputmode="numeric" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?" size="10"></div>
    <div><label for="show">Show</label><select id="show" name="show"><option value="share"${state.show !== 'count' ? h` selected` : ''}>share of releases</option><option value="count"${state.show === 'count' ? h` selected` : ''}>number of releases</option></select></div>
    <button type="submit">Draw</button>
  </fieldset>
</form>`;
  const shown = t && t.series.length ? results(t, state) : h`<section aria-labelledby="ex-h"><h2 id="ex-h">Try</h2><ul class="plain examples-list">${EXAMPLES.map((qs) => h`<li><a href="${urls.trends({ q: qs })}">${qs.join(' vs ')}</a></li>`)}</ul></section>`;
  const body = h`<div class="wrap">
  <h1>Trends</h1>
  <p class="lede">How often releases speak of something, ${state.show === 'count' ? 'as the number of releases' : 'as a share of all releases'} in each ${state.by === 'month' ? 'month' : 'year'}. Each query uses the full <a href="${urls.about()}#query-language">query language</a>, filters included.</p>
  ${error ? h`<div class="error-box" role="alert"><p>${error}</p></div>` : ''}
  ${t && t.series.length ? h`${shown}<h2>Change the comparison</h2>${form}` : h`${form}${shown}`}
</div>`;
  return layout({
    title: state.q.length ? `Trends: ${state.q.join(' vs ')}` : 'Trends',
    section: 'trends',
    json: state.q.length ? urls.trendsApi(state) : undefined,
    csv: state.q.length ? urls.trendsCsv(state) : undefined,
    body,
  });
}

function results(t: TrendsResult, state: TrendsState): Html {
  const unit = t.by === 'month' ? 'month' : 'year';
  const counts = state.show === 'count';
  const desc = t.series.map((s) => {
    const values = counts ? s.counts : s.share;
    const peak = values.reduce((best, v, i) => (t.partial.includes(t.periods[i]!) ? best : v > values[best]! ? i : best), 0);
    return `${s.query}: ${fmt(s.total)} ${s.total === 1 ? 'release' : 'releases'}, at most ${counts ? fmt(s.counts[peak] ?? 0) : pct(s.share[peak] ?? 0)} in ${t.periods[peak]}`;
  }).join('; ');
  // A part period (the newest year holds a few weeks) would be plotted as if whole: it is left out of the chart, kept in the table.
  const keep = t.periods.map((p) => !t.partial.includes(p));
  const periods = t.periods.filter((_, i) => keep[i]);
  const what = counts ? 'Releases' : 'Share of releases';
  const switchTo = { ...state, show: counts ? undefined : ('count' as const) };
  return h`<section aria-labelledby="chart-h">
  <h2 id="chart-h">${what} per ${unit}, ${periods[0] ?? t.periods[0]} to ${periods[periods.length - 1] ?? t.periods[t.periods.length - 1]}</h2>
  <p class="chart-switch"><a href="${urls.trends(switchTo)}">${counts ? 'Show the share of all releases' : 'Show the number of releases'}</a></p>
  ${periods.length ? lineChart({
    id: 'trend',
    title: `${what} per ${unit} matching ${t.series.map((s) => s.query).join(', ')}`,
    desc,
    periods,
    series: t.series.map((s) => ({ name: s.query, values: (counts ? s.counts : s.share).filter((_, i) => keep[i]) })),
    format: counts ? countTick : pct,
    tickFormat: counts ? countTick : pctTick,
  }) : ''}
  ${t.partial.length && t.covers ? h`<p class="note">${t.partial.join(' and ')} ${t.partial.length === 1 ? 'is' : 'are'} left out of the chart: the archive covers ${t.partial.length === 1 ? 'it' : 'them'} only in part (its releases run from ${t.covers.from} to ${t.covers.to}). The table gives ${t.partial.length === 1 ? 'its' : 'their'} numbers.</p>` : ''}
  <p class="exports"><a href="${urls.trendsCsv(state)}">Download the data (CSV)</a> · <a href="${urls.trendsApi(state)}">JSON</a> · ${t.series.map((s, i) => h`${i ? ' · ' : ''}<a href="${urls.search({ q: s.query })}">Search ${s.query}</a>`)}</p>
  <details class="data"><summary>The numbers</summary>
  <div class="table-scroll"><table class="trend-table">
    <thead><tr><th scope="col">${unit === 'month' ? 'Month' : 'Year'}</th><th scope="col" class="num">All releases</th>${t.series.map((s) => h`<th scope="col" class="num">${s.query}</th>`)}</tr></thead>
    <tbody>${t.periods.map((p, i) => h`<tr><th scope="row">${p}${t.partial.includes(p) ? h` <span class="part">(part)</span>` : ''}</th><td class="num">${fmt(t.releases[i]!)}</td>${t.series.map((s) => h`<td class="num">${fmt(s.counts[i]!)} <span class="share">(${pct(s.share[i]!)})</span></td>`)}</tr>`)}</tbody>
  </table></div></details>
</section>`;
}

/** The trends data as CSV: one row per period, a count and a share column per query. */
export function trendsCsv(t: TrendsResult, field: (v: string | number) => string): string {
  const head = [t.by, 'releases', ...t.series.flatMap((s) => [`${s.query} (count)`, `${s.query} (share)`])].map(field).join(',');
  const rows = t.periods.map((p, i) => [p, t.releases[i]!, ...t.series.flatMap((s) => [s.counts[i]!, Number(s.share[i]!.toFixed(6))])].map(field).join(','));
  return [head, ...rows].join('\r\n') + '\r\n';
}
