import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PressroomError } from '../errors.ts';

/** One person: the canonical name and every form the corpus (or common usage) spells them. */
export interface Person {
  /** The plain name, without honorifics, spelled correctly, with a straight apostrophe. */
  name: string;
  /** Every raw `ministers` string seen in the corpus for this person, plus well-known forms. */
  aliases: string[];
}

/** The shipped alias table, `data/people.json`. */
export interface AliasTable {
  people: Person[];
  /** Raw `ministers` strings that name nobody: scraping debris and `No Minister`. */
  debris: string[];
}

/** Where the shipped table lives, relative to this file (`src/corpus/` → `data/`). */
export const DEFAULT_ALIAS_PATH = fileURLToPath(new URL('../../data/people.json', import.meta.url));

/**
 * Reads and checks an alias table. A malformed table is a bug in what we ship, so it throws,
 * naming the file and the entry at fault.
 *
 * @example
 * loadAliasTable().people.find((p) => p.name === 'Chris Hipkins')?.aliases
 * // => ['Hon Chris Hipkins', 'Rt Hon Chris Hipkins']
 */
export function loadAliasTable(file: string = DEFAULT_ALIAS_PATH): AliasTable {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new PressroomError(`alias table ${file} could not be read as JSON`, { cause });
  }
  return checkAliasTable(json, file);
}

/** Checks the shape of a parsed alias table; `source` names it in error messages. */
export function checkAliasTable(json: unknown, source = 'alias table'): AliasTable {
  const fail = (what: string): never => {
    throw new PressroomError(`${source}: ${what}`);
  };
  if (typeof json !== 'object' || json === null) fail('expected an object { "people": [...], "debris": [...] }');
  const { people, debris } = json as Record<string, unknown>;
  if (!Array.isArray(people)) fail('"people" must be a list of { "name", "aliases" }');
  if (!Array.isArray(debris)) fail('"debris" must be a list of strings');
  const out: AliasTable = { people: [], debris: [] };
  (people as unknown[]).forEach((p, i) => {
    const { name, aliases } = (p ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '') fail(`people[${i}] has no "name"`);
    if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string' && a.trim() !== '')) {
      fail(`people[${i}] ("${String(name)}") needs "aliases": a list of non-empty strings`);
    }
    out.people.push({ name: name as string, aliases: [...(aliases as string[])] });
  });
  (debris as unknown[]).forEach((d, i) => {
    if (typeof d !== 'string' || d.trim() === '') fail(`debris[${i}] must be a non-empty string`);
    out.debris.push(d as string);
  });
  return out;
}
