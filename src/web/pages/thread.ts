import type { CommitmentView } from '../../commitments/index.ts';
import type { ThreadResult } from '../../threads/index.ts';
import { unescapeMarkdown } from '../../text.ts';
import { h, plural, type Html } from '../html.ts';
import { layout } from '../layout.ts';
import { dateTag } from '../parts.ts';
import { urls } from '../urls.ts';

export const threadUrls = {
  page: (id: string) => `${urls.release(id)}/thread`,
  api: (id: string) => `${urls.releaseApi(id)}/thread`,
  atom: (id: string) => `${urls.release(id)}/thread.atom`,
  commitmentsApi: (id: string) => `${urls.releaseApi(id)}/commitments`,
};

/** A release's story thread as a timeline: each step dated, milestone or context, with what links it. */
export function threadPage(t: ThreadResult): Html {
  const me = t.releases.find((r) => r.id === t.id);
  // A release no other is about yet: its thread is itself, with nothing shared to show.
  const alone = t.releases.length <= 1;
  const body = h`
<article class="thread wrap">
  <nav class="crumbs" aria-label="Breadcrumb"><ol>
    <li><a href="${urls.home()}">Home</a></li>
    <li><a href="${urls.release(t.id)}">${me?.title ?? t.id}</a></li>
    <li><span aria-current="page">Thread</span></li>
  </ol></nav>
  <h1>The thread of “${me?.title ?? t.id}”</h1>
  ${alone
    ? h`<p class="note">No other release in the archive is about this matter yet; a later one that is joins this thread.`
    : h`<p class="note">${plural(t.releases.length, 'release')} about the same matter, oldest first: <strong>milestones</strong> are steps in the matter,
    <strong>context</strong> is about it.`} Thread <code>${t.thread}</code>.
    <a href="${threadUrls.atom(t.id)}">Follow it in a feed reader (Atom)</a> · <a href="${threadUrls.api(t.id)}">JSON</a></p>
  <ol class="timeline">
    ${t.releases.map((r) => h`<li class="step ${r.role}${r.id === t.id ? ' current' : ''}">
      <p class="when">${dateTag(r.date)} <span class="role">${r.role}</span></p>
      <h2><a href="${urls.release(r.id)}"${r.id === t.id ? h` aria-current="page"` : ''}>${r.title}</a></h2>
      ${alone ? '' : h`<p class="why">${r.why}</p>`}
      ${r.duplicates.length ? h`<p class="note">Also in the archive as ${r.duplicates.join(', ')}.</p>` : ''}
    </li>`)}
  </ol>
</article>`;
  return layout({ title: `Thread: ${me?.title ?? t.id}`, json: threadUrls.api(t.id), atom: { href: threadUrls.atom(t.id), title: 'This thread (Atom)' }, body });
}

/**
 * What the release page shows of its matter: the previous and next milestones of its thread, a link to the
 * whole thread, and the commitments the release makes with their status and follow-ups.
 */
export function followSection(t: ThreadResult, commitments: CommitmentView[]): Html {
  const i = t.releases.findIndex((r) => r.id === t.id);
  const before = t.releases.slice(0, Math.max(0, i)).filter((r) => r.role === 'milestone').pop();
  const after = t.releases.slice(i + 1).find((r) => r.role === 'milestone');
  return h`<section class="follow" aria-labelledby="follow-h"><h2 id="follow-h">Follow this matter</h2>
  ${t.releases.length > 1 ? h`<ul class="plain steps">
    ${before ? h`<li>Previous step: ${dateTag(before.date)} <a href="${urls.release(before.id)}">${before.title}</a></li>` : ''}
    ${after ? h`<li>Next step: ${dateTag(after.date)} <a href="${urls.release(after.id)}">${after.title}</a></li>` : ''}
    <li><a href="${threadUrls.page(t.id)}">The whole thread: ${t.releases.length} releases</a> (<a href="${threadUrls.atom(t.id)}">Atom</a>)</li>
  </ul>` : h`<p class="note">No other release in the archive is about this matter.</p>`}
  ${commitments.length ? h`<h3>Commitments to a date</h3><ul class="commitments">${commitments.map((c) => commitmentItem(c))}</ul>` : ''}
</section>`;
}

export function commitmentItem(c: CommitmentView, withRelease?: { id: string; title: string; date: string }): Html {
  const due = c.due.from === c.due.to ? c.due.from : `${c.due.from} to ${c.due.to}`;
  return h`<li class="commitment">
    <p><span class="kind">${c.kind}</span> due <strong>${due}</strong> · <span class="status">${c.status}</span>${withRelease ? h` · ${dateTag(withRelease.date)} <a href="${urls.release(withRelease.id)}">${withRelease.title}</a>` : ''}</p>
    <p class="quote">“${readable(c.text)}”</p>
    ${c.follow_ups.length ? h`<ul class="plain follow-ups">${c.follow_ups.map((f) =>
      // A release that only mentions the matter is listed by its title; the passage is shown where it says what happened.
      f.relation === 'mentions'
        ? h`<li class="mention"><span class="relation">mentioned in</span> ${dateTag(f.date)} <a href="${urls.release(f.id)}">${f.title}</a></li>`
        : h`<li><span class="relation">${f.relation}</span> ${dateTag(f.date)} <a href="${urls.release(f.id)}">${f.title}</a> — <span class="quote">“${readable(f.text)}”</span></li>`,
    )}</ul>` : ''}
  </li>`;
}

/** A passage quoted from a release's Markdown as a reader sees it: emphasis marks and escapes dropped (the page escapes the rest). */
function readable(md: string): string {
  return unescapeMarkdown(md.replace(/(?<!\\)(\*\*|__|\*)/g, ''));
}
