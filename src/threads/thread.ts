import type { Archive } from '../search/archive.ts';
import { foldKey } from '../text.ts';

/** One release of a thread, as `pressroom thread ID --json` prints it. */
export interface ThreadRelease {
  id: string;
  date: string | null;
  title: string;
  role: 'milestone' | 'context';
  /** What links it to the matter: the shared words, and the passage where they appear. */
  why: string;
  duplicates: string[];
}

export interface ThreadResult {
  id: string;
  /** Stable: the id of the thread's earliest milestone, the same from every member. */
  thread: string;
  releases: ThreadRelease[];
}

// Words that say nothing about which matter a release is about.
const STOP = new Set(
  ('the and for that with this will from have has are was were been said says today minister ministers government new zealand ' +
    'zealanders zealand’s year years also more than which their they about into over under after before our its his her who what when ' +
    'where would could should can all any one two three not but being other such these those there here announced announces ' +
    'announce welcome welcomes hon prime people support work working make made per cent million billion national public part ' +
    'says said week month months today’s first last next time well very just most some many while both each because between through ' +
    'during including include includes until since them then than only also continue continues continued take taken help helps ' +
    'need needs important great good across ensure provide provided providing further number today\'s zealand\'s rt mr ms mrs dr')
    .split(' '),
);

// Title words that make a release a step in its matter, and words that make it context around it.
const STEP = /\b(?:approv|extend|extension|confirm|decision|decid|agree|deploy|withdraw|conclud|end(?:s|ed|ing)?\b|complet|review|fund|budget|bill\b|act\b|law\b|legislat|pass|reading|introduc|launch|open|begin|begins|start|sign|settle|establish|appoint|announc|commit|plan|repeal|amend|select committee|enact|report|result|outcome|final|award|contract|build|construct|cabinet|agreement|deal|package)/i;
const CONTEXT = /\b(?:visit|welcom(?:es|ed)? (?:\w+ )?home|return|meet|meets|thank|trained|reunit|explosion|recogni|medal|ceremony|attend|tribute|congratulat|progress|update|milestone reached|praise|speech|address|anniversar|commemorat)/i;

