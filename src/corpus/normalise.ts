import { PressroomError } from '../errors.ts';
import { foldKey } from '../text.ts';
import { loadAliasTable, type AliasTable, type Person } from './aliases.ts';

/** What a raw `ministers` string names: a canonical person, or nobody (the string kept for the record). */
export type MinisterResult = { person: string } | { debris: string };
/** What a raw `portfolios` string names: a portfolio, or nothing. */
export type PortfolioResult = { portfolio: string } | { debris: string };

// Typographic and look-alike apostrophes the corpus (and users) write; canonical names use '.
// The corpus has both forms of one name: Hon Damien O'Connor (254) and Hon Damien O’Connor (217).
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BB\u02BC\u0060\u00B4\u2032]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2212]/g;
// Repeated, because the corpus stacks them: "Hon Dr David Clark", "Rt Hon Sir ...".
const HONORIFICS =
  /^(?:(?:the\s+)?(?:rt\.?\s*hon(?:ou?rable)?\.?|right\s+hon(?:ou?rable)?\.?|hon(?:ou?rable)?\.?|dr\.?|sir|dame|prof(?:essor)?\.?|mr\.?|mrs\.?|ms\.?|miss)\s+)+/i;
// Post-nominals: "Hon Judith Collins KC" (181); QC and MP are the same kind of thing.
const POST_NOMINALS = /(?:,?\s+(?:kc|qc|mp|m\.p\.|onzm|cnzm|knzm|dnzm|gnzm|qso|jp))+\.?$/i;

function tidy(raw: string): string {
  return raw.normalize('NFC').replace(APOSTROPHES, "'").replace(DASHES, '-').replace(/\s+/g, ' ').trim();
}

function stripTitles(name: string): string {
  return name.replace(HONORIFICS, '').replace(POST_NOMINALS, '').trim();
}

/**
 * The lookup key for a person's name: case-, diacritic-, apostrophe-, whitespace- and
 * honorific-insensitive. Two strings with the same key name the same person; the alias table
 * takes it from there (misspellings like `Nik Smith` are aliases, not key rules).
 *
 * @example
 * personKey('Rt Hon Chris Hipkins') === personKey('chris hipkins') // => true
 * personKey('Hon Damien O’Connor') // => "damien o'connor"
 * personKey('Laila Harré') // => 'laila harre'
 */
export function personKey(name: string): string {
  return foldKey(stripTitles(tidy(name)));
}

function debrisKey(raw: string): string {
  return tidy(raw).toLowerCase();
}

interface Index {
  table: AliasTable;
  byKey: Map<string, string>;
  debris: Set<string>;
}

let index: Index | undefined;

function buildIndex(table: AliasTable): Index {
  const byKey = new Map<string, string>();
  for (const p of table.people) {
    for (const form of [p.name, ...p.aliases]) {
      const k = personKey(form);
      const other = byKey.get(k);
      if (other !== undefined && other !== p.name) {
        throw new PressroomError(`people table: "${form}" names both ${other} and ${p.name}; keep it under one person`);
      }
      byKey.set(k, p.name);
    }
  }
  const debris = new Set<string>();
  for (const d of table.debris) {
    const person = byKey.get(personKey(d));
    if (person !== undefined) throw new PressroomError(`people table: "${d}" is listed as debris and as ${person}`);
    debris.add(debrisKey(d));
  }
  return { table, byKey, debris };
}

function getIndex(): Index {
  index ??= buildIndex(loadAliasTable());
  return index;
}

/**
 * Replaces the alias table (tests, or a deployment shipping its own); `undefined` goes back to
 * `data/people.json`. Clears the memo, which holds answers from the old table.
 */
export function useAliasTable(table: AliasTable | undefined): void {
  index = table ? buildIndex(table) : undefined;
  ministerMemo.clear();
  portfolioMemo.clear();
}

/** The alias table for the store to load: every canonical person with every alias. */
export function people(): Person[] {
  return getIndex().table.people.map((p) => ({ name: p.name, aliases: [...p.aliases] }));
}

/**
 * The canonical person a name refers to, by any alias, or `undefined` when the table does not
 * know it. For `minister:"..."` filters.
 *
 * @example
 * findPerson('rt hon chris hipkins') // => 'Chris Hipkins'
 * findPerson('Nik Smith') // => 'Nick Smith'
 */
export function findPerson(name: string): string | undefined {
  return getIndex().byKey.get(personKey(name));
}

// Words that appear in the corpus's non-person `ministers` values (link text, attachments,
// stray sentences) and in no minister's name.
const DEBRIS_WORDS =
  /\b(?:download(?:ed)?|pdf|click(?:ing)?|here|view|visit|site|website|document|doc|report|summary|analysis|attached|available|statement|file|speech|framework|process|none|unknown)\b/i;
const URLISH = /(?:https?:|www\.|\.govt\.nz|\.co\.nz|\.org\b|\.com\b|\.html?\b|\.pdf\b)/i;

