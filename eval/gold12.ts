/**
 * The gold for issue 12 (threads, commitments, follow-ups), written by reading the raw corpus: eval/blind/threads.json
 * and eval/blind/commitments.json. Parsed and checked here so `npm run eval` can score against it; formats in
 * eval/blind/README-gold.md.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export type Half = 'A' | 'B';

/** The touchstone the issue names, which the code is built to, so it tunes (A) whatever its hash. */
export const TOUCHSTONE = '2015-02-24-pm-announces-contribution-coalition-against-isil';

/** The split, fixed before any judging: A (tune) when the first hex digit of sha256(id) is 0–7, else B (held out). */
export function halfOf(id: string): Half {
  if (id === TOUCHSTONE) return 'A';
  return parseInt(createHash('sha256').update(id).digest('hex')[0]!, 16) < 8 ? 'A' : 'B';
}

const ID = z.string().regex(/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/, 'a release id is YYYY-MM-DD-slug (the file name without .md)');
const MONTH = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');
const HALF = z.enum(['A', 'B']);

const Thread = z.object({
  name: z.string().min(1),
  kind: z.string().min(1),
  half: HALF,
  seed: ID,
  milestones: z.array(ID).min(2),
  context: z.array(ID),
  rejected: z.array(z.object({ id: ID, why: z.string().min(1) })),
});
export type GoldThread = z.infer<typeof Thread>;

const FollowUp = z.object({
  id: ID,
  relation: z.enum(['fulfils', 'extends', 'changes', 'mentions']),
  why: z.string().optional(),
});

const Commitment = z.object({
  text: z.string().min(10),
  kind: z.enum(['act', 'review', 'report', 'finish', 'start', 'end']),
  subject: z.string().min(1),
  due: z.object({ from: MONTH, to: MONTH }).refine((d) => d.from <= d.to, 'due.from must not be after due.to'),
  /** Other spans of the same release that repeat this commitment (a background bullet); finding any one counts. */
  also: z.array(z.string().min(10)).optional(),
  follow_ups: z.array(FollowUp),
  checked: z.literal(true),
  note: z.string().optional(),
});
export type GoldCommitment = z.infer<typeof Commitment>;

const Release = z.object({
  id: ID,
  half: HALF,
  commitments: z.array(Commitment),
  near_misses: z.array(z.object({ text: z.string().min(5), why: z.string().min(1) })),
});
export type GoldRelease = z.infer<typeof Release>;

const ThreadsFile = z.object({ about: z.string(), split: z.string(), threads: z.array(Thread) });
const CommitmentsFile = z.object({ about: z.string(), split: z.string(), releases: z.array(Release) });
export type GoldThreads = z.infer<typeof ThreadsFile>;
export type GoldCommitments = z.infer<typeof CommitmentsFile>;

/** Parse and check one gold file's JSON; a problem names the path inside the file and what to change. */
function parse<T>(schema: z.ZodType<T>, json: unknown, file: string): T {
  const r = schema.safeParse(json);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`${file} is not valid gold:\n${lines.join('\n')}`);
  }
  return r.data;
}

/** Checks the schema cannot express: the half follows the rule, members appear once, a seed is a member. */
export function checkThreads(file: GoldThreads): string[] {
  const errors: string[] = [];
  for (const t of file.threads) {
    if (t.half !== halfOf(t.seed)) errors.push(`thread "${t.name}": half is ${t.half} but the rule gives ${halfOf(t.seed)}`);
    const members = [...t.milestones, ...t.context];
    const seen = new Set<string>();
    for (const id of members) {
      if (seen.has(id)) errors.push(`thread "${t.name}": ${id} is listed twice`);
      seen.add(id);
    }
    if (!seen.has(t.seed)) errors.push(`thread "${t.name}": the seed ${t.seed} is neither a milestone nor context`);
    for (const r of t.rejected) if (seen.has(r.id)) errors.push(`thread "${t.name}": ${r.id} is both a member and rejected`);
  }
  return errors;
}

/** "YYYY-MM" plus n months. */
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export function checkCommitments(file: GoldCommitments): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const r of file.releases) {
    if (seen.has(r.id)) errors.push(`release ${r.id} is listed twice`);
    seen.add(r.id);
    if (r.half !== halfOf(r.id)) errors.push(`release ${r.id}: half is ${r.half} but the rule gives ${halfOf(r.id)}`);
    for (const c of r.commitments) {
      const last = addMonths(c.due.to, 18);
      for (const f of c.follow_ups) {
        if (f.id <= r.id.slice(0, 10)) errors.push(`release ${r.id}: follow-up ${f.id} is not later`);
        if (f.id.slice(0, 7) > last) errors.push(`release ${r.id}: follow-up ${f.id} is more than 18 months past ${c.due.to}`);
      }
    }
  }
  return errors;
}

function load<T>(schema: z.ZodType<T>, check: (t: T) => string[], url: URL): T {
  const file = url.pathname;
  const data = parse(schema, JSON.parse(readFileSync(url, 'utf8')), file);
  const errors = check(data);
  if (errors.length) throw new Error(`${file} is not valid gold:\n  ${errors.join('\n  ')}`);
  return data;
}

export const loadGoldThreads = (url = new URL('./blind/threads.json', import.meta.url)): GoldThreads =>
  load(ThreadsFile, checkThreads, url);
export const loadGoldCommitments = (url = new URL('./blind/commitments.json', import.meta.url)): GoldCommitments =>
  load(CommitmentsFile, checkCommitments, url);

/** The spans that count as finding a commitment: its text and any repeat of it in the same release. */
export const spansOf = (c: GoldCommitment): string[] => [c.text, ...(c.also ?? [])];

/** Every release id the gold names, with where it is named, for checking against a corpus. */
export function goldIds(threads: GoldThreads, commitments: GoldCommitments): Map<string, string> {
  const ids = new Map<string, string>();
  for (const t of threads.threads) {
    for (const id of [t.seed, ...t.milestones, ...t.context, ...t.rejected.map((r) => r.id)]) ids.set(id, `thread "${t.name}"`);
  }
  for (const r of commitments.releases) {
    ids.set(r.id, `commitments of ${r.id}`);
    for (const c of r.commitments) for (const f of c.follow_ups) ids.set(f.id, `follow-up in ${r.id}`);
  }
  return ids;
}
