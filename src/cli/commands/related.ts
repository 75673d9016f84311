import { Archive } from '../../search/archive.ts';
import { related } from '../../search/related.ts';
import type { Command } from '../command.ts';
import { dbOf, intOption, print, shown } from '../shared.ts';

export const relatedCommand: Command = {
  brief: 'releases about the same matter, oldest first',
  usage: 'pressroom related ID [--limit N] [--json] [--db FILE]',
  summary: 'Lists releases about the same matter as ID, oldest first.',
  options: { json: { type: 'boolean' }, limit: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  run({ values, positionals }) {
    const r = related(Archive.open(dbOf(values)), positionals[0]!, { limit: intOption(values, 'limit', 10, 100) });
    if (values.json) return print(r);
    for (const h of r.hits) console.log(`${h.date ?? 'date unknown'}  ${shown(h.title)}\n            ${h.id}`);
  },
};
