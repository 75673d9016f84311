// The library surface: cli/ and server/ import only from here.
export { PressroomError, BadQueryError, NotFoundError, UsageError, ArchiveFileError, EnvironmentError, RefusedError, OverloadedError, TooManyRequestsError } from './errors.ts';
export type { Release, ReleaseSummary, Rejection } from './corpus/types.ts';
export type { Fact } from './facts/types.ts';
export { readCorpus, parseRelease } from './corpus/read.ts';
export { fetchCorpus, cacheDir, CORPUS_REPO } from './corpus/fetch.ts';
export { ingest, type IngestSummary, type IngestOptions } from './store/ingest.ts';
export { defaultDbPath, isCurrentArchive } from './store/open.ts';
export { checkArchive, quickCheck, type CheckReport } from './store/archive-file.ts';
export { Archive } from './search/archive.ts';
export { search } from './search/search.ts';
export { related, type RelatedResult } from './search/related.ts';
export type { SearchResult, SearchOptions, Hit, Facets, Sort } from './search/types.ts';
export type { ReleaseRecord, Stats } from './search/release.ts';
export { escapeHtml, foldKey, unescapeHtml } from './text.ts';
export { ministers, portfolios, minister, portfolio, filterQuery, type BrowseEntry, type Companion, type MinisterProfile, type PortfolioProfile } from './search/browse.ts';
export { trends, MAX_TREND_QUERIES, type TrendsOptions, type TrendsResult, type TrendSeries } from './search/trends.ts';
export { matchingRows, searchAll } from './search/search.ts';
export { largestAmounts, amountCurrencies, formatMoney, formatAmount, type AmountEntry, type AmountsOptions, type AmountsResult } from './search/amounts.ts';
export { CURRENCIES, type AmountRange } from './search/query/amount.ts';
export type { HitAmount } from './search/types.ts';
// Updates and alerts.
export { SqliteStateStore, defaultStatePath } from './state/sqlite.ts';
export type { StateStore, Alert, Delivery } from './state/store.ts';
export { createAlert, describeAlert, type AlertInput, type CreatedAlert } from './alerts/alerts.ts';
export { deliverDue, type DeliverySummary } from './alerts/deliver.ts';
export { update, withUpdateLock, parseInterval, type UpdateSummary } from './update/update.ts';
export { loadVocabulary, QUERY_LIMITS, type QueryCost } from './search/query/limits.ts';
