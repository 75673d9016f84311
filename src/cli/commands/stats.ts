import { Archive } from '../../index.ts';
import type { Command } from '../command.ts';
import { dbOf, print } from '../shared.ts';

export const statsCommand: Command = {
  brief: 'what the archive holds',
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
};
