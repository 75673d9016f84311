import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { statSync, type Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { parseFrontMatter, splitFrontMatter } from './front-matter.ts';
import { normaliseMinister, normalisePortfolio } from './normalise.ts';
import type { Rejection, Release } from './types.ts';

/**
 * A release, with its body as the file's own UTF-8 bytes (a view of the bytes given, for ingest to
 * hash and store without encoding the text again), or why the file is no release.
 */
export type ReadResult = { release: Release; bodyBytes: Uint8Array } | { rejection: Rejection };

/** The largest release file ingest reads; real ones are under 100 KB, and one huge body slows every search that matches it. */
export const MAX_RELEASE_BYTES = 512 * 1024;

/** Why a file over `MAX_RELEASE_BYTES` is refused. */
export const tooLarge = (size: number) =>
  `too large: ${(size / 1024).toFixed(0)} KB, over the ${MAX_RELEASE_BYTES / 1024} KB a release may be (real ones are under 100 KB)`;

/** The release files of a corpus folder, and everything else in it that is not read, with why. */
export interface CorpusListing {
  /** Paths relative to the folder, with `/`, sorted. */
  files: string[];
  rejected: Rejection[];
}

/**
 * Lists `releases/**\/*.md` under a corpus folder (or `**\/*.md` when it has no `releases/`), sorted,
 * and reports every other entry: symbolic links (never followed), FIFOs, sockets and devices, files
 * that are not `.md`, folders it cannot read. Hidden names (`.git`) and README.md/LICENSE.md are passed
 * over. Throws `UsageError` when the folder itself is missing or not a folder.
 */
export async function listCorpus(folder: string): Promise<CorpusListing> {
  checkCorpusFolder(folder);
  const dir = path.resolve(folder);
  let top = '';
  try {
    if ((await stat(path.join(dir, 'releases'))).isDirectory()) top = 'releases';
  } catch {
    // A folder of releases without the corpus's `releases/` level is fine too.
  }
  const files: string[] = [];
  const rejected: Rejection[] = [];
  const walk = async (rel: string): Promise<void> => {
    const abs = rel ? `${dir}/${rel}` : dir;
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch (err) {
      rejected.push({ path: rel || '.', reason: `unreadable folder: ${(err as Error).message}` });
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        if (!e.name.endsWith('.md')) rejected.push({ path: p, reason: 'not a release: only .md files are read' });
        else if (e.name !== 'README.md' && e.name !== 'LICENSE.md') files.push(p);
      } else if (e.isSymbolicLink()) rejected.push({ path: p, reason: await linkReason(`${dir}/${p}`) });
      else rejected.push({ path: p, reason: `${specialKind(e)}, not a regular file: only regular .md files are read` });
    }
  };
  await walk(top);
  return { files: files.sort(), rejected };
}

/** Throws `UsageError` unless `folder` is a folder. */
export function checkCorpusFolder(folder: string): void {
  let st;
  try {
    st = statSync(folder);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `corpus folder ${folder} does not exist` : `cannot read corpus folder ${folder}: ${(err as Error).message}`);
  }
  if (!st.isDirectory()) throw new UsageError(`corpus ${folder} is a file, not a folder: pass the folder that holds releases/`);
}

/** The release files of a corpus folder (see `listCorpus`). */
export async function listReleaseFiles(folder: string): Promise<string[]> {
  return (await listCorpus(folder)).files;
}

/** Why a symbolic link is not read, with where it leads. */
async function linkReason(file: string): Promise<string> {
  try {
    const target = await stat(file);
    return `symbolic link to a ${target.isDirectory() ? 'folder' : 'file'}: links are not followed; copy what it points at into the corpus instead`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'symbolic link that loops back on itself: not followed';
    if (code === 'ENOENT') return 'broken symbolic link: what it points at does not exist';
    return `symbolic link: not followed (${(err as Error).message})`;
  }
}

function specialKind(e: Dirent): string {
  if (e.isFIFO()) return 'FIFO (named pipe)';
  if (e.isSocket()) return 'socket';
  if (e.isBlockDevice()) return 'block device';
  if (e.isCharacterDevice()) return 'character device';
  return 'special file';
}

