/**
 * Names in filters as people type them: `minister:Ardern`, `minister:jacinda ardern`, `minister:"Jon Key"`,
 * `minister:Smith` (two people), and "did you mean" for a portfolio that is nearly a portfolio's name.
 */
import { findPerson, personKey } from '../corpus/normalise.ts';
import { foldKey } from '../text.ts';
import type { Archive } from './archive.ts';
import { editDistance } from './suggest.ts';

/** How a `minister:` value was read. */
export interface NameReading {
  /** The value as typed. */
  typed: string;
  /** The people it selects, most releases first; empty when it names nobody. */
  people: string[];
  /**
   * `exact`: a name or alias of one person; `part`: words of one person's name (`Ardern`); `ambiguous`:
   * words of several people's names, all of them searched; `near`: a near-miss of one name (`Jon Key`).
   */
  how: 'exact' | 'part' | 'ambiguous' | 'near' | 'none';
}

interface Person {
  id: number;
  name: string;
  /** The folded words of the name and of every alias. */
  forms: string[][];
  releases: number;
}

/** The archive's people with the words of their names and aliases, most releases first (per archive generation). */
function peopleOf(archive: Archive): Person[] {
  return archive.memo('people', () => readPeople(archive));
}

function readPeople(archive: Archive): Person[] {
  const rows = archive.db
    .prepare(`SELECT p.id, p.name, (SELECT count(*) FROM release_people rp WHERE rp.person = p.id) FROM people p`)
    .raw()
    .all() as [number, string, number][];
  const aliases = new Map<number, string[]>();
  for (const [alias, id] of archive.db.prepare(`SELECT alias, person FROM aliases`).raw().all() as [string, number][]) {
    aliases.set(id, [...(aliases.get(id) ?? []), alias]);
  }
  const words = (s: string) => personKey(s).split(/[\s'’.-]+/u).filter(Boolean);
  return rows
    .map(([id, name, releases]) => ({ id, name, releases, forms: [name, ...(aliases.get(id) ?? [])].map(words) }))
    .sort((a, b) => b.releases - a.releases || a.name.localeCompare(b.name));
}

/**
 * Reads a `minister:` value: a person's name or alias in any case or form; else words of names (a surname
 * selects its one person, or every person it names); else a near-miss of one name, within one edit per word.
 * @example
 * readMinister(archive, 'Ardern') // => { typed: 'Ardern', people: ['Jacinda Ardern'], how: 'part' }
 */
export function readMinister(archive: Archive, typed: string): NameReading & { ids: number[] } {
  const canonical = findPerson(typed);
  const exact = archive.personIds(canonical ?? typed, personKey);
  const people = peopleOf(archive);
  const named = (ids: number[]) => people.filter((p) => ids.includes(p.id)).map((p) => p.name);
  if (exact.length) return { typed, people: named(exact), how: 'exact', ids: exact };
  const want = personKey(typed).split(/[\s'’.-]+/u).filter(Boolean);
  if (want.length === 0) return { typed, people: [], how: 'none', ids: [] };
  // Every typed word is a word of one form of the name.
  const part = people.filter((p) => p.forms.some((f) => want.every((w) => f.includes(w))));
  if (part.length) return { typed, people: part.map((p) => p.name), how: part.length === 1 ? 'part' : 'ambiguous', ids: part.map((p) => p.id) };
  // A near-miss: each typed word within one edit (two for long words) of a different word of one form.
  let best: Person[] = [];
  let bestCost = Infinity;
  for (const p of people) {
    for (const f of p.forms) {
      const cost = nearCost(want, f);
      if (cost < bestCost) {
        bestCost = cost;
        best = [p];
      } else if (cost === bestCost && cost !== Infinity && !best.includes(p)) best.push(p);
    }
  }
  if (best.length === 1) return { typed, people: [best[0]!.name], how: 'near', ids: [best[0]!.id] };
  return { typed, people: [], how: 'none', ids: [] };
}

/** Total edits matching each typed word to a distinct word of a name, in order; Infinity if any is too far. */
function nearCost(want: string[], name: string[]): number {
  let cost = 0;
  let from = 0;
  for (const w of want) {
    const max = w.length >= 5 ? 2 : w.length >= 3 ? 1 : 0;
    let found = -1;
    let d = Infinity;
    for (let i = from; i < name.length; i++) {
      const e = editDistance(w, name[i]!, max, true);
      if (e <= max && e < d) {
        d = e;
        found = i;
      }
    }
    if (found < 0) return Infinity;
    cost += d;
    from = found + 1;
  }
  return cost;
}

/**
 * The portfolio a `portfolio:` value nearly names (`defense` → `Defence`), or undefined when it names one
 * exactly or none closely: within two edits, or a quarter of its length for long names.
 */
export function nearPortfolio(archive: Archive, typed: string): string | undefined {
  const key = foldKey(typed);
  const all = archive.db.prepare(`SELECT name, key FROM portfolios`).raw().all() as [string, string][];
  if (all.some(([, k]) => k === key)) return undefined;
  const max = Math.max(2, Math.floor(key.length / 4));
  let best: string | undefined;
  let bestD = max + 1;
  for (const [name, k] of all) {
    const d = editDistance(key, k, max, true);
    if (d < bestD) {
      bestD = d;
      best = name;
    }
  }
  return best;
}

/**
 * Quotes an unquoted `minister:` value together with the bare words after it when they make a person's
 * name (`minister:jacinda ardern` → `minister:"jacinda ardern"`), so the surname is not searched as a word.
 */
export function joinMinisterNames(archive: Archive, input: string): string {
  if (!/minister:/i.test(input)) return input;
  const people = peopleOf(archive);
  const isName = (s: string) => {
    const want = personKey(s).split(/[\s'’.-]+/u).filter(Boolean);
    return want.length > 1 && people.some((p) => p.forms.some((f) => want.length <= f.length && want.every((w, i) => f[f.length - want.length + i] === w)));
  };
  return input.replace(/(^|\s)minister:([\p{L}'’.-]+)((?:\s+[\p{L}'’.-]+){1,3})/giu, (all, pre: string, first: string, rest: string) => {
    const words = rest.trim().split(/\s+/u);
    // The longest run of following words that completes a name.
    for (let n = words.length; n >= 1; n--) {
      const name = [first, ...words.slice(0, n)].join(' ');
      if (isName(name)) return `${pre}minister:"${name}"${words.length > n ? ' ' + words.slice(n).join(' ') : ''}`;
    }
    return all;
  });
}
