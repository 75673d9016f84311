import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFrontMatter, parseFrontMatterExact, splitFrontMatter } from '../src/corpus/front-matter.ts';
import { listReleaseFiles } from '../src/corpus/read.ts';

const corpus = process.env.PRESSROOM_CORPUS;
const skip =
  corpus || process.env.CI ? false : 'PRESSROOM_CORPUS is not set: point it at a beehive-markdown checkout to run this';

// Ingest reads front matter with js-yaml for speed and falls back to `yaml` for odd shapes; on every
// real file the two must agree, or the speed would have changed what a release says.
test('the fast front-matter reader agrees with the exact one on every real release', { skip }, async () => {
  assert.ok(corpus, 'PRESSROOM_CORPUS must point at the corpus under CI');
  const files = await listReleaseFiles(corpus);
  assert.ok(files.length > 55_000, `expected the whole corpus, found ${files.length} files`);
  const differ: string[] = [];
  const misplaced: string[] = [];
  for (const rel of files) {
    const text = readFileSync(path.join(corpus, rel), 'utf8');
    const split = splitFrontMatter(text);
    if ('reason' in split) continue;
    // Ingest stores the body's bytes from where the split says it starts.
    if (text.slice(split.bodyStart, split.bodyStart + split.body.length) !== split.body) misplaced.push(rel);
    try {
      assert.deepEqual(parseFrontMatter(split.yaml), parseFrontMatterExact(split.yaml));
    } catch {
      differ.push(rel);
    }
  }
  assert.deepEqual(differ.slice(0, 10), [], `${differ.length} files read differently`);
  assert.deepEqual(misplaced.slice(0, 10), [], `${misplaced.length} bodies not where the split says`);
});
