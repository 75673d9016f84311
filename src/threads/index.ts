import type { Archive } from '../search/archive.ts';
import { Threads, type ThreadResult } from './thread.ts';

export { Threads, type ThreadRelease, type ThreadResult } from './thread.ts';


/**
 * The story thread of release `id`: the releases about the same matter, oldest first, each with its
 * role and what links it. Throws `NotFoundError` for an unknown id.
 * @example
 * threadOf(archive, '2019-06-10-new-zealand-withdraw-iraq-june-2020').thread
 * // => '2015-02-24-government-approves-nzdf-training-mission-iraq'
 */
export function threadOf(archive: Archive, id: string): ThreadResult {
  // One thread finder per archive generation, so its caches serve every caller and go with an ingest.
  return archive.memo('threads', () => new Threads(archive)).thread(id);
}
