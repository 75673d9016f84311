/**
 * Browsing by person and portfolio: the lists with counts and years, and one minister's or one
 * portfolio's profile. Counts include exact copies, as search's facets do, so the numbers agree.
 */
import { findPerson, personKey } from '../corpus/normalise.ts';
import { fillYears } from '../calendar.ts';
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
  /**
   * Portfolios this one likely continues, or was continued as: one ended within weeks of the other
   * beginning, and the same person issued most of the releases of the one's last year and the other's first.
   */
  continues: Succession[];
  continued_as: Succession[];
  newest: Hit[];
}

/** A portfolio before or after a rename, with the person who issued most releases on both sides. */
export interface Succession {
  name: string;
  first: string;
  last: string;
  by: string;
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

/** Where each kind of entry lives: its link table, the link's column and the table of its names. */
const KINDS = {
  minister: { links: 'release_people', key: 'person', names: 'people' },
  portfolio: { links: 'release_portfolios', key: 'portfolio', names: 'portfolios' },
} as const;
type Kind = keyof typeof KINDS;

function entries(archive: Archive, kind: Kind): BrowseEntry[] {
  const { links, key, names } = KINDS[kind];
  return archive.db
    .prepare(
      `SELECT p.name AS name, count(*) AS releases, min(r.date) AS first, max(r.date) AS last
       FROM ${links} rp JOIN ${names} p ON p.id = rp.${key} JOIN releases r ON r.rowid = rp.release
       GROUP BY p.id ORDER BY releases DESC, p.name`,
    )
    .all() as BrowseEntry[];
}

/**
 * Every person with at least one release, most releases first.
 * @example
 * ministers(archive)[0] // => { name: 'Winston Peters', releases: 2961, first: '1996-…', last: '20…' }
 */
export function ministers(archive: Archive): BrowseEntry[] {
  return (memo(archive).ministers ??= entries(archive, 'minister'));
}

/** Every portfolio with at least one release, most releases first. */
export function portfolios(archive: Archive): BrowseEntry[] {
  return (memo(archive).portfolios ??= entries(archive, 'portfolio'));
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
  const p = profile(archive, 'minister', id, canonical, opts.limit)!;
  return { name: canonical, ...p.span, aliases, per_year: p.per_year, portfolios: p.companions, newest: p.newest };
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
  const p = profile(archive, 'portfolio', id, canonical, opts.limit);
  if (!p) throw new NotFoundError(`no portfolio named "${name}"; see /portfolios for the list`);
  const words = new Set(foldKey(canonical).split(/[^\p{L}]+/u).filter((w) => w.length > 3 && !GENERIC.has(w)));
  const seeAlso = portfolios(archive)
    .map((e) => e.name)
    .filter((n) => n !== canonical && foldKey(n).split(/[^\p{L}]+/u).some((w) => words.has(w)))
    .slice(0, 8);
  const perPersonYear = archive.db
    .prepare(
      `SELECT substr(r.date, 1, 4) AS y, pe.name, count(*) FROM release_portfolios rpo JOIN release_people rp ON rp.release = rpo.release
       JOIN people pe ON pe.id = rp.person JOIN releases r ON r.rowid = rpo.release
       WHERE rpo.portfolio = ? AND r.date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`,
    )
    .raw()
    .all(id) as [string, string, number][];
  const issuers = issuersByPeriod(perPersonYear, Object.entries(p.per_year) as [string, number][]);
  const { continues, continued_as } = successions(archive, id);
  return { name: canonical, ...p.span, per_year: p.per_year, ministers: p.companions, issuers, see_also: seeAlso.filter((n) => ![...continues, ...continued_as].some((x) => x.name === n)), continues, continued_as, newest: p.newest };
}

/**
 * What the profiles of a minister and of a portfolio share: releases and their span, releases per year,
 * the entries of the other kind with the years they shared releases, and the newest releases.
 * Undefined when no release links to the entry.
 */
function profile(archive: Archive, kind: Kind, id: number, canonical: string, limit = 10) {
  const own = KINDS[kind];
  const other = KINDS[kind === 'minister' ? 'portfolio' : 'minister'];
  const span = archive.db
    .prepare(`SELECT count(*) AS releases, min(r.date) AS first, max(r.date) AS last FROM ${own.links} rp JOIN releases r ON r.rowid = rp.release WHERE rp.${own.key} = ?`)
    .get(id) as { releases: number; first: string | null; last: string | null };
  if (span.releases === 0) return undefined;
  const years = archive.db
    .prepare(`SELECT substr(r.date, 1, 4), count(*) FROM ${own.links} rp JOIN releases r ON r.rowid = rp.release WHERE rp.${own.key} = ? AND r.date IS NOT NULL GROUP BY 1`)
    .raw()
    .all(id) as [string, number][];
  const companions = archive.db
    .prepare(
      `SELECT o.name, count(*), group_concat(DISTINCT substr(r.date, 1, 4))
       FROM ${own.links} mine JOIN ${other.links} theirs ON theirs.release = mine.release
       JOIN ${other.names} o ON o.id = theirs.${other.key} JOIN releases r ON r.rowid = mine.release
       WHERE mine.${own.key} = ? GROUP BY o.id`,
    )
    .raw()
    .all(id) as [string, number, string | null][];
  return {
    span,
    per_year: fillYears(Object.fromEntries(years)),
    companions: companions.map(toCompanion).sort(byFirstYear),
    newest: search(archive, filterQuery(kind, canonical), { sort: 'newest', limit }).hits,
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

/** Portfolios with fewer releases than this are too thin to tell a rename from a one-off. */
const SUCCESSION_MIN_RELEASES = 10;
/** How far apart one portfolio's last release and the other's first may be: a month back, six weeks on. */
const SUCCESSION_OVERLAP_DAYS = 30;
const SUCCESSION_GAP_DAYS = 45;
/** A portfolio still in use this close to the archive's newest release has not ended. */
const STILL_IN_USE_DAYS = 180;

const dayMs = 86_400_000;
const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
const stem = (w: string) => w.replace(/s$/, '');
// Broader than see-also's words: "State Services" and "Public Service" share "service".
const ROLE_WORDS = new Set(['associate', 'minister', 'responsible']);
const nameWords = (name: string) => new Set(foldKey(name).split(/[^\p{L}]+/u).filter((w) => w.length > 3 && !ROLE_WORDS.has(w)).map(stem));

/**
 * Renames, found from the releases: the portfolios whose use ended within weeks of this one's beginning
 * (or began as it ended) and whose releases of the last year were mostly issued by the person who
 * issued most of this one's in its first (or the reverse). Where several qualify, one sharing a word of
 * the name is taken, else the closest in time: "Canterbury Earthquake Recovery" continues
 * "Earthquake Recovery" and is continued as "Greater Christchurch Regeneration".
 */
function successions(archive: Archive, id: number): { continues: Succession[]; continued_as: Succession[] } {
  const spans = archive.memo('browse:portfolio-spans', () =>
    archive.db
      .prepare(
        `SELECT rp.portfolio AS id, p.name, min(r.date) AS first, max(r.date) AS last, count(*) AS n FROM release_portfolios rp
         JOIN portfolios p ON p.id = rp.portfolio JOIN releases r ON r.rowid = rp.release WHERE r.date IS NOT NULL GROUP BY rp.portfolio HAVING n >= ${SUCCESSION_MIN_RELEASES}`,
      )
      .all() as { id: number; name: string; first: string; last: string; n: number }[],
  );
  const me = spans.find((s) => s.id === id);
  if (!me) return { continues: [], continued_as: [] };
  const newest = archive.stats().last ?? me.last;
  const ended = (s: { last: string }) => plusDays(s.last, STILL_IN_USE_DAYS) < newest;
  const lead = archive.db.prepare(
    `SELECT pe.name FROM release_portfolios rp JOIN release_people x ON x.release = rp.release JOIN people pe ON pe.id = x.person
     JOIN releases r ON r.rowid = rp.release WHERE rp.portfolio = ? AND r.date BETWEEN ? AND ? GROUP BY pe.id ORDER BY count(*) DESC, pe.name LIMIT 1`,
  ).pluck();
  const firstYear = (s: { id: number; first: string }) => lead.get(s.id, s.first, plusDays(s.first, 365)) as string | undefined;
  const lastYear = (s: { id: number; last: string }) => lead.get(s.id, plusDays(s.last, -365), s.last) as string | undefined;
  const mine = nameWords(me.name);
  const pick = (found: (Succession & { gap: number })[]) => {
    if (found.length === 0) return [];
    const sharing = found.filter((f) => [...nameWords(f.name)].some((w) => mine.has(w)));
    const best = (sharing.length ? sharing : found).sort((a, b) => Math.abs(a.gap) - Math.abs(b.gap))[0]!;
    return [{ name: best.name, first: best.first, last: best.last, by: best.by }];
  };
  const before: (Succession & { gap: number })[] = [];
  const after: (Succession & { gap: number })[] = [];
  for (const s of spans) {
    if (s.id === id) continue;
    const gapBefore = (Date.parse(me.first) - Date.parse(s.last)) / dayMs;
    if (ended(s) && gapBefore >= -SUCCESSION_OVERLAP_DAYS && gapBefore <= SUCCESSION_GAP_DAYS && s.first < me.first) {
      const by = firstYear(me);
      if (by && lastYear(s) === by) before.push({ name: s.name, first: s.first, last: s.last, by, gap: gapBefore });
    }
    const gapAfter = (Date.parse(s.first) - Date.parse(me.last)) / dayMs;
    if (ended(me) && gapAfter >= -SUCCESSION_OVERLAP_DAYS && gapAfter <= SUCCESSION_GAP_DAYS && s.last > me.last) {
      const by = lastYear(me);
      if (by && firstYear(s) === by) after.push({ name: s.name, first: s.first, last: s.last, by, gap: gapAfter });
    }
  }
  return { continues: pick(before), continued_as: pick(after) };
}
