import { formatAmount } from '../../format/money.ts';
import { Archive } from '../../search/archive.ts';
import { search } from '../../search/search.ts';
import { nameNotices, relaxedNotice, type SearchResult } from '../../search/types.ts';
import type { Command } from '../command.ts';
import { dbOf, intOption, plainSnippet, print, shown, sortOption } from '../shared.ts';

function printResults(r: SearchResult): void {
  const matches = r.total === 1 ? 'release matches' : 'releases match';
  const showing = r.hits.length ? `showing ${r.offset + 1}–${r.offset + r.hits.length}` : r.total ? `none past ${r.total.toLocaleString('en-NZ')}; try a smaller --offset` : 'none';
  console.log(`${r.total.toLocaleString('en-NZ')} ${matches} "${shown(r.query)}" (${r.took_ms} ms); ${showing}`);
  if (r.did_you_mean) console.log(`Did you mean: ${r.did_you_mean}`);
  for (const n of nameNotices(r)) console.log(shown(n));
  const relaxed = relaxedNotice(r);
  if (relaxed) console.log(shown(relaxed));
  r.hits.forEach((h, i) => {
    console.log(`\n${r.offset + i + 1}. ${shown(h.title)}`);
    console.log(`   ${h.date ?? 'date unknown'} · ${h.ministers.join(', ') || 'no minister'} · ${h.id}`);
    const snippet = plainSnippet(h.snippet);
    if (snippet) console.log(`   ${shown(snippet)}`);
    if (h.missing) console.log(`   missing: ${shown(h.missing.join(', '))}`);
    if (h.amounts?.length) console.log(`   amounts: ${shown(h.amounts.map((a) => `${formatAmount(a)} (“${a.text}”)`).join('; '))}`);
    if (h.duplicates.length) console.log(`   also as: ${h.duplicates.join(', ')}`);
  });
}

export const searchCommand: Command = {
  brief: 'search the archive',
  usage: 'pressroom search QUERY... [--limit N] [--offset N] [--sort relevance|newest|oldest] [--json] [--db FILE]',
  summary: 'Searches the archive. QUERY uses the query language: words, "phrases", OR, -exclusions, prefix*, and minister:, portfolio:, year:, from:, to: and money (money>100m, money:1m..10m) filters.',
  options: { limit: { type: 'string' }, offset: { type: 'string' }, sort: { type: 'string' }, json: { type: 'boolean' } },
  // The words as people type them, unquoted: `pressroom search Taji training mission` is one query.
  positionals: { min: 1, max: Infinity },
  run({ values, positionals }) {
    // Bad usage is reported before the archive is opened.
    const opts = { limit: intOption(values, 'limit', 10, 1000), offset: intOption(values, 'offset', 0, 1_000_000), sort: sortOption(values) };
    const r = search(Archive.open(dbOf(values)), positionals.join(' '), opts);
    if (values.json) print(r);
    else printResults(r);
  },
};
