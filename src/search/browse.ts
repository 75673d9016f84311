/**
 * Browsing by person and portfolio: the lists with counts and years, and one minister's or one
 * portfolio's profile. Counts include exact copies, as search's facets do, so the numbers agree.
 */
import { findPerson, personKey } from '../corpus/normalise.ts';
import { NotFoundError } from '../errors.ts';
import { foldKey } from '../text.ts';
import type { Archive } from './archive.ts';
import { search } from './search.ts';
import type { Hit } from './types.ts';

/** A minister or portfolio in a list. */
export interface BrowseEntry {
  name: string;
  releases: number;
  /** The first and last release dates (`YYYY-MM-DD`), null when every release is undated. */
  first: string | null;
  last: string | null;
}

/** A name with the years it appears alongside the profile's subject. */
export interface Companion {
  name: string;
  releases: number;
  years: number[];
}

export interface MinisterProfile extends BrowseEntry {
  /** Other spellings in the corpus that mean this person (honorifics, apostrophes, typos). */
  aliases: string[];
  /** Releases per year, every year from the first to the last (zeros included). */
  per_year: Record<string, number>;
  portfolios: Companion[];
  newest: Hit[];
}

export interface PortfolioProfile extends BrowseEntry {
  per_year: Record<string, number>;
  /** Who released under this portfolio, in order of first appearance. */
  ministers: Companion[];
  /**
   * Who most often issued the portfolio's releases, period by period: each year's most frequent issuer,
   * consecutive years of the same person joined. Usually the portfolio's minister.
   */
  issuers: Issuer[];
  /** Other portfolio names sharing this one's words (renamed portfolios, e.g. "Foreign Affairs and Trade"). */
  see_also: string[];
  newest: Hit[];
}

export interface Issuer {
  from: number;
  to: number;
  name: string;
  /** Releases in the portfolio the person issued in these years. */
  releases: number;
  /** All the portfolio's releases in these years. */
  of: number;
}

/**
 * The query text for a whole-value filter. The query language has no escape for `"` inside quotes
 * and no name in the corpus has one, so it is dropped.
 * @example
 * filterQuery('minister', 'John Key') // => 'minister:"John Key"'
 */
export function filterQuery(kind: 'minister' | 'portfolio', value: string): string {
  return `${kind}:"${value.replace(/"/g, '')}"`;
}

const memo = (archive: Archive) => archive.memo('browse', (): { ministers?: BrowseEntry[]; portfolios?: BrowseEntry[] } => ({}));

/**
 * Every person with at least one release, most releases first.
 * @example
 * ministers(archive)[0] // => { name: 'Winston Peters', releases: 2961, first: '1996-…', last: '20…' }
 */
export function ministers(archive: Archive): BrowseEntry[] {
  return (memo(archive).ministers ??= archive.db
    .prepare(
      `SELECT p.name AS name, count(*) AS releases, min(r.date) AS first, max(r.date) AS last
       FROM release_people rp JOIN people p ON p.id = rp.person JOIN releases r ON r.rowid = rp.release
       GROUP BY p.id ORDER BY releases DESC, p.name`,
    )
    .all() as BrowseEntry[]);
}

/** Every portfolio with at least one release, most releases first. */
export function portfolios(archive: Archive): BrowseEntry[] {
  return (memo(archive).portfolios ??= archive.db
    .prepare(
      `SELECT p.name AS name, count(*) AS releases, min(r.date) AS first, max(r.date) AS last
       FROM release_portfolios rp JOIN portfolios p ON p.id = rp.portfolio JOIN releases r ON r.rowid = rp.release
       GROUP BY p.id ORDER BY releases DESC, p.name`,
    )
    .all() as BrowseEntry[]);
}

function personId(archive: Archive, name: string): number {
  const ids = archive.personIds(findPerson(name) ?? name, personKey);
  const count = archive.db.prepare(`SELECT count(*) FROM release_people WHERE person = ?`).pluck();
  const best = ids.map((id) => [id, count.get(id) as number] as const).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new NotFoundError(`no minister named "${name}"; see /ministers for the list`);
  return best[0];
}

function portfolioId(archive: Archive, name: string): number {
  const id = archive.portfolioIds(foldKey(name))[0];
  if (id === undefined) throw new NotFoundError(`no portfolio named "${name}"; see /portfolios for the list`);
  return id;
}

/**
 * One minister: canonical name, aliases, releases per year, portfolios with their years, newest releases.
 * Any spelling the corpus uses finds the person. Throws `NotFoundError` for a name that is no one.
 * @example
 * minister(archive, 'Rt Hon John Key').name // => 'John Key'
 */
