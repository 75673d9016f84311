// Money filters and the largest amounts on the real corpus, checked against the stored amounts table and
// against a scan of the raw files by a pattern written here, with no code of pressroom.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Archive, largestAmounts, matchingRows, search } from '../src/index.ts';
import { realArchive } from './helpers/real-archive.ts';

const corpus = process.env.PRESSROOM_CORPUS;
if (!corpus && process.env.CI) throw new Error('PRESSROOM_CORPUS must name the real corpus under CI');

// "$2.5 billion" or "$ 12 bn" in NZ dollars, more than one billion. The checks below leave out what
// the money extractor rightly reads otherwise: another currency before the sign ("US $5 billion",
// "USD $300 billion", "US $14 and $18 billion"), and a rate ("$1.9 billion-a-year", "$20 billion per
// annum", "between $1.5 billion and $2.4 billion a year"), which money filters never count.
const BILLIONS = /(?<![\w$])\$\s?(\d{1,3}(?:\.\d+)?)\s?(?:billion|bn)\b(?!\s*\/)/g;
const CURRENCY_BEFORE = /(?:US|USD|AUD|A|C|HK|S|F|FJ)\s*$|(?:US|USD|A|AUD)\s?\$\s?[\d.,]+\s*(?:and|to|-|–)\s*$/;
const RATE_AFTER = /^(?:[- ](?:an?|per|each)[- ]|\s+per annum|\s+(?:and|to|-|–)\s+\$?\d[\d.]*\s?(?:billion|bn)\s+(?:an?|per)\s)/;

/** Ids of the releases whose body states more than NZ$1 billion in the plain "$N billion" form. */
function scanBillions(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, 'releases'), { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.md')) continue;
    const text = readFileSync(path.join(e.parentPath, e.name), 'utf8');
    const fm = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/.exec(text);
    const body = fm ? text.slice(fm[0].length) : text;
    const states = [...body.matchAll(BILLIONS)].some((m) => {
      const at = m.index!;
      return Number(m[1]) > 1 && !CURRENCY_BEFORE.test(body.slice(Math.max(0, at - 25), at)) && !RATE_AFTER.test(body.slice(at + m[0].length, at + m[0].length + 50));
    });
    if (states) out.push(e.name.slice(0, -3));
  }
  return out;
}

