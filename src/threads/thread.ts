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
  title: string;
  lead: string;
  /** term -> weight (idf-scaled, title and lead counting more), unit length. */
  vec: Map<string, number>;
  /** Terms of the title and lead. */
  head: Set<string>;
  /** The idf of each term of `vec`. */
  idf: Map<string, number>;
  /** `vec` as term ids in ascending order and their weights, for fast cosines. */
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

const headWord = new Map<string, string>();
function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    let t = m[0];
    if (t.endsWith("'s") || t.endsWith('’s')) t = t.slice(0, -2);
    // Diacritics folded (Kaikōura = Kaikoura), only for the few words that have them.
    if (!/^[a-z'’-]+$/.test(t)) t = foldKey(t);
    if (t.length >= 3 && !STOP.has(t) && !/^\d/.test(t)) {
      const s = stem(t);
      if (!headWord.has(s)) headWord.set(s, t);
      out.push(s);
    }
  }
  return out;
}

/**
 * Story threads: the releases about the same specific matter as a release. Computed on demand from
 * the full-text index and cached per archive.
 */
export class Threads {
  private readonly archive: Archive;
  private readonly total: number;
  private readonly df = new Map<string, number>();
  private readonly docs = new Map<number, Doc>();
  private readonly cache = new Map<string, ThreadResult>();
  private vocab: Map<string, number> | undefined;
  private readonly docStmt;
  private readonly matchStmt;

  constructor(archive: Archive) {
    this.archive = archive;
    this.total = (archive.db.prepare(`SELECT count(*) FROM releases`).pluck().get() as number) || 1;
    // Only the start of the body is read: long releases should not drown the headline, nor cost their length.
    this.docStmt = archive.db.prepare(`SELECT rowid, id, date, title, lead, substr(body, 1, length(lead) + ${BODY_CHARS + 200}) AS body, portfolios FROM releases WHERE rowid = ?`);
    // Title and lead weigh most: a release that names the matter only in its body is not about it.
    this.matchStmt = archive.db.prepare(`SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 8, 4, 1) LIMIT ?`).pluck();
  }

  private idf(t: string): number {
    if (this.vocab === undefined) this.vocab = new Map(this.archive.db.prepare(`SELECT word, n FROM vocab`).raw().all() as [string, number][]);
    let n = this.df.get(t);
    if (n === undefined) {
      // A portfolio counts as rare as its releases are; words absent from every title and lead are rare in headlines.
      n = t.startsWith('portfolio:') ? this.portfolioCount(t.slice(10)) : this.vocab.get(t) ?? this.vocab.get(headWord.get(t) ?? t) ?? Math.max(1, Math.min(20, this.total / 1000));
      this.df.set(t, n);
    }
    return Math.log(this.total / (n + 1));
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
    const tf = new Map<string, number>();
    const add = (list: string[], w: number) => {
      for (const t of list) tf.set(t, (tf.get(t) ?? 0) + w);
    };
    const titleTerms = terms(row.title);
    const leadTerms = terms(row.lead);
    add(titleTerms, 3);
    add(leadTerms, 2);
    // The body after the lead, capped: long releases should not drown the headline.
    add(terms(row.body.slice(row.lead.length, row.lead.length + BODY_CHARS)), 0.5);
    // Portfolios say which side of government speaks: defence deployments, not aid to the same country.
    for (const p of JSON.parse(row.portfolios) as string[]) tf.set(`portfolio:${foldKey(p)}`, 4);
    const vec = new Map<string, number>();
    const idf = new Map<string, number>();
    let norm = 0;
    for (const [t, f] of tf) {
      idf.set(t, this.idf(t));
      const w = Math.log(1 + f) * idf.get(t)!;
      if (w <= 0) continue;
      vec.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of vec) vec.set(t, w / norm);
    const entries = [...vec].map(([t, w]) => [termId(t), w] as const).sort((a, b) => a[0] - b[0]);
    const ids = Int32Array.from(entries, (e) => e[0]);
    const ws = Float64Array.from(entries, (e) => e[1]);
    d = { rowid, id: row.id, date: row.date, title: row.title, lead: row.lead, vec, head: new Set([...titleTerms, ...leadTerms]), idf, ids, ws };
    if (this.docs.size > 5000) this.docs.clear();
    this.docs.set(rowid, d);
    return d;
  }

  private candidates(profile: Map<string, number>, limit: number): number[] {
    const top = [...profile].filter(([t]) => !t.startsWith('portfolio:')).sort((a, b) => b[1] - a[1]).slice(0, TOPQ).map(([t]) => `"${(headWord.get(t) ?? t).replace(/"/g, '""')}"`);
    if (top.length === 0) return [];
    return this.matchStmt.all(`{title lead}: (${top.join(' OR ')})`, limit) as number[];
  }

  /**
   * The members around a seed, gathered greedily: a candidate joins when it is close, in words and in
   * time, to the members already in (its best link: a matter moves step to step), so a thread follows its matter
   * from step to step without drifting to everything that shares a place name.
   */
  private gather(seed: number): { members: Doc[]; profile: Map<string, number> } {
    const me = this.doc(seed);
    const pool = new Map<number, Doc>();
    const addPool = (profile: Map<string, number>) => {
      for (const r of this.candidates(profile, POOL)) {
        const first = this.archive.columns.first[r] ?? r;
        if (first !== seed && !pool.has(first)) pool.set(first, this.doc(first));
      }
    };
    addPool(me.vec);
    let members: Doc[] = [me];
    for (let round = 0; round < 2; round++) {
      members = this.grow(me, [...pool.values()]);
      if (round === 0) addPool(centroid(members.map((m) => m.vec)));
    }
    members = keyed(members);
    return { members, profile: centroid(members.map((m) => m.vec)) };
  }

