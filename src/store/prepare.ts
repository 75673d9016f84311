import { createHash } from 'node:crypto';
import { encodeFacts } from '../facts/codec.ts';
import type { Fact } from '../facts/types.ts';
import { classifyMoney, type MoneyClass } from '../facts/money.ts';
import type { Release, ReleaseSummaryRow } from '../corpus/types.ts';
import { extractCommitments } from '../commitments/extract.ts';
import { foldKey } from '../text.ts';

/** A money fact as the `amounts` table holds it: value, value_max, currency, unit, qualifier, text, start, end, class. */
export type AmountRow = [number, number | null, string, string | null, string | null, string, number, number, MoneyClass];

/** A commitment as the `commitments` table holds it: start, end, kind, subject, due_from, due_to. */
export type CommitmentRow = [number, number, string, string, string, string];

/**
 * Text as the writer binds it: a string, or its UTF-8 bytes (moved from a worker thread rather than
 * copied; the writer binds them `CAST(? AS TEXT)`, so they are stored as text all the same).
 */
export type Text = string | Uint8Array;

/**
 * A release with everything ingest derives from it, shaped as it is written: worker threads
 * build these, so the thread that owns the database only binds values.
 */
export interface PreparedRelease extends ReleaseSummaryRow {
  path: string;
  lead: Text;
  body: Text;
  /** JSON arrays, as stored. */
  ministers_raw: string;
  attachments: string;
  facts: Text;
  content_key: string;
  hash: string;
  /** Canonical names, for the link tables. */
  people: string[];
  portfolioNames: string[];
  /** The money facts, for the `amounts` table: a JSON array of `AmountRow`s, '' when there are none. */
  amounts: string;
  /** The sentences committing to a date, for the `commitments` table: a JSON array of `CommitmentRow`s, '' when none. */
  commitments: string;
}

/**
 * The lead: the first paragraph of the body, where a release says what it announces.
 * @example
 * leadOf('**Wellington** – The PM today announced X.\n\nMore.') // => 'Wellington – The PM today announced X.'
 */
export function leadOf(body: string): string {
  // Paragraph by paragraph, as body.split(PARAGRAPH_BREAK) would give them, stopping at the lead.
  PARAGRAPH_BREAK.lastIndex = 0;
  for (let from = 0; ; ) {
    const m = PARAGRAPH_BREAK.exec(body);
    const text = plainText(body.slice(from, m ? m.index : body.length));
    if (text.length >= 20) return text.slice(0, 1200);
    if (!m) return plainText(body.slice(0, 1200));
    from = m.index + m[0].length;
  }
}

const PARAGRAPH_BREAK = /\n\s*\n/g;