describe('amounts in the real corpus', { skip: corpus ? false : 'PRESSROOM_CORPUS is not set: these tests read the real corpus' }, () => {
  let archive: Archive;
  before(async () => {
    archive = Archive.open((await realArchive(corpus!)).db);
  });
  after(() => {
    archive?.close();
  });

  it('money>1b selects exactly the releases whose stored amounts, rates and implausible figures aside, top a billion NZD', () => {
    const stored = archive.db
      .prepare(`SELECT DISTINCT r.id FROM amounts a JOIN releases r ON r.rowid = a.release
                WHERE a.currency = 'NZD' AND a.unit IS NULL AND a.class != 'implausible' AND max(a.value, coalesce(a.value_max, a.value)) > 1e9`)
      .pluck()
      .all() as string[];
    assert.ok(stored.length > 3000, `only ${stored.length} releases state more than a billion`);
    const r = search(archive, 'money>1b', { limit: 5, amounts: 'all' });
    assert.equal(r.total, stored.length);
    assert.deepEqual(archive.idsOf(Array.from(matchingRows(archive, 'money>1b', 'all'))).sort(), stored.sort());
    const announced = search(archive, 'money>1b', { limit: 50 });
    assert.ok(announced.total < r.total && announced.total > r.total / 2, `announced money: ${announced.total} of ${r.total}`);
    for (const h of announced.hits) for (const a of h.amounts!) assert.equal(a.class, 'announced', `${h.id}: ${a.text}`);
    const undated = archive.db.prepare(`SELECT count(*) FROM releases WHERE date IS NULL AND id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify(stored)) as number;
    assert.equal(r.facets.year.undated, undated || undefined, 'undated matches count under "undated"');
    assert.equal(Object.values(r.facets.year).reduce((a, b) => a + b, 0), r.total, 'the year facets count every match');
    for (const h of r.hits) {
      assert.ok(h.amounts && h.amounts.length > 0, `${h.id} shows no amount`);
      assert.ok(Math.max(h.amounts[0]!.value, h.amounts[0]!.value_max ?? 0) > 1e9, `${h.id}: ${h.amounts[0]!.text}`);
      assert.match(h.snippet, /<mark>[^<]*<\/mark>/, `${h.id} snippet marks no amount`);
    }
  });

  it('money>1b finds every release a scan of the raw files finds stating "$N billion", and the scan most of them', () => {
    const scanned = scanBillions(corpus!);
    const selected = new Set(archive.idsOf(Array.from(matchingRows(archive, 'money>1b', 'all'))));
    const missed = scanned.filter((id) => !selected.has(id));
    assert.deepEqual(missed, [], 'releases stating "$N billion" that money>1b misses');
    // The rest say it otherwise: "$1,500 million", "NZ$2b", "$3 trillion", "$2-3 billion", "two billion dollars".
    assert.ok(scanned.length > 0.85 * selected.size, `the scan found ${scanned.length} of ${selected.size}`);
  });

  it('lists the largest NZD amounts of a portfolio and year without rates, copies or repeats', () => {
    const r = largestAmounts(archive, { portfolio: 'health', year: 2020, limit: 100 });
    assert.equal(r.portfolio, 'Health');
    assert.ok(r.total > 100);
    const tops = r.amounts.map((a) => Math.max(a.value, a.value_max ?? a.value));
    assert.deepEqual(tops, [...tops].sort((a, b) => b - a), 'largest first');
    const seen = new Set<string>();
    for (const a of r.amounts) {
      assert.equal(a.currency, 'NZD');
      assert.ok(a.release.date?.startsWith('2020'), a.release.id);
      assert.ok(a.release.portfolios.includes('Health'), a.release.id);
      const key = `${a.release.id} ${Math.max(a.value, a.value_max ?? a.value)}`;
      assert.ok(!seen.has(key), `${key} is listed twice`);
      seen.add(key);
      for (const copy of a.release.duplicates) assert.ok(!r.amounts.some((b) => b.release.id === copy), `${copy} is a copy of ${a.release.id}`);
      assert.equal(archive.release(a.release.id).body.slice(a.start, a.end), a.text);
    }
    const py = largestAmounts(archive, { portfolio: 'Health' }).per_year.find((y) => y.year === 2020)!;
    assert.equal(py.amounts, r.total);
    assert.equal(py.largest.text, r.amounts[0]!.text);
  });

  it('no stored range runs backwards', () => {
    const backwards = archive.db.prepare(`SELECT text FROM amounts WHERE value_max < value`).pluck().all() as string[];
    assert.deepEqual(backwards, []);
  });

  it('the largest amounts announced hold no figure of a trillion or more, and the implausible ones are listed apart', () => {
    const top = largestAmounts(archive, { limit: 20 });
    assert.equal(top.kind, 'announced');
    for (const a of top.amounts) {
      assert.ok(Math.max(a.value, a.value_max ?? a.value) < 1e12, `${a.text} in ${a.release.id}`);
      assert.equal(a.class, 'announced');
    }
    const odd = largestAmounts(archive, { kind: 'implausible', limit: 100 });
    assert.ok(odd.amounts.some((a) => a.text === '$6,813,063 million'), 'the typo "$6,813,063 million" is flagged');
    assert.ok(odd.amounts.some((a) => /131 trillion/.test(a.text)), 'world GDP of NZ$131 trillion is flagged');
    const other = largestAmounts(archive, { kind: 'other', limit: 20 });
    assert.ok(other.amounts.some((a) => /GDP|econom/i.test(a.snippet)), 'GDP and the size of economies lead the other figures');
  });
});
