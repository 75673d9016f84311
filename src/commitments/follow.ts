import type { Archive } from '../search/archive.ts';
import { foldKey } from '../text.ts';
import { threadOf } from '../threads/index.ts';
import { stem } from '../threads/thread.ts';
import type { Commitment, CommitmentKind } from './extract.ts';

export type Relation = 'fulfils' | 'extends' | 'changes' | 'mentions';
export type Status = 'upcoming' | 'due' | 'followed up' | 'no later release found';

export interface FollowUp {
  id: string;
  /** The later release's title, which a reader recognises where an id would not. */
  title: string;
  date: string;
  relation: Relation;
  /** The passage of the later release that shows the relation. */
  text: string;
}

/** How long after its due window a later release still counts as following a commitment up. */
export const FOLLOW_MONTHS = 18;
const MIN_SHARE = 0.25;
const CLAIM_SHARE = 0.4;
const EARLY_MONTHS = 12;
const TITLE_WEIGHT = 1.5;
const KEY_TERMS = 8;
// A later step of the release's own thread is likelier to address its commitments than a release that only shares words.
const THREAD_BONUS = 0.4;
// Score lost per year between a candidate and the due window (up to three years).
const NEAR_WEIGHT = 0.5;
const RELATION_BONUS: Record<Relation, number> = { fulfils: 0.7, extends: 0.6, changes: 0.5, mentions: 0 };

const STOP = new Set(
  ('the and for that with this will from have has are was were been said says today minister ministers government new zealand ' +
    'zealanders year years also more than which their they about into over under after before our its his her who what when ' +
    'where would could should can all any one two three four five six seven eight nine ten twelve not but being other such these those there here ' +
    'announced announces welcome welcomes hon prime people support work make made per cent million billion national public part ' +
    'month months week weeks january february march april may june july august september october november december early late mid end ' +
    'next last first expected likely due by to of in on at a an be is it as or we us')
    .split(' '),
);

// Words in a later release's passage that say what it did to the commitment, by the commitment's kind.
const EXTENDS = /\b(?:extend(?:s|ed|ing)?|extension|prolong|roll(?:ed)?\s+over|continue\s+(?:until|to|through)|remain\s+(?:until|to|through)|further\s+(?:\w+\s+)?(?:years?|months?))\b/i;
const CHANGES = /\b(?:delay(?:s|ed)?|postpon|defer(?:red)?|brought\s+forward|pushed\s+back|revis(?:e|ed|ion)|instead|replac(?:e|ed)|scrap(?:ped)?|cancel(?:led|s)?|abandon|reduc(?:e|ed|tion)|drawdown|draw\s+down|amend(?:ed|ment)?|chang(?:e|ed|es))\b/i;
const FULFILS: Record<CommitmentKind, RegExp> = {
  review: /\breview\b[^.]*\b(?:received|accepted|completed|found|shows?|showed|confirm(?:s|ed)?|released|considered|concluded)\b|\b(?:received|accepted|completed|released|considered)\b[^.]*\breview\b|\bhas\s+(?:now\s+)?been\s+reviewed\b/i,
  report: /\breport(?:ed)?\s+back\b|\breport\b[^.]*\b(?:released|received|tabled|published|presented|delivered)\b|\b(?:released|received|tabled|published|presented)\b[^.]*\breport\b/i,
  finish: /\b(?:complet(?:ed|ion)|finished|opened|officially\s+open|now\s+(?:open|complete|operational|in\s+place)|delivered|passed\s+(?:its\s+)?third\s+reading|came\s+into\s+(?:force|effect))\b/i,
  start: /\b(?:began|begun|started|starts|starting|launch(?:ed|es)|opened|opens|underway|commenc(?:ed|es)|came\s+into\s+(?:force|effect)|comes\s+into\s+(?:force|effect)|takes\s+effect|took\s+effect|now\s+(?:open|in\s+place|live))\b/i,
  end: /\b(?:conclud(?:e|ed|es)|ended|ends|complet(?:ed|ion)|withdr(?:ew|awn)|final\s+(?:rotation|contingent|deployment)|return(?:ed|ing)?\s+home|closed|wound\s+up|finished)\b/i,
  act: /\b(?:announc(?:ed|es)|introduc(?:ed|es)|passed|delivered|implemented|agreed|approved|confirm(?:ed|s)|launch(?:ed|es)|signed|opened|complet(?:ed|ion)|now\s+in\s+place)\b/i,
};