export function minister(archive: Archive, name: string, opts: { limit?: number } = {}): MinisterProfile {
  const id = personId(archive, name);
  const canonical = archive.personName(id);
  const aliases = (archive.db.prepare(`SELECT alias FROM aliases WHERE person = ? ORDER BY alias`).pluck().all(id) as string[]).filter((a) => a !== canonical);
  const span = archive.db
    .prepare(`SELECT count(*) AS releases, min(r.date) AS first, max(r.date) AS last FROM release_people rp JOIN releases r ON r.rowid = rp.release WHERE rp.person = ?`)
    .get(id) as { releases: number; first: string | null; last: string | null };
  const years = archive.db
    .prepare(`SELECT substr(r.date, 1, 4), count(*) FROM release_people rp JOIN releases r ON r.rowid = rp.release WHERE rp.person = ? AND r.date IS NOT NULL GROUP BY 1 ORDER BY 1`)
    .raw()
    .all(id) as [string, number][];
  const companions = archive.db
    .prepare(
      `SELECT po.name, count(*), group_concat(DISTINCT substr(r.date, 1, 4))
       FROM release_people rp JOIN release_portfolios rpo ON rpo.release = rp.release
       JOIN portfolios po ON po.id = rpo.portfolio JOIN releases r ON r.rowid = rp.release
       WHERE rp.person = ? GROUP BY po.id ORDER BY min(r.date IS NULL, 0), min(r.date), po.name`,
    )
    .raw()
    .all(id) as [string, number, string | null][];
  return {
    name: canonical,
    ...span,
    aliases,
    per_year: fillYears(years),
    portfolios: companions.map(toCompanion).sort(byFirstYear),
    newest: search(archive, filterQuery('minister', canonical), { sort: 'newest', limit: opts.limit ?? 10 }).hits,
  };
}

/**
 * One portfolio: releases per year, the ministers over time, related names, newest releases.
 * Throws `NotFoundError` for a name no release uses.
 * @example
 * portfolio(archive, 'defence').ministers.map((m) => m.name) // => ['…', 'Gerry Brownlee', 'Ron Mark', …]
 */
export function portfolio(archive: Archive, name: string, opts: { limit?: number } = {}): PortfolioProfile {
  const id = portfolioId(archive, name);
  const canonical = archive.portfolioName(id);
  const span = archive.db
    .prepare(`SELECT count(*) AS releases, min(r.date) AS first, max(r.date) AS last FROM release_portfolios rp JOIN releases r ON r.rowid = rp.release WHERE rp.portfolio = ?`)
    .get(id) as { releases: number; first: string | null; last: string | null };
  if (span.releases === 0) throw new NotFoundError(`no portfolio named "${name}"; see /portfolios for the list`);
  const years = archive.db
    .prepare(`SELECT substr(r.date, 1, 4), count(*) FROM release_portfolios rp JOIN releases r ON r.rowid = rp.release WHERE rp.portfolio = ? AND r.date IS NOT NULL GROUP BY 1 ORDER BY 1`)
    .raw()
    .all(id) as [string, number][];
  const people = archive.db
    .prepare(
      `SELECT pe.name, count(*), group_concat(DISTINCT substr(r.date, 1, 4))
       FROM release_portfolios rpo JOIN release_people rp ON rp.release = rpo.release
       JOIN people pe ON pe.id = rp.person JOIN releases r ON r.rowid = rpo.release
       WHERE rpo.portfolio = ? GROUP BY pe.id`,
    )
    .raw()
    .all(id) as [string, number, string | null][];
  const perPersonYear = archive.db
    .prepare(
      `SELECT substr(r.date, 1, 4) AS y, pe.name, count(*) FROM release_portfolios rpo JOIN release_people rp ON rp.release = rpo.release
       JOIN people pe ON pe.id = rp.person JOIN releases r ON r.rowid = rpo.release
       WHERE rpo.portfolio = ? AND r.date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`,
    )
    .raw()
    .all(id) as [string, string, number][];
  const words = new Set(foldKey(canonical).split(/[^\p{L}]+/u).filter((w) => w.length > 3 && !GENERIC.has(w)));
  const seeAlso = portfolios(archive)
    .map((p) => p.name)
    .filter((n) => n !== canonical && foldKey(n).split(/[^\p{L}]+/u).some((w) => words.has(w)))
    .slice(0, 8);
  return {
    name: canonical,
    ...span,
    per_year: fillYears(years),
    ministers: people.map(toCompanion).sort(byFirstYear),
    issuers: issuersByPeriod(perPersonYear, years),
    see_also: seeAlso,
    newest: search(archive, filterQuery('portfolio', canonical), { sort: 'newest', limit: opts.limit ?? 10 }).hits,
  };
}

/** Each year's most frequent issuer (rows sorted by year, then count, largest first), runs of one person joined. */
function issuersByPeriod(rows: [string, string, number][], years: [string, number][]): Issuer[] {
  const total = new Map(years);
  const out: Issuer[] = [];
  let seen = '';
  for (const [y, name, n] of rows) {
    if (y === seen) continue;
    seen = y;
    const year = Number(y);
    const last = out[out.length - 1];
    if (last && last.name === name && last.to === year - 1) {
      last.to = year;
      last.releases += n;
      last.of += total.get(y) ?? 0;
    } else out.push({ from: year, to: year, name, releases: n, of: total.get(y) ?? 0 });
  }
  return out;
}

// Words many portfolio names share without being about the same thing.
const GENERIC = new Set(['associate', 'minister', 'responsible', 'affairs', 'relations', 'services', 'national', 'development', 'office', 'issues']);

function toCompanion([name, releases, years]: [string, number, string | null]): Companion {
  return { name, releases, years: (years ?? '').split(',').filter(Boolean).map(Number).sort((a, b) => a - b) };
}

function byFirstYear(a: Companion, b: Companion): number {
  return (a.years[0] ?? 9999) - (b.years[0] ?? 9999) || b.releases - a.releases || a.name.localeCompare(b.name);
}

function fillYears(rows: [string, number][]): Record<string, number> {
  const out: Record<string, number> = {};
  if (rows.length === 0) return out;
  const have = new Map(rows);
  for (let y = Number(rows[0]![0]); y <= Number(rows[rows.length - 1]![0]); y++) out[String(y)] = have.get(String(y)) ?? 0;
  return out;
}
