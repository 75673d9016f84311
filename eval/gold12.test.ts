import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCommitments, checkThreads, goldIds, halfOf, loadGoldCommitments, loadGoldThreads, spansOf, TOUCHSTONE } from './gold12.ts';

const corpus = process.env.PRESSROOM_CORPUS;
if (!corpus && process.env.CI) throw new Error('PRESSROOM_CORPUS must name the real corpus under CI');

test('the shipped gold loads and passes its own checks', () => {
  const threads = loadGoldThreads();
  const commitments = loadGoldCommitments();
  assert.ok(threads.threads.length >= 12, `${threads.threads.length} threads, 12 wanted`);
  const n = commitments.releases.reduce((s, r) => s + r.commitments.length, 0);
  assert.ok(n >= 100, `${n} commitments, 100 wanted`);
  assert.ok(commitments.releases.filter((r) => r.commitments.length).length >= 40);
  
});

test('a half that breaks the split rule, or a seed outside its thread, is reported', () => {
  const seed = '2016-06-20-government-extends-iraq-deployment';
  const wrong = halfOf(seed) === 'A' ? 'B' : 'A';
  const errors = checkThreads({
    about: '',
    split: '',
    threads: [{ name: 't', kind: 'k', half: wrong, seed, milestones: ['2016-06-20-a', '2016-06-20-a'], context: [], rejected: [] }],
  });
  assert.equal(errors.length, 3);
  const c = checkCommitments({
    about: '',
    split: '',
    releases: [{
      id: seed,
      half: halfOf(seed),
      near_misses: [],
      commitments: [{
        text: 'will be reviewed after nine months', kind: 'review', subject: 's', checked: true,
        due: { from: '2015-11', to: '2016-02' },
        follow_ups: [{ id: '2014-01-01-earlier', relation: 'fulfils' }, { id: '2017-09-01-too-late', relation: 'mentions' }],
      }],
    }],
  });
  assert.deepEqual(c, [
    `release ${seed}: follow-up 2014-01-01-earlier is not later`,
    `release ${seed}: follow-up 2017-09-01-too-late is more than 18 months past 2016-02`,
  ]);
});

test('the gold holds what the issue requires of the touchstone', () => {
  const taji = loadGoldThreads().threads.find((t) => t.seed === TOUCHSTONE);
  assert.ok(taji, 'no thread seeded at the touchstone');
  for (const day of ['2015-02-24', '2016-03-24', '2016-06-20', '2016-11-04', '2018-09-17', '2019-06-10', '2020-03-30']) {
    assert.ok(taji.milestones.some((id) => id.startsWith(day)), `no Taji milestone on ${day}`);
  }
  assert.ok(taji.rejected.some((r) => /tajik/i.test(r.why)), 'no Tajikistan release among the rejected');
  const release = loadGoldCommitments().releases.find((r) => r.id === TOUCHSTONE);
  const review = release?.commitments.find((c) => c.kind === 'review');
  assert.deepEqual(review?.due, { from: '2015-11', to: '2016-02' });
  assert.deepEqual(review?.follow_ups[0], { id: '2016-03-24-government-confirms-taji-objectives-being-achieved', relation: 'fulfils' });
  const end = release?.commitments.find((c) => c.kind === 'end');
  assert.equal(end?.due.to, '2017-05');
  assert.deepEqual(end?.follow_ups[0], { id: '2016-06-20-government-extends-iraq-deployment', relation: 'extends' });
});

/** id -> body of every release in the corpus (the text after the front matter). */
function readCorpus(root: string): Map<string, string> {
  const bodies = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md') && /^\d{4}-/.test(e.name)) {
        const text = readFileSync(p, 'utf8');
        bodies.set(e.name.slice(0, -3), text.replace(/^---\n[\s\S]*?\n---\n/, ''));
      }
    }
  };
  walk(join(root, 'releases'));
  return bodies;
}

test('every id in the gold is a release of the corpus, and every span is in its release', {
  skip: corpus ? false : 'PRESSROOM_CORPUS is not set: point it at a beehive-markdown checkout to run this',
}, () => {
  const bodies = readCorpus(corpus!);
  const threads = loadGoldThreads();
  const commitments = loadGoldCommitments();
  const missing = [...goldIds(threads, commitments)].filter(([id]) => !bodies.has(id)).map(([id, where]) => `${id} (${where})`);
  assert.deepEqual(missing, []);
  const notFound: string[] = [];
  for (const r of commitments.releases) {
    const body = bodies.get(r.id) ?? '';
    const spans = [...r.commitments.flatMap(spansOf), ...r.near_misses.map((n) => n.text)];
    for (const s of spans) if (!body.includes(s)) notFound.push(`${r.id}: ${s}`);
  }
  assert.deepEqual(notFound, []);
});
