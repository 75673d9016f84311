import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { BadQueryError } from '../../errors.ts';
import { compileQuery, quote } from './compile.ts';
import { openFts5Fixture } from '../../../test/helpers/fts5-fixture.ts';
import { parseQuery } from './parse.ts';
import { seededRandom } from '../../../test/helpers/random.ts';
import { SynonymTable } from './synonyms.ts';

const DOCS = [
  { title: 'Prime Minister sets out New Zealand’s part in the coalition against ISIL', body: 'Up to 106 personnel at Taji, Iraq.' },
  { title: 'Kaikōura earthquake recovery', body: 'The quake damaged State Highway 1.' },
  { title: 'COVID-19 Alert Level 4', body: 'The pandemic response. Prime Minister Jacinda Ardern.' },
  { title: 'KiwiSaver changes', body: "Mr O'Connor said the scheme would help kids." },
  { title: 'Civil Defence emergency declared', body: 'Floods in Iraq? No: in Westport.' },
];

/** What FTS5 may see outside quoted strings: only the operators and brackets we write. */
function syntaxOutsideQuotes(expr: string): string {
  return expr.replace(/"(?:[^"]|"")*"/g, '').replace(/\s+/g, ' ').trim();
}
const ONLY_OUR_SYNTAX = /^(?:AND|OR|NOT|\(|\)|\*| )*$/;

describe('compileQuery match strings (synonyms off)', () => {
  const fts = openFts5Fixture(DOCS);
  after(() => fts.close());
  const long = `${'x'.repeat(1000)} "${'NEAR('.repeat(300)}`;

  // Like Datasette's test_escape_fts: what the user types, what FTS5 is given.
  const cases: [string, string | null][] = [
    ['dog', '"dog"'],
    ['cat,', '"cat"'],
    ['cat dog', '"cat" AND "dog"'],
    ['"cat dog"', '"cat dog"'],
    ['"cat dog" fish', '"cat dog" AND "fish"'],
    ['cat"', '"cat"'],
    ['"cat dog" "fish', '"cat dog" AND "fish"'],
    ['“like this”', '"like this"'],
    ['a OR b c', '("a" OR "b") AND "c"'],
    ['AND', '"and"'],
    ['a AND b', '"a" AND "b"'],
    ['AND OR NOT', '"and" AND "or" AND "not"'],
    ['OR a OR', '"a"'],
    ['"', null],
    ['-', null],
    ['*', null],
    ['(', null],
    [':', null],
    ['NEAR(a b)', '"a" AND "b"'],
    ['a:b:c', '"a b c"'],
    ['title:secret', '"title secret"'],
    ['^a +b {title body}: c', '"a" AND "b" AND "title" AND "body" AND "c"'],
    ['kiwisav*', '"kiwisav"*'],
    ['"kiwi sav"*', '"kiwi sav"*'],
    ['Iraq -Syria', '"iraq" NOT "syria"'],
    ['Iraq troops -Syria -"civil war"', '("iraq" AND "troops") NOT ("syria" OR "civil war")'],
    ['a OR b -c', '("a" OR "b") NOT "c"'],
    ['-Iraq', null],
    ["'; DROP TABLE releases; --", '"drop" AND "table" AND "releases"'],
    ['<script>alert(1)</script>', '"script alert" AND "1" AND "script"'],
    ['Kaikōura', '"kaikōura"'],
    ["O’Connor", '"o connor"'],
    ['NOT', '"not"'],
    ['OR', '"or"'],
    ['NEAR', '"near"'],
    ['NOT -', '"not"'],
    ['and or not near', '"and" AND "or" AND "not" AND "near"'],
    [long, `"${'x'.repeat(1000)}" AND "${'near '.repeat(300).trim()}"`],
  ];
  for (const [input, expected] of cases) {
    const label = input.length > 60 ? `${input.slice(0, 20)}… (${input.length} characters)` : input;
    it(`compiles ${JSON.stringify(label)} to ${JSON.stringify(expected)}`, () => {
      const c = compileQuery(parseQuery(input), { synonyms: false });
      assert.equal(c.match, expected);
      if (c.match !== null) {
        assert.match(syntaxOutsideQuotes(c.match), ONLY_OUR_SYNTAX);
        assert.doesNotThrow(() => fts.match(c.match!));
      }
    });
  }

  it('gives the exclusions of a query without positive terms as exclude', () => {
    const c = compileQuery(parseQuery('-Iraq -"civil defence"'), { synonyms: false });
    assert.equal(c.match, null);
    assert.equal(c.exclude, '"iraq" OR "civil defence"');
    assert.deepEqual(fts.match(c.exclude!), [1, 5]);
  });

  it('lists the positive terms, folded, for highlighting', () => {
    const c = compileQuery(parseQuery('Kaikōura "Civil Defence" kiwi* -Iraq a OR b 2009'), { synonyms: false });
    assert.deepEqual(c.terms, ['kaikoura', 'civil defence', 'kiwi', 'a', 'b']);
  });

  it('passes filters and hint through', () => {
    const c = compileQuery(parseQuery('flood 2009 minister:Key'));
    assert.deepEqual(c.filters, { ministers: ['Key'], portfolios: [] });
    assert.deepEqual(c.hint, { from: '2009-01-01', to: '2009-12-31' });
  });

  it('quotes a double quote by doubling it', () => {
    assert.equal(quote('say "hi"'), '"say ""hi"""');
  });

  it('re-tokenises a hand-built tree, so it cannot inject syntax either', () => {
    const c = compileQuery({ text: { type: 'and', children: [{ type: 'term', text: 'a" OR title:b' }, { type: 'phrase', text: '!!' }] }, filters: { ministers: [], portfolios: [] } }, { synonyms: false });
    assert.equal(c.match, '"a or title b"');
  });
});

