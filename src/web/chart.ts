/**
 * Small server-rendered SVG charts. Each is a `<figure>` whose SVG has a `<title>` and `<desc>` for
 * screen readers and a data table fallback, and uses no inline styles (the CSP forbids them): colours
 * come from classes in style.css.
 */
import { fmt, h, join, raw, type Html } from './html.ts';

export interface Bar {
  label: string;
  value: number;
  /** Where the bar leads (e.g. the search refined to that year). */
  href?: string;
}

/**
 * A bar chart of counts per period (years, months), with every label on a phone-friendly axis.
 * The drawing is hidden from assistive technology and out of the tab order: its bars are links for
 * the mouse, and the same links, with the numbers, are in the table below it, one tab stop away.
 * @example
 * barChart({ id: 'years', title: 'Releases per year', bars: [{ label: '2015', value: 3 }] })
 */
export function barChart(o: { id: string; title: string; desc?: string; bars: Bar[]; unit?: [string, string]; period?: string }): Html {
  const bars = o.bars;
  if (bars.length === 0) return h``;
  const W = 720, H = 200, padL = 52, padB = 34, padT = 10, padR = 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  // Counts are whole numbers: no 2.5 on the axis.
  const ticks = niceTicks(Math.max(max, 4), 4, true);
  const top = ticks[ticks.length - 1]!;
  const plotW = W - padL - padR, plotH = H - padT - padB;
  const step = plotW / bars.length;
  const bw = Math.max(1, step * 0.78);
  const y = (v: number) => padT + plotH - (v / top) * plotH;
  // Labels at most every 84 units of the 720-wide drawing: a year at the phone's font size is about 50 wide.
  const labelEvery = Math.max(1, Math.ceil((bars.length * 84) / plotW), Math.ceil(bars.length / 12));
  const [one, many] = o.unit ?? ['release', 'releases'];
  const count = (n: number) => `${fmt(n)} ${n === 1 ? one : many}`;
  // The lowest tick sits a little above the axis line, clear of the period labels under it.
  const grid = ticks.map((t, i) => h`<g class="tick"><line x1="${padL}" x2="${W - padR}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/><text x="${padL - 6}" y="${(y(t) + (i === 0 ? 0 : 4)).toFixed(1)}" text-anchor="end">${compact(t)}</text></g>`);
  const rects = bars.map((b, i) => {
    const x = padL + i * step + (step - bw) / 2;
    const rh = Math.max(b.value > 0 ? 1 : 0, plotH * (b.value / top));
    const rect = h`<rect x="${x.toFixed(1)}" y="${(padT + plotH - rh).toFixed(1)}" width="${bw.toFixed(1)}" height="${rh.toFixed(1)}"><title>${b.label}: ${count(b.value)}</title></rect>`;
    const label = i % labelEvery === 0 ? h`<text class="x" x="${(x + bw / 2).toFixed(1)}" y="${H - 10}" text-anchor="middle">${b.label}</text>` : '';
    return b.href ? h`<a href="${b.href}" tabindex="-1">${rect}</a>${label}` : h`${rect}${label}`;
  });
  const total = bars.reduce((s, b) => s + b.value, 0);
  const peak = bars.reduce((a, b) => (b.value > a.value ? b : a), bars[0]!);
  const desc = o.desc ?? `${count(total)} from ${bars[0]!.label} to ${bars[bars.length - 1]!.label}; the most, ${fmt(peak.value)}, in ${peak.label}.`;
  return h`<figure class="chart bars" id="${o.id}" aria-labelledby="${o.id}-t" aria-describedby="${o.id}-d">
<figcaption class="visually-hidden"><span id="${o.id}-t">${o.title}</span> <span id="${o.id}-d">${desc}</span></figcaption>
<svg viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false" preserveAspectRatio="xMidYMid meet">
${join(grid)}<g class="bars">${join(rects)}</g>
</svg>
<details class="data"><summary>${o.title}: table</summary>
<table><thead><tr><th scope="col">${o.period ?? 'Period'}</th><th scope="col" class="num">${capital(many)}</th></tr></thead>
<tbody>${bars.map((b) => h`<tr><th scope="row">${b.href ? h`<a href="${b.href}">${b.label}</a>` : b.label}</th><td class="num">${fmt(b.value)}</td></tr>`)}</tbody></table>
</details>
</figure>`;
}

export interface Series {
  name: string;
  /** One value per period, aligned with `periods`. */
  values: number[];
}

/**
 * A line chart of several series over the same periods, values as percentages. Series are told apart
 * by colour, dash and marker shape, so the chart does not rely on colour alone.
 */
