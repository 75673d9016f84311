/** The query language (DESIGN "Query language"): parse user text, compile it for FTS5. */
export { lex, tokenize, type Lexeme, type FilterName } from './lex.ts';
export { parseQuery, dateSpan, MAX_TEXT_ITEMS, type QueryNode, type ParsedQuery, type Filters, type DateSpan } from './parse.ts';
export { compileQuery, quote, type CompiledQuery, type CompileOptions, type Clause } from './compile.ts';
export { SynonymTable, shippedSynonyms } from './synonyms.ts';
export { parseAmountFilter, inAmountRange, CURRENCIES, type AmountRange } from './amount.ts';
export { boundedQuery, checkQueryShape, estimateCost, QUERY_LIMITS, type QueryCost } from './limits.ts';
