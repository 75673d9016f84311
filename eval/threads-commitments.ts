/**
 * Threads, commitments and follow-ups scored against the blind gold of issue 12 (eval/blind/threads.json and
 * eval/blind/commitments.json, formats in eval/blind/README-gold.md), per half: A for tuning, B held out.
 * The scoring functions are pure: they take the gold and the system's output; `collect*` runs the system.
 */
import { releaseCommitments } from '../src/commitments/index.ts';
import type { Archive } from '../src/index.ts';
import { threadOf } from '../src/threads/index.ts';
import { loadGoldCommitments, loadGoldThreads, spansOf, type GoldCommitments, type GoldThreads, type Half } from './gold12.ts';

/** What the scorer needs of `threadOf`'s answer. */
export interface SysThread {
  releases: { id: string; duplicates: string[] }[];
}
/** What the scorer needs of one of `releaseCommitments`' commitments. */
export interface SysCommitment {
  start: number;
  end: number;
  kind: string;
  due: { from: string; to: string };
  follow_ups: { id: string; relation: string }[];
}
/** One gold release as the system saw it: its body (to find the gold spans) and its commitments; null when absent. */
export type SysRelease = { body: string; commitments: SysCommitment[] } | null;

/** Folds a copy (`…-0`, `…-1`) onto its original, so copies count as the id the gold lists. */
export type Fold = (id: string) => string;
export const copyFold = (known: ReadonlySet<string>): Fold => (id) => {
  const m = /^(.*)-\d$/.exec(id);
  return m && known.has(m[1]!) ? m[1]! : id;
};

const ratio = (n: number, d: number): number | null => (d ? n / d : null);

export interface ThreadScore {
  half: Half;
  threads: number;
  milestones: number;
  /** Gold milestones found from the seed, and from the latest milestone (another member), over listed milestones. */
  recallSeed: number | null;
  recallOther: number | null;
  /** Returned members listed as milestone or context, over returned members the gold judges (both runs). */
  precision: number | null;
  /** The same over every returned member, unjudged ones counted as wrong. */
  precisionAll: number | null;
  returned: number;
  rejected: number;
  unjudged: number;
  notes: string[];
}

/** The member the second run starts from: the latest milestone that is not the seed. */
export function otherMember(t: GoldThreads['threads'][number]): string {
  return [...t.milestones].filter((m) => m !== t.seed).sort().at(-1) ?? t.seed;
}

/**
 * Scores threads. `run(id)` is the system's thread from release `id` (null when the id is not in the archive).
 */
export function scoreThreads(gold: GoldThreads, half: Half, run: (id: string) => SysThread | null, fold: Fold = (id) => id): ThreadScore {
  const s: ThreadScore = { half, threads: 0, milestones: 0, recallSeed: null, recallOther: null, precision: null, precisionAll: null, returned: 0, rejected: 0, unjudged: 0, notes: [] };
  let foundSeed = 0, foundOther = 0, good = 0;
  for (const t of gold.threads.filter((x) => x.half === half)) {
    s.threads++;
    s.milestones += t.milestones.length;
    const yes = new Set([...t.milestones, ...t.context].map(fold));
    const no = new Set(t.rejected.map((r) => fold(r.id)));
    for (const [from, isSeed] of [[t.seed, true], [otherMember(t), false]] as const) {
      const out = run(from);
      if (!out) {
        s.notes.push(`${t.name}: ${from} is not in the archive`);
        continue;
      }
      const held = new Set(out.releases.flatMap((r) => [r.id, ...r.duplicates]).map(fold));
      let found = 0;
      for (const m of t.milestones) {
        if (held.has(fold(m))) found++;
        else if (isSeed) s.notes.push(`${t.name}: missing ${m}`);
      }
      if (isSeed) foundSeed += found;
      else foundOther += found;
      for (const r of out.releases) {
        const ids = [r.id, ...r.duplicates].map(fold);
        s.returned++;
        if (ids.some((id) => yes.has(id))) good++;
        else if (ids.some((id) => no.has(id))) {
          s.rejected++;
          if (isSeed) s.notes.push(`${t.name}: holds rejected ${r.id}`);
        } else s.unjudged++;
      }
    }
  }
  s.recallSeed = ratio(foundSeed, s.milestones);
  s.recallOther = ratio(foundOther, s.milestones);
  s.precision = ratio(good, good + s.rejected);
  s.precisionAll = ratio(good, s.returned);
  return s;
}

