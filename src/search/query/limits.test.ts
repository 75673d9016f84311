// The limits of README "Limits": each refused up front as a BadQueryError that says what to write instead.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Archive, BadQueryError, ingest, matchingRows, search } from '../../index.ts';
import { estimateCost, loadVocabulary, QUERY_LIMITS } from './limits.ts';
import { parseQuery } from './parse.ts';

let dir: string;
let archive: Archive;

/** A release per word list, so each word's document frequency is known. */
function release(root: string, slug: string, body: string): void {
  const folder = path.join(root, 'releases', '2020', '01');
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, `2020-01-01-${slug}.md`),
    `---\ntitle: "${slug}"\ndate: 2020-01-01\nurl: https://example.test/${slug}\nministers:\n  - Ann Example\nportfolios:\n  - Testing\n---\n\n${body}\n`,
  );
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-limits-'));
  const corpus = path.join(dir, 'corpus');
  // 300 words starting "zorb", past the 250 a prefix may stand for; 20 starting "quil".
  release(corpus, 'many-words', Array.from({ length: 300 }, (_, i) => `zorb${String(i).padStart(3, '0')}x`).join(' '));
  release(corpus, 'few-words', Array.from({ length: 20 }, (_, i) => `quil${String(i).padStart(2, '0')}x`).join(' ') + ' the harbour');
  release(corpus, 'harbour', 'The harbour bridge opens to the public.');
  await ingest({ dir: corpus, db: path.join(dir, 'limits.db') });
  archive = Archive.open(path.join(dir, 'limits.db'));
});

after(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

const refusal = (q: string): string => {
  try {
    search(archive, q);
  } catch (err) {
    assert.ok(err instanceof BadQueryError, `${q}: ${err}`);
    return err.message;
  }
  assert.fail(`${q} was not refused`);
};

describe('query limits', () => {
  test('a prefix needs three letters before *, and the refusal counts the words it would match', () => {
    assert.match(refusal('zo*'), /^`zo\*` matches 3\d\d words; use at least three letters before `\*`$/);
    assert.equal(refusal('harbour q*'), '`q*` matches 20 words; use at least three letters before `*`');
    assert.equal(search(archive, 'qui*').total, 1);
  });

  test(`a prefix may stand for at most ${QUERY_LIMITS.maxPrefixWords} words`, () => {
    assert.equal(refusal('zorb*'), '`zorb*` matches 300 words; add letters before `*` so that it matches at most 250, or write the words out');
    assert.equal(search(archive, 'zorb1*').total, 1, 'zorb1* stands for 100 words');
    assert.throws(() => matchingRows(archive, 'zorb*'), BadQueryError, 'trends and exports are bounded too');
  });

  test(`at most ${QUERY_LIMITS.maxItems} words and operators; filters do not count`, () => {
    const words = (n: number) => Array.from({ length: n }, () => 'harbour').join(' ');
    assert.equal(search(archive, `${words(40)} minister:"Ann Example" year:2020`).total, 2);
    assert.equal(refusal(words(41)), 'the query has 41 words and operators; use at most 40: keep the few words that say most about what you want');
    assert.match(refusal(`${words(20)} OR ${words(20)}`), /^the query has 41 words and operators/);
  });

  test(`at most ${QUERY_LIMITS.maxOrBranches} alternatives joined by OR`, () => {
    const alts = (n: number) => Array.from({ length: n }, (_, i) => `quil${String(i).padStart(2, '0')}x`).join(' OR ');
    assert.equal(search(archive, alts(16)).total, 1);
    assert.equal(refusal(alts(17)), 'the query has 17 alternatives joined by OR; use at most 16, or search the alternatives separately');
    assert.match(refusal(`${alts(9)} harbour OR ${alts(8)}`), /^the query has 18 alternatives/, 'counted over the whole query');
  });
});

test('the vocabulary read into memory gives the same estimates and refusals as fts5vocab', () => {
  const queries = ['harbour', 'the harbour', 'qui*', 'quil1*', 'zorb1*', 'harbour OR bridge -public', '"harbour bridge"', 'nothing'];
  const before = queries.map((q) => estimateCost(archive, parseQuery(q)));
  const refusals = ['zo*', 'zorb*'].map(refusal);
  loadVocabulary(archive);
  assert.deepEqual(queries.map((q) => estimateCost(archive, parseQuery(q))), before);
  assert.deepEqual(['zo*', 'zorb*'].map(refusal), refusals);
  assert.ok(before[0]!.postings === 2 && before[1]!.postings > 2, JSON.stringify(before));
});

test('a second reader (a search worker) given the vocabulary in shared memory estimates the same without reading the index', () => {
  const queries = ['harbour', 'the harbour', 'qui*', 'quil1*', 'zorb1*', 'harbour OR bridge -public', 'nothing', 'māori'];
  const packed = loadVocabulary(archive);
  assert.ok(packed, 'the vocabulary was read into memory');
  assert.ok(packed.bytes.buffer instanceof SharedArrayBuffer && packed.docs.buffer instanceof SharedArrayBuffer, 'shared, not copied, across threads');
  const second = Archive.open(archive.file);
  try {
    const reader = { ...packed, docs: new Uint32Array(packed.docs.length) };
    loadVocabulary(second, reader);
    assert.equal(estimateCost(second, parseQuery('harbour')).postings, 0, 'the second reader counts from what it was given');
    const third = Archive.open(archive.file);
    try {
      loadVocabulary(third, packed);
      assert.deepEqual(
        queries.map((q) => estimateCost(third, parseQuery(q))),
        queries.map((q) => estimateCost(archive, parseQuery(q))),
      );
    } finally {
      third.close();
    }
  } finally {
    second.close();
  }
});

describe('the limit on what a whole query reads', () => {
  let big: Archive;
  before(async () => {
    // 2,000 releases, each with the same 225 words: five prefixes of 45 words, 90,000 postings each.
    const corpus = path.join(dir, 'big');
    const words = ['aaa', 'bbb', 'ccc', 'ddd', 'eee'].flatMap((p) => Array.from({ length: 45 }, (_, i) => `${p}${String(i).padStart(2, '0')}x`)).join(' ');
    for (let i = 0; i < 2000; i++) release(corpus, `r${i}`, words);
    await ingest({ dir: corpus, db: path.join(dir, 'big.db') });
    big = Archive.open(path.join(dir, 'big.db'));
  });
  after(() => big.close());

  test(`at most ${QUERY_LIMITS.maxPostings.toLocaleString('en-NZ')} (word, release) pairs, naming the words to leave out`, () => {
    assert.equal(search(big, 'aaa* bbb* ccc* ddd*').total, 2000, 'about 360,000 pairs');
    assert.throws(
      () => search(big, 'aaa* bbb* ccc* ddd* eee*'),
      (err) => err instanceof BadQueryError && /^the query reads 45\d,\d{3} \(word, release\) pairs, more than the 400,000 one query may; leave out the commonest of its words \(([a-e]{3}\*, ){2}[a-e]{3}\*\)$/.test(err.message),
    );
  });
});
