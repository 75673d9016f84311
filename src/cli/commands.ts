import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { Archive, defaultDbPath, isCurrentArchive, fetchCorpus, formatAmount, ingest, largestAmounts, search, related, type AmountsResult, type IngestSummary, type SearchResult, type Sort } from '../index.ts';
import type { Command } from './main.ts';
import { progressBar } from './progress.ts';

const dbOf = (values: Record<string, unknown>) => (values.db as string | undefined) ?? defaultDbPath();
// `<` and `>` written as \u003c and \u003e: the same JSON to every parser, and no tag in it can come alive if the
// output is pasted into a page (Go's encoding/json does the same).
const print = (x: unknown) => console.log(JSON.stringify(x, null, 2).replace(/[<>]/g, (c) => (c === '<' ? '\\u003c' : '\\u003e')));

/** Text for a terminal: control characters, which could move the cursor or retitle the window, shown as `\u` escapes. */
const shown = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function intOption(values: Record<string, unknown>, name: string, fallback: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`--${name} must be a whole number from 0 to ${max}, not "${raw}"`);
  return n;
}

function sortOption(values: Record<string, unknown>): Sort {
  const s = (values.sort as string | undefined) ?? 'relevance';
  if (s !== 'relevance' && s !== 'newest' && s !== 'oldest') throw new UsageError(`--sort must be relevance, newest or oldest, not "${s}"`);
  return s;
}

async function runIngest(dirArg: string | undefined, db: string, json: boolean): Promise<IngestSummary> {
  const dir = dirArg ?? process.env.PRESSROOM_CORPUS ?? fetchCorpus({ warn: (m) => console.error(`pressroom: ${m}`) });
  if (!existsSync(dir)) throw new UsageError(`corpus folder ${dir} does not exist`);
  const bar = json ? undefined : progressBar('ingest');
  const summary = await ingest({ dir, db, onProgress: bar?.update });
  bar?.end();
  if (json) print(summary);
  else {
    console.log(
      `${path.resolve(db)}: ${summary.ingested} ingested, ${summary.updated} updated, ${summary.unchanged} unchanged, ` +
        `${summary.removed} removed, ${summary.rejected.length} rejected in ${(summary.took_ms / 1000).toFixed(1)}s`,
    );
    for (const r of summary.rejected) console.log(`  rejected ${r.path}${r.line ? `:${r.line}` : ''}: ${r.reason}`);
  }
  return summary;
}