// Lower-case words, Latin letters with their accented forms.
const WORD = /[a-z\u00e0-\u024f][a-z0-9\u00e0-\u024f'’-]*[a-z0-9\u00e0-\u024f]/g;

interface Doc {
  rowid: number;
  id: string;
  date: string | null;
  /** The date in days since 1970, NaN when undated. */
  day: number;
  title: string;
  lead: string;
  /** Term ids of the title and lead. */
  head: Set<number>;
  /** The term vector (idf-scaled, title and lead counting more, unit length) as term ids in ascending order and their weights. */
  ids: Int32Array;
  ws: Float64Array;
}

// The stem a word is counted under ("deployments", "extended" -> "deployment", "extend"), and the
// word whose count in headlines stands for it.
const stemOf = new Map<string, string>();
export function stem(w: string): string {
  let s = stemOf.get(w);
  if (s !== undefined) return s;
  s = w;
  if (s.length > 4 && s.endsWith('ies')) s = `${s.slice(0, -3)}y`;
  else if (s.length > 4 && s.endsWith('s') && !/(?:ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith('ed')) s = s.slice(0, -2);
  else if (s.length > 6 && s.endsWith('ing')) s = s.slice(0, -3);
  // A country's adjective is its name: "Iraqi" forces, "Iraq".
  if (s.length > 4 && s.endsWith('i') && !s.endsWith('ii')) s = s.slice(0, -1);
  if (stemOf.size > 200_000) stemOf.clear();
  stemOf.set(w, s);
  return s;
}

// Terms are numbered once per process (a stem's number never changes), so vectors are sorted int arrays.
const TERM_IDS = new Map<string, number>();
const TERM_NAMES: string[] = [];
const HEAD_WORD: string[] = [];
function termId(t: string, word = t): number {
  let id = TERM_IDS.get(t);
  if (id === undefined) {
    id = TERM_NAMES.length;
    TERM_IDS.set(t, id);
    TERM_NAMES.push(t);
    HEAD_WORD.push(word);
  }
  return id;
}
const isPortfolio = (id: number): boolean => TERM_NAMES[id]!.startsWith('portfolio:');
/** The word a term is searched and shown as ("deployment" for the stem of "deployments"). */
const wordOf = (id: number): string => HEAD_WORD[id]!;

// A lower-cased word's term id, or -1 when it is no term: one lookup per word after its first sight.
const WORD_TERM = new Map<string, number>();
function wordTerm(w: string): number {
  let id = WORD_TERM.get(w);
  if (id !== undefined) return id;
  let t = w;
  if (t.endsWith("'s") || t.endsWith('’s')) t = t.slice(0, -2);
  // Diacritics folded (Kaikōura = Kaikoura), only for the few words that have them.
  if (!/^[a-z'’-]+$/.test(t)) t = foldKey(t);
  id = t.length >= 3 && !STOP.has(t) && !/^\d/.test(t) ? termId(stem(t), t) : -1;
  if (WORD_TERM.size > 300_000) WORD_TERM.clear();
  WORD_TERM.set(w, id);
  return id;
}

function forTerms(text: string, each: (t: number) => void): void {
  const lower = text.toLowerCase();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m; m = WORD.exec(lower)) {
    const id = wordTerm(m[0]);
    if (id >= 0) each(id);
  }
}

// Scratch weights by term id (a release's frequencies, a member's weights), all zero between uses.
let TF: Float64Array = new Float64Array(1 << 16);
function growTo(a: Float64Array, id: number): Float64Array {
  const b = new Float64Array(Math.max(a.length * 2, id + 1));
  b.set(a);
  return b;
}

/** A term vector as a map, for sums of vectors. */
function asMap(d: Doc): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < d.ids.length; i++) m.set(d.ids[i]!, d.ws[i]!);
  return m;
}

/**
 * Story threads: the releases about the same specific matter as a release. Computed on demand from
 * the full-text index and cached per archive.
 */
export class Threads {
  private readonly archive: Archive;
  private readonly total: number;
  /** The idf of each term id, computed on first use. */
  private readonly idfs: number[] = [];
  private readonly docs = new Map<number, Doc>();
  private readonly cache = new Map<string, ThreadResult>();
  private readonly vocab: Map<string, number>;
  private readonly docStmt;
  private readonly matchStmt;

  constructor(archive: Archive) {
    this.archive = archive;
    this.total = (archive.db.prepare(`SELECT count(*) FROM releases`).pluck().get() as number) || 1;
    // Headline word counts, read once per archive (18k rows, a few ms): every release's vector needs them.
    this.vocab = new Map(archive.db.prepare(`SELECT word, n FROM vocab`).raw().all() as [string, number][]);
    // Only the start of the body is read: long releases should not drown the headline, nor cost their length.
    this.docStmt = archive.db.prepare(`SELECT rowid, id, date, title, lead, substr(body, 1, length(lead) + ${BODY_CHARS + 200}) AS body, portfolios FROM releases WHERE rowid = ?`);
    // Title and lead weigh most: a release that names the matter only in its body is not about it.
    this.matchStmt = archive.db.prepare(`SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 8, 4, 1) LIMIT ?`).pluck();
  }

  private idf(id: number): number {
    let v = this.idfs[id];
    if (v !== undefined) return v;
    const t = TERM_NAMES[id]!;
    // A portfolio counts as rare as its releases are; words absent from every title and lead are rare in headlines.
    const n = t.startsWith('portfolio:') ? this.portfolioCount(t.slice(10)) : this.vocab.get(t) ?? this.vocab.get(wordOf(id)) ?? Math.max(1, Math.min(20, this.total / 1000));
    v = Math.log(this.total / (n + 1));
    this.idfs[id] = v;
    return v;
  }

  private portfolios: Map<string, number> | undefined;
  private portfolioCount(key: string): number {
    this.portfolios ??= new Map(
      this.archive.db.prepare(`SELECT p.key, count(*) FROM release_portfolios rp JOIN portfolios p ON p.id = rp.portfolio GROUP BY p.id`).raw().all() as [string, number][],
    );
    return this.portfolios.get(key) ?? 1;
  }

  private doc(rowid: number): Doc {
    let d = this.docs.get(rowid);
    if (d) return d;
    const row = this.docStmt.get(rowid) as { rowid: number; id: string; date: string | null; title: string; lead: string; body: string; portfolios: string };
    // Term frequencies in a scratch array by term id: no map per release.
    const seen: number[] = [];
    const add = (t: number, w: number) => {
      if (t >= TF.length) TF = growTo(TF, t);
      if (TF[t] === 0) seen.push(t);
      TF[t]! += w;
    };
    const head = new Set<number>();
    forTerms(row.title, (t) => (add(t, 3), head.add(t)));
    forTerms(row.lead, (t) => (add(t, 2), head.add(t)));
    // The body after the lead, capped: long releases should not drown the headline.
    forTerms(row.body.slice(row.lead.length, row.lead.length + BODY_CHARS), (t) => add(t, 0.5));
    // Portfolios say which side of government speaks: defence deployments, not aid to the same country.
    for (const p of JSON.parse(row.portfolios) as string[]) {
      const t = termId(`portfolio:${foldKey(p)}`);
      add(t, 4 - TF[t]!);
    }
    seen.sort((a, b) => a - b);
    const ids = new Int32Array(seen.length);
    const ws = new Float64Array(seen.length);
    let n = 0;
    let norm = 0;
    for (const t of seen) {
      const w = Math.log(1 + TF[t]!) * this.idf(t);
      TF[t] = 0;
      if (w <= 0) continue;
      ids[n] = t;
      ws[n++] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) ws[i]! /= norm;
    const day = row.date ? Date.parse(row.date) / DAY_MS : NaN;
    d = { rowid, id: row.id, date: row.date, day, title: row.title, lead: row.lead, head, ids: ids.slice(0, n), ws: ws.slice(0, n) };
    if (this.docs.size > 10000) this.docs.clear();
    this.docs.set(rowid, d);
    return d;
  }

  /** The search for a profile's strongest words, in titles and leads. */
  private queryOf(profile: Map<number, number>): string | undefined {
    const ranked = [...profile].filter(([t]) => !isPortfolio(t)).sort((a, b) => b[1] - a[1]).slice(0, TOPQ).map(([t]) => t);
    // Common words cost the search most (every title that has them is scored) and find least; kept only when little else is left.
    const rare = ranked.filter((t) => this.idf(t) >= Math.log(this.total / (COMMON + 1)));
    const top = rare.length >= 3 ? rare : ranked.filter((t) => !rare.includes(t)).sort((a, b) => this.idf(b) - this.idf(a)).slice(0, 3 - rare.length).concat(rare);
    if (top.length === 0) return undefined;
    return `{title lead}: (${top.map((t) => `"${wordOf(t).replace(/"/g, '""')}"`).join(' OR ')})`;
  }

  /**
   * The members around a seed, gathered greedily: a candidate joins when it is close, in words and in
   * time, to the members already in (its best link: a matter moves step to step), so a thread follows its matter
   * from step to step without drifting to everything that shares a place name.
   */
  private gather(seed: number, prior?: Map<number, Doc>): { members: Doc[]; profile: Map<number, number>; pool: Map<number, Doc> } {
    const me = this.doc(seed);
    const pool = new Map<number, Doc>(prior);
    pool.delete(seed);
    const asked = new Set<string>();
    const addPool = (profile: Map<number, number>) => {
      const query = this.queryOf(profile);
      if (query === undefined || asked.has(query)) return;
      asked.add(query);
      for (const r of this.matchStmt.all(query, POOL) as number[]) {
        const first = this.archive.columns.first[r] ?? r;
        if (first !== seed && !pool.has(first)) pool.set(first, this.doc(first));
      }
    };
    // A second gathering (from the earliest milestone) grows in the first one's pool: no new search.
    if (!prior) addPool(asMap(me));
    let members = this.grow(me, [...pool.values()]);
    if (!prior) {
      addPool(centroid(members));
      members = this.grow(me, [...pool.values()]);
    }
    members = keyed(members, (t) => this.idf(t));
    if (prior) for (const [r, d] of prior) if (r !== seed) pool.set(r, d);
    return { members, profile: centroid(members), pool };
  }

  private grow(seed: Doc, pool: Doc[]): Doc[] {
    const members: Doc[] = [seed];
    const order = [...seed.ids.keys()].sort((a, b) => seed.ws[b]! - seed.ws[a]!).slice(0, 8);
    const core = order.map((i) => seed.ids[i]!);
    // Its headline must name one of the seed's strongest words: a passing mention in the body is not enough.
    const left = pool.filter((d) => core.some((t) => d.head.has(t)));
    // best[i]: the best similarity of left[i] to the members so far (a matter moves step to step).
    const best = Float64Array.from(left, (d) => similarity(d, seed));
    const taken = new Uint8Array(left.length);
    for (;;) {
      let pick = -1;
      let pickScore = THRESHOLD;
      for (let i = 0; i < left.length; i++) if (!taken[i] && best[i]! >= pickScore) (pick = i), (pickScore = best[i]!);
      if (pick < 0) break;
      taken[pick] = 1;
      const m = left[pick]!;
      members.push(m);
      // The new member's weights spread by term id: each candidate's cosine is then one pass over its own terms.
      if (TF.length < TERM_NAMES.length) TF = growTo(TF, TERM_NAMES.length);
      for (let k = 0; k < m.ids.length; k++) TF[m.ids[k]!] = m.ws[k]!;
      for (let i = 0; i < left.length; i++) {
        if (taken[i]) continue;
        const d = left[i]!;
        let c = 0;
        for (let k = 0; k < d.ids.length; k++) c += d.ws[k]! * TF[d.ids[k]!]!;
        const s = c * discount(d, m);
        if (s > best[i]!) best[i] = s;
      }
      for (let k = 0; k < m.ids.length; k++) TF[m.ids[k]!] = 0;
    }
    return members;
  }

  /**
   * The thread of release `id`, oldest first, itself included.
   * @example
   * new Threads(archive).thread('2019-06-10-new-zealand-withdraw-iraq-june-2020').thread
   * // => '2015-02-24-government-approves-nzdf-training-mission-iraq'
   */
  thread(id: string): ThreadResult {
    const rowid = this.archive.rowidOf(id);
    const first = this.archive.columns.first[rowid] ?? rowid;
    const cached = this.cache.get(`${first}`);
    if (cached) return { ...cached, id };
    let { members, profile, pool } = this.gather(first);
    // The same matter gets the same thread from any member: gather again from its earliest milestone.
    const anchor = earliestMilestone(members);
    if (anchor && anchor.rowid !== first) {
      pool.set(first, members[0]!);
      const again = this.gather(anchor.rowid, pool);
      if (again.members.some((m) => m.rowid === first)) ({ members, profile } = again);
    }
    const result = this.describe(id, members, profile);
    for (const m of members) this.cache.set(`${m.rowid}`, result);
    if (this.cache.size > 20000) this.cache.clear();
    return result;
  }

  private describe(id: string, members: Doc[], profile: Map<number, number>): ThreadResult {
    members.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id));
    const core = [...profile].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([t]) => t);
    const releases = members.map((d): ThreadRelease => {
      const has = new Set(d.ids);
      const shared = core.filter((t) => has.has(t)).slice(0, 5);
      return {
        id: d.id,
        date: d.date,
        title: d.title,
        role: roleOf(d),
        why: `shares ${shared.map(shownTerm).join(', ')}: “${passage(d, shared.map(wordOf))}”`,
        duplicates: this.archive.idsOf(this.archive.copiesOf(d.rowid).filter((r) => r !== d.rowid)),
      };
    });
    const anchor = earliestMilestone(members) ?? members[0]!;
    return { id, thread: anchor.id, releases };
  }
}

