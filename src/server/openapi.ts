/** The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`. */
import { EXPORT_CAP } from '../web/constants.ts';
import { z } from 'zod';
import { amountsParams, exportParams, limitParam, searchParams, trendsParams } from './params.ts';

const error = { $ref: '#/components/responses/Error' };
const busy = { $ref: '#/components/responses/Busy' };

/**
 * The query parameters of a route, generated from the zod schema that checks them (params.ts), so that
 * the document and the checks cannot drift. `only` picks some of them, in that order.
 */
function parameters(schema: z.ZodObject, only?: string[]): object[] {
  const doc = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    // The checks read integers from text (a pattern of digits); the document states the integer, and
    // the default the route applies (zod drops a `default` set on a transform, hence `routeDefault`).
    override: ({ jsonSchema }) => {
      if (jsonSchema.type === 'integer') delete jsonSchema.pattern;
      if ('routeDefault' in jsonSchema) {
        jsonSchema.default = jsonSchema.routeDefault;
        delete jsonSchema.routeDefault;
      }
    },
  }) as { properties: Record<string, { description?: string; examples?: unknown[]; type?: string }> };
  return (only ?? Object.keys(doc.properties)).map((name) => {
    const { description, examples, ...rest } = doc.properties[name]!;
    return {
      name,
      in: 'query',
      ...(description ? { description } : {}),
      schema: rest,
      ...(examples ? { example: examples[0] } : {}),
      ...(rest.type === 'array' ? { style: 'form', explode: true } : {}),
    };
  });
}

const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: '2015-02-24-pm-announces-contribution-coalition-against-isil' };
const name = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
const json = (schema: object) => ({ 'application/json': { schema } });
const ok = (description: string, schema: object) => ({ description, content: json(schema) });

