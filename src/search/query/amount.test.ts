import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadQueryError } from '../../errors.ts';
import { inAmountRange, parseAmountFilter, type AmountRange } from './amount.ts';
import { parseQuery } from './parse.ts';

describe('money filters', () => {
  const nzd = (r: Omit<AmountRange, 'currency'>): AmountRange => ({ currency: 'NZD', ...r });
  const cases: [string, AmountRange][] = [
    ['money>100m', nzd({ min: 100e6, minExclusive: true })],
    ['money>=1.5b', nzd({ min: 1.5e9 })],
    ['money=>1.5b', nzd({ min: 1.5e9 })],
    ['money<50k', nzd({ max: 50e3, maxExclusive: true })],
    ['money<=50k', nzd({ max: 50e3 })],
    ['money:1m..10m', nzd({ min: 1e6, max: 10e6 })],
    ['money:1m..', nzd({ min: 1e6 })],
    ['money:..10m', nzd({ max: 10e6 })],
    ['money:5m', nzd({ min: 5e6, max: 5e6 })],
    ['money=5m', nzd({ min: 5e6, max: 5e6 })],
    ['money:>100m', nzd({ min: 100e6, minExclusive: true })],
    ['money:"1m..10m"', nzd({ min: 1e6, max: 10e6 })],
    ['MONEY>100M', nzd({ min: 100e6, minExclusive: true })],
    ['money>$100m', nzd({ min: 100e6, minExclusive: true })],
    ['money>NZ$100m', nzd({ min: 100e6, minExclusive: true })],
    ['money>nzd100m', nzd({ min: 100e6, minExclusive: true })],
    ['money>$2,500,000', nzd({ min: 2.5e6, minExclusive: true })],
    ['money>250000', nzd({ min: 250e3, minExclusive: true })],
    ['money>.5m', nzd({ min: 0.5e6, minExclusive: true })],
    ['money>1.1m', nzd({ min: 1.1e6, minExclusive: true })],
    ['money>12k', nzd({ min: 12e3, minExclusive: true })],
    ['money>12thousand', nzd({ min: 12e3, minExclusive: true })],
    ['money>3mn', nzd({ min: 3e6, minExclusive: true })],
    ['money>3million', nzd({ min: 3e6, minExclusive: true })],
    ['money>3 million', nzd({ min: 3e6, minExclusive: true })],
    ['money>2bn', nzd({ min: 2e9, minExclusive: true })],
    ['money>2 billion', nzd({ min: 2e9, minExclusive: true })],
    ['money>1t', nzd({ min: 1e12, minExclusive: true })],
    ['money>1 trillion', nzd({ min: 1e12, minExclusive: true })],
    ['money>US$1b', { currency: 'USD', min: 1e9, minExclusive: true }],
    ['money>usd1b', { currency: 'USD', min: 1e9, minExclusive: true }],
    ['money>A$20m', { currency: 'AUD', min: 20e6, minExclusive: true }],
    ['money>€3m', { currency: 'EUR', min: 3e6, minExclusive: true }],
    ['money>£3m', { currency: 'GBP', min: 3e6, minExclusive: true }],
    ['money:usd1m..10m', { currency: 'USD', min: 1e6, max: 10e6 }],
    ['money:1m..us$10m', { currency: 'USD', min: 1e6, max: 10e6 }],
    ['money>1m money<10m', nzd({ min: 1e6, minExclusive: true, max: 10e6, maxExclusive: true })],
    ['money>1m money>=5m', nzd({ min: 5e6 })],
    ['money>=5m money>5m', nzd({ min: 5e6, minExclusive: true })],
    ['money:1m..10m money<=20m money>2m', nzd({ min: 2e6, minExclusive: true, max: 10e6 })],
    ['money:5m money>=5m', nzd({ min: 5e6, max: 5e6 })],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${input}`, () => {
      const q = parseQuery(input);
      assert.deepEqual(q.filters, { ministers: [], portfolios: [], money: expected });
      assert.equal(q.text, null);
    });
  }

  it('combines with words and other filters', () => {
    const q = parseQuery('rail money>1b portfolio:Transport year:2020');
    assert.deepEqual(q.text, { type: 'term', text: 'rail' });
    assert.deepEqual(q.filters, { ministers: [], portfolios: ['Transport'], from: '2020-01-01', to: '2020-12-31', money: nzd({ min: 1e9, minExclusive: true }) });
  });

  it('lets a bare year beside a money filter be a hint, not a word', () => {
    const q = parseQuery('money>1b 2020');
    assert.equal(q.text, null);
    assert.deepEqual(q.hint, { from: '2020-01-01', to: '2020-12-31' });
  });

  it('reads money with no comparison or value, or negated, as text', () => {
    assert.deepEqual(parseQuery('money:').text, { type: 'term', text: 'money' });
    assert.deepEqual(parseQuery('money talks').text, { type: 'and', children: [{ type: 'term', text: 'money' }, { type: 'term', text: 'talks' }] });
    assert.deepEqual(parseQuery('-money>1m').text, { type: 'not', child: { type: 'phrase', text: 'money 1m', joined: true } });
    assert.deepEqual(parseQuery('-money>1m').filters, { ministers: [], portfolios: [] });
  });

  const how = 'write a number with an optional k, m or b, e.g. money>100m, money>=1.5b or money:1m..10m';
  const bad: [string, string][] = [
    ['money>abc', `money>abc is not an amount; ${how}`],
    ['money>', `money> is not an amount; ${how}`],
    ['money:abc', `money:abc is not an amount; ${how}`],
    ['money>-5m', `money>-5m is not an amount; ${how}`],
    ['money>1,00', `money>1,00 is not an amount; ${how}`],
    ['money>>5m', `money>>5m is not an amount; ${how}`],
    ['money>5q', `money>5q is not an amount ("q" is no scale); ${how}`],
    ['money>xyz1m', 'money>xyz1m names no currency pressroom knows ("xyz"); use $ (NZD) or one of NZD, USD, AUD, CAD, HKD, SGD, FJD, EUR, GBP, JPY, e.g. money>usd1b'],
    ['money:10m..1m', 'money:10m..1m runs from the larger amount to the smaller; write the smaller first, e.g. money:1m..10m'],
    ['money:..', 'money:.. is not a range of amounts; write money:1m..10m, money:1m.. or money:..10m'],
    ['money:1m..2m..3m', 'money:1m..2m..3m is not a range of amounts; write money:1m..10m, money:1m.. or money:..10m'],
    ['money:usd1m..aud2m', 'money:usd1m..aud2m names two currencies (USD, AUD); amounts are never converted, so use one'],
    ['money>10m money<1m', 'money>10m and money<1m have no amount in common; remove one of them'],
    ['money>5m money<5m', 'money>5m and money<5m have no amount in common; remove one of them'],
    ['money>1m money>usd1m', 'money>1m and money>usd1m name different currencies (NZD, USD); amounts are never converted, so use one'],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${input} saying what to write`, () => {
      assert.throws(() => parseQuery(input), (e: unknown) => e instanceof BadQueryError && e.message === message);
    });
  }

  it('reads a word after an amount as a word unless it is a scale', () => {
    const q = parseQuery('money>5 quid');
    assert.deepEqual(q.text, { type: 'term', text: 'quid' });
    assert.deepEqual(q.filters.money, nzd({ min: 5, minExclusive: true }));
  });
});

describe('inAmountRange', () => {
  const cases: [string, number, boolean][] = [
    ['>100m', 100e6, false],
    ['>100m', 100e6 + 0.01, true],
    ['>=100m', 100e6, true],
    ['<50k', 50e3, false],
    ['<=50k', 50e3, true],
    ['1m..10m', 1e6, true],
    ['1m..10m', 10e6, true],
    ['1m..10m', 10e6 + 1, false],
    ['1m..10m', 999_999.99, false],
    ['5m', 5e6, true],
    ['5m', 5.5e6, false],
  ];
  for (const [value, top, expected] of cases) {
    it(`${expected ? 'puts' : 'leaves'} ${top} ${expected ? 'in' : 'out of'} money${/^[<>]/.test(value) ? '' : ':'}${value}`, () => {
      assert.equal(inAmountRange(parseAmountFilter(value, `money ${value}`), top), expected);
    });
  }
});
