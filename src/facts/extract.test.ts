import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFacts } from './extract.ts';

const TOUCHSTONE_LIKE =
  'A coalition of around 62 countries is fighting. The two year mission, likely to start from May, ' +
  'will be reviewed by Cabinet after nine months. The number of personnel deploying is up to 106. ' +
  'The total number altogether will be up to 143. It will cost $65 million, 2.5 per cent of the budget.';

test('finds every kind in a release-like text, sorted by start', () => {
  const facts = extractFacts(TOUCHSTONE_LIKE, '2015-02-24');
  assert.deepEqual(facts.map((f) => [f.kind, f.value, f.unit ?? null]), [
    ['count', 62, 'countries'],
    ['duration', 'P2Y', null],
    ['date', '2015-05', null],
    ['duration', 'P9M', null],
    ['count', 106, 'personnel'],
    ['count', 143, 'personnel'],
    ['money', 65_000_000, null],
    ['percent', 2.5, null],
  ]);
  for (let i = 1; i < facts.length; i++) assert.ok(facts[i - 1].start <= facts[i].start);
});

test('every fact text is exactly its span of the body', () => {
  for (const f of extractFacts(TOUCHSTONE_LIKE, '2015-02-24')) assert.equal(TOUCHSTONE_LIKE.slice(f.start, f.end), f.text);
});

test('a number claimed by money, percent, date or duration is never also a count', () => {
  const facts = extractFacts('$4 million, 30 per cent, in 2019, for nine months', '2019-05-01');
  assert.deepEqual(facts.map((f) => f.kind), ['money', 'percent', 'date', 'duration']);
});

test('an empty body has no facts', () => {
  assert.deepEqual(extractFacts('', null), []);
});

test('reads nothing inside a link target', () => {
  const body = 'See [the 2012-13 drought notes](https://example.govt.nz/droughts/dry-conditions-2012-13-faqs) for $5 million.';
  assert.deepEqual(extractFacts(body, '2013-05-01').map((f) => f.text), ['2012-13', '$5 million']);
});

test('reads facts that start or end the body', () => {
  assert.deepEqual(extractFacts('50c a litre, then 20 per cent', '2019-05-01').map((f) => [f.kind, f.text]), [
    ['money', '50c'],
    ['percent', '20 per cent'],
  ]);
  assert.deepEqual(extractFacts('NZD 5 million, paid in 2019', '2019-05-01').map((f) => [f.kind, f.text]), [
    ['money', 'NZD 5 million'],
    ['date', '2019'],
  ]);
  assert.deepEqual(extractFacts('9%', null).map((f) => f.text), ['9%']);
  assert.deepEqual(extractFacts('Since 2019', '2020-01-01').map((f) => [f.kind, f.text]), [['date', '2019']]);
});