const THRESHOLD = 0.36;
const POOL = 120;
const BODY_CHARS = 600;
// A query word found in more than this many titles and leads is common.
const COMMON = 500;
const TOPQ = 8;
const KEY_SHARE = 0.6;
const GRACE = 2;
const DECAY = 0.3;
const DAY_MS = 86_400_000;

// Word similarity, discounted with the time between: a matter moves on, and the same words years apart
// are more often another matter.
function similarity(a: Doc, b: Doc): number {
  return dot(a, b) * discount(a, b);
}

function discount(a: Doc, b: Doc): number {
  if (Number.isNaN(a.day) || Number.isNaN(b.day)) return 0.5;
  const years = Math.abs(a.day - b.day) / 365;
  return years <= GRACE ? 1 : 1 / (1 + DECAY * (years - GRACE));
}

/**
 * The members whose headline names the thread's key: the rarest word that most members' headlines
 * share ("Taji", "Iraq"). A release that bridges two strands brings in the other strand's releases;
 * their headlines lack the key.
 */
function keyed(members: Doc[], idf: (t: number) => number): Doc[] {
  if (members.length < 4) return members;
  const count = new Map<number, number>();
  for (const m of members) for (const t of m.head) if (!isPortfolio(t)) count.set(t, (count.get(t) ?? 0) + 1);
  let key: number | undefined;
  let best = 0;
  for (const [t, n] of count) {
    if (n < members.length * KEY_SHARE) continue;
    const w = n * idf(t);
    if (w > best) (best = w), (key = t);
  }
  if (key === undefined) return members;
  return members.filter((m, i) => i === 0 || m.head.has(key));
}

