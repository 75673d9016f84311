/**
 * Fact extraction judged against eval/facts-gold.json, hand-made from real releases.
 * `node --import tsx eval/facts.ts` prints precision and recall per kind;
 * `--speed` times extraction over the whole corpus; `--diff` lists every miss and false hit;
 * `--gold FILE` scores another gold file of the same shape.
 * The corpus is `$PRESSROOM_CORPUS`, else ../shared/corpus/beehive-markdown.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFacts } from '../src/facts/extract.ts';
import { classifyMoney, type MoneyClass } from '../src/facts/money.ts';
import type { Fact } from '../src/facts/types.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const KINDS = ['money', 'count', 'date', 'duration', 'percent'] as const;
type Kind = (typeof KINDS)[number];

/** Targets from issue 5: precision and recall each kind must reach. */
export const TARGETS: Record<Kind, { precision: number; recall: number }> = {
  money: { precision: 0.95, recall: 0.9 },
  count: { precision: 0.9, recall: 0.85 },
  duration: { precision: 0.9, recall: 0.85 },
  percent: { precision: 0.9, recall: 0.85 },
  date: { precision: 0.85, recall: 0.75 },
};

export interface KindScore {
  kind: Kind;
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  meetsTarget: boolean;
}

export interface Report {
  releases: number;
  kinds: KindScore[];
  /** Facts missed (gold, not predicted) and false (predicted, not gold), per release. */
  errors: Array<{ id: string; missed: Fact[]; false: Fact[] }>;
  /** Money facts found and labelled in the gold: how `classifyMoney` sorted them, per class it gave. */
  classes: ClassScore[];
  /** Labelled money facts `classifyMoney` put in another class. */
  misclassified: Array<{ id: string; text: string; gold: MoneyClass; predicted: MoneyClass }>;
}

export interface ClassScore {
  class: MoneyClass;
  /** Facts given this class. */
  predicted: number;
  /** Of those, labelled so in the gold. */
  correct: number;
  precision: number;
  /** Facts the gold labels so. */
  gold: number;
  recall: number;
}

type GoldFact = Fact & { class?: MoneyClass };

interface GoldRelease {
  id: string;
  date: string;
  facts: GoldFact[];
}

/** The corpus root: `$PRESSROOM_CORPUS`, else the shared corpus beside the project. */
export function corpusRoot(): string {
  return process.env.PRESSROOM_CORPUS ?? join(HERE, '..', '..', 'shared', 'corpus', 'beehive-markdown');
}

/**
 * A release body as the corpus reader defines it: everything after the line that closes the
 * front matter, leading and trailing whitespace trimmed.
 * @example
 * bodyOf('---\ntitle: x\n---\n\nHello\n') // => 'Hello'
 */
export function bodyOf(fileText: string): string {
  const open = fileText.indexOf('---');
  const close = fileText.indexOf('\n---', open + 3);
  if (open !== 0 || close < 0) return fileText.trim();
  const lineEnd = fileText.indexOf('\n', close + 4);
  return (lineEnd < 0 ? '' : fileText.slice(lineEnd + 1)).replace(/^\s+/, '').replace(/\s+$/, '');
}

function releasePath(root: string, id: string): string {
  return join(root, 'releases', id.slice(0, 4), id.slice(5, 7), `${id}.md`);
}

/** A predicted fact matches a gold fact of the same kind with an overlapping span and equal value (and value_max when gold gives one). */
function matches(p: Fact, g: Fact): boolean {
  return p.kind === g.kind && p.start < g.end && g.start < p.end && p.value === g.value &&
    (g.value_max === undefined || p.value_max === g.value_max);
}

/**
 * Scores `extractFacts` against the gold set.
 * @example
 * const report = await evalFacts();
 * report.kinds.find((k) => k.kind === 'money')?.precision // => 0.97 (say)
 */
