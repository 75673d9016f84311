import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadQueryError } from '../../errors.ts';
import { MAX_TEXT_ITEMS, parseQuery, type QueryNode } from './parse.ts';

const term = (text: string, prefix?: boolean): QueryNode => (prefix ? { type: 'term', text, prefix } : { type: 'term', text });
const phrase = (text: string): QueryNode => ({ type: 'phrase', text });
const joined = (text: string): QueryNode => ({ type: 'phrase', text, joined: true });
const and = (...children: QueryNode[]): QueryNode => ({ type: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ type: 'or', children });
const not = (child: QueryNode): QueryNode => ({ type: 'not', child });

describe('parseQuery text', () => {
  const long = 'word '.repeat(600);
  const cases: [string, QueryNode | null][] = [
    ['', null],
    ['   ', null],
    ['Iraq', term('iraq')],
    ['Iraq training mission', and(term('iraq'), term('training'), term('mission'))],
    ['"training mission"', phrase('training mission')],
    ['“like this” and ‘this’', and(phrase('like this'), term('and'), term('this'))],
    ['"unclosed phrase', phrase('unclosed phrase')],
    ['cat"', term('cat')],
    ['"cat dog" "fish', and(phrase('cat dog'), phrase('fish'))],
    ['"', null],
    ['""', null],
    ['a OR b', or(term('a'), term('b'))],
    ['a | b', or(term('a'), term('b'))],
    ['a or b', and(term('a'), term('or'), term('b'))],
    ['iraq troops OR soldiers', and(term('iraq'), or(term('troops'), term('soldiers')))],
    ['a OR b OR c', or(term('a'), term('b'), term('c'))],
    ['OR a', term('a')],
    ['a OR', term('a')],
    ['AND OR NOT', and(term('and'), term('or'), term('not'))],
    ['OR', term('or')],
    ['a AND b', and(term('a'), term('b'))],
    ['-Iraq', not(term('iraq'))],
    ['Iraq -Syria', and(term('iraq'), not(term('syria')))],
    ['Iraq NOT Syria', and(term('iraq'), not(term('syria')))],
    ['-"civil defence" emergency', and(term('emergency'), not(phrase('civil defence')))],
    ['a OR -b', and(term('a'), not(term('b')))],
    ['-', null],
    ['- -', null],
    ['kiwisav*', term('kiwisav', true)],
    ['*', null],
    ['**kiwi', term('kiwi')],
    ['"kiwi sav"*', { type: 'phrase', text: 'kiwi sav', prefix: true }],
    ['(', null],
    ['(a OR b) c', and(or(term('a'), term('b')), term('c'))],
    [':', null],
    ['NEAR(a b)', and(term('a'), term('b'))],
    ['a:b:c', joined('a b c')],
    ['title:secret', joined('title secret')],
    ['COVID-19', joined('covid 19')],
    ["O'Connor", joined('o connor')],
    ['^start +plus {col}', and(term('start'), term('plus'), term('col'))],
    ["'; DROP TABLE releases; --", and(term('drop'), term('table'), term('releases'))],
    ['<script>alert(1)</script>', and(joined('script alert'), term('1'), term('script'))],
    ['Kaikōura', term('kaikōura')],
    ['Kaiko\u0304ura', term('kaikōura')],
    ['MĀORI', term('māori')],
    [long, and(...Array.from({ length: MAX_TEXT_ITEMS }, () => term('word')))],
  ];
  for (const [input, expected] of cases) {
    const label = input.length > 60 ? `${input.slice(0, 20)}… (${input.length} characters)` : input;
    it(`reads ${JSON.stringify(label)}`, () => {
      assert.deepEqual(parseQuery(input).text, expected);
    });
  }
});

