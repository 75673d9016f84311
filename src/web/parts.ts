/** Fragments several pages share: hit lists, name links, paging. */
import type { Hit } from '../index.ts';
import { formatAmount } from '../format/money.ts';
import { fmt, h, join, longDate, raw, type Html } from './html.ts';
import { urls } from './urls.ts';
import { MAX_OFFSET } from './constants.ts';

/**
 * A search snippet is HTML-safe by contract (text escaped, matches in `<mark>`). As a second line of
 * defence, any `<` that does not open or close a mark is escaped again before it reaches the page.
 * @example
 * String(safeSnippet('a <mark>b</mark> <img src=x>')) // => 'a <mark>b</mark> &lt;img src=x>'
 */
export function safeSnippet(s: string): Html {
  return raw(s.replace(/<(?!\/?mark>)/g, '&lt;')) as Html;
}

export function dateTag(date: string | null): Html {
  return date ? h`<time datetime="${date}">${longDate(date)}</time>` : h`<span class="undated">Date unknown</span>`;
}

export function ministerLinks(names: string[]): Html {
  return join(names.map((n) => h`<a href="${urls.minister(n)}">${n}</a>`), ', ');
}

export function portfolioLinks(names: string[]): Html {
  return join(names.map((n) => h`<a href="${urls.portfolio(n)}">${n}</a>`), ', ');
}

/** A list of releases; `heading` is the level of each title (h2 on a search page, h3 in a section). */
export function hitList(hits: Hit[], o: { heading?: 'h2' | 'h3'; start?: number; snippet?: boolean } = {}): Html {
  const tag = o.heading ?? 'h3';
  const title = (hit: Hit) => (tag === 'h2' ? h`<h2><a href="${urls.release(hit.id)}">${hit.title}</a></h2>` : h`<h3><a href="${urls.release(hit.id)}">${hit.title}</a></h3>`);
  return h`<ol class="hits"${o.start && o.start > 1 ? h` start="${o.start}"` : ''}>
${hits.map(
  (hit) => h`<li><article class="hit">
  ${title(hit)}
  <p class="meta">${dateTag(hit.date)}${hit.ministers.length ? h`<span class="sep" aria-hidden="true"> · </span><span class="who">${ministerLinks(hit.ministers)}</span>` : ''}${hit.portfolios.length ? h`<span class="sep" aria-hidden="true"> · </span><span class="what">${portfolioLinks(hit.portfolios)}</span>` : ''}</p>
  ${o.snippet === false ? '' : h`<p class="snippet">${safeSnippet(hit.snippet)}</p>`}
  ${hit.missing?.length ? h`<p class="missing">Missing: ${join(hit.missing.map((m) => h`<s>${m}</s>`), ', ')}</p>` : ''}
  ${hit.amounts?.length ? h`<p class="matched"><span class="label">${hit.amounts.length === 1 ? 'Amount' : 'Amounts'}</span> ${join(hit.amounts.map((a) => h`<a href="${urls.releaseFact(hit.id, a.fact)}" title="${a.text}">${formatAmount(a)}</a>`), ', ')}</p>` : ''}
  ${hit.duplicates.length ? h`<p class="dupes">Also published as ${join(hit.duplicates.map((d) => h`<a href="${urls.release(d)}">${d}</a>`), ', ')}</p>` : ''}
</article></li>`,
)}
</ol>`;
}

/**
 * Previous / next and a few page numbers, as links carrying the whole state. Pages start at most at
 * MAX_OFFSET; when there are more, a line says how to reach the rest.
 */
export function pager(o: { total: number; offset: number; limit: number; href: (offset: number) => string; label?: string }): Html {
  const { total, offset, limit } = o;
  if (total <= limit && offset === 0) return h``;
  const reachable = Math.floor(MAX_OFFSET / limit) + 1;
  const pages = Math.min(Math.ceil(total / limit), reachable);
  const beyond = Math.ceil(total / limit) > reachable;
  const current = Math.floor(offset / limit);
  const around = [0, current - 2, current - 1, current, current + 1, current + 2, pages - 1].filter((p, i, a) => p >= 0 && p < pages && a.indexOf(p) === i).sort((a, b) => a - b);
  const items: Html[] = [];
  let last = -1;
  for (const p of around) {
    if (p - last > 1) items.push(h`<li class="gap" aria-hidden="true">…</li>`);
    items.push(p === current ? h`<li><span aria-current="page">${fmt(p + 1)}</span></li>` : h`<li><a href="${o.href(p * limit)}" aria-label="Page ${p + 1}">${fmt(p + 1)}</a></li>`);
    last = p;
  }
  return h`<nav class="pager" aria-label="${o.label ?? 'Pages of results'}">
<ul>
${current > 0 ? h`<li class="prev"><a href="${o.href(Math.max(0, offset - limit))}" rel="prev">← Previous</a></li>` : ''}
${join(items)}
${current < pages - 1 ? h`<li class="next"><a href="${o.href(offset + limit)}" rel="next">Next →</a></li>` : ''}
</ul>
${beyond ? h`<p class="pager-note">Only the first ${fmt(pages)} pages open here: narrow the search (a year, a minister, a portfolio) to reach the rest.</p>` : ''}
</nav>`;
}

/**
 * A link target from the corpus: only http(s) URLs are links, since escaping cannot stop a
 * `javascript:` URL from running when clicked.
 * @example
 * safeHref('javascript:alert(1)') // => '#'
 */
export function safeHref(url: string): string {
  return /^https?:\/\//i.test(url.trim()) ? url.trim() : '#';
}
