// The README is the reference: every command and option, every route and every environment variable is in it.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { commands } from '../src/cli/commands/index.ts';
import { Archive, ingest } from '../src/index.ts';
import { createApp } from '../src/server/app.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const README = readFileSync(path.join(root, 'README.md'), 'utf8');

test('every command and each of its options is in the README', async () => {
  const missing: string[] = [];
  for (const [name, load] of Object.entries(commands)) {
    const cmd = await load();
    if (!README.includes(`pressroom ${name}`)) missing.push(`pressroom ${name}`);
    for (const option of [...Object.keys(cmd.options), 'db', 'help']) {
      if (!README.includes(`--${option}`)) missing.push(`pressroom ${name} --${option}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every HTTP route is in the README', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressroom-docs-'));
  try {
    const db = path.join(dir, 'docs.db');
    await ingest({ dir: fileURLToPath(new URL('./fixtures/corpus', import.meta.url)), db });
    const archive = Archive.open(db);
    const routes = new Set(createApp(archive).routes.filter((r) => r.method !== 'ALL').map((r) => r.path));
    archive.close();
    assert.ok(routes.has('/api/search'));
    assert.deepEqual([...routes].filter((r) => !README.includes(`\`${r}\``)), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every environment variable the code reads is in the README', () => {
  const vars = new Set<string>();
  for (const name of readdirSync(path.join(root, 'src'), { recursive: true }) as string[]) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    for (const m of readFileSync(path.join(root, 'src', name), 'utf8').matchAll(/process\.env\.([A-Z_][A-Z0-9_]*)|process\.env\[['"]([A-Z_][A-Z0-9_]*)['"]\]/g)) vars.add(m[1] ?? m[2]!);
  }
  assert.ok(vars.has('PRESSROOM_DB'));
  assert.deepEqual([...vars].filter((v) => !README.includes(`\`${v}\``) && !README.includes(`\`$${v}\``)).sort(), []);
});