/** Whether a string not in the table is plainly not a person's name. */
function looksLikeDebris(name: string): boolean {
  if (name === '') return true;
  if (/^no minister$/i.test(name)) return true;
  if (URLISH.test(name) || DEBRIS_WORDS.test(name)) return true;
  // Names have letters, spaces, hyphens, apostrophes and the odd initial; not digits or brackets.
  if (/[\d[\](){}/\\:;,?!"<>|@#*=+&%$]/.test(name)) return true;
  if (/^\p{Ll}/u.test(name)) return true; // "advocated strongly against nuclear testing", "on this site"
  const words = name.split(' ');
  // One word is a place or a thing ("Mururoa"), never a minister the corpus names; a person
  // with a title and three given names fits in five.
  if (words.length < 2 || words.length > 5) return true;
  if (/\p{L}{3,}\.$/u.test(name)) return true; // a sentence ("The report is also attached.")
  return false;
}

const ministerMemo = new Map<string, MinisterResult>();

/**
 * Names the person a raw `ministers` string refers to, or marks it as debris. Looks the string
 * up in the alias table by `personKey`; a string the table does not know gets the same rules
 * (honorifics and post-nominals stripped, apostrophes folded to ', whitespace collapsed), and is
 * debris if it is a URL, link text ("Download as PDF file", "available here"), `No Minister`, or
 * otherwise not shaped like a name. Memoised on the raw string: ingest calls it ~100k times for
 * 251 distinct values.
 *
 * @example
 * normaliseMinister('Rt Hon Chris Hipkins') // => { person: 'Chris Hipkins' }
 * normaliseMinister('Hon Judith Collins KC') // => { person: 'Judith Collins' }
 * normaliseMinister('Download as PDF file') // => { debris: 'Download as PDF file' }
 */
export function normaliseMinister(raw: string): MinisterResult {
  let result = ministerMemo.get(raw);
  if (result === undefined) {
    result = Object.freeze(classifyMinister(raw));
    ministerMemo.set(raw, result);
  }
  return result;
}

function classifyMinister(raw: string): MinisterResult {
  const { byKey, debris } = getIndex();
  const tidied = tidy(raw);
  if (debris.has(tidied.toLowerCase())) return { debris: tidied };
  const known = byKey.get(personKey(tidied));
  if (known !== undefined) return { person: known };
  const name = stripTitles(tidied);
  if (looksLikeDebris(name)) return { debris: tidied };
  return { person: name };
}

// Two words the corpus writes both with and without macrons, in otherwise identical portfolio
// names: Maori Affairs (560) / Māori Affairs (75), Maori Development (189) / Māori Development
// (302), Whanau Ora (31) / Whānau Ora (43). Same name, one spelling: the macron form, as the
// Government writes it now. A renamed portfolio (Foreign Affairs → Foreign Affairs and Trade)
// is a different name and stays distinct.
const MACRONS: [RegExp, string][] = [
  [/\bMaori\b/g, 'Māori'],
  [/\bWhanau\b/g, 'Whānau'],
];
// Case slips in single files, keyed by the tidied raw value.
const PORTFOLIO_SPELLINGS = new Map<string, string>([
  ['Occupational Safety and health', 'Occupational Safety and Health'], // 2 files
]);

const portfolioMemo = new Map<string, PortfolioResult>();

/**
 * The portfolio a raw `portfolios` string names, with whitespace collapsed (`Associate  Minister
 * of Finance` has two spaces in the corpus), apostrophes folded to ' (`Veterans’ Affairs`),
 * macrons restored (`Maori Affairs` → `Māori Affairs`); or debris for a URL or a bracketed
 * aside (`[From a speech ...]`). Renamed portfolios keep their own names. Memoised.
 *
 * @example
 * normalisePortfolio('Veterans’ Affairs') // => { portfolio: "Veterans' Affairs" }
 * normalisePortfolio('Māori Crown Relations: Te Arawhiti') // => { portfolio: 'Māori Crown Relations: Te Arawhiti' }
 * normalisePortfolio('https://www.recordedmusic.co.nz/portfolio/') // => { debris: 'https://www.recordedmusic.co.nz/portfolio/' }
 */
export function normalisePortfolio(raw: string): PortfolioResult {
  let result = portfolioMemo.get(raw);
  if (result === undefined) {
    result = Object.freeze(classifyPortfolio(raw));
    portfolioMemo.set(raw, result);
  }
  return result;
}

function classifyPortfolio(raw: string): PortfolioResult {
  const tidied = tidy(raw);
  if (
    tidied === '' ||
    !/\p{L}/u.test(tidied) ||
    URLISH.test(tidied) ||
    /^\[|\]\(/.test(tidied) ||
    /\b(?:download|pdf|click here)\b/i.test(tidied)
  ) {
    return { debris: tidied };
  }
  let name = tidied;
  for (const [re, to] of MACRONS) name = name.replace(re, to);
  return { portfolio: PORTFOLIO_SPELLINGS.get(name) ?? name };
}