describe('parseQuery filters', () => {
  const cases: [string, object][] = [
    ['minister:"John Key"', { ministers: ['John Key'], portfolios: [] }],
    ['MINISTER:Key minister:key', { ministers: ['Key'], portfolios: [] }],
    ['minister:Key minister:“Bill English”', { ministers: ['Key', 'Bill English'], portfolios: [] }],
    ['Portfolio:Defence', { ministers: [], portfolios: ['Defence'] }],
    ['year:2015', { ministers: [], portfolios: [], from: '2015-01-01', to: '2015-12-31' }],
    ['from:2015-02', { ministers: [], portfolios: [], from: '2015-02-01' }],
    ['to:2015-03', { ministers: [], portfolios: [], to: '2015-03-31' }],
    ['to:2016-02', { ministers: [], portfolios: [], to: '2016-02-29' }],
    ['from:2015-02 to:2015-03-31', { ministers: [], portfolios: [], from: '2015-02-01', to: '2015-03-31' }],
    ['from:2015 to:2015', { ministers: [], portfolios: [], from: '2015-01-01', to: '2015-12-31' }],
    ['year:2015 from:2015-06', { ministers: [], portfolios: [], from: '2015-06-01', to: '2015-12-31' }],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${input}`, () => {
      const q = parseQuery(input);
      assert.deepEqual(q.filters, expected);
      assert.equal(q.text, null);
    });
  }

  it('keeps text beside filters', () => {
    assert.deepEqual(parseQuery('troops minister:Key Iraq').text, and(term('troops'), term('iraq')));
  });

  it('does not let NOT or OR reach across a filter', () => {
    assert.deepEqual(parseQuery('NOT year:2015 iraq').text, term('iraq'));
    assert.deepEqual(parseQuery('a OR portfolio:Defence b').text, and(term('a'), term('b')));
  });

  it('treats a negated filter as excluded text, not as a filter', () => {
    const q = parseQuery('-minister:Key');
    assert.deepEqual(q.text, not(joined('minister key')));
    assert.deepEqual(q.filters, { ministers: [], portfolios: [] });
  });

  const bad: [string, string][] = [
    ['from:2015-13', 'from:2015-13 is not a date; use YYYY, YYYY-MM or YYYY-MM-DD'],
    ['to:2015-02-30', 'to:2015-02-30 is not a date; use YYYY, YYYY-MM or YYYY-MM-DD'],
    ['to:2015-02-29', 'to:2015-02-29 is not a date; use YYYY, YYYY-MM or YYYY-MM-DD'],
    ['from:15-02-01', 'from:15-02-01 is not a date; use YYYY, YYYY-MM or YYYY-MM-DD'],
    ['From:yesterday', 'From:yesterday is not a date; use YYYY, YYYY-MM or YYYY-MM-DD'],
    ['from:"2015 02"', 'from:"2015 02" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD'],
    ['year:abc', 'year:abc is not a year; use four digits, e.g. year:2015'],
    ['year:2015-02', 'year:2015-02 is not a year; for a month write month:2015-02 (or from:2015-02 to:2015-02)'],
    ['month:2015', 'month:2015 is not a month; use YYYY-MM, e.g. month:2020-03'],
    ['from:2015-04 to:2015-03', 'from:2015-04 is after to:2015-03; put the earlier date in from: and the later in to:'],
    ['to:2015-03 from:2015-04', 'from:2015-04 is after to:2015-03; put the earlier date in from: and the later in to:'],
    ['year:2015 year:2016', 'year:2016 and year:2015 have no day in common; remove one of them'],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${input} saying what to write`, () => {
      assert.throws(() => parseQuery(input), (e: unknown) => e instanceof BadQueryError && e.message === message);
    });
  }
});

describe('parseQuery date hints', () => {
  it('takes a bare year as a hint, not a required word', () => {
    const q = parseQuery('2009 flu response');
    assert.deepEqual(q.text, and(term('flu'), term('response')));
    assert.deepEqual(q.hint, { from: '2009-01-01', to: '2009-12-31' });
  });

  it('takes a month name and year as a month hint', () => {
    const q = parseQuery('storm help January 2026');
    assert.deepEqual(q.text, and(term('storm'), term('help')));
    assert.deepEqual(q.hint, { from: '2026-01-01', to: '2026-01-31' });
  });

  it('spans several years named', () => {
    assert.deepEqual(parseQuery('Feb 2016 budget 2018').hint, { from: '2016-02-01', to: '2018-12-31' });
  });

  it('keeps a year that is the whole query as a term too', () => {
    const q = parseQuery('2009');
    assert.deepEqual(q.text, term('2009'));
    assert.deepEqual(q.hint, { from: '2009-01-01', to: '2009-12-31' });
  });

  it('keeps a month and year that are the whole text beside an exclusion', () => {
    assert.deepEqual(parseQuery('May 2020 -covid').text, and(term('may'), term('2020'), not(term('covid'))));
  });

  it('drops the year as a term when filters give something to list', () => {
    const q = parseQuery('minister:Key 2009');
    assert.equal(q.text, null);
    assert.deepEqual(q.hint, { from: '2009-01-01', to: '2009-12-31' });
  });

  it('leaves years outside 1990–2035, quoted, prefixed, in an OR, or excluded as text', () => {
    for (const input of ['1840 treaty', '"2009" flu', '2009* flu', '2009 OR 2010 flu', '-2009 flu']) {
      assert.equal(parseQuery(input).hint, undefined, input);
    }
  });
});