/** Where `span` is in `body`, comparing with runs of white space as one space and curly quotes as straight. */
export function locate(body: string, span: string): [number, number] | null {
  const exact = body.indexOf(span);
  if (exact >= 0) return [exact, exact + span.length];
  const norm = (s: string) => {
    let out = '';
    const at: number[] = [];
    for (let i = 0; i < s.length; i++) {
      let c = s[i]!.replace(/[‘’]/, "'").replace(/[“”]/, '"');
      if (/\s/.test(c)) {
        if (out.endsWith(' ')) continue;
        c = ' ';
      }
      out += c;
      at.push(i);
    }
    return { out, at };
  };
  const b = norm(body);
  const sp = norm(span.trim()).out;
  const i = b.out.indexOf(sp);
  if (i < 0 || !sp) return null;
  return [b.at[i]!, b.at[i + sp.length - 1]! + 1];
}

const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** README-gold's tolerance: the windows overlap and neither end of the system's is more than a month outside the gold's. */
export function dueRight(sys: { from: string; to: string }, gold: { from: string; to: string }): boolean {
  const [sf, st, gf, gt] = [sys.from, sys.to, gold.from, gold.to].map(monthIndex) as [number, number, number, number];
  return sf <= gt && st >= gf && sf >= gf - 1 && st <= gt + 1;
}

export interface CommitmentScore {
  half: Half;
  releases: number;
  gold: number;
  predicted: number;
  /** Predictions overlapping a gold span (or `also` repeat), over predictions in the releases the gold read whole. */
  precision: number | null;
  /** Gold commitments paired with an overlapping prediction (one prediction per gold one), over gold commitments. */
  recall: number | null;
  matched: number;
  /** Over matched gold commitments: the system's due window within README-gold's tolerance. */
  dueRight: number | null;
  /** Matched gold commitments with follow-ups, and the share with a gold follow-up among the system's first three. */
  withFollowUps: number;
  followTop3: number | null;
  /** Matched gold commitments with no gold `fulfils`, and the share where the system claims `fulfils` anyway. */
  withoutFulfils: number;
  fulfilsWhenNone: number | null;
  notes: string[];
}

const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];
const overlapLen = (a: [number, number], b: [number, number]) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));

/**
 * Scores commitments. `output(id)` is the system's reading of gold release `id`. Gold and predictions are paired
 * one to one (same kind first, then the largest overlap) for the due window and follow-up measures; precision
 * counts a prediction right when it overlaps any gold span, so two readings of one gold sentence are not a miss.
 */
export function scoreCommitments(gold: GoldCommitments, half: Half, output: (id: string) => SysRelease, fold: Fold = (id) => id): CommitmentScore {
  const s: CommitmentScore = { half, releases: 0, gold: 0, predicted: 0, precision: null, recall: null, matched: 0, dueRight: null, withFollowUps: 0, followTop3: null, withoutFulfils: 0, fulfilsWhenNone: null, notes: [] };
  let right = 0, found = 0, due = 0, top3 = 0, claimed = 0;
  for (const r of gold.releases.filter((x) => x.half === half)) {
    s.releases++;
    s.gold += r.commitments.length;
    const out = output(r.id);
    if (!out) {
      s.notes.push(`${r.id} is not in the archive`);
      continue;
    }
    const preds = out.commitments;
    s.predicted += preds.length;
    const spans = r.commitments.map((c) =>
      spansOf(c).flatMap((t) => {
        const at = locate(out.body, t);
        if (!at) s.notes.push(`${r.id}: gold span not in the body: “${t.slice(0, 60)}”`);
        return at ? [at] : [];
      }),
    );
    const hits = (p: SysCommitment, gi: number) => spans[gi]!.some((sp) => overlaps([p.start, p.end], sp));
    for (const p of preds) {
      if (r.commitments.some((_, gi) => hits(p, gi))) right++;
      else s.notes.push(`${r.id} @${p.start}: false ${p.kind} ${p.due.from}..${p.due.to} “${out.body.slice(p.start, p.end).slice(0, 70)}”`);
    }
    // One-to-one pairs for the per-commitment measures: same kind first, then the largest overlap.
    const pair = new Map<number, SysCommitment>();
    const used = new Set<SysCommitment>();
    for (const sameKind of [true, false]) {
      r.commitments.forEach((g, gi) => {
        if (pair.has(gi)) return;
        let best: SysCommitment | undefined, bestLen = 0;
        for (const p of preds) {
          if (used.has(p) || (sameKind && p.kind !== g.kind) || !hits(p, gi)) continue;
          const len = Math.max(...spans[gi]!.map((sp) => overlapLen([p.start, p.end], sp)));
          if (len > bestLen) (best = p), (bestLen = len);
        }
        if (best) (pair.set(gi, best), used.add(best));
      });
    }
    r.commitments.forEach((g, gi) => {
      const p = pair.get(gi);
      if (!p) {
        s.notes.push(`${r.id}: missed ${g.kind} ${g.due.from}..${g.due.to} “${g.text.slice(0, 70)}”`);
        return;
      }
      found++;
      if (dueRight(p.due, g.due)) due++;
      else s.notes.push(`${r.id}: due ${p.due.from}..${p.due.to}, gold ${g.due.from}..${g.due.to} “${g.text.slice(0, 50)}”`);
      const firstThree = new Set(p.follow_ups.slice(0, 3).map((f) => fold(f.id)));
      if (g.follow_ups.length) {
        s.withFollowUps++;
        if (g.follow_ups.some((f) => firstThree.has(fold(f.id)))) top3++;
        else s.notes.push(`${r.id}: no gold follow-up in top 3 for “${g.text.slice(0, 50)}”`);
      }
      if (!g.follow_ups.some((f) => f.relation === 'fulfils')) {
        s.withoutFulfils++;
        const wrong = p.follow_ups.find((f) => f.relation === 'fulfils');
        if (wrong) (claimed++, s.notes.push(`${r.id}: claims ${wrong.id} fulfils “${g.text.slice(0, 50)}”`));
      }
    });
  }
  s.matched = found;
  s.precision = ratio(right, s.predicted);
  s.recall = ratio(found, s.gold);
  s.dueRight = ratio(due, found);
  s.followTop3 = ratio(top3, s.withFollowUps);
  s.fulfilsWhenNone = ratio(claimed, s.withoutFulfils);
  return s;
}

