import type { CommitmentList, Status } from '../../commitments/index.ts';
import { STATUSES } from '../../commitments/index.ts';
import { h, type Html } from '../html.ts';
import { layout } from '../layout.ts';
import { alertForm } from './alerts.ts';
import { commitmentItem } from './thread.ts';

export interface CommitmentsState { due_from?: string; due_to?: string; status?: Status; minister?: string; portfolio?: string; offset: number }

export function commitmentsHref(s: Partial<CommitmentsState>, ext = ''): string {
  const p = new URLSearchParams();
  for (const k of ['due_from', 'due_to', 'status', 'minister', 'portfolio'] as const) if (s[k]) p.set(k, s[k]!);
  if (s.offset) p.set('offset', String(s.offset));
  const q = p.toString();
  return `/commitments${ext}${q ? `?${q}` : ''}`;
}

/** The commitments page: filters by due window, status, minister and portfolio, and two ready-made views. */
/** The query an alert on this list watches: its minister and portfolio filters in the query language. */
export function commitmentsQuery(s: Partial<CommitmentsState>): string {
  const term = (k: 'minister' | 'portfolio') => (s[k]?.trim() ? `${k}:"${s[k]!.trim().replace(/"/g, '')}"` : '');
  return [term('minister'), term('portfolio')].filter(Boolean).join(' ');
}

export function commitmentsPage(
  r: CommitmentList,
  s: CommitmentsState,
  views: { soon: Partial<CommitmentsState>; pastDue: Partial<CommitmentsState> },
  alerts = false,
  upcomingFrom?: string,
): Html {
  const body = h`
<article class="wrap">
  <h1>Commitments to a date</h1>
  <p class="note">Sentences in which the government committed to act, review, report back, finish, start or end by a date, with
    the later releases that followed them up. “No later release found” means only that: the archive holds none, which is no proof of anything.</p>
  <p><a href="${commitmentsHref(views.soon)}">Due in the next three months</a> · <a href="${commitmentsHref(views.pastDue)}">Past due with no later release</a>
    · <a href="${commitmentsHref(views.soon, '.atom')}">Coming due (Atom)</a></p>
  <form method="get" action="/commitments" class="field-form">
    <div class="field"><label for="c-from">Due from</label><input id="c-from" name="due_from" value="${s.due_from ?? ''}" placeholder="YYYY-MM" pattern="\\d{4}-\\d{2}" size="8" inputmode="numeric"></div>
    <div class="field"><label for="c-to">Due to</label><input id="c-to" name="due_to" value="${s.due_to ?? ''}" placeholder="YYYY-MM" pattern="\\d{4}-\\d{2}" size="8" inputmode="numeric"></div>
    <div class="field"><label for="c-status">Status</label><select id="c-status" name="status"><option value="">any</option>${STATUSES.map((x) => h`<option${x === s.status ? h` selected` : ''}>${x}</option>`)}</select></div>
    <div class="field"><label for="c-minister">Minister</label><input id="c-minister" name="minister" value="${s.minister ?? ''}"></div>
    <div class="field"><label for="c-portfolio">Portfolio</label><input id="c-portfolio" name="portfolio" value="${s.portfolio ?? ''}"></div>
    <div class="field"><button type="submit">Show</button></div>
  </form>
  ${upcomingFrom ? h`<p class="note">Showing the commitments due from ${upcomingFrom} on, soonest first. <a href="/commitments?due_from=">All commitments, earliest first</a>.</p>` : ''}
  <p>${r.total.toLocaleString('en-NZ')} commitment${r.total === 1 ? '' : 's'}${r.total > r.commitments.length ? h`; showing ${(r.offset + 1).toLocaleString('en-NZ')}–${(r.offset + r.commitments.length).toLocaleString('en-NZ')}` : ''}.</p>
  <ul class="commitments">${r.commitments.map((c) => commitmentItem(c, c.release))}</ul>
  ${r.offset + r.limit < r.total ? h`<p><a href="${commitmentsHref({ ...s, offset: r.offset + r.limit })}" rel="next">More</a></p>` : ''}
  ${alerts ? alertForm(commitmentsQuery(s), 'commitments') : ''}
</article>`;
  return layout({ title: 'Commitments', json: commitmentsHref(s).replace('/commitments', '/api/commitments'), atom: { href: commitmentsHref(views.soon, '.atom'), title: 'Commitments coming due (Atom)' }, body });
}
