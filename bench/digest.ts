// node --import tsx bench/digest.ts DB: a sha256 per table of an archive, to show that a change to ingest
// leaves what it stores unchanged. The full-text index is compared by its content (fts5vocab instances and
// per-row token counts), not by its b-tree pages, whose layout depends on how rows were batched.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

const file = process.argv[2];
if (!file) throw new Error('usage: bench/digest.ts ARCHIVE.db');
const db = new Database(file, { readonly: true });
db.exec(`CREATE VIRTUAL TABLE temp.fts_instances USING fts5vocab(main, fts, 'instance')`);

function digest(sql: string): string {
  const h = createHash('sha256');
  let n = 0;
  for (const row of db.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
    for (const v of row) h.update(v instanceof Buffer ? v.toString('hex') : JSON.stringify(v)).update('\x1f');
    h.update('\x1e');
    n++;
  }
  return `${h.digest('hex').slice(0, 16)} ${n}`;
}

const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'fts%' AND name NOT LIKE 'sqlite%' ORDER BY name`).pluck().all() as string[]);
for (const t of tables) {
  // When the archive was built is not part of what it holds.
  const where = t === 'meta' ? ` WHERE key <> 'ingested_at'` : '';
  const n = (db.prepare(`SELECT count(*) FROM pragma_table_info(?)`).pluck().get(t) as number) + 1;
  // The rowid too, where there is one: amounts are listed by theirs.
  const withoutRowid = /WITHOUT ROWID\s*$/i.test(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).pluck().get(t) as string);
  const cols = withoutRowid ? '0, *' : 'rowid, *';
  console.log(`${t.padEnd(20)} ${digest(`SELECT ${cols} FROM "${t}"${where} ORDER BY ${Array.from({ length: n }, (_, i) => i + 1).join(', ')}`)}`);
}
console.log(`${'schema'.padEnd(20)} ${digest(`SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY name`)}`);
console.log(`${'fts_docsize'.padEnd(20)} ${digest(`SELECT * FROM fts_docsize ORDER BY id`)}`);
console.log(`${'fts_config'.padEnd(20)} ${digest(`SELECT * FROM fts_config ORDER BY k`)}`);
if (!process.argv.includes('--quick')) console.log(`${'fts instances'.padEnd(20)} ${digest(`SELECT term, doc, col, "offset" FROM temp.fts_instances`)}`);
db.close();
