/** The tables ingest derives from the releases once they are written, rebuilt whole after every change. */
import { buildColumns } from './columns.ts';
import type { DB } from './open.ts';
import { WordCounts } from './prepare.ts';

/**
 * Derived tables: exact copies, portfolios no release names, words, the columns search keeps in memory.
 * `words`: the title and lead words of every release with their counts (see `countWords`).
 */
export function writeDerived(db: DB, words: Map<string, number>): void {
  writeCopies(db);
  db.exec(`DELETE FROM portfolios WHERE id NOT IN (SELECT portfolio FROM release_portfolios)`);
  writeVocabulary(db, words);
  const stmt = db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`);
  stmt.run('columns', buildColumns(db));
  stmt.run('ingested_at', new Date().toISOString());
}

/** Each release that has exact copies, with the first of them (shortest id, then alphabetical). */
function writeCopies(db: DB): void {
  db.exec(`DELETE FROM copies;
    INSERT INTO copies (release, first)
      SELECT r.rowid, g.first FROM releases r
      JOIN (SELECT content_key, count(*) AS n,
        (SELECT rowid FROM releases c WHERE c.content_key = k.content_key ORDER BY length(c.id), c.id LIMIT 1) AS first
        FROM releases k GROUP BY content_key HAVING n > 1) g USING (content_key);`);
}

/** The words of every title and lead with the number of releases using each, read back from the archive. */
export function countWords(db: DB): Map<string, number> {
  const words = new WordCounts();
  for (const [title, lead] of db.prepare(`SELECT title, lead FROM releases`).raw().iterate() as Iterable<[string, string]>) {
    words.add(`${title} ${lead}`);
  }
  return words.counts();
}

/** Keeps the words used by two releases or more, for spelling suggestions. */
function writeVocabulary(db: DB, counts: Map<string, number>): void {
  db.exec(`DELETE FROM vocab`);
  const insert = db.prepare(`INSERT INTO vocab (word, n) VALUES (?, ?)`);
  for (const [w, n] of counts) if (n >= 2) insert.run(w, n);
}
