import type { ReleaseSummary } from '../corpus/types.ts';
import type { Fact } from '../facts/types.ts';

/** One release as the archive serves it (`show`, `/api/releases/:id`). */
export interface ReleaseRecord extends ReleaseSummary {
  /** The ministers field as the corpus has it, debris included. */
  ministers_raw: string[];
  attachments: string[];
  body: string;
  facts: Fact[];
  /** Ids of exact copies of this release (same title and body). */
  duplicates: string[];
  path: string;
}

export interface Stats {
  releases: number;
  undated: number;
  people: number;
  portfolios: number;
  first: string | null;
  last: string | null;
  per_year: Record<string, number>;
  ingested_at: string | null;
}
