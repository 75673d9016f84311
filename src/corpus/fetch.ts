import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PressroomError } from '../errors.ts';

/** Where the public corpus comes from when no folder is given. */
export const CORPUS_REPO = 'https://github.com/marcus-crane/beehive-markdown';

/** The cache folder: `$PRESSROOM_CACHE`, else `$XDG_CACHE_HOME/pressroom`, else `~/.cache/pressroom`. */
export function cacheDir(): string {
  if (process.env.PRESSROOM_CACHE) return process.env.PRESSROOM_CACHE;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'pressroom');
}

/**
 * Fetches the corpus by a shallow git clone into the cache (or refreshes an earlier clone), and returns
 * its folder. Offline with an earlier clone, it uses that clone and says so through `warn`.
 */
export function fetchCorpus(
  opts: { repo?: string; cache?: string; warn?: (msg: string) => void } = {},
): string {
  const repo = opts.repo ?? process.env.PRESSROOM_CORPUS_REPO ?? CORPUS_REPO;
  const dest = path.join(opts.cache ?? cacheDir(), 'beehive-markdown');
  const git = (args: string[], cwd?: string) =>
    execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (existsSync(path.join(dest, '.git'))) {
    try {
      git(['fetch', '--depth', '1', 'origin'], dest);
      git(['reset', '--hard', 'FETCH_HEAD'], dest);
    } catch (err) {
      opts.warn?.(`could not refresh the corpus from ${repo} (${firstLine(err)}); using the copy fetched earlier in ${dest}`);
    }
    return dest;
  }
  mkdirSync(path.dirname(dest), { recursive: true });
  try {
    git(['clone', '--depth', '1', '--quiet', repo, dest]);
  } catch (err) {
    throw new PressroomError(
      `could not fetch the corpus from ${repo}: ${firstLine(err)}. ` +
        `If this machine is offline, copy the corpus here another way and run "pressroom ingest DIR", ` +
        `or set PRESSROOM_CORPUS to its folder.`,
      { cause: err },
    );
  }
  return dest;
}

function firstLine(err: unknown): string {
  const e = err as { stderr?: string; message?: string };
  const text = (e.stderr || e.message || String(err)).trim();
  return text.split('\n').filter(Boolean).pop() ?? 'git failed';
}