const STILL_AHEAD = /\b(?:will|to\s+be\s+(?:completed|finished|opened|delivered|reviewed)|expected\s+to|on\s+track|due\s+to\s+be|plans?\s+to|would)\b/i;

function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const w of foldKey(text).match(/[a-z][a-z'-]*[a-z]/g) ?? []) {
    const t = w.replace(/'s$/, '');
    if (t.length >= 3 && !STOP.has(t)) out.push(stem(t));
  }
  return out;
}

const mIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const mString = (i: number) => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;

interface Row { rowid: number; id: string; date: string; title: string; lead: string; body: string; s: number }

/**
 * Later releases that address a commitment, best first: searched with the commitment's own words (its
 * subject and sentence) and the release's title, from the day after the release to 18 months past the
 * due window, with the later steps of the release's own thread. Each gets a relation and the passage
 * that shows it.
 */
export function followUps(archive: Archive, release: { rowid: number; date: string; title: string }, c: Commitment, limit = 5): FollowUp[] {
  const df = archive.db.prepare(`SELECT n FROM vocab WHERE word = ?`).pluck();
  const total = (archive.db.prepare(`SELECT count(*) FROM releases`).pluck().get() as number) || 1;
  const weight = new Map<string, number>();
  const add = (text: string, w: number) => {
    for (const t of termsOf(text)) {
      const n = (df.get(t) as number | undefined) ?? (df.get(`${t}s`) as number | undefined) ?? 20;
      weight.set(t, Math.max(weight.get(t) ?? 0, w * Math.log(total / (n + 1))));
    }
  };
  add(c.subject, 3);
  add(c.text, 2);
  add(release.title, TITLE_WEIGHT);
  const key = [...weight].sort((a, b) => b[1] - a[1]).slice(0, KEY_TERMS);
  if (key.length === 0) return [];
  const until = `${mString(mIndex(c.due.to) + FOLLOW_MONTHS)}-31`;
  const match = key.map(([t]) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
  const rows = archive.db
    .prepare(
      `SELECT r.rowid, r.id, r.date, r.title, r.lead, r.body, bm25(fts, 8, 4, 1) AS s FROM fts JOIN releases r ON r.rowid = fts.rowid
       WHERE fts MATCH ? AND r.date > ? AND r.date <= ? ORDER BY s LIMIT 40`,
    )
    .all(`{title lead}: (${match})`, release.date, until) as Row[];
  // The later steps of the release's own matter: the search's words may miss a step that names it another way.
  const inThread = new Set<number>();
  const byId = archive.db.prepare(`SELECT rowid, id, date, title, lead, body, 0 AS s FROM releases WHERE id = ?`);
  const have = new Set(rows.map((r) => r.rowid));
  for (const m of threadOf(archive, archive.idsOf([release.rowid])[0]!).releases) {
    if (!m.date || m.date <= release.date || m.date > until) continue;
    const r = byId.get(m.id) as Row | undefined;
    if (!r) continue;
    inThread.add(r.rowid);
    if (!have.has(r.rowid)) rows.push(r);
  }
  const mine = new Set(archive.copiesOf(release.rowid));
  const first = archive.columns.first;
  const seen = new Set<number>();
  const keySet = new Map(key);
  const titleTerms = termsOf(release.title);
  const keyTotal = key.reduce((a, [, w]) => a + w, 0);
  const scored: { f: FollowUp; score: number }[] = [];
  for (const r of rows) {
    if (mine.has(r.rowid) || seen.has(first[r.rowid] ?? r.rowid)) continue;
    seen.add(first[r.rowid] ?? r.rowid);
    // How much of the commitment's words the headline carries: a passing mention in the body is weak.
    const head = new Set(termsOf(`${r.title} ${r.lead}`));
    let headShare = 0;
    for (const [t, w] of keySet) if (head.has(t)) headShare += w;
    headShare /= keyTotal;
    const threaded = inThread.has(r.rowid);
    if (headShare < MIN_SHARE && !threaded) continue;
    const found = bestPassage(r, keySet, c.kind);
    const text = found.text;
    // A relation is claimed only for a release whose headline carries much of the commitment's words.
    // Years from the due window (0 inside it).
    const m = mIndex(r.date.slice(0, 7));
    // Done long before it was due is another step of the matter, not this one (an end two years early is news, not a fulfilment).
    const early = mIndex(c.due.from) - m > EARLY_MONTHS;
    // Nor for one that names neither the release's matter (its thread, its title's words) nor anything but the commitment's generic words.
    const onMatter = threaded || titleTerms.some((t) => head.has(t));
    const relation: Relation = headShare < CLAIM_SHARE || !onMatter ? 'mentions' : found.relation === 'fulfils' && early ? 'mentions' : found.relation;
    const near = Math.max(0, mIndex(c.due.from) - m, m - mIndex(c.due.to)) / 12;
    const bonus = relation === 'extends' ? (c.kind === 'end' || c.kind === 'act' ? 0.8 : 0.3) : RELATION_BONUS[relation];
    const score = headShare * 2 + bonus - Math.min(near, 3) * NEAR_WEIGHT + (threaded ? THREAD_BONUS : 0);
    // Exact copies are named by their first.
    const id = first[r.rowid] !== undefined && first[r.rowid] !== r.rowid ? archive.idsOf([first[r.rowid]!])[0]! : r.id;
    scored.push({ f: { id, title: r.title, date: r.date, relation, text }, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((s) => s.f);
}

function bestPassage(r: Row, key: Map<string, number>, kind: CommitmentKind): { text: string; relation: Relation } {
  const sentences = `${r.title}. ${r.body}`.split(/(?<=[.!?])["”’]?\s+|\n+/).filter((s) => s.trim().length > 15);
  let best = { text: r.title, relation: 'mentions' as Relation, score: -1 };
  for (const s of sentences.slice(0, 60)) {
    const terms = new Set(termsOf(s));
    let overlap = 0;
    for (const [t, w] of key) if (terms.has(t)) overlap += w;
    if (overlap === 0) continue;
    // What will happen or is on track to is not yet done.
    const relation: Relation = EXTENDS.test(s) && kind !== 'start' ? 'extends' : FULFILS[kind].test(s) && !STILL_AHEAD.test(s) ? 'fulfils' : CHANGES.test(s) ? 'changes' : 'mentions';
    const score = overlap + (relation === 'mentions' ? 0 : 100);
    if (score > best.score) best = { text: s.trim().replace(/^[\s“"*]+/, ''), relation, score };
  }
  const text = best.text.length > 300 ? `${best.text.slice(0, 297)}…` : best.text;
  return { text, relation: best.relation };
}

/**
 * Where a commitment stands on `today` (YYYY-MM-DD): before its window, in it, or past it. Past or not, a
 * commitment with a later release addressing it is "followed up"; absence from the archive is never
 * proof that it was broken.
 */
export function statusOf(c: Commitment, follow: FollowUp[], today: string): Status {
  const now = today.slice(0, 7);
  if (follow.some((f) => f.relation !== 'mentions')) return 'followed up';
  if (now < c.due.from) return 'upcoming';
  if (now <= c.due.to) return 'due';
  return follow.length ? 'followed up' : 'no later release found';
}
