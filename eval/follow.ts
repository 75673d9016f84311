/**
 * Threads and commitments judged against eval/threads-gold.json and eval/commitments-gold.json, per half
 * (A for tuning, B held out). `node --import tsx eval/follow.ts [DB] [--diff]` prints them alone.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractCommitments, followUps, type Commitment } from '../src/commitments/index.ts';
import { decodeFacts } from '../src/facts/codec.ts';
import { Archive, defaultDbPath } from '../src/index.ts';
import { threadOf } from '../src/threads/index.ts';

interface GoldThread { seed: string; half: 'A' | 'B'; kind: string; milestones: string[]; context: string[]; not: string[] }
interface GoldCommitment { at: number; kind: string; due: { from: string; to: string }; follow_ups?: string[] }
interface GoldRelease { id: string; half: 'A' | 'B'; commitments: GoldCommitment[]; not_commitments: number[] }

const load = <T>(name: string): T => JSON.parse(readFileSync(fileURLToPath(new URL(name, import.meta.url)), 'utf8')) as T;

export interface ThreadScore { half: string; threads: number; milestoneRecall: number; memberPrecision: number; judged: number; unjudged: number; misses: string[]; wrong: string[] }

/** Milestone recall (gold milestones the thread holds, any role) and member precision over the members the gold judges. */
export function evalThreads(archive: Archive): ThreadScore[] {
  const gold = load<{ threads: GoldThread[] }>('./threads-gold.json').threads;
  return (['A', 'B'] as const).map((half) => {
    let found = 0, total = 0, good = 0, judged = 0, unjudged = 0;
    const misses: string[] = [], wrong: string[] = [];
    for (const t of gold.filter((g) => g.half === half)) {
      const members = new Set(threadOf(archive, t.seed).releases.flatMap((r) => [r.id, ...r.duplicates]));
      for (const m of t.milestones) {
        total++;
        if (members.has(m)) found++;
        else misses.push(`${t.seed}: missing ${m}`);
      }
      const yes = new Set([...t.milestones, ...t.context]);
      const no = new Set(t.not);
      for (const m of members) {
        if (yes.has(m)) (good++, judged++);
        else if (no.has(m)) (judged++, wrong.push(`${t.seed}: holds ${m}`));
        else unjudged++;
      }
    }
    return { half, threads: gold.filter((g) => g.half === half).length, milestoneRecall: total ? found / total : 1, memberPrecision: judged ? good / judged : 1, judged, unjudged, misses, wrong };
  });
}

export interface CommitmentScore {
  half: string; releases: number; gold: number; predicted: number; matched: number; precision: number; recall: number;
  dueRight: number; withFollowUps: number; followTop3: number; errors: string[];
}

/**
 * Commitment precision and recall over the judged sentences (a prediction in a sentence the gold does not
 * judge is left out of both), the share of matched commitments whose due window ends in the gold's month,
 * and, for gold commitments with known follow-ups, the share with one of them in the top 3.
 */
