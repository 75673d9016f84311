/** A real FTS5 table, configured as the archive's index is, for the query tests. */
import Database from 'better-sqlite3';

export interface Fts5Fixture {
  /** Runs `expr` as a MATCH and returns the matching rowids; throws what SQLite throws. */
  match(expr: string): number[];
  /** The tokens FTS5's unicode61 tokenizer (no stemming) finds in `text`, diacritics folded. */
  tokens(text: string): string[];
  close(): void;
}

export function openFts5Fixture(docs: { title: string; lead?: string; body?: string }[] = []): Fts5Fixture {
  const db = new Database(':memory:');
  db.exec(`
    CREATE VIRTUAL TABLE t USING fts5(title, lead, body, tokenize='porter unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE plain USING fts5(x, tokenize='unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE plain_vocab USING fts5vocab(plain, 'instance');
  `);
  const insert = db.prepare('INSERT INTO t (rowid, title, lead, body) VALUES (?, ?, ?, ?)');
  docs.forEach((d, i) => insert.run(i + 1, d.title, d.lead ?? '', d.body ?? ''));
  const select = db.prepare<[string], { rowid: number }>('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid');
  const put = db.prepare('INSERT INTO plain (rowid, x) VALUES (1, ?)');
  const vocab = db.prepare<[], { term: string }>('SELECT term FROM plain_vocab ORDER BY offset');
  const clear = db.prepare('DELETE FROM plain');
  return {
    match: (expr) => select.all(expr).map((r) => r.rowid),
    tokens: (text) => {
      clear.run();
      put.run(text);
      return vocab.all().map((r) => r.term);
    },
    close: () => db.close(),
  };
}
