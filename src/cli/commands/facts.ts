import { Archive } from '../../search/archive.ts';
import type { Command } from '../command.ts';
import { factLine } from '../../format/fact.ts';
import { dbOf, print, shown } from '../shared.ts';

export const factsCommand: Command = {
  brief: 'the facts of one release',
  usage: 'pressroom facts ID [--json] [--db FILE]',
  summary: 'Prints the facts (money, counts, dates, durations, percentages) stated in one release, each with its exact text and offsets.',
  options: { json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  run({ values, positionals }) {
    const r = Archive.open(dbOf(values)).release(positionals[0]!);
    if (values.json) return print({ id: r.id, facts: r.facts });
    for (const f of r.facts) console.log(shown(factLine(f)));
  },
};
