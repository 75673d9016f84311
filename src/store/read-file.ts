import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRelease } from '../corpus/read.ts';
import type { Rejection } from '../corpus/types.ts';
import { prepareRelease, vocabWords, type PreparedRelease } from './prepare.ts';

/** What ingest asks of one file. */
export interface FileJob {
  path: string;
  /** The stored hash, when the file's size or time changed: equal bytes still mean unchanged. */
  knownHash?: string;
}

export interface FileStat {
  mtime_ms: number;
  size: number;
}

export type FileOutcome =
  | { kind: 'release'; path: string; stat: FileStat; prepared: PreparedRelease }
  | { kind: 'same'; path: string; stat: FileStat }
  | ({ kind: 'rejected' } & Rejection);

/**
 * Reads one release file and prepares it for the writer, or says why it can't be stored. When `words`
 * is given, the distinct words of the release's title and lead are counted into it; `facts` false skips
 * fact extraction (for measuring it).
 */
export function readFile(dir: string, job: FileJob, words?: Map<string, number>, facts = true): FileOutcome {
  let bytes: Buffer;
  let stat: FileStat;
  try {
    const fd = openSync(path.join(dir, job.path), 'r');
    try {
      const st = fstatSync(fd);
      stat = { mtime_ms: st.mtimeMs, size: st.size };
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    return { kind: 'rejected', path: job.path, reason: `unreadable: ${(err as Error).message}` };
  }
  if (job.knownHash) {
    const hash = createHash('sha1').update(bytes).digest('hex');
    if (hash === job.knownHash) return { kind: 'same', path: job.path, stat };
  }
  const result = parseRelease(job.path, bytes);
  if ('rejection' in result) return { kind: 'rejected', ...result.rejection };
  const prepared = prepareRelease(result.release, facts);
  if (words) for (const w of vocabWords(`${prepared.title} ${prepared.lead as string}`)) words.set(w, (words.get(w) ?? 0) + 1);
  return { kind: 'release', path: job.path, stat, prepared };
}