/** A stand-in title for a release whose title is empty: "Untitled: " and its first words. */
export function untitled(body: string): string {
  const words = body.replace(/[*_#>\[\]]/g, '').replace(/\([^)]*\)/g, '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'Untitled release';
  const head = words.slice(0, 12).join(' ');
  return `Untitled: ${head}${words.length > 12 ? '…' : ''}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `YYYY-MM-DD` names a day that exists. */
export function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function asList(fields: Record<string, unknown>, key: string): string[] | { reason: string } {
  const v = fields[key];
  if (v == null) return [];
  if (!Array.isArray(v)) return { reason: `"${key}" must be a list ("- item" lines), not ${typeof v}` };
  return v.filter((x) => x != null).map((x) => String(x).trim()).filter((x) => x.length > 0);
}

/**
 * Reads one release file's bytes into a `Release`, or a `Rejection` saying what is wrong.
 * Pure apart from hashing: the caller does the I/O, so ingest can read files in any order.
 */
export function parseRelease(relPath: string, bytes: Buffer): ReadResult {
  const reject = (reason: string, line?: number): ReadResult => ({
    rejection: line ? { path: relPath, line, reason } : { path: relPath, reason },
  });
  if (bytes.length === 0) return reject('empty file');
  if (bytes.length > MAX_RELEASE_BYTES) return reject(tooLarge(bytes.length));
  if (bytes.includes(0)) return reject('binary file: contains NUL bytes, not UTF-8 text');
  if (!isUtf8(bytes)) return reject('not UTF-8 text: the file holds bytes that are not valid UTF-8');
  const text = bytes.toString('utf8');
  const split = splitFrontMatter(text);
  if ('reason' in split) return reject(split.reason, split.line);
  const parsed = parseFrontMatter(split.yaml);
  if ('reason' in parsed) return reject(parsed.reason, parsed.line ? parsed.line + split.yamlLine - 1 : undefined);
  const f = parsed.fields;

  if (f.title == null || typeof f.title === 'object') return reject('no title: front matter needs "title: ..."');
  // Two real releases have `title: ""`: keep them, titled by their own first words.
  const title = String(f.title).trim() || untitled(split.body);
  const rawDate = f.date == null ? '' : String(f.date).trim();
  if (!rawDate) return reject('no date: front matter needs "date: YYYY-MM-DD"');
  let date: string | null;
  if (rawDate === '0001-01-01') date = null; // the corpus's way of saying "unknown" (2 files)
  else if (isRealDate(rawDate)) date = rawDate;
  else return reject(`impossible date "${rawDate}": use a real day as YYYY-MM-DD`);
  const url = typeof f.url === 'string' ? f.url.trim() : '';
  if (!url) return reject('no url: front matter needs "url: https://..."');

  const ministersRaw = asList(f, 'ministers');
  if ('reason' in ministersRaw) return reject(ministersRaw.reason);
  const portfoliosRaw = asList(f, 'portfolios');
  if ('reason' in portfoliosRaw) return reject(portfoliosRaw.reason);
  const attachments = asList(f, 'attachments');
  if ('reason' in attachments) return reject(attachments.reason);

  const ministers: string[] = [];
  for (const raw of ministersRaw) {
    const n = normaliseMinister(raw);
    if ('person' in n && !ministers.includes(n.person)) ministers.push(n.person);
  }
  const portfolios: string[] = [];
  for (const raw of portfoliosRaw) {
    const n = normalisePortfolio(raw);
    if ('portfolio' in n && !portfolios.includes(n.portfolio)) portfolios.push(n.portfolio);
  }

  const id = path.basename(relPath, '.md');
  const hash = createHash('sha1').update(bytes).digest('hex');
  // Front matter and trailing whitespace are short: their byte lengths are cheap to count.
  const head = Buffer.byteLength(text.slice(0, split.bodyStart));
  const tail = Buffer.byteLength(text.slice(split.bodyStart + split.body.length));
  return {
    release: { id, path: relPath, title, date, url, ministers, ministersRaw, portfolios, attachments, body: split.body, hash },
    bodyBytes: bytes.subarray(head, bytes.length - tail),
  };
}

/**
 * Reads every release under `dir`, yielding a `Release` or a `Rejection` per file, in path order, after
 * what the listing passed over (see `listCorpus`).
 * A second file with an id already seen is rejected, naming the first.
 */
export async function* readCorpus(dir: string): AsyncGenerator<ReadResult> {
  const { files, rejected } = await listCorpus(dir);
  for (const rejection of rejected) yield { rejection };
  const seen = new Map<string, string>();
  for (const rel of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(dir, rel));
    } catch (err) {
      yield { rejection: { path: rel, reason: `unreadable: ${(err as Error).message}` } };
      continue;
    }
    const result = parseRelease(rel, bytes);
    if ('release' in result) {
      const first = seen.get(result.release.id);
      if (first) {
        yield { rejection: { path: rel, reason: `duplicate id "${result.release.id}": already read from ${first}` } };
        continue;
      }
      seen.set(result.release.id, rel);
    }
    yield result;
  }
}
