import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommitmentView } from '../../commitments/index.ts';
import type { ThreadRelease } from '../../threads/index.ts';
import { commitmentItem, threadPage } from './thread.ts';

const commitment = (text: string, followText = 'The mission is \\*extended\\* to <June>.'): CommitmentView => ({
  text,
  start: 0,
  end: text.length,
  kind: 'end',
  subject: 'the mission',
  due: { from: '2017-05', to: '2017-05' },
  status: 'followed up',
  follow_ups: [{ id: '2016-06-20-mission-extended', title: 'Mission <extended>', date: '2016-06-20', relation: 'extends', text: followText }],
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

test('a follow-up is named by its title, escaped, and links to its release', () => {
  const html = String(commitmentItem(commitment('The mission will end by 2017.')));
  assert.match(html, /<a href="\/releases\/2016-06-20-mission-extended">Mission &lt;extended&gt;<\/a>/);
});

test('a release that only mentions the matter is listed by title, without a passage that says nothing happened', () => {
  const c = commitment('The mission will end by 2017.');
  c.follow_ups = [{ id: '2016-07-01-customs-staff', title: 'Customs staff recognised', date: '2016-07-01', relation: 'mentions', text: 'These Customs officers have seen change.' }];
  const html = String(commitmentItem(c));
  assert.match(html, /mentioned in<\/span> .*<a href="\/releases\/2016-07-01-customs-staff">Customs staff recognised<\/a>/s);
  assert.doesNotMatch(html, /These Customs officers/);
});

const step = (id: string, date: string, role: ThreadRelease['role']): ThreadRelease => ({ id, date, title: `Title of ${id}`, role, why: `shares “taji” with ${id}`, duplicates: [] });

test('a thread of one release says no other release is about the matter yet, instead of "1 releases" and a link to itself', () => {
  const html = String(threadPage({ id: 'a', thread: 'a', releases: [step('a', '2015-02-24', 'context')] }));
  assert.match(html, /No other release in the archive is about this matter yet/);
  assert.doesNotMatch(html, /1 releases|shares “taji”/);
});

test('a thread of several counts them in words people read and shows what links each', () => {
  const html = String(threadPage({ id: 'b', thread: 'a', releases: [step('a', '2015-02-24', 'milestone'), step('b', '2016-06-20', 'milestone'), step('c', '2016-07-01', 'context')] }));
  assert.match(html, /3 releases about the same matter/);
  assert.equal(html.match(/class="why"/g)?.length, 3, 'each member says what links it');
});
