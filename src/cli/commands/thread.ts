import { Archive } from '../../index.ts';
import { threadOf } from '../../threads/index.ts';
import type { Command } from '../command.ts';
import { dbOf, print, shown } from '../shared.ts';

export const threadCommand: Command = {
  brief: 'the story thread of a release: its matter, step by step',
  usage: 'pressroom thread ID [--json] [--db FILE]',
  summary: 'Lists the releases about the same matter as ID, oldest first: milestones (steps in the matter) and context.',
  options: { json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  run({ values, positionals }) {
    const t = threadOf(Archive.open(dbOf(values)), positionals[0]!);
    if (values.json) return print(t);
    console.log(`thread ${t.thread}: ${t.releases.length} releases`);
    for (const r of t.releases) {
      const mark = r.id === t.id ? '>' : ' ';
      console.log(`${mark} ${r.date ?? 'date unknown'}  ${r.role === 'milestone' ? 'milestone' : 'context  '}  ${shown(r.title)}`);
      console.log(`              ${r.id}${r.duplicates.length ? ` (+${r.duplicates.length} copies)` : ''}`);
    }
  },
};