export function evalCommitments(archive: Archive): CommitmentScore[] {
  const gold = load<{ releases: GoldRelease[] }>('./commitments-gold.json').releases;
  return (['A', 'B'] as const).map((half) => {
    let g = 0, p = 0, m = 0, right = 0, withF = 0, top3 = 0;
    const errors: string[] = [];
    const rels = gold.filter((r) => r.half === half);
    for (const r of rels) {
      const row = archive.db.prepare(`SELECT rowid, date, title, body, facts FROM releases WHERE id = ?`).get(r.id) as { rowid: number; date: string; title: string; body: string; facts: string } | undefined;
      if (!row) throw new Error(`commitments-gold.json: no release ${r.id} in the archive`);
      const predicted = extractCommitments(row.body, row.date, decodeFacts(row.facts, row.body));
      const inside = (c: Commitment, at: number) => c.start <= at + 3 && at + 3 < c.end;
      const judgedAt = [...r.commitments.map((c) => c.at), ...r.not_commitments];
      const judgedPred = predicted.filter((c) => judgedAt.some((at) => inside(c, at)));
      p += judgedPred.length;
      g += r.commitments.length;
      const used = new Set<Commitment>();
      for (const gc of r.commitments) {
        // The same sentence may hold several commitments: prefer the one whose window ends in the gold's month.
        const cands = predicted.filter((c) => !used.has(c) && inside(c, gc.at));
        const c = cands.find((x) => x.due.to === gc.due.to) ?? cands[0];
        if (!c) {
          errors.push(`${r.id} @${gc.at}: missed ${gc.kind} ${gc.due.from}..${gc.due.to}`);
          continue;
        }
        used.add(c);
        m++;
        if (c.due.to === gc.due.to) right++;
        else errors.push(`${r.id} @${gc.at}: due ${c.due.from}..${c.due.to}, gold ${gc.due.from}..${gc.due.to}`);
        if (gc.follow_ups?.length) {
          withF++;
          const f = followUps(archive, { rowid: row.rowid, date: row.date, title: row.title }, c).slice(0, 3).map((x) => x.id);
          if (f.some((id) => gc.follow_ups!.includes(id))) top3++;
          else errors.push(`${r.id} @${gc.at}: follow-ups ${f.join(', ') || 'none'}; gold ${gc.follow_ups.join(', ')}`);
        }
      }
      for (const c of judgedPred) if (!used.has(c) && !r.commitments.some((gc) => inside(c, gc.at))) errors.push(`${r.id} @${c.start}: false ${c.kind} ${c.due.from}..${c.due.to} “${c.text.slice(0, 80)}”`);
    }
    // Several predictions in one gold sentence beyond its gold count are counted as false.
    return { half, releases: rels.length, gold: g, predicted: p, matched: m, precision: p ? Math.min(1, m / p) : 1, recall: g ? m / g : 1, dueRight: m ? right / m : 1, withFollowUps: withF, followTop3: withF ? top3 / withF : 1, errors };
  });
}

export function printFollow(archive: Archive, diff = false): void {
  const f3 = (x: number) => x.toFixed(3);
  console.log('\nthreads (eval/threads-gold.json)          targets on B: milestone recall ≥ 0.85, member precision ≥ 0.85');
  console.log('half  threads  milestone recall  member precision  (judged / unjudged members)');
  for (const s of evalThreads(archive)) {
    console.log(`${s.half.padEnd(4)}  ${String(s.threads).padStart(7)}  ${f3(s.milestoneRecall).padStart(16)}  ${f3(s.memberPrecision).padStart(16)}  (${s.judged} / ${s.unjudged})`);
    if (diff) for (const e of [...s.misses, ...s.wrong]) console.log(`      ${e}`);
  }
  console.log('\ncommitments (eval/commitments-gold.json)  targets on B: P ≥ 0.85, R ≥ 0.75, due right ≥ 0.85, follow-up in top 3 ≥ 0.7');
  console.log('half  releases  gold  pred  precision  recall  due right  follow-up in top 3 (of n)');
  for (const s of evalCommitments(archive)) {
    console.log(`${s.half.padEnd(4)}  ${String(s.releases).padStart(8)}  ${String(s.gold).padStart(4)}  ${String(s.predicted).padStart(4)}  ${f3(s.precision).padStart(9)}  ${f3(s.recall).padStart(6)}  ${f3(s.dueRight).padStart(9)}  ${f3(s.followTop3).padStart(18)} (${s.withFollowUps})`);
    if (diff) for (const e of s.errors) console.log(`      ${e}`);
  }
  console.log('fulfils claimed when none: not measured (no gold commitment is yet checked to have no follow-up)');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const db = args.find((a) => !a.startsWith('--')) ?? defaultDbPath();
  printFollow(Archive.open(db), args.includes('--diff'));
}