describe('compileQuery finds what users mean in a real FTS5 table', () => {
  const fts = openFts5Fixture(DOCS);
  after(() => fts.close());
  const cases: [string, number[]][] = [
    ['Kaikoura', [2]],
    ['kaikōura quakes', [2]],
    ['ISIS coalition', [1]],
    ['Daesh', [1]],
    ['earthquake', [2]],
    ['coronavirus', [3]],
    ['PM Ardern', [3]],
    ['prime minister coalition', [1]],
    ['kiwisav*', [4]],
    ["O'Connor", [4]],
    ['children', [4]],
    ['"civil defence" -Westport', []],
    ['Iraq -Westport', [1]],
    ['quake OR KiwiSaver', [2, 4]],
  ];
  for (const [input, ids] of cases) {
    it(`finds ${JSON.stringify(input)} in ${JSON.stringify(ids)}`, () => {
      assert.deepEqual(fts.match(compileQuery(parseQuery(input)).match!), ids);
    });
  }
});

describe('compileQuery synonyms', () => {
  it('expands a word into its group, keeping the word first', () => {
    const c = compileQuery(parseQuery('ISIS troops -Syria'));
    assert.equal(c.match, '(("isis" OR "isil" OR "daesh" OR "islamic state") AND ("troops" OR "soldiers")) NOT "syria"');
    assert.deepEqual(c.expansions, { isis: ['isil', 'daesh', 'islamic state'], troops: ['soldiers'] });
    assert.deepEqual(c.terms, ['isis', 'troops']);
  });

  it('expands adjacent words as one, the longest run first', () => {
    const c = compileQuery(parseQuery('new zealand defence force Iraq'));
    assert.equal(c.match, '(("new" AND "zealand" AND "defence" AND "force") OR "nzdf" OR "defence force") AND "iraq"');
    assert.deepEqual(c.expansions, { 'new zealand defence force': ['nzdf', 'defence force'] });
  });

  it('expands a bare hyphenated word and a plural', () => {
    assert.equal(compileQuery(parseQuery('COVID-19')).match, '"covid 19" OR "covid" OR "coronavirus" OR "sars cov 2"');
    assert.deepEqual(compileQuery(parseQuery('GPs')).expansions, { gps: ['general practitioner'] });
  });

  it('expands each alternative of an OR', () => {
    assert.equal(compileQuery(parseQuery('quake OR flood')).match, '("quake" OR "earthquake") OR "flood"');
  });

  it('leaves quoted phrases, prefixes and exclusions as typed', () => {
    for (const input of ['"prime minister"', 'quake*', 'flood -quake']) {
      assert.deepEqual(compileQuery(parseQuery(input)).expansions, {}, input);
    }
  });

  it('can be turned off', () => {
    assert.equal(compileQuery(parseQuery('ISIS'), { synonyms: false }).match, '"isis"');
  });

  it('takes another table', () => {
    const synonymTable = new SynonymTable([['fish', 'ika']]);
    assert.equal(compileQuery(parseQuery('fish'), { synonymTable }).match, '"fish" OR "ika"');
  });
});

describe('property: any string is safe', () => {
  const fts = openFts5Fixture(DOCS);
  after(() => fts.close());
  const pieces = [
    '"', '"', '*', '-', '-', '(', ')', ':', '^', '+', '|', ' ', ' ', ' ', ' OR ', ' AND ', ' NOT ', 'NEAR', 'NEAR/2', '{', '}',
    '“', '”', '„', "'", '’', ';', ',', '.', '\\', '\t', '\n', '\u0000', '\u200b', '\u0301', '😀', '\ud800',
    'a', 'b', 'iraq', 'ISIS', 'prime', 'minister', 'quake', 'Kaikōura', 'MĀORI', 'ß', 'İ', '中文', 'نص', 'кий',
    '0', '2015', '2009', 'January', 'minister:', 'portfolio:', 'year:', 'from:', 'to:', 'title:', 'body:', '2015-02', '-13',
    'money>', 'money:', 'money<=', 'money>=', '1m', '1.5', 'b', 'bn', ' billion', '..', '$', 'us$', 'usd', ',000',
  ];

  it('5,000 random strings parse without error, or fail only as BadQueryError, and FTS5 accepts every match', () => {
    const random = seededRandom(2026);
    let compiled = 0;
    for (let n = 0; n < 5000; n++) {
      const input = Array.from({ length: random.int(0, 30) }, () => random.pick(pieces)).join('');
      let parsed;
      try {
        parsed = parseQuery(input);
      } catch (e) {
        assert.ok(e instanceof BadQueryError, `${JSON.stringify(input)} threw ${String(e)}`);
        continue;
      }
      for (const synonyms of [true, false]) {
        const c = compileQuery(parsed, { synonyms });
        for (const expr of [c.match, c.exclude]) {
          if (expr === null) continue;
          compiled++;
          assert.match(syntaxOutsideQuotes(expr), ONLY_OUR_SYNTAX, `${JSON.stringify(input)} → ${expr}`);
          assert.doesNotThrow(() => fts.match(expr), `${JSON.stringify(input)} → ${expr}`);
        }
        assert.ok(c.match === null || c.exclude === null, 'never both match and exclude');
      }
    }
    assert.ok(compiled > 5000, `only ${compiled} expressions were compiled`);
  });
});
