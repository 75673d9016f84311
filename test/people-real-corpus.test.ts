import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadAliasTable } from '../src/corpus/aliases.ts';
import { normaliseMinister, normalisePortfolio, personKey } from '../src/corpus/normalise.ts';

const corpus = process.env.PRESSROOM_CORPUS;
const skip =
  corpus || process.env.CI ? false : 'PRESSROOM_CORPUS is not set: point it at a beehive-markdown checkout to run this';

/** Every `.md` under `dir`, recursively. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(dir, f));
}

/**
 * The raw `ministers` and `portfolios` strings with their counts, read from the front matter
 * lines as written. Quoted items are unquoted as YAML does; unquoted ones are taken literally,
 * as the corpus reader does for `Māori Crown Relations: Te Arawhiti` and `[From a speech ...]`.
 */
function collect(dir: string): { files: number; ministers: Map<string, number>; portfolios: Map<string, number> } {
  const lists = { ministers: new Map<string, number>(), portfolios: new Map<string, number>() };
  const files = markdownFiles(path.join(dir, 'releases'));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    if (lines[0]?.trim() !== '---') continue;
    let section: Map<string, number> | undefined;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i].replace(/\r$/, '');
      if (line.trim() === '---') break;
      const key = /^([A-Za-z_]+):/.exec(line);
      if (key) {
        section = key[1] === 'ministers' ? lists.ministers : key[1] === 'portfolios' ? lists.portfolios : undefined;
        continue;
      }
      const item = /^\s+- (.*)$/.exec(line);
      if (!item || !section) continue;
      let value = item[1].trim();
      if (/^["']/.test(value)) value = String(parseYaml(value));
      section.set(value, (section.get(value) ?? 0) + 1);
    }
  }
  return { files: files.length, ...lists };
}

test('every distinct raw ministers string in the real corpus is one person or listed debris', { skip }, () => {
  assert.ok(corpus, 'PRESSROOM_CORPUS must be set under CI: it names the beehive-markdown checkout this test reads');
  const { files, ministers, portfolios } = collect(corpus);
  assert.equal(files, 55167);

  // DESIGN.md says 251 distinct strings, and so does the corpus.
  assert.equal(ministers.size, 251);

  const table = loadAliasTable();
  const owners = new Map<string, string[]>();
  for (const p of table.people) {
    for (const a of p.aliases) owners.set(a, [...(owners.get(a) ?? []), p.name]);
  }
  const debris = new Set(table.debris);
  const unaccounted: string[] = [];
  for (const raw of ministers.keys()) {
    const who = owners.get(raw) ?? [];
    const isDebris = debris.has(raw);
    if (who.length + (isDebris ? 1 : 0) !== 1) {
      unaccounted.push(`${JSON.stringify(raw)}: ${isDebris ? 'debris and ' : ''}${who.join(', ') || 'nobody'}`);
      continue;
    }
    assert.deepEqual(normaliseMinister(raw), isDebris ? { debris: raw.replace(/\s+/g, ' ').trim() } : { person: who[0] }, raw);
  }
  assert.deepEqual(unaccounted, [], 'each raw string must be an alias of exactly one person, or debris');

  // 251 strings name 192 people; the other 44 are debris (No Minister, link text, URLs, stray text).
  const named = new Set([...ministers.keys()].flatMap((raw) => owners.get(raw) ?? []));
  assert.equal(named.size, 192);
  assert.equal(table.debris.filter((d) => ministers.has(d)).length, 44);

  // Portfolios: 238 raw names; one URL is debris; tidying apostrophes and macrons folds five
  // spellings into others (Veterans’/Women’s Affairs, Maori Affairs/Development, Whanau Ora),
  // leaving 232 distinct portfolios.
  assert.equal(portfolios.size, 238);
  const kept = new Set<string>();
  const portfolioDebris: string[] = [];
  for (const raw of portfolios.keys()) {
    const n = normalisePortfolio(raw);
    if ('portfolio' in n) kept.add(n.portfolio);
    else portfolioDebris.push(raw);
  }
  assert.deepEqual(portfolioDebris, ['https://www.recordedmusic.co.nz/portfolio/nz-music-industry-economic-report/']);
  assert.equal(portfolios.get('Māori Crown Relations: Te Arawhiti'), 41);
  assert.ok(kept.has('Foreign Affairs') && kept.has('Foreign Affairs and Trade'));
  assert.equal(kept.size, 232);
});

test('no two canonical people share a personKey', () => {
  const seen = new Map<string, string>();
  for (const p of loadAliasTable().people) {
    const k = personKey(p.name);
    assert.equal(seen.get(k), undefined, `${p.name} and ${seen.get(k)} have the same key "${k}"`);
    seen.set(k, p.name);
  }
});
