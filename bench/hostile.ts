/**
 * What `npm run fuzz` and `npm run soak` share: a seeded generator of requests an attacker or an unlucky
 * user would send (grammar-aware queries, FTS5 and SQL syntax, unicode, huge inputs, repeated and odd
 * parameters), a server over an archive in a child process, and a runner that reports 5xx, connection
 * errors, latency percentiles and every request past its budget.
 */
import { seededRandom, type Random } from '../test/helpers/random.ts';
import { startServer as startLoadServer, type ChildServer } from './load.ts';

/** The budget of a page or API call (src/server/pool.ts), and of an export's first byte. */
export const BUDGET_MS = 2000;
/** An export's whole budget. */
export const EXPORT_BUDGET_MS = 60_000;
/** Time allowed past a budget for the refusal itself to arrive (timer, terminate, the response). */
const GRACE_MS = 250;

export interface Probe {
  path: string;
  /** Milliseconds it may take to answer; past it only a 400 or 503 is acceptable. */
  budgetMs: number;
}

const COMMON = ['the', 'to', 'government', 'new', 'zealand', 'minister', 'health', 'funding', 'housing', 'school', 'and', 'for', 'of'];
const RARE = ['Taji', 'Bamiyan', 'KiwiSaver', 'Kaikōura', 'Māori', 'Whanganui', 'ISIL', 'Daesh', 'COVID-19', 'roading', 'earthquake', 'Ōtautahi'];
const PREFIXES = ['a*', 'th*', 'co*', 'gov*', 'hous*', 'kiwisav*', 'the*', 'con*', 'immigra*', 'pre*', 'x*', '*', '**', 'a**', 'zz*'];
const SYNTAX = [
  'NEAR(a b)', 'NEAR(the to, 2)', 'title:Taji', 'body:the', '{title body}:x', '^start', 'a + b', '"a" "b" a**', 'AND OR NOT', '(((', ')))', 'a:b:c',
  '"unbalanced', 'a OR', 'OR a', 'NOT', '- -', '--', '*a*', 'a*b*c*', 'rowid:1', 'fts MATCH', 'x"y', "it's", '\\', '\\"', '%', '_', '[a-z]',
];
const SQL = ["'; DROP TABLE releases; --", "' OR 1=1 --", '" OR ""="', '1; SELECT * FROM meta', "') UNION SELECT sql FROM sqlite_master --", 'x\u0000y', '/*', '*/'];
const UNICODE = ['😀', '👩‍👩‍👧', '\u202eevil', 'a\u0301\u0301\u0301', '\u200b', '\ufeff', 'ﬁnance', 'ＴＡＪＩ', 'الحكومة', '政府', 'ß', 'İstanbul', '\ud800', 'e\u0301', '\u0000'];
const FILTERS = ['minister:"John Key"', 'minister:Ardern', 'portfolio:Defence', 'portfolio:"Civil Defence"', 'year:2015', 'year:abc', 'year:99999', 'from:2015-02', 'to:2015-13', 'from:2020 to:2010', 'money>100m', 'money>abc', 'money:1m..10m', 'money>usd1b', 'money<=50k money>1b', 'minister:', '-minister:x'];
const ROUTES_Q = ['/api/search', '/search', '/search.atom', '/search.csv', '/search.jsonl', '/api/trends', '/trends', '/trends.csv'];
const IDS = ['2015-02-24-pm-announces-contribution-coalition-against-isil', '../../etc/passwd', '%2e%2e%2f', 'x'.repeat(3000), '0001-01-01-date-unknown', 'nope'];

function word(r: Random): string {
  const x = r.next();
  if (x < 0.35) return r.pick(COMMON);
  if (x < 0.6) return r.pick(RARE);
  if (x < 0.7) return r.pick(PREFIXES);
  if (x < 0.78) return `"${r.pick(COMMON)} ${r.pick(RARE)}"`;
  if (x < 0.84) return `-${r.pick(RARE)}`;
  if (x < 0.9) return r.pick(FILTERS);
  if (x < 0.95) return r.pick(UNICODE);
  return r.pick(SYNTAX);
}

/** A query from the language's grammar, or a hostile one. */
export function hostileQuery(r: Random): string {
  const x = r.next();
  if (x < 0.45) {
    const n = r.int(1, 5);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(i > 0 && r.next() < 0.25 ? `OR ${word(r)}` : r.next() < 0.05 ? `NOT ${word(r)}` : word(r));
    return parts.join(' ');
  }
  if (x < 0.55) return r.pick(SYNTAX);
  if (x < 0.62) return r.pick(SQL);
  if (x < 0.7) return Array.from({ length: r.int(1, 4) }, () => r.pick(UNICODE)).join(r.pick(['', ' ']));
  if (x < 0.76) return r.pick(PREFIXES);
  if (x < 0.8) return Array.from({ length: r.int(10, 60) }, () => r.pick([...COMMON, ...RARE])).join(' OR ');
  if (x < 0.84) return Array.from({ length: r.int(30, 900) }, () => word(r)).join(' ');
  if (x < 0.87) return r.pick(['a', 'x', 'the ', '(', '"', '😀']).repeat(r.int(1000, 6000));
  if (x < 0.9) return r.pick(FILTERS);
  return r.pick(RARE);
}

const enc = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    // A lone surrogate: send it as broken percent-encoding instead.
    return '%ED%A0%80';
  }
};

