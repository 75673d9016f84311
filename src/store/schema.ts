/** Bumped whenever the schema or what ingest derives changes: an older file is rebuilt, not migrated. */
export const SCHEMA_VERSION = 7;

/** The tokenizer of the full-text index: Porter stems over Unicode words, diacritics folded (Kaikōura = Kaikoura). */
export const TOKENIZE = 'porter unicode61 remove_diacritics 2';

export const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE releases (
  rowid INTEGER PRIMARY KEY,
  -- Short columns first: reading them never follows a long body onto overflow pages.
  id TEXT NOT NULL,          -- unique: see releases_id
  path TEXT NOT NULL,
  hash TEXT NOT NULL,        -- sha1 of the file: unchanged files are skipped
  mtime_ms REAL NOT NULL,
  size INTEGER NOT NULL,
  content_key TEXT NOT NULL, -- sha1 of title and body: equal keys are exact copies
  date TEXT,                 -- YYYY-MM-DD, NULL when unknown
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  ministers TEXT NOT NULL,   -- JSON: canonical names
  ministers_raw TEXT NOT NULL,
  portfolios TEXT NOT NULL,
  attachments TEXT NOT NULL,
  lead TEXT NOT NULL,        -- the first paragraph, indexed apart so it can weigh more
  body TEXT NOT NULL,        -- Markdown; fact offsets index into it
  facts TEXT NOT NULL        -- Fact[] as compact JSON tuples, text left out (see src/facts/codec.ts)
);
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key TEXT NOT NULL);
CREATE TABLE aliases (alias TEXT PRIMARY KEY, person INTEGER NOT NULL REFERENCES people (id)) WITHOUT ROWID;
CREATE TABLE portfolios (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key TEXT NOT NULL);
CREATE TABLE release_people (release INTEGER NOT NULL, person INTEGER NOT NULL, PRIMARY KEY (release, person)) WITHOUT ROWID;
CREATE TABLE release_portfolios (release INTEGER NOT NULL, portfolio INTEGER NOT NULL, PRIMARY KEY (release, portfolio)) WITHOUT ROWID;
-- Money facts (also in releases.facts), in a table so amounts can be filtered and ranked: money>100m.
CREATE TABLE amounts (
  release INTEGER NOT NULL,
  value REAL NOT NULL,       -- whole currency units, never converted; the low end of a range
  value_max REAL,            -- the top of a range ("$2-3 million")
  currency TEXT NOT NULL,    -- ISO 4217: NZD unless the text says otherwise
  unit TEXT,                 -- set for rates: "$15.75 an hour" has unit 'hour'
  qualifier TEXT,            -- "up to", "more than", "a further"...
  text TEXT NOT NULL,        -- exactly body.slice(start, end)
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  class TEXT NOT NULL        -- 'announced' money, an 'other' figure (GDP, trade...) or 'implausible' (classifyMoney)
);
-- Sentences committing to a date (src/commitments/extract.ts), found at ingest; the text is body.slice(start, end).
CREATE TABLE commitments (
  release INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  kind TEXT NOT NULL,        -- act, review, report, finish, start, end
  subject TEXT NOT NULL,     -- what is committed, in a few words
  due_from TEXT NOT NULL,    -- YYYY-MM, the due window's first month
  due_to TEXT NOT NULL       -- YYYY-MM, its last
);
-- rowid -> the first of its exact copies; only releases that have copies are listed
CREATE TABLE copies (release INTEGER PRIMARY KEY, first INTEGER NOT NULL);
-- words of titles and leads with the number of releases using them: "did you mean" picks from these
CREATE TABLE vocab (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5 (
  title, lead, body,
  content = 'releases', content_rowid = 'rowid',
  tokenize = '${TOKENIZE}'
);
-- A 64 MB in-memory buffer before each flush to disk (the default is 1 MB): fewer, larger segments
-- to merge make a whole-corpus build about an eighth faster.
INSERT INTO fts (fts, rank) VALUES ('hashsize', 67108864);
-- Kept in order as rows come in rather than sorted once at the end: the writer waits on the workers a
-- quarter of the time, and doing it then beat the serial sort in 6 of 8 alternated whole-corpus builds.
CREATE UNIQUE INDEX releases_id ON releases (id);
CREATE INDEX releases_date ON releases (date);
-- What a re-ingest compares with the files, read without touching the long rows.
CREATE INDEX releases_files ON releases (id, path, hash, mtime_ms, size);
CREATE INDEX releases_content ON releases (content_key);
CREATE INDEX people_key ON people (key);
CREATE INDEX portfolios_key ON portfolios (key);
CREATE INDEX release_people_person ON release_people (person, release);
CREATE INDEX release_portfolios_portfolio ON release_portfolios (portfolio, release);
CREATE INDEX amounts_release ON amounts (release);
CREATE INDEX amounts_value ON amounts (currency, value);
CREATE INDEX commitments_release ON commitments (release);
CREATE INDEX commitments_due ON commitments (due_from, due_to);
`;