/** Markdown reduced to its words: emphasis, link targets, images and heading marks dropped. */
export function plainText(md: string): string {
  return md
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// Latin letters with their accented forms and combining marks: the corpus's words, Māori included.
const WORD = /[a-z\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]{3,}/g;

/**
 * For each word of three letters or more, folded (lower case, no diacritics), the number of texts
 * using it: what the spelling suggestions pick from.
 * @example
 * const words = new WordCounts();
 * words.add('Kaikōura quake: the Kaikoura recovery');
 * words.add('The quake');
 * words.counts() // => Map { 'kaikoura' => 1, 'quake' => 2, 'the' => 2, 'recovery' => 1 }
 */
export class WordCounts {
  // Per word, its count and the last text that counted it (a word counts once per text): one lookup a word.
  private seen = new Map<string, { n: number; last: number }>();
  private texts = 0;

  add(text: string): void {
    const at = ++this.texts;
    for (const w of text.toLowerCase().match(WORD) ?? []) {
      // Most words are ASCII and already folded.
      const folded = isAsciiLetters(w) ? w : foldKey(w);
      if (folded.length < 3) continue;
      const e = this.seen.get(folded);
      if (e === undefined) this.seen.set(folded, { n: 1, last: at });
      else if (e.last !== at) {
        e.last = at;
        e.n++;
      }
    }
  }

  counts(): Map<string, number> {
    const n = new Map<string, number>();
    for (const [w, e] of this.seen) n.set(w, e.n);
    return n;
  }
}

function isAsciiLetters(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * Texts as UTF-8, one after another in one new buffer (to transfer to another thread rather than
 * copy), and a view of each in it, in order.
 */
export function concatTexts(texts: readonly Text[]): { buffer: ArrayBuffer; views: Uint8Array[] } {
  let size = 0;
  for (const t of texts) size += typeof t === 'string' ? Buffer.byteLength(t) : t.length;
  const bytes = Buffer.allocUnsafeSlow(size);
  let at = 0;
  const views = texts.map((t) => {
    const n = typeof t === 'string' ? bytes.write(t, at) : (bytes.set(t, at), t.length);
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset + at, n);
    at += n;
    return view;
  });
  return { buffer: bytes.buffer as ArrayBuffer, views };
}

/**
 * Moves the long texts of `prepared` (body, lead, facts) into one buffer, to send to the writer
 * without copying: structured cloning of strings cost more than a second of a whole-corpus ingest.
 * Returns the buffer to list as transferable.
 */
export function packTexts(prepared: PreparedRelease[]): ArrayBuffer {
  const { buffer, views } = concatTexts(prepared.flatMap((p) => [p.body, p.lead, p.facts]));
  prepared.forEach((p, i) => {
    p.body = views[3 * i]!;
    p.lead = views[3 * i + 1]!;
    p.facts = views[3 * i + 2]!;
  });
  return buffer;
}

/**
 * What the writer stores of a release's facts: all of them encoded, its money as amount rows and its
 * commitments, the rows as JSON (the writer inserts them with json_each; a string also crosses threads
 * far cheaper than arrays of arrays).
 */
export interface StoredFacts {
  facts: string;
  amounts: string;
  commitments: string;
}

/**
 * The facts a body states (`extractFacts`), each amount classified, and the commitments read with them
 * (unless `commitments` is false, which only the bench uses), as the writer stores them.
 */
export function storedFacts(facts: readonly Fact[], body = '', date: string | null = null, commitments = true): StoredFacts {
  const amounts: AmountRow[] = [];
  for (const f of facts) {
    if (f.kind !== 'money' || typeof f.value !== 'number') continue;
    amounts.push([f.value, typeof f.value_max === 'number' ? f.value_max : null, f.currency ?? 'NZD',
      f.unit ?? null, f.qualifier ?? null, f.text, f.start, f.end, classifyMoney(body, f)]);
  }
  const rows: CommitmentRow[] = facts.length === 0 || !commitments ? [] : extractCommitments(body, date, facts as Fact[]).map((c) => [c.start, c.end, c.kind, c.subject, c.due.from, c.due.to]);
  return { facts: encodeFacts(facts), amounts: rowsJson(amounts), commitments: rowsJson(rows) };
}

function rowsJson(rows: readonly unknown[]): string {
  return rows.length ? JSON.stringify(rows) : '';
}

/**
 * A release ready for the writer, given its facts (`storedFacts`) and, when it has them, the UTF-8
 * bytes of its body, which are then hashed and stored as they are instead of encoding the text again.
 */
export function prepareRelease(release: Release, { facts, amounts, commitments }: StoredFacts, bodyBytes?: Uint8Array): PreparedRelease {
  const body: Text = bodyBytes ?? release.body;
  const contentKey = createHash('sha1').update(release.title).update('\0').update(body).digest('hex');
  const lead = leadOf(release.body);
  return {
    id: release.id, path: release.path, title: release.title, date: release.date, url: release.url, lead,
    body,
    ministers: JSON.stringify(release.ministers), ministers_raw: JSON.stringify(release.ministersRaw),
    portfolios: JSON.stringify(release.portfolios), attachments: JSON.stringify(release.attachments),
    facts, content_key: contentKey, hash: release.hash,
    people: release.ministers, portfolioNames: release.portfolios, amounts, commitments,
  };
}
