import { Archive } from '../../index.ts';
import type { Command } from '../command.ts';
import { factLine } from '../../format/fact.ts';
import { dbOf, print, shown } from '../shared.ts';

export const showCommand: Command = {
  brief: 'one release, with its facts',
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
    if (r.facts.length) console.log(`\nFacts:\n${r.facts.map((f) => `  ${shown(factLine(f))}`).join('\n')}`);
    if (r.duplicates.length) console.log(`\nExact copies: ${r.duplicates.join(', ')}`);
  },
};