/** Statuses depend on the date; none of these measures do, so the run uses a fixed one. */
const CLOCK = () => new Date('2026-01-01T00:00:00Z');

/** Runs pressroom on the gold's releases and prints both halves; `verbose` lists each miss of the halves in `notesOf` (never tune on B's). */
export function printThreadsCommitments(archive: Archive, verbose = false, notesOf: readonly Half[] = ['A', 'B']): void {
  const known = new Set(archive.db.prepare(`SELECT id FROM releases`).pluck().all() as string[]);
  const fold = copyFold(known);
  const threads = loadGoldThreads();
  const commitments = loadGoldCommitments();
  const runThread = (id: string): SysThread | null => (known.has(id) ? threadOf(archive, id) : null);
  const bodyOf = archive.db.prepare(`SELECT body FROM releases WHERE id = ?`).pluck();
  const output = (id: string): SysRelease =>
    known.has(id) ? { body: bodyOf.get(id) as string, commitments: releaseCommitments(archive, id, { clock: CLOCK }).commitments } : null;
  const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  console.log('\nthreads (eval/blind/threads.json)   targets on B: milestone recall ≥ 0.85, member precision ≥ 0.85');
  console.log('half  threads  milestones  recall from seed  from latest milestone  precision (judged)  precision (all)  rejected held  unjudged');
  const ts = (['A', 'B'] as const).map((h) => scoreThreads(threads, h, runThread, fold));
  for (const s of ts) {
    console.log(`${s.half.padEnd(4)}  ${String(s.threads).padStart(7)}  ${String(s.milestones).padStart(10)}  ${f(s.recallSeed).padStart(16)}  ${f(s.recallOther).padStart(21)}  ${f(s.precision).padStart(18)}  ${f(s.precisionAll).padStart(15)}  ${String(s.rejected).padStart(13)}  ${String(s.unjudged).padStart(8)}`);
    if (verbose && notesOf.includes(s.half)) for (const n of s.notes) console.log(`      ${n}`);
  }
  console.log('\ncommitments (eval/blind/commitments.json)   targets on B: P ≥ 0.85, R ≥ 0.75, due right ≥ 0.85, follow-up in top 3 ≥ 0.7, fulfils when none ≤ 0.1');
  console.log('half  releases  gold  pred  precision  recall  due right  follow-up in top 3 (n)  fulfils when none (n)');
  const cs = (['A', 'B'] as const).map((h) => scoreCommitments(commitments, h, output, fold));
  for (const s of cs) {
    console.log(`${s.half.padEnd(4)}  ${String(s.releases).padStart(8)}  ${String(s.gold).padStart(4)}  ${String(s.predicted).padStart(4)}  ${f(s.precision).padStart(9)}  ${f(s.recall).padStart(6)}  ${f(s.dueRight).padStart(9)}  ${`${f(s.followTop3)} (${s.withFollowUps})`.padStart(22)}  ${`${f(s.fulfilsWhenNone)} (${s.withoutFulfils})`.padStart(21)}`);
    if (verbose && notesOf.includes(s.half)) for (const n of s.notes) console.log(`      ${n}`);
  }
}