function roleOf(d: Doc): 'milestone' | 'context' {
  if (CONTEXT.test(d.title)) return 'context';
  return STEP.test(d.title) ? 'milestone' : 'context';
}

function earliestMilestone(members: Doc[]): Doc | undefined {
  let best: Doc | undefined;
  for (const m of members) {
    if (roleOf(m) !== 'milestone') continue;
    if (!best || (m.date ?? '9999') < (best.date ?? '9999') || (m.date === best.date && m.id < best.id)) best = m;
  }
  return best;
}

// The cosine of two unit vectors held as sorted term ids: a merge, no hashing.
function dot(a: Doc, b: Doc): number {
  const ai = a.ids, bi = b.ids, aw = a.ws, bw = b.ws;
  let i = 0, j = 0, s = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!, y = bi[j]!;
    if (x === y) s += aw[i++]! * bw[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

function centroid(docs: Doc[]): Map<number, number> {
  const c = new Map<number, number>();
  for (const d of docs) for (let i = 0; i < d.ids.length; i++) c.set(d.ids[i]!, (c.get(d.ids[i]!) ?? 0) + d.ws[i]!);
  let norm = 0;
  for (const w of c.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of c) c.set(t, w / norm);
  return c;
}

function shownTerm(t: number): string {
  return isPortfolio(t) ? `the ${TERM_NAMES[t]!.slice(10)} portfolio` : `“${wordOf(t)}”`;
}

// The sentence of the title or lead that holds most of the shared words, shortened.
function passage(d: Doc, shared: string[]): string {
  const sentences = `${d.title}. ${d.lead}`.split(/(?<=[.!?])\s+/);
  let best = sentences[0] ?? '';
  let bestN = -1;
  for (const s of sentences) {
    const f = foldKey(s);
    const n = shared.filter((t) => f.includes(t)).length;
    if (n > bestN) (best = s), (bestN = n);
  }
  return best.length > 200 ? `${best.slice(0, 197)}…` : best;
}
