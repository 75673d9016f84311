/** What describes a release wherever it is shown or listed; the other release shapes pick from it. */
export interface ReleaseSummary {
  /** The file name without `.md`: `YYYY-MM-DD-slug`. */
  id: string;
  title: string;
  /** `YYYY-MM-DD`, or null when the corpus says `0001-01-01` (unknown). */
  date: string | null;
  url: string;
  /** Canonical person names, in the order given, without debris. */
  ministers: string[];
  portfolios: string[];
}

/** A release's summary as the `releases` table stores it: the lists as JSON arrays. */
export type ReleaseSummaryRow = Omit<ReleaseSummary, 'ministers' | 'portfolios'> & { ministers: string; portfolios: string };

/** One release as read from the corpus, names normalised. */
export interface Release extends ReleaseSummary {
  /** Relative path inside the corpus folder, with forward slashes. */
  path: string;
  /** The raw ministers strings as the file has them (aliases and debris included). */
  ministersRaw: string[];
  attachments: string[];
  body: string;
  /** sha1 of the file's bytes: unchanged files are not rewritten. */
  hash: string;
}

/** A file that could not be read as a release, and why. Never silently dropped. */
export interface Rejection {
  path: string;
  line?: number;
  reason: string;
}