/** An HTML-safe snippet as plain text, its marks as asterisks. */
function plainSnippet(html: string): string {
  return html.replace(/<\/?mark>/g, '*').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function printAmounts(r: AmountsResult): void {
  const scope = [r.portfolio ?? 'all portfolios', r.year ?? 'every year', r.currency].join(' · ');
  console.log(`${r.total.toLocaleString('en-NZ')} amounts (${shown(scope)}), largest first; showing ${r.total === 0 ? 0 : r.offset + 1}–${r.offset + r.amounts.length}`);
  r.amounts.forEach((a, i) => {
    // The quoted text already says "up to" or "about".
    console.log(`\n${r.offset + i + 1}. ${formatAmount({ ...a, qualifier: undefined })}  “${shown(a.text)}”`);
    console.log(`   ${shown(a.release.title)}`);
    console.log(`   ${a.release.date ?? 'date unknown'} · ${a.release.ministers.join(', ') || 'no minister'} · ${a.release.id}`);
    console.log(`   ${shown(plainSnippet(a.snippet))}`);
  });
}

function printResults(r: SearchResult): void {
  const from = r.total === 0 ? 0 : r.offset + 1;
  const matches = r.total === 1 ? 'release matches' : 'releases match';
  console.log(`${r.total.toLocaleString('en-NZ')} ${matches} "${shown(r.query)}" (${r.took_ms} ms); showing ${from}–${r.offset + r.hits.length}`);
  if (r.did_you_mean) console.log(`Did you mean: ${r.did_you_mean}`);
  r.hits.forEach((h, i) => {
    console.log(`\n${r.offset + i + 1}. ${shown(h.title)}`);
    console.log(`   ${h.date ?? 'date unknown'} · ${h.ministers.join(', ') || 'no minister'} · ${h.id}`);
    const snippet = h.snippet.replace(/<\/?mark>/g, '*').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    if (snippet) console.log(`   ${shown(snippet)}`);
    if (h.amounts?.length) console.log(`   amounts: ${shown(h.amounts.map((a) => `${formatAmount(a)} (“${a.text}”)`).join('; '))}`);
    if (h.duplicates.length) console.log(`   also as: ${h.duplicates.join(', ')}`);
  });
}

export const commands: Record<string, Command> = {
  ingest: {
    usage: 'pressroom ingest [DIR] [--db FILE] [--json]',
    summary: 'Reads every release under DIR (default $PRESSROOM_CORPUS; with neither, a shallow git clone of the public corpus into the cache folder) into the archive. Only changed files are rewritten; a killed ingest leaves the previous archive intact. Malformed files are reported with their path and reason.',
    options: { json: { type: 'boolean' } },
    positionals: { min: 0, max: 1 },
    async run({ values, positionals }) {
      const s = await runIngest(positionals[0], dbOf(values), Boolean(values.json));
      if (s.rejected.length && !values.json) process.exitCode = 0;
    },
  },
  search: {
    usage: 'pressroom search QUERY [--limit N] [--offset N] [--sort relevance|newest|oldest] [--json] [--db FILE]',
    summary: 'Searches the archive. QUERY uses the query language: words, "phrases", OR, -exclusions, prefix*, and minister:, portfolio:, year:, from:, to: and money (money>100m, money:1m..10m) filters.',
    options: { limit: { type: 'string' }, offset: { type: 'string' }, sort: { type: 'string' }, json: { type: 'boolean' } },
    positionals: { min: 1, max: 1 },
    run({ values, positionals }) {
      const archive = Archive.open(dbOf(values));
      const r = search(archive, positionals[0]!, {
        limit: intOption(values, 'limit', 10, 1000),
        offset: intOption(values, 'offset', 0, 1_000_000),
        sort: sortOption(values),
      });
      if (values.json) print(r);
      else printResults(r);
    },
  },
  amounts: {
    usage: 'pressroom amounts [--portfolio NAME] [--year YYYY] [--currency NZD] [--limit N] [--offset N] [--json] [--db FILE]',
    summary: 'Lists the largest amounts of money the releases announce, largest first, for one portfolio and year or all of them, each with the sentence that states it and its release. Rates ("$15 an hour") are left out, a range counts as its top, and exact copies of a release are listed once. --json prints the same object as GET /api/amounts.',
    options: { portfolio: { type: 'string' }, year: { type: 'string' }, currency: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' }, json: { type: 'boolean' } },
    run({ values }) {
      const year = values.year as string | undefined;
      if (year !== undefined && !/^\d{4}$/.test(year)) throw new UsageError(`--year must be four digits, e.g. --year 2020, not "${year}"`);
      const currency = values.currency as string | undefined;
      if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency)) throw new UsageError(`--currency must be a three-letter code such as NZD or USD, not "${currency}"`);
      const r = largestAmounts(Archive.open(dbOf(values)), {
        portfolio: values.portfolio as string | undefined,
        year: year === undefined ? undefined : Number(year),
        currency,
        limit: intOption(values, 'limit', 20, 1000),
        offset: intOption(values, 'offset', 0, 1_000_000),
      });
      if (values.json) print(r);
      else printAmounts(r);
    },
  },
  show: {
    usage: 'pressroom show ID [--json] [--db FILE]',
    summary: 'Prints one release: title, date, ministers, portfolios, link, body and facts.',
    options: { json: { type: 'boolean' } },
    positionals: { min: 1, max: 1 },
    run({ values, positionals }) {
      const r = Archive.open(dbOf(values)).release(positionals[0]!);
      if (values.json) return print(r);
      console.log(`${r.title}\n${r.date ?? 'date unknown'} · ${r.ministers.join(', ') || 'no minister'} · ${r.portfolios.join(', ') || 'no portfolio'}\n${r.url}\n`);
      console.log(r.body);
      if (r.attachments.length) console.log(`\nAttachments:\n${r.attachments.map((a) => `  ${a}`).join('\n')}`);
      if (r.facts.length) console.log(`\nFacts:\n${r.facts.map((f) => `  ${f.kind.padEnd(8)} ${String(f.value)}${f.value_max !== undefined ? `–${f.value_max}` : ''}${f.unit ? ` ${f.unit}` : ''}  “${f.text}”`).join('\n')}`);
      if (r.duplicates.length) console.log(`\nExact copies: ${r.duplicates.join(', ')}`);
    },
  },
  facts: {
    usage: 'pressroom facts ID [--json] [--db FILE]',
    summary: 'Prints the facts (money, counts, dates, durations, percentages) stated in one release, each with its exact text and offsets.',
    options: { json: { type: 'boolean' } },
    positionals: { min: 1, max: 1 },
    run({ values, positionals }) {
      const r = Archive.open(dbOf(values)).release(positionals[0]!);
      if (values.json) return print({ id: r.id, facts: r.facts });
      for (const f of r.facts) {
        const qual = f.qualifier ? `${f.qualifier} ` : '';
        const max = f.value_max !== undefined ? `–${f.value_max}` : '';
        console.log(`${f.kind.padEnd(8)} ${qual}${f.value}${max}${f.currency && f.currency !== 'NZD' ? ` ${f.currency}` : ''}${f.unit ? ` ${f.unit}` : ''}  “${f.text}” [${f.start}, ${f.end})`);
      }
    },
  },
  related: {
    usage: 'pressroom related ID [--limit N] [--json] [--db FILE]',
    summary: 'Lists releases about the same matter as ID, oldest first.',
    options: { json: { type: 'boolean' }, limit: { type: 'string' } },
    positionals: { min: 1, max: 1 },
    run({ values, positionals }) {
      const r = related(Archive.open(dbOf(values)), positionals[0]!, { limit: intOption(values, 'limit', 10, 100) });
      if (values.json) return print(r);
      for (const h of r.hits) console.log(`${h.date ?? 'date unknown'}  ${h.title}\n            ${h.id}`);
    },
  },
  stats: {
    usage: 'pressroom stats [--json] [--db FILE]',
    summary: 'Prints what the archive holds: releases per year, people, portfolios.',
    options: { json: { type: 'boolean' } },
    run({ values }) {
      const s = Archive.open(dbOf(values)).stats();
      if (values.json) return print(s);
      console.log(`${s.releases.toLocaleString('en-NZ')} releases (${s.undated} undated) from ${s.first} to ${s.last}; ${s.people} people; ${s.portfolios} portfolios`);
      const max = Math.max(...Object.values(s.per_year));
      for (const [y, n] of Object.entries(s.per_year)) console.log(`  ${y} ${String(n).padStart(5)} ${'▇'.repeat(Math.round((n / max) * 40))}`);
    },
  },
  serve: {
    usage: 'pressroom serve [--port 8080] [--host 127.0.0.1] [--db FILE]',
    summary: 'Serves the web pages, the JSON API and the Atom feeds.',
    options: { port: { type: 'string' }, host: { type: 'string' } },
    async run({ values }) {
      const { serve } = await import('../server/serve.ts');
      await serve({ db: dbOf(values), port: intOption(values, 'port', 8080, 65535), host: (values.host as string) ?? '127.0.0.1' });
    },
  },
  start: {
    usage: 'pressroom start [--port 8080] [--host 127.0.0.1] [--db FILE]',
    summary: 'Ingests the corpus when the archive is missing or was built by another version, then serves it.',
    options: { port: { type: 'string' }, host: { type: 'string' } },
    async run({ values }) {
      const db = dbOf(values);
      if (!existsSync(db) || !isCurrentArchive(db)) await runIngest(undefined, db, false);
      const { serve } = await import('../server/serve.ts');
      await serve({ db, port: intOption(values, 'port', Number(process.env.PORT) || 8080, 65535), host: (values.host as string) ?? process.env.HOST ?? '127.0.0.1' });
    },
  },
};
