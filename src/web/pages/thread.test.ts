import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommitmentView } from '../../commitments/index.ts';
import { commitmentItem } from './thread.ts';

const commitment = (text: string, followText = 'The mission is \\*extended\\* to <June>.'): CommitmentView => ({
  text,
  start: 0,
  end: text.length,
  kind: 'end',
  subject: 'the mission',
  due: { from: '2017-05', to: '2017-05' },
  status: 'followed up',
  follow_ups: [{ id: '2016-06-20-mission-extended', date: '2016-06-20', title: 'Mission extended', relation: 'extends', text: followText }],
});

test('a commitment quoted from Markdown shows as a reader sees it: no emphasis marks', () => {
  const html = String(commitmentItem(commitment('The **two year** mission, likely to start from May, will end in __2017__.')));
  assert.match(html, /“The two year mission, likely to start from May, will end in 2017\.”/);
  assert.doesNotMatch(html, /\*\*|__/, 'no emphasis marks left in the quote');
});

test('a quoted commitment and its follow-up passage are escaped, and Markdown escapes are dropped, not doubled', () => {
  const html = String(commitmentItem(commitment('The **<b>two year</b>** mission & its *review* will end by 2017.')));
  assert.match(html, /“The &lt;b&gt;two year&lt;\/b&gt; mission &amp; its review will end by 2017\.”/);
  assert.doesNotMatch(html, /<b>/, 'corpus markup never reaches the page');
  assert.match(html, /“The mission is \*extended\* to &lt;June&gt;\.”/, 'an escaped asterisk is a literal asterisk, and the passage is escaped');
});
