/** The most rows a CSV or JSONL export of a search holds. Stated on the about page and in the README. */
export const EXPORT_CAP = 10_000;
export const EXPORT_CAP_TEXT = `at most ${EXPORT_CAP.toLocaleString('en-NZ')} results each; the response headers X-Export-Rows and X-Export-Truncated say how many rows it holds and whether the cap cut it short`;
/** The deepest page offset the API and pages take; past it, narrow the query or use the CSV/JSONL export. */
export const MAX_OFFSET = 10_000;
