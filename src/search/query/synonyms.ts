import { readFileSync } from 'node:fs';
import { foldKey } from '../../text.ts';
import { tokenize } from './lex.ts';

/** Groups of equivalent terms, each member as folded tokens joined by one space. */
export type SynonymGroups = string[][];

let shipped: SynonymTable | undefined;

/** A lookup from a member (folded tokens joined by a space) to the members of its group. */
export class SynonymTable {
  private readonly byKey = new Map<string, string[]>();
  /** The most tokens any member has: how far ahead a match can reach. */
  readonly maxTokens: number;

  constructor(groups: readonly (readonly string[])[]) {
    let max = 1;
    for (const group of groups) {
      const keys = [...new Set(group.map(key).filter((k) => k !== ''))];
      for (const k of keys) {
        max = Math.max(max, k.split(' ').length);
        this.byKey.set(k, keys);
      }
    }
    this.maxTokens = max;
  }

  /**
   * The member that `tokens` are, and its group, trying the tokens as written and then
   * without a final plural `s` (`GPs`, `quakes`), since FTS5 stems but this lookup does not.
   */
  lookup(tokens: readonly string[]): { member: string; group: string[] } | undefined {
    const k = tokens.map(foldKey).join(' ');
    const exact = this.byKey.get(k);
    if (exact) return { member: k, group: exact };
    if (/[^s]s$/.test(k) && (tokens.at(-1)?.length ?? 0) > 2) {
      const singular = k.slice(0, -1);
      const group = this.byKey.get(singular);
      if (group) return { member: singular, group };
    }
    return undefined;
  }
}

function key(member: string): string {
  return tokenize(member).map(foldKey).join(' ');
}

/** The table shipped in `data/synonyms.json`, read once. */
export function shippedSynonyms(): SynonymTable {
  if (!shipped) {
    const file = new URL('../../../data/synonyms.json', import.meta.url);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { groups: string[][] };
    shipped = new SynonymTable(json.groups);
  }
  return shipped;
}