export async function evalFacts(goldPath: string = join(HERE, 'facts-gold.json')): Promise<Report> {
  const gold = JSON.parse(await readFile(goldPath, 'utf8')) as GoldRelease[];
  const root = corpusRoot();
  const tally = Object.fromEntries(KINDS.map((k) => [k, { gold: 0, predicted: 0, matched: 0, hit: 0 }])) as Record<Kind, { gold: number; predicted: number; matched: number; hit: number }>;
  const errors: Report['errors'] = [];
  const labelled: Array<{ id: string; text: string; gold: MoneyClass; predicted: MoneyClass }> = [];
  for (const release of gold) {
    const body = bodyOf(await readFile(releasePath(root, release.id), 'utf8'));
    for (const g of release.facts) {
      if (body.slice(g.start, g.end) !== g.text) throw new Error(`facts-gold.json: ${release.id} has "${g.text}" at ${g.start}, but the body there reads "${body.slice(g.start, g.end)}"`);
    }
    const predicted = extractFacts(body, release.date);
    const usedGold = new Set<Fact>();
    const falseHits: Fact[] = [];
    for (const p of predicted) {
      tally[p.kind].predicted++;
      const g = release.facts.find((f) => !usedGold.has(f) && matches(p, f));
      if (g) {
        usedGold.add(g);
        tally[p.kind].matched++;
        if (g.class) labelled.push({ id: release.id, text: g.text, gold: g.class, predicted: classifyMoney(body, p) });
      } else falseHits.push(p);
    }
    for (const g of release.facts) tally[g.kind].gold++;
    const missed = release.facts.filter((g) => !usedGold.has(g));
    if (missed.length || falseHits.length) errors.push({ id: release.id, missed, false: falseHits });
  }
  const kinds = KINDS.map((kind) => {
    const t = tally[kind];
    const precision = t.predicted ? t.matched / t.predicted : 1;
    const recall = t.gold ? t.matched / t.gold : 1;
    return {
      kind, gold: t.gold, predicted: t.predicted, matched: t.matched, precision, recall,
      meetsTarget: precision >= TARGETS[kind].precision && recall >= TARGETS[kind].recall,
    };
  });
  const classes = (['announced', 'other', 'implausible'] as const).map((c) => {
    const predicted = labelled.filter((l) => l.predicted === c).length;
    const correct = labelled.filter((l) => l.predicted === c && l.gold === c).length;
    const goldN = labelled.filter((l) => l.gold === c).length;
    return { class: c, predicted, correct, precision: predicted ? correct / predicted : 1, gold: goldN, recall: goldN ? correct / goldN : 1 };
  });
  return { releases: gold.length, kinds, errors, classes, misclassified: labelled.filter((l) => l.gold !== l.predicted) };
}

async function* corpusFiles(root: string): AsyncGenerator<string> {
  const releases = join(root, 'releases');
  for (const year of (await readdir(releases)).sort()) {
    for (const month of (await readdir(join(releases, year))).sort()) {
      for (const file of (await readdir(join(releases, year, month))).sort()) {
        if (file.endsWith('.md')) yield join(releases, year, month, file);
      }
    }
  }
}

/**
 * Times `extractFacts` over every release of the corpus, single-threaded. Bodies are read
 * first, so only extraction is timed; `rounds` passes are made and the fastest and median
 * reported, since a shared machine adds noise of its own.
 */
export async function timeFacts(rounds = 3): Promise<{ releases: number; facts: number; totalMs: number; medianMs: number; perReleaseUs: number; byKind: Record<string, number> }> {
  const items: Array<[string, string | null]> = [];
  for await (const path of corpusFiles(corpusRoot())) {
    const text = await readFile(path, 'utf8');
    const date = /^date:\s*(\d{4}-\d{2}-\d{2})/m.exec(text)?.[1] ?? null;
    items.push([bodyOf(text), date]);
  }
  const byKind: Record<string, number> = {};
  let facts = 0;
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    facts = 0;
    const t0 = performance.now();
    for (const [body, date] of items) facts += extractFacts(body, date).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  for (const [body, date] of items) for (const f of extractFacts(body, date)) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  const totalMs = times[0];
  return { releases: items.length, facts, totalMs, medianMs: times[times.length >> 1], perReleaseUs: (totalMs * 1000) / items.length, byKind };
}

const pct = (x: number) => x.toFixed(3);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--speed')) {
    const s = await timeFacts();
    console.log(`extracted ${s.facts} facts from ${s.releases} releases: fastest of 3 passes ${s.totalMs.toFixed(0)} ms (${s.perReleaseUs.toFixed(1)} µs per release), median ${s.medianMs.toFixed(0)} ms`);
    console.log(s.byKind);
  } else {
    const goldArg = process.argv.indexOf('--gold');
    const report = await evalFacts(goldArg > 0 ? process.argv[goldArg + 1] : undefined);
    if (process.argv.includes('--diff')) {
      for (const e of report.errors) {
        console.log(`\n${e.id}`);
        for (const f of e.missed) console.log(`  missed ${f.kind} ${JSON.stringify(f.text)} ${f.value}${f.value_max !== undefined ? '..' + f.value_max : ''}`);
        for (const f of e.false) console.log(`  false  ${f.kind} ${JSON.stringify(f.text)} ${f.value}${f.value_max !== undefined ? '..' + f.value_max : ''}${f.unit ? ' [' + f.unit + ']' : ''}`);
      }
    }
    if (process.argv.includes('--diff')) for (const m of report.misclassified) console.log(`  class  ${m.id} ${JSON.stringify(m.text)} gold ${m.gold}, given ${m.predicted}`);
    console.log(`facts: ${report.releases} gold releases`);
    console.log('kind      gold  pred  match  precision  recall  target');
    for (const k of report.kinds) {
      const t = TARGETS[k.kind];
      console.log(`${k.kind.padEnd(9)} ${String(k.gold).padStart(4)}  ${String(k.predicted).padStart(4)}  ${String(k.matched).padStart(5)}  ${pct(k.precision).padStart(9)}  ${pct(k.recall).padStart(6)}  P≥${t.precision} R≥${t.recall} ${k.meetsTarget ? 'met' : 'MISSED'}`);
    }
  }
}
