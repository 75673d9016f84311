import type { Fact, Hit, ReleaseRecord } from '../../index.ts';
import { h, join, longDate, type Html } from '../html.ts';
import { layout } from '../layout.ts';
import { describeFact, renderBody } from '../markdown.ts';
import { dateTag, hitList, ministerLinks, portfolioLinks, safeHref } from '../parts.ts';
import { urls } from '../urls.ts';

/** One release: its metadata, the body with facts marked, facts, attachments, related releases. */
export function releasePage(r: ReleaseRecord, related: Hit[], follow?: Html, origin = ''): Html {
  const facts = r.facts ?? [];
  const body = h`
<article class="release wrap">
  <nav class="crumbs" aria-label="Breadcrumb"><ol>
    <li><a href="${urls.home()}">Home</a></li>
    ${r.date ? h`<li><a href="${urls.search({ q: `year:${r.date.slice(0, 4)}`, sort: 'newest' })}">${r.date.slice(0, 4)}</a></li>` : ''}
    <li><span aria-current="page">${r.date ? longDate(r.date) : 'Date unknown'}</span></li>
  </ol></nav>
  <header class="release-head">
    <h1>${r.title}</h1>
    <dl class="meta-grid">
      <div><dt>Date</dt><dd>${dateTag(r.date)}</dd></div>
      ${r.ministers.length ? h`<div><dt>${r.ministers.length === 1 ? 'Minister' : 'Ministers'}</dt><dd>${ministerLinks(r.ministers)}</dd></div>` : ''}
      ${r.portfolios.length ? h`<div><dt>${r.portfolios.length === 1 ? 'Portfolio' : 'Portfolios'}</dt><dd>${portfolioLinks(r.portfolios)}</dd></div>` : ''}
      <div><dt>Source</dt><dd><a href="${safeHref(r.url)}" rel="noopener">beehive.govt.nz</a></dd></div>
    </dl>
    ${r.duplicates.length ? h`<p class="dupes">The archive also holds exact copies of this release: ${join(r.duplicates.map((d) => h`<a href="${urls.release(d)}">${d}</a>`), ', ')}.</p>` : ''}
  </header>
  <div class="columns">
    <div class="main-col">
      <div class="body">${renderBody(r.body, facts)}</div>
      ${r.attachments.length ? h`<section aria-labelledby="att-h"><h2 id="att-h">Attachments</h2><ul class="attachments">${r.attachments.map((a) => h`<li><a href="${safeHref(a)}" rel="noopener nofollow">${fileName(a)}</a></li>`)}</ul></section>` : ''}
    </div>
    <aside class="side-col">
      ${citeThis(r, origin)}
      ${facts.length ? factList(facts) : ''}
      <section aria-labelledby="data-h"><h2 id="data-h" class="small">This release as data</h2>
        <p class="note">Id <code>${r.id}</code></p><ul class="plain"><li><a href="${urls.releaseApi(r.id)}">JSON, with facts</a></li><li><a href="${urls.relatedApi(r.id)}">Related releases (JSON)</a></li></ul>
      </section>
    </aside>
  </div>
  ${follow ?? ''}
  ${related.length ? h`<section class="related" aria-labelledby="rel-h"><h2 id="rel-h">Related releases</h2><p class="note">Releases about the same matter, oldest first.</p>${hitList(related, { snippet: false })}</section>` : ''}
</article>`;
  return layout({
    title: r.title,
    description: `${longDate(r.date)}${r.ministers.length ? ` — ${r.ministers.join(', ')}` : ''}`,
    json: urls.releaseApi(r.id),
    body,
  });
}

/** A citation to copy: title, minister, date, the source's URL and this archive's permalink, and how to point at a passage. */
function citeThis(r: ReleaseRecord, origin: string): Html {
  const permalink = `${origin}${urls.release(r.id)}`;
  const who = r.ministers.length ? r.ministers.join(', ') : 'New Zealand Government';
  return h`<section class="cite" aria-labelledby="cite-h"><h2 id="cite-h" class="small">Cite this</h2>
    <p class="citation">${who}. “${r.title}”. ${r.date ? longDate(r.date) : 'Date unknown'}. <a href="${safeHref(r.url)}" rel="noopener">${r.url}</a>. Archived at <a href="${urls.release(r.id)}">${permalink}</a>.</p>
    <p class="note">To cite a passage, add its anchor to the link: each paragraph has one (<code>#p-1</code>, <code>#p-2</code> …), and each fact below links to its own (<code>#fact-N</code>).</p>
  </section>`;
}

function factList(facts: Fact[]): Html {
  // In reading order; the anchors keep each fact's index in the release's list.
  const shown = facts.map((f, i) => ({ f, i })).sort((a, b) => a.f.start - b.f.start).slice(0, 60);
  return h`<section class="facts" aria-labelledby="facts-h"><h2 id="facts-h" class="small">Facts stated</h2>
    <p class="note">Read from the text by machine; each is <mark class="fact">marked</mark> where it appears.</p>
    <ul>${shown.map(({ f, i }) => h`<li><a href="#fact-${i}"><span class="kind">${f.kind}</span> ${describeFact(f).replace(/^[a-z]+: /, '')}</a><br><span class="quote">“${f.text}”</span></li>`)}</ul>
    ${facts.length > shown.length ? h`<p class="note">And ${facts.length - shown.length} more in the JSON.</p>` : ''}
  </section>`;
}

function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
}
