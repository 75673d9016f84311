// Every per-archive cache lives in Archive.memo, so that an ingest or a rebuild drops it with the rest;
// a module-level map keyed by the archive would outlive the data it was computed from.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

test('no module keeps a cache keyed by the Archive object outside Archive.memo', () => {
  const offenders: string[] = [];
  for (const f of readdirSync(SRC, { recursive: true }).map(String)) {
    if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
    const text = readFileSync(path.join(SRC, f), 'utf8');
    text.split('\n').forEach((line, i) => {
      if (/(WeakMap|Map)<\s*Archive\b/.test(line)) offenders.push(`src/${f}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(offenders, [], 'use archive.memo(key, make) instead');
});
