import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.ts';
import { fetchCorpus, ingest, type IngestSummary } from '../../index.ts';
import type { Command } from '../command.ts';
import { progressBar } from '../progress.ts';
import { dbOf, print } from '../shared.ts';

/** Ingests DIR (default $PRESSROOM_CORPUS, else the fetched clone) into `db`, printing the summary. */
export async function runIngest(dirArg: string | undefined, db: string, json: boolean): Promise<IngestSummary> {
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

export const ingestCommand: Command = {
  brief: 'read a corpus folder into the archive (default $PRESSROOM_CORPUS, else fetch it)',
  usage: 'pressroom ingest [DIR] [--db FILE] [--json]',
  summary: 'Reads every release under DIR (default $PRESSROOM_CORPUS; with neither, a shallow git clone of the public corpus into the cache folder) into the archive. Only changed files are rewritten; a killed ingest leaves the previous archive intact. Malformed files are reported with their path and reason.',
  options: { json: { type: 'boolean' } },
  positionals: { min: 0, max: 1 },
  async run({ values, positionals }) {
    await runIngest(positionals[0], dbOf(values), Boolean(values.json));
  },
};
