import { Archive } from '../../search/archive.ts';
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
    // Corpus text goes through shown(): a control character in it must not drive the terminal (line breaks stay).
    console.log(shown(`${r.title}\n${r.date ?? 'date unknown'} · ${r.ministers.join(', ') || 'no minister'} · ${r.portfolios.join(', ') || 'no portfolio'}\n${r.url}\n`));
    console.log(shown(r.body));
    if (r.attachments.length) console.log(`\nAttachments:\n${r.attachments.map((a) => `  ${shown(a)}`).join('\n')}`);
    if (r.facts.length) console.log(`\nFacts:\n${r.facts.map((f) => `  ${shown(factLine(f))}`).join('\n')}`);
    if (r.duplicates.length) console.log(`\nExact copies: ${r.duplicates.join(', ')}`);
  },
};