/** One request: a route, a query and odd parameters, with its budget. */
export function hostileProbe(r: Random): Probe {
  const x = r.next();
  if (x < 0.08) {
    const id = r.pick(IDS);
    const path = r.pick([`/api/releases/${enc(id)}`, `/releases/${enc(id)}`, `/api/releases/${enc(id)}/related?limit=${r.pick(['5', '0', '-1', '100', '1e9'])}`, `/ministers/${enc(r.pick(RARE))}`, `/api/portfolios/${enc(r.pick(FILTERS))}`]);
    return { path, budgetMs: BUDGET_MS };
  }
  if (x < 0.1) {
    return { path: r.pick(['/%E0%A4%A', '/search?q=%ZZ', '/api/search?q=%', '/api/amounts?limit=abc', '/api/amounts?currency=XXX', '/healthz', '/api/stats', '/api/openapi.json', '/static/..%2f..%2fpackage.json', '/robots.txt', '/nope']), budgetMs: BUDGET_MS };
  }
  const route = r.pick(ROUTES_Q);
  const params: string[] = [`q=${enc(hostileQuery(r))}`];
  if (r.next() < 0.15) params.push(`q=${enc(hostileQuery(r))}`);
  if (r.next() < 0.2) params.push(`limit=${r.pick(['1', '10', '100', '101', '0', '-5', 'abc', '1e3', ''])}`);
  if (r.next() < 0.2) params.push(`offset=${r.pick(['0', '10', '9990', '10001', '-1', 'x', '99999999999999999999'])}`);
  if (r.next() < 0.15) params.push(`sort=${r.pick(['newest', 'oldest', 'relevance', 'random', ''])}`);
  if (r.next() < 0.1) params.push(`by=${r.pick(['year', 'month', 'day'])}`, `from=${r.pick(['2015', '2015-13', 'x'])}`);
  if (r.next() < 0.1) params.push(`columns=${r.pick(['body', 'amounts', 'body,amounts', 'secrets', 'body,body', ''])}`);
  if (r.next() < 0.05) params.push(`${r.pick(['q[]', 'Q', '__proto__', 'constructor'])}=${enc(r.pick(RARE))}`);
  const exportRoute = route === '/search.csv' || route === '/search.jsonl';
  return { path: `${route}?${params.join('&')}`, budgetMs: exportRoute ? EXPORT_BUDGET_MS : BUDGET_MS };
}

export function* probes(seed: number, n: number): Generator<Probe> {
  const r = seededRandom(seed);
  for (let i = 0; i < n; i++) yield hostileProbe(r);
}

export interface Outcome {
  path: string;
  status: number;
  /** Milliseconds to the end of the body; for exports `firstMs` is to the headers. */
  ms: number;
  firstMs: number;
  budgetMs: number;
}

export interface HostileReport {
  requests: number;
  statuses: Record<string, number>;
  server_errors: number;
  connection_errors: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Past its budget at all, whatever the answer. */
  over_budget: Outcome[];
  /** Past its budget without being a 400, 429 or 503 within it: what must never happen. */
  late: Outcome[];
  errors: string[];
}

/** Sends the probes, `concurrency` at a time, reading every body; collects what came back. */
export async function fire(base: string, all: Iterable<Probe>, concurrency: number, outcomes: Outcome[] = [], errors: string[] = []): Promise<void> {
  const it = all[Symbol.iterator]();
  const worker = async () => {
    for (let next = it.next(); !next.done; next = it.next()) {
      const p = next.value;
      const t0 = performance.now();
      try {
        const res = await fetch(base + p.path, { signal: AbortSignal.timeout(p.budgetMs + 10_000), redirect: 'manual' });
        const firstMs = performance.now() - t0;
        await res.arrayBuffer();
        outcomes.push({ path: p.path, status: res.status, ms: performance.now() - t0, firstMs, budgetMs: p.budgetMs });
      } catch (err) {
        errors.push(`${p.path.slice(0, 120)}: ${(err as Error).cause ?? (err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export function report(outcomes: Outcome[], errors: string[]): HostileReport {
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0);
  const statuses: Record<string, number> = {};
  for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
  // A page must answer within its budget; an export must start within a page's and end within its own.
  const past = (o: Outcome) => o.ms > o.budgetMs || o.firstMs > BUDGET_MS;
  const refusal = (o: Outcome) => (o.status === 400 || o.status === 429 || o.status === 503) && o.firstMs <= BUDGET_MS + GRACE_MS;
  return {
    requests: outcomes.length + errors.length,
    statuses,
    server_errors: outcomes.filter((o) => o.status >= 500 && o.status !== 503).length,
    connection_errors: errors.length,
    p50_ms: at(0.5),
    p99_ms: at(0.99),
    max_ms: Math.round(times.at(-1) ?? 0),
    over_budget: outcomes.filter(past),
    late: outcomes.filter((o) => past(o) && !refusal(o)),
    errors,
  };
}

export function printHostile(title: string, r: HostileReport): void {
  const line = (o: Outcome) => `    ${o.status} ${Math.round(o.ms)} ms (first byte ${Math.round(o.firstMs)} ms, budget ${o.budgetMs}) ${decodeURIComponentSafe(o.path).slice(0, 140)}`;
  console.log(
    [
      `${title}: ${r.requests} requests`,
      `  statuses ${JSON.stringify(r.statuses)}`,
      `  5xx (besides 503) ${r.server_errors}, connection errors ${r.connection_errors}`,
      `  latency p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, max ${r.max_ms} ms`,
      `  past budget: ${r.over_budget.length} (of which not a 400/429/503 in time: ${r.late.length})`,
      ...r.over_budget.slice(0, 40).map(line),
      ...r.errors.slice(0, 20).map((e) => `    connection error: ${e}`),
    ].join('\n'),
  );
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The benches' server, with no result cache: what the hostile requests meet is search itself. */
export const startServer = (db: string): Promise<ChildServer> => startLoadServer(db, { noCache: true });

export function flag(argv: string[], name: string): string | undefined {
  const k = argv.indexOf(`--${name}`);
  return k >= 0 ? argv[k + 1] : undefined;
}
