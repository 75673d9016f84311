import { foldKey } from '../text.ts';
import type { Archive } from './archive.ts';

/** The archive's words and how many releases hold each (the `vocab` table), once per generation. */
export function vocabulary(archive: Archive): Map<string, number> {
  return archive.memo('vocabulary', () => new Map(archive.db.prepare(`SELECT word, n FROM vocab`).raw().all() as [string, number][]));
}

/**
 * Levenshtein distance, giving up (returning max + 1) once it must exceed `max`; with `transpose`, swapping two
 * neighbouring letters is one edit too (optimal string alignment), as in the typo `Ardren`.
 */
export function editDistance(a: string, b: string, max: number, transpose = false): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (transpose && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j]!, before[j - 2]! + 1);
      rowMin = Math.min(rowMin, cur[j]!);
    }
    if (rowMin > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * A respelling of the query in words the archive uses, when some of its words are rare or unknown there;
 * undefined when there is nothing better to offer.
 * @example
 * suggest(archive, 'millenium bug', ['millenium', 'bug']) // => 'millennium bug'
 */
export function suggest(archive: Archive, input: string, terms: string[]): string | undefined {
  const vocab = vocabulary(archive);
  let out = input;
  let changed = false;
  for (const term of terms) {
    for (const word of term.split(/\s+/)) {
      const w = foldKey(word);
      if (w.length < 4 || /\d/.test(w)) continue;
      const best = respelling(archive, vocab, w);
      if (best) {
        out = out.replace(new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), best);
        changed = true;
      }
    }
  }
  return changed ? out : undefined;
}

/**
 * The word the archive uses most that is one or two edits from `w`, when `w` itself is rare: a scan of
 * the whole vocabulary (about 20 ms), so worked out once per word and archive generation.
 */
function respelling(archive: Archive, vocab: Map<string, number>, w: string): string | undefined {
  const known = archive.memo('respellings', () => new Map<string, string | null>());
  const had = known.get(w);
  if (had !== undefined) return had ?? undefined;
  const have = vocab.get(w) ?? 0;
  let best: string | undefined;
  if (have < 5) {
    const max = w.length <= 5 ? 1 : 2;
    let bestScore = -Infinity;
    for (const [cand, n] of vocab) {
      if (n <= have * 4 || cand === w || Math.abs(cand.length - w.length) > max) continue;
      const d = editDistance(w, cand, max);
      if (d > max) continue;
      const score = Math.log(n) - 3 * d;
      if (score > bestScore) {
        bestScore = score;
        best = cand;
      }
    }
  }
  if (known.size >= 50_000) known.clear();
  known.set(w, best ?? null);
  return best;
}
