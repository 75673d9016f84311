import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_OFFSET } from './constants.ts';
import { pager } from './parts.ts';

const offsetsLinked = (html: string) => [...html.matchAll(/href="\?offset=(\d+)"/g)].map((m) => Number(m[1]));
const render = (total: number, offset: number) => String(pager({ total, offset, limit: 20, href: (o) => `?offset=${o}` }));

test('the pager links the last page of a short result and says nothing more', () => {
  const html = render(95, 0);
  assert.deepEqual(offsetsLinked(html), [20, 40, 80, 20]);
  assert.doesNotMatch(html, /pager-note/);
});

test('the pager never links past the deepest offset the server takes, and says how to reach the rest', () => {
  const html = render(54_613, 0);
  assert.equal(Math.max(...offsetsLinked(html)), MAX_OFFSET);
  assert.match(html, /Only the first 501 pages open here: narrow the search/);
  const last = render(54_613, MAX_OFFSET);
  assert.ok(!/rel="next"/.test(last), 'no next page after the deepest one');
  assert.ok(offsetsLinked(last).every((o) => o <= MAX_OFFSET));
});