export function lineChart(o: { id: string; title: string; desc: string; periods: string[]; series: Series[]; format?: (v: number) => string; tickFormat?: (v: number, step: number) => string }): Html {
  const { periods, series } = o;
  if (periods.length === 0 || series.length === 0) return h``;
  const f = o.format ?? ((v: number) => `${v}`);
  const W = 760, H = 310, padL = 56, padB = 38, padT = 12, padR = 14;
  const max = Math.max(1e-9, ...series.flatMap((s) => s.values));
  const ticks = niceTicks(max);
  // Every tick with the decimals its step needs, no more: "0%", "5%", "10%".
  const tf = o.tickFormat ?? ((v: number) => f(v));
  const tickStep = ticks[1]! - ticks[0]!;
  const top = ticks[ticks.length - 1]!;
  const plotW = W - padL - padR, plotH = H - padT - padB;
  const x = (i: number) => padL + (periods.length === 1 ? plotW / 2 : (i / (periods.length - 1)) * plotW);
  const y = (v: number) => padT + plotH - (v / top) * plotH;
  const labelEvery = Math.max(1, Math.ceil(periods.length / 8), Math.ceil((periods.length * 70) / plotW));
  // The lowest tick sits a little above the axis line, clear of the period labels under it.
  const grid = ticks.map((t, i) => h`<g class="tick"><line x1="${padL}" x2="${W - padR}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/><text x="${padL - 6}" y="${(y(t) + (i === 0 ? 0 : 4)).toFixed(1)}" text-anchor="end">${tf(t, tickStep)}</text></g>`);
  const xs = periods.map((p, i) => (i % labelEvery === 0 ? h`<text class="x" x="${x(i).toFixed(1)}" y="${H - 10}" text-anchor="middle">${p}</text>` : h``));
  const lines = series.map((s, k) => {
    const pts = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const marks = periods.length <= 40 ? s.values.map((v, i) => marker(k, x(i), y(v), h`${s.name}, ${periods[i]}: ${f(v)}`)) : [];
    return h`<g class="series s${k}"><polyline points="${pts}"/>${join(marks)}</g>`;
  });
  return h`<figure class="chart lines" id="${o.id}" aria-labelledby="${o.id}-t" aria-describedby="${o.id}-d">
<figcaption class="visually-hidden"><span id="${o.id}-t">${o.title}</span> <span id="${o.id}-d">${o.desc}</span></figcaption>
<svg viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false" preserveAspectRatio="xMidYMid meet">
${join(grid)}${join(xs)}${join(lines)}
</svg>
<ul class="legend">${series.map((s, k) => h`<li class="s${k}"><svg viewBox="0 0 28 12" aria-hidden="true" focusable="false"><g class="series s${k}"><line x1="0" x2="28" y1="6" y2="6"/>${marker(k, 14, 6)}</g></svg>${s.name}</li>`)}</ul>
</figure>`;
}

function marker(k: number, cx: number, cy: number, title?: Html): Html {
  const t = title ? h`<title>${title}</title>` : '';
  const X = cx.toFixed(1), Y = cy.toFixed(1);
  switch (k % 5) {
    case 0: return h`<circle cx="${X}" cy="${Y}" r="3.5">${t}</circle>`;
    case 1: return h`<rect x="${(cx - 3.5).toFixed(1)}" y="${(cy - 3.5).toFixed(1)}" width="7" height="7">${t}</rect>`;
    case 2: return h`<path d="M${X} ${(cy - 4.5).toFixed(1)}l4.5 8h-9z">${t}</path>`;
    case 3: return h`<path d="M${X} ${(cy - 4.5).toFixed(1)}l4.5 4.5-4.5 4.5-4.5-4.5z">${t}</path>`;
    default: return h`<path d="M${(cx - 4).toFixed(1)} ${(cy - 4).toFixed(1)}l8 8m0-8l-8 8">${t}</path>`;
  }
}

/** Round axis ticks from 0 to a little above max. */
export function niceTicks(max: number, n = 4, whole = false): number[] {
  const raw0 = max / n;
  const mag = 10 ** Math.floor(Math.log10(raw0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw0 && (!whole || Number.isInteger(s))) ?? 10 * mag;
  const out: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) out.push(Number(v.toPrecision(12)));
  if (out.length < 2) out.push(step);
  return out;
}

function compact(n: number): string {
  return n >= 10000 ? `${Math.round(n / 1000)}k` : fmt(n);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export { raw };
