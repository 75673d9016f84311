// The limits of README "Limits": each refused up front as a BadQueryError that says what to write instead.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Archive, BadQueryError, ingest, matchingRows, search } from '../../index.ts';
import { QUERY_LIMITS } from './limits.ts';

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
