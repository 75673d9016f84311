import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { foldKey } from '../../text.ts';
import { openFts5Fixture } from '../../../test/helpers/fts5-fixture.ts';
import { lex, tokenize } from './lex.ts';
import { seededRandom } from '../../../test/helpers/random.ts';

describe('tokenize', () => {
  const fts = openFts5Fixture();
  after(() => fts.close());

  const cases: [string, string[]][] = [
    ['Iraq training mission', ['iraq', 'training', 'mission']],
    ["O’Connor's COVID-19 plan", ['o', 'connor', 's', 'covid', '19', 'plan']],
    ['Kaikōura', ['kaikōura']],
    ['Kaiko\u0304ura', ['kaikōura']],
    ['a_b a\u200bb', ['a', 'b', 'a', 'b']],
    ["'; DROP TABLE releases; --", ['drop', 'table', 'releases']],
    ['<script>alert(1)</script>', ['script', 'alert', '1', 'script']],
    ['$2.5m 10%', ['2', '5m', '10']],
    ['😀 ★ — …', []],
  ];
  for (const [input, expected] of cases) {
    it(`splits ${JSON.stringify(input)} as FTS5 does`, () => {
      assert.deepEqual(tokenize(input), expected);
      assert.deepEqual(tokenize(input).map(foldKey), fts.tokens(input).map(foldKey));
    });
  }

  it('agrees with FTS5 unicode61 on 2,000 random strings', () => {
    const random = seededRandom(7);
    const alphabet = [...'aZ09 -_.,:;\'"’“”()*^+|/\\\t\nōĀéÉüçßøłİıñ中文نصкий\u0301\u0304\u200b😀€$%&#@~`{}[]<>'];
    for (let n = 0; n < 2000; n++) {
      const s = Array.from({ length: random.int(0, 20) }, () => random.pick(alphabet)).join('');
      // Folded on both sides: FTS5 folds Latin diacritics only (it keeps the й of кий).
      assert.deepEqual(tokenize(s).map(foldKey), fts.tokens(s).map(foldKey), `tokens of ${JSON.stringify(s)}`);
    }
  });
});

describe('lex', () => {
  it('reads words, phrases, operators and filters', () => {
    assert.deepEqual(lex('-"civil defence" kiwisav* OR minister:Key'), [
      { kind: 'phrase', tokens: ['civil', 'defence'], negated: true, prefix: false },
      { kind: 'word', tokens: ['kiwisav'], negated: false, prefix: true },
      { kind: 'or' },
      { kind: 'filter', name: 'minister', value: 'Key', raw: 'minister:Key' },
    ]);
  });

  it('reads a quoted filter value, with curly quotes too', () => {
    assert.deepEqual(lex('Minister:“John  Key”'), [
      { kind: 'filter', name: 'minister', value: 'John Key', raw: 'Minister:"John  Key"' },
    ]);
  });

  it('keeps a filter name with no value as a word', () => {
    assert.deepEqual(lex('response to: report'), [
      { kind: 'word', tokens: ['response'], negated: false, prefix: false },
      { kind: 'word', tokens: ['to'], negated: false, prefix: false },
      { kind: 'word', tokens: ['report'], negated: false, prefix: false },
    ]);
  });

  it('reads a money comparison, its operator starting the value', () => {
    assert.deepEqual(lex('rail money>=1.5b'), [
      { kind: 'word', tokens: ['rail'], negated: false, prefix: false },
      { kind: 'filter', name: 'money', value: '>=1.5b', raw: 'money>=1.5b' },
    ]);
    assert.deepEqual(lex('Money:1m..10m'), [{ kind: 'filter', name: 'money', value: '1m..10m', raw: 'Money:1m..10m' }]);
  });

  it('takes a scale word after a money amount into the filter', () => {
    assert.deepEqual(lex('money>1.5 billion rail'), [
      { kind: 'filter', name: 'money', value: '>1.5billion', raw: 'money>1.5 billion' },
      { kind: 'word', tokens: ['rail'], negated: false, prefix: false },
    ]);
    assert.deepEqual(lex('money:5 million'), [{ kind: 'filter', name: 'money', value: '5million', raw: 'money:5 million' }]);
    assert.deepEqual(lex('money>5m billion')[1], { kind: 'word', tokens: ['billion'], negated: false, prefix: false });
  });

  it('keeps an operator after money a filter even with nothing after it, so it can be reported', () => {
    assert.deepEqual(lex('money>'), [{ kind: 'filter', name: 'money', value: '>', raw: 'money>' }]);
  });
});
