import { Archive } from '../../index.ts';
import { listCommitments, monthOption, releaseCommitments, statusOption, type CommitmentView } from '../../commitments/index.ts';
import type { Command } from '../command.ts';
import { dbOf, intOption, print, shown } from '../shared.ts';

function show(c: CommitmentView, indent = '  '): void {
  console.log(`${indent}${c.due.from === c.due.to ? c.due.from : `${c.due.from}..${c.due.to}`}  ${c.kind}  ${c.status}  — ${shown(c.subject)}`);
  console.log(`${indent}  “${shown(c.text)}”`);
  for (const f of c.follow_ups) console.log(`${indent}  ${f.relation.padEnd(8)} ${f.date}  ${f.id}`);
}

export const commitmentsCommand: Command = {
  brief: 'commitments to a date, with their status and the later releases that follow them up',
  usage: 'pressroom commitments [ID] [--due-from YYYY-MM] [--due-to YYYY-MM] [--status S] [--minister NAME] [--portfolio NAME] [--limit N] [--offset N] [--json] [--db FILE]',
  summary:
    'With ID, the commitments that release makes. Without, commitments across the archive whose due window overlaps --due-from..--due-to, soonest first. ' +
    'Status S is one of "upcoming", "due", "followed up", "no later release found".',
  options: {
    json: { type: 'boolean' }, 'due-from': { type: 'string' }, 'due-to': { type: 'string' }, status: { type: 'string' },
    minister: { type: 'string' }, portfolio: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' },
  },
  positionals: { min: 0, max: 1 },
  run({ values, positionals }) {
    const archive = Archive.open(dbOf(values));
    const dueFrom = monthOption(values['due-from'] as string | undefined, '--due-from');
    const dueTo = monthOption(values['due-to'] as string | undefined, '--due-to');
    const status = statusOption(values.status as string | undefined, '--status');
    if (positionals[0]) {
      const r = releaseCommitments(archive, positionals[0]);
      r.commitments = r.commitments.filter((c) => (!dueFrom || c.due.to >= dueFrom) && (!dueTo || c.due.from <= dueTo) && (!status || c.status === status));
      if (values.json) return print(r);
      if (r.commitments.length === 0) console.log('No commitments to a date found in this release.');
      for (const c of r.commitments) show(c);
      return;
    }
    const r = listCommitments(archive, {
      dueFrom, dueTo, status, minister: values.minister as string | undefined, portfolio: values.portfolio as string | undefined,
      limit: intOption(values, 'limit', 20, 500), offset: intOption(values, 'offset', 0, 1_000_000),
    });
    if (values.json) return print(r);
    console.log(`${r.total} commitments`);
    for (const c of r.commitments) {
      console.log(`${c.release.date}  ${shown(c.release.title)}  (${c.release.id})`);
      show(c, '    ');
    }
  },
};
