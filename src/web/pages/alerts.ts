import { h, type Html } from '../html.ts';
import { layout } from '../layout.ts';
import { urls } from '../urls.ts';

/**
 * "Alert me about new matches": a small form under a search's results; with `commitments`, under the
 * commitments list, for commitments in releases matching `q` as each comes due.
 */
export function alertForm(q: string, kind: 'releases' | 'commitments' = 'releases'): Html {
  const commitments = kind === 'commitments';
  return h`<form class="alert-form" method="post" action="/alerts">
  <h2 class="small">${commitments ? 'Alert me as commitments come due' : 'Alert me about new matches'}</h2>
  ${commitments ? h`<p class="note">One message for each commitment${q ? h` in releases matching <q>${q}</q>` : ''}, a month before its due window begins.</p>` : ''}
  <input type="hidden" name="q" value="${q}">
  ${commitments ? h`<input type="hidden" name="kind" value="commitments">` : ''}
  <label for="alert-email">Email</label>
  <input id="alert-email" type="email" name="email" autocomplete="email" placeholder="you@example.org">
  <button type="submit" name="channel" value="email">Email me</button>
  <button type="submit" name="channel" value="feed" class="secondary">Give me a private feed</button>
</form>`;
}

/** A short page about an alert: what happened, and a form when a button must confirm it (no action on a bare GET). */
export function alertPage(title: string, message: Html | string, form?: { action: string; token: string; button: string }): Html {
  const body = h`<div class="wrap narrow prose">
  <h1>${title}</h1>
  <p class="lede">${message}</p>
  ${form ? h`<form method="post" action="${form.action}"><input type="hidden" name="token" value="${form.token}"><button type="submit">${form.button}</button></form>` : ''}
  <p><a href="${urls.home()}">Go to the home page</a></p>
</div>`;
  return layout({ title, headerSearch: true, noindex: true, body });
}
