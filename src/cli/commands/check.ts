import { ArchiveFileError, checkArchive } from '../../index.ts';
import type { Command } from '../command.ts';
import { dbOf, print } from '../shared.ts';

export const checkCommand: Command = {
  brief: 'check the archive file for damage (exit 1 when damaged)',
  usage: 'pressroom check [--json] [--db FILE]',
  summary:
    'Reads the whole archive: its header, PRAGMA integrity_check (every page, every index against its table) and each release against the key stored with it. ' +
    'Prints what it found and exits 1 when the file is damaged or not a pressroom archive; --json prints { "file", "ok", "problems", "releases", "took_ms" }.',
  options: { json: { type: 'boolean' } },
  run({ values }) {
    const db = dbOf(values);
    const report = checkArchive(db);
    if (values.json) print(report);
    else if (report.ok) console.log(`${db}: ok, ${report.releases.toLocaleString('en-NZ')} releases checked in ${(report.took_ms / 1000).toFixed(1)}s`);
    else for (const p of report.problems.slice(0, 20)) console.log(`  ${p}`);
    if (!report.ok) {
      throw new ArchiveFileError(`${db} failed the check: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} found; "pressroom ingest DIR --db ${db} --rebuild" moves it aside and builds a new one`);
    }
  },
};
