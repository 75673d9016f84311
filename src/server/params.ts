/**
 * Request parameters, checked at the boundary with zod. A bad value is a `UsageError` (400) whose
 * message names the parameter, what it got and what to send instead.
 */
import { z } from 'zod';
import { AMOUNT_KINDS, CURRENCIES, QUERY_LIMITS, UsageError } from '../index.ts';
import { MAX_OFFSET } from '../web/constants.ts';
import { OPTIONAL_COLUMNS } from './export.ts';

/** The longest query accepted; longer text is almost certainly not a search. */
export const MAX_QUERY_LENGTH = 5000;
/** The most hits one page returns. */
export const MAX_LIMIT = 100;

/** A whole number from text; `documented` is the default the route applies when it is absent, for the OpenAPI document. */
const int = (name: string, min: number, max: number, documented?: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `${name} must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `${name} must be at least ${min}` }).max(max, { message: `${name} must be at most ${max}` }))
    // What the OpenAPI document (openapi.ts, generated from these schemas) says the text must be.
    .meta({ type: 'integer', minimum: min, maximum: max, ...(documented === undefined ? {} : { routeDefault: documented }) });

const query = z.string().max(MAX_QUERY_LENGTH, { message: `q must be at most ${MAX_QUERY_LENGTH} characters; shorten the query` }).meta({
  description:
    `A query in the pressroom query language (words, "phrases", OR, -word, prefix*, minister:, portfolio:, year:, from:, to:, money>100m, money:1m..10m). ` +
    `Limits, each a 400 that says what to write instead: at most ${QUERY_LIMITS.maxItems} words and operators (filters not counted); at most ${QUERY_LIMITS.maxOrBranches} alternatives joined by OR; ` +
    `at least ${QUERY_LIMITS.minPrefixLetters} letters before a \`*\`, which may stand for at most ${QUERY_LIMITS.maxPrefixWords} index words holding at most ${QUERY_LIMITS.maxPrefixPostings.toLocaleString('en-NZ')} (word, release) pairs.`,
});

const date = (name: string) =>
  z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: `${name} must be a date: YYYY, YYYY-MM or YYYY-MM-DD` });

export const searchParams = z.object({
  q: query.default(''),
  sort: z.enum(['relevance', 'newest', 'oldest'], { message: 'sort must be one of relevance, newest, oldest' }).default('relevance'),
  limit: int('limit', 1, MAX_LIMIT, 10).optional(),
  offset: int('offset', 0, MAX_OFFSET, 0).default(0),
  amounts: z.enum(['announced', 'all'], { message: 'amounts must be announced or all' }).default('announced'),
});
export type SearchParams = z.infer<typeof searchParams>;

/** Exports take `columns=body,amounts` too: the optional columns, in any order, each at most once. */
export const exportParams = searchParams.omit({ limit: true, offset: true }).extend({
  columns: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((c) => c.trim()).filter(Boolean))
    .pipe(z.array(z.enum(OPTIONAL_COLUMNS, { message: `columns must be a comma-separated list of ${OPTIONAL_COLUMNS.join(', ')}` })))
    .transform((cs) => OPTIONAL_COLUMNS.filter((c) => cs.includes(c)))
    .meta({ description: 'Optional columns, comma-separated: body (the Markdown text), amounts (the amounts of money stated), e.g. body,amounts.' }),
});

export const trendsParams = z.object({
  q: z.array(query).max(5, { message: 'compare at most 5 queries: send q at most 5 times' }).default([]).meta({ description: 'Repeat up to 5 times, one query each.' }),
  by: z.enum(['year', 'month'], { message: 'by must be year or month' }).default('year'),
  from: date('from').optional(),
  to: date('to').optional(),
  show: z.enum(['share', 'count'], { message: 'show must be share or count' }).default('share'),
});
export type TrendsParams = z.infer<typeof trendsParams>;

export const limitParam = z.object({ limit: int('limit', 1, MAX_LIMIT, 10).optional() });

export const amountsParams = z.object({
  portfolio: z
    .string()
    .max(200, { message: 'portfolio must be at most 200 characters; use a name from /portfolios' })
    .optional()
    .meta({ description: 'A whole portfolio name, case-insensitively (see /api/portfolios); all portfolios when absent' }),
  year: z
    .string()
    .regex(/^\d{4}$/, { message: 'year must be four digits, e.g. 2020' })
    .transform(Number)
    .optional()
    .meta({ description: 'Releases of that year only; every year when absent' }),
  currency: z
    .string()
    .meta({ description: `ISO 4217, in any case: ${CURRENCIES.join(', ')}`, default: 'NZD' })
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(CURRENCIES, { message: `currency must be one of ${CURRENCIES.join(', ')}` }))
    .default('NZD'),
  kind: z.enum(AMOUNT_KINDS, { message: `kind must be one of ${AMOUNT_KINDS.join(', ')}` }).default('announced'),
  limit: int('limit', 1, MAX_LIMIT, 20).optional(),
  offset: int('offset', 0, MAX_OFFSET, 0).default(0),
});
export type AmountsParams = z.infer<typeof amountsParams>;

/**
 * Parses query parameters with a schema. Repeated parameters arrive as arrays only for the keys in
 * `arrays`; for the others a repeat keeps the first value, as most servers do.
 * @example
 * parseParams(searchParams, { q: ['Taji'], limit: ['x'] }) // throws UsageError('limit must be a whole number from 1 to 100 (got "x")')
 */
export function parseParams<S extends z.ZodType>(schema: S, raw: Record<string, string[]>, arrays: string[] = []): z.infer<S> {
  const input: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v.length === 0) continue;
    // An empty optional parameter (`limit=` from a form) means "not given".
    if (!arrays.includes(k) && v[0] === '' && k !== 'q') continue;
    input[k] = arrays.includes(k) ? v : v[0]!;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const got = key in input ? ` (got ${JSON.stringify(input[key]).slice(0, 80)})` : '';
  throw new UsageError(`${issue.message}${got}`);
}