  sim(a: Doc, b: Doc): number {
    return cosine(a.vec, b.vec);
  }

  private grow(seed: Doc, pool: Doc[]): Doc[] {
    const members: Doc[] = [seed];
    const core = new Set([...seed.vec].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([t]) => t));
    // Its headline must name one of the seed's strongest words: a passing mention in the body is not enough.
    const left = pool.filter((d) => [...core].some((t) => d.head.has(t)));
    // links[i]: the best similarities of left[i] to the members so far, highest first (up to 3).
    const links = left.map(() => [] as number[]);
    const link = (i: number, m: Doc) => {
      const s = similarity(left[i]!, m);
      const l = links[i]!;
      l.push(s);
      l.sort((a, b) => b - a);
      if (l.length > LINKS) l.length = LINKS;
    };
    for (let i = 0; i < left.length; i++) link(i, seed);
    const taken = new Set<number>();
    for (;;) {
      let best = -1;
      let bestScore = THRESHOLD;
      for (let i = 0; i < left.length; i++) {
        if (taken.has(i)) continue;
        const l = links[i]!;
        let score = 0;
        for (let k = 0; k < LINKS; k++) score += l[k] ?? l[l.length - 1]!;
        score /= LINKS;
        if (score >= bestScore) (best = i), (bestScore = score);
      }
      if (best < 0) break;
      taken.add(best);
      members.push(left[best]!);
      for (let i = 0; i < left.length; i++) if (!taken.has(i)) link(i, left[best]!);
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
    let { members, profile } = this.gather(first);
    // The same matter gets the same thread from any member: gather again from its earliest milestone.
    const anchor = earliestMilestone(members);
    if (anchor && anchor.rowid !== first) {
      const again = this.gather(anchor.rowid);
      if (again.members.some((m) => m.rowid === first)) ({ members, profile } = again);
    }
    const result = this.describe(id, members, profile);
    for (const m of members) this.cache.set(`${m.rowid}`, result);
    if (this.cache.size > 20000) this.cache.clear();
    return result;
  }

  private describe(id: string, members: Doc[], profile: Map<string, number>): ThreadResult {
    members.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id));
    const core = [...profile].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([t]) => t);
    const releases = members.map((d): ThreadRelease => {
      const shared = core.filter((t) => d.vec.has(t)).slice(0, 5);
      return {
        id: d.id,
        date: d.date,
        title: d.title,
        role: roleOf(d),
        why: `shares ${shared.map(shownTerm).join(', ')}: “${passage(d, shared.map((t) => headWord.get(t) ?? t))}”`,
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
const TOPQ = 8;
const KEY_SHARE = 0.6;
const GRACE = 2;
const DECAY = 0.3;
const LINKS = 1;
const DAY_MS = 86_400_000;

// Word similarity, discounted with the time between: a matter moves on, and the same words years apart
// are more often another matter.
export function similarity(a: Doc, b: Doc): number {
  const c = dot(a, b);
  if (!a.date || !b.date) return c * 0.5;
  const years = Math.abs(Date.parse(a.date) - Date.parse(b.date)) / DAY_MS / 365;
  return c * (years <= GRACE ? 1 : 1 / (1 + DECAY * (years - GRACE)));
}

/**
 * The members whose headline names the thread's key: the rarest word that most members' headlines
 * share ("Taji", "Iraq"). A release that bridges two strands brings in the other strand's releases;
 * their headlines lack the key.
 */
function keyed(members: Doc[]): Doc[] {
  if (members.length < 4) return members;
  const count = new Map<string, number>();
  for (const m of members) for (const t of m.head) if (!t.startsWith('portfolio:')) count.set(t, (count.get(t) ?? 0) + 1);
  let key: string | undefined;
  let best = 0;
  for (const [t, n] of count) {
    if (n < members.length * KEY_SHARE) continue;
    const w = n * (members[0]!.idf.get(t) ?? 0);
    if (w > best) (best = w), (key = t);
  }
  if (!key) return members;
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

const TERM_IDS = new Map<string, number>();
function termId(t: string): number {
  let id = TERM_IDS.get(t);
  if (id === undefined) TERM_IDS.set(t, (id = TERM_IDS.size));
  return id;
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

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    const v = big.get(t);
    if (v !== undefined) s += w * v;
  }
  return s;
}

function centroid(vecs: Map<string, number>[]): Map<string, number> {
  const c = new Map<string, number>();
  for (const v of vecs) for (const [t, w] of v) c.set(t, (c.get(t) ?? 0) + w);
  let norm = 0;
  for (const w of c.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of c) c.set(t, w / norm);
  return c;
}

function shownTerm(t: string): string {
  return t.startsWith('portfolio:') ? `the ${t.slice(10)} portfolio` : `“${headWord.get(t) ?? t}”`;
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