export const openapi = {
  openapi: '3.1.0',
  info: {
    title: 'pressroom',
    version: '0.1.0',
    description: 'Search and browse New Zealand government press releases (beehive.govt.nz, Crown copyright). Errors are `{ "error": "…" }` with status 400 (a parameter to change) or 404 (unknown id or name).',
  },
  paths: {
    '/api/search': { get: { summary: 'Search releases', parameters: parameters(searchParams, ['q', 'limit', 'offset', 'sort']), responses: { 200: ok('Matching releases, one page, with facets over all of them', { $ref: '#/components/schemas/SearchResult' }), 400: error, 503: busy } } },
    '/api/releases/{id}': { get: { summary: 'One release with its facts', parameters: [id], responses: { 200: ok('The release', { $ref: '#/components/schemas/Release' }), 404: error } } },
    '/api/releases/{id}/related': { get: { summary: 'Releases about the same matter, oldest first', parameters: [id, ...parameters(limitParam)], responses: { 200: ok('Related releases', { type: 'object', properties: { id: { type: 'string' }, hits: { type: 'array', items: { $ref: '#/components/schemas/Hit' } } } }), 404: error } } },
    '/api/trends': {
      get: {
        summary: 'Share of releases per period matching each query',
        parameters: parameters(trendsParams),
        responses: { 200: ok('Periods, all releases per period, and per query the counts and shares', { $ref: '#/components/schemas/Trends' }), 400: error, 429: busy, 503: busy },
      },
    },
    '/api/amounts': {
      get: {
        summary: 'The largest amounts of money the releases state, largest first, per portfolio and year',
        description: 'Rates ("$20 an hour") are left out, a range counts as its top, a figure a release repeats is listed once, and exact copies of a release are not listed again. Amounts are never converted between currencies.',
        parameters: parameters(amountsParams),
        responses: { 200: ok('One page of amounts, the total over all pages, and the largest of each year', { $ref: '#/components/schemas/Amounts' }), 400: error, 404: error },
      },
    },
    '/api/ministers': { get: { summary: 'Every minister with releases', responses: { 200: ok('Ministers, most releases first', { type: 'array', items: { $ref: '#/components/schemas/BrowseEntry' } }) } } },
    '/api/ministers/{name}': { get: { summary: 'One minister: aliases, releases per year, portfolios, newest releases', parameters: [name], responses: { 200: ok('The profile', { type: 'object' }), 404: error } } },
    '/api/portfolios': { get: { summary: 'Every portfolio with releases', responses: { 200: ok('Portfolios, most releases first', { type: 'array', items: { $ref: '#/components/schemas/BrowseEntry' } }) } } },
    '/api/portfolios/{name}': { get: { summary: 'One portfolio: releases per year, ministers over time, newest releases', parameters: [name], responses: { 200: ok('The profile', { type: 'object' }), 404: error } } },
    '/healthz': { get: { summary: 'Liveness, answered even when every search worker is busy', responses: { 200: ok('The pool', { type: 'object', properties: { status: { const: 'ok' }, workers: { type: 'integer' }, busy: { type: 'integer' }, queued: { type: 'integer' }, abandoned: { type: 'integer' }, restarts: { type: 'integer' }, restart_ms: { type: ['integer', 'null'] }, cancelled: { type: 'integer' } } }) } } },
    '/api/stats': { get: { summary: 'What the archive holds', responses: { 200: ok('Counts and span', { type: 'object' }) } } },
    '/search.csv': { get: { summary: `Every hit of a search as CSV, at most ${EXPORT_CAP}; headers X-Export-Rows, X-Export-Truncated`, parameters: parameters(exportParams), responses: { 200: { description: 'CSV (RFC 4180) after a UTF-8 byte order mark, with a header row; named after the query', content: { 'text/csv': {} } }, 400: error, 429: busy, 503: busy } } },
    '/search.jsonl': { get: { summary: `Every hit of a search as JSON Lines, at most ${EXPORT_CAP}`, parameters: parameters(exportParams), responses: { 200: { description: 'One Hit per line (with body and amounts when asked for); named after the query', content: { 'application/x-ndjson': {} } }, 400: error, 429: busy, 503: busy } } },
    '/search.atom': { get: { summary: 'Atom feed of the newest releases matching a query', parameters: parameters(searchParams, ['q']), responses: { 200: { description: 'Atom 1.0', content: { 'application/atom+xml': {} } }, 400: error } } },
    '/api/alerts': { post: { summary: 'Create an alert: a saved query whose new matches are delivered by webhook, email (after confirmation) or a private feed. At most 10 an hour per address', requestBody: { content: json({ type: 'object', required: ['query'], properties: { query: { type: 'string' }, kind: { type: 'string', enum: ['releases', 'commitments'], default: 'releases' }, ahead: { type: 'integer', minimum: 0, maximum: 24, default: 1 }, webhook: { type: 'string', format: 'uri' }, email: { type: 'string', format: 'email' }, feed: { type: 'boolean' } } }) }, responses: { 201: ok('The alert with its secret (signs webhooks), token (manages it) and feed URL, shown once', { type: 'object' }), 400: error, 429: error } } },
    '/api/alerts/{id}': { parameters: [id, { name: 'Authorization', in: 'header', required: true, schema: { type: 'string' }, example: 'Bearer TOKEN' }], get: { summary: 'The alert and its deliveries', responses: { 200: ok('The alert, without its secret', { type: 'object' }), 404: error } }, delete: { summary: 'Remove the alert', responses: { 204: { description: 'Removed' }, 404: error } } },
  },
  components: {
    responses: {
      Error: { description: 'What to change', content: json({ type: 'object', required: ['error'], properties: { error: { type: 'string' } } }) },
      Busy: {
        description: 'Overloaded (503: the queue is full, or the request ran past its 2 s budget) or too many exports and trends from one client at once (429). Try again after Retry-After seconds.',
        headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } },
        content: json({ type: 'object', required: ['error'], properties: { error: { type: 'string' } } }),
      },
    },
    schemas: {
      Hit: {
        type: 'object',
        properties: {
          id: { type: 'string' }, title: { type: 'string' }, date: { type: ['string', 'null'], format: 'date' }, url: { type: 'string', format: 'uri' },
          ministers: { type: 'array', items: { type: 'string' } }, portfolios: { type: 'array', items: { type: 'string' } }, score: { type: 'number' },
          snippet: { type: 'string', description: 'HTML-safe text with matches in <mark>' }, duplicates: { type: 'array', items: { type: 'string' } },
          missing: { type: 'array', items: { type: 'string' }, description: 'only when the search relaxed: the query words this release lacks' },
          amounts: { type: 'array', items: { $ref: '#/components/schemas/Amount' }, description: 'Only when the query has a money filter: the amounts matched, largest first, at most three' },
        },
      },
      Amount: {
        type: 'object',
        required: ['value', 'currency', 'text', 'start', 'end', 'fact'],
        properties: {
          value: { type: 'number', description: 'Whole currency units; the low end of a range' }, value_max: { type: 'number', description: 'The top of a range' },
          currency: { type: 'string', description: 'ISO 4217' }, qualifier: { type: 'string' }, text: { type: 'string', description: 'Exactly the body between start and end' },
          start: { type: 'integer' }, end: { type: 'integer' }, fact: { type: 'integer', description: 'Index among the release facts; the release page marks it at #fact-N (-1 if not found)' },
        },
      },
      AmountEntry: {
        allOf: [
          { $ref: '#/components/schemas/Amount' },
          {
            type: 'object',
            properties: {
              snippet: { type: 'string', description: 'HTML-safe: the sentence stating the amount, the amount in <mark>' },
              release: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, date: { type: ['string', 'null'] }, url: { type: 'string' }, ministers: { type: 'array', items: { type: 'string' } }, portfolios: { type: 'array', items: { type: 'string' } }, duplicates: { type: 'array', items: { type: 'string' } } } },
            },
          },
        ],
      },
      Amounts: {
        type: 'object',
        properties: {
          portfolio: { type: ['string', 'null'] }, year: { type: ['integer', 'null'] }, currency: { type: 'string' }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, took_ms: { type: 'number' },
          amounts: { type: 'array', items: { $ref: '#/components/schemas/AmountEntry' } },
          per_year: { type: 'array', items: { type: 'object', properties: { year: { type: 'integer' }, amounts: { type: 'integer' }, largest: { $ref: '#/components/schemas/AmountEntry' } } } },
        },
      },
      SearchResult: {
        type: 'object',
        properties: {
          query: { type: 'string' }, total: { type: 'integer', description: 'Every matching release, exact copies included' }, total_hits: { type: 'integer', description: 'The hits the pages go through: matches with exact copies folded together' }, limit: { type: 'integer' }, offset: { type: 'integer' }, sort: { type: 'string' }, took_ms: { type: 'number' },
          hits: { type: 'array', items: { $ref: '#/components/schemas/Hit' } },
          facets: { type: 'object', properties: { year: { type: 'object', description: 'Matches per year ("2015"), releases of unknown date under "undated"; the counts add up to total', additionalProperties: { type: 'integer' } }, minister: { type: 'object', additionalProperties: { type: 'integer' } }, portfolio: { type: 'object', additionalProperties: { type: 'integer' } } } },
          did_you_mean: { type: 'string' },
          relaxed: {
            type: 'object', description: 'present when few releases have every word and the results are releases with most of them',
            properties: { matched_all: { type: 'integer' }, dropped: { type: 'array', items: { type: 'string' } } },
          },
          minister_names: {
            type: 'array', description: 'how minister: values that are not a full name were read',
            items: { type: 'object', properties: { typed: { type: 'string' }, people: { type: 'array', items: { type: 'string' } }, how: { type: 'string', enum: ['part', 'ambiguous', 'near', 'none'] } } },
          },
        },
      },
      Fact: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['money', 'count', 'date', 'duration', 'percent'] }, value: { type: ['number', 'string'] }, unit: { type: 'string' },
          value_max: { type: ['number', 'string'] }, currency: { type: 'string' }, qualifier: { type: 'string' }, text: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' },
        },
      },
      Release: {
        type: 'object',
        properties: {
          id: { type: 'string' }, title: { type: 'string' }, date: { type: ['string', 'null'] }, url: { type: 'string' }, ministers: { type: 'array', items: { type: 'string' } },
          ministers_raw: { type: 'array', items: { type: 'string' } }, portfolios: { type: 'array', items: { type: 'string' } }, attachments: { type: 'array', items: { type: 'string' } },
          body: { type: 'string', description: 'Markdown' }, facts: { type: 'array', items: { $ref: '#/components/schemas/Fact' } }, duplicates: { type: 'array', items: { type: 'string' } },
          path: { type: 'string', description: 'The file within the corpus, e.g. releases/2015/02/….md' },
        },
      },
      BrowseEntry: { type: 'object', properties: { name: { type: 'string' }, releases: { type: 'integer' }, first: { type: ['string', 'null'] }, last: { type: ['string', 'null'] } } },
      Trends: {
        type: 'object',
        properties: {
          by: { type: 'string' }, periods: { type: 'array', items: { type: 'string' } }, releases: { type: 'array', items: { type: 'integer' } },
          series: { type: 'array', items: { type: 'object', properties: { query: { type: 'string' }, total: { type: 'integer' }, counts: { type: 'array', items: { type: 'integer' } }, share: { type: 'array', items: { type: 'number' } } } } },
        },
      },
    },
  },
} as const;
