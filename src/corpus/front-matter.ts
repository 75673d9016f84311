import { CORE_SCHEMA, load } from 'js-yaml';
import { parseDocument, isScalar, isSeq, isMap, type Node as YamlNode } from 'yaml';

/** A release file split into its YAML front matter and its Markdown body. */
export interface SplitFile {
  /** The YAML between the `---` lines. */
  yaml: string;
  /** 1-based line of the first YAML line, so YAML errors point at the file's own lines. */
  yamlLine: number;
  /** The Markdown after the closing `---`, leading and trailing whitespace trimmed; fact offsets index into it. */
  body: string;
  /** Where `body` starts in the text given: `text.slice(bodyStart, bodyStart + body.length) === body`. */
  bodyStart: number;
}

/**
 * Splits a release file at its front matter, or returns the reason it has none.
 * @example
 * splitFrontMatter('---\ntitle: "A"\n---\n\nBody\n')
 * // => { yaml: 'title: "A"', yamlLine: 2, body: 'Body', bodyStart: 20 }
 */
export function splitFrontMatter(text: string): SplitFile | { reason: string; line?: number } {
  // A byte-order mark is invisible in editors and harmless; anything else before `---` is not front matter.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const src = bom ? text.slice(1) : text;
  if (!/^---[ \t]*\r?\n/.test(src)) {
    return { reason: 'no front matter: the file must start with a line "---"', line: 1 };
  }
  const open = src.indexOf('\n') + 1;
  const close = /^---[ \t]*$/m;
  close.lastIndex = 0;
  const rest = src.slice(open);
  const m = close.exec(rest);
  if (!m) return { reason: 'unterminated front matter: no closing "---" line', line: 1 };
  const yaml = rest.slice(0, m.index);
  const afterClose = rest.indexOf('\n', m.index);
  if (afterClose < 0) return { yaml, yamlLine: 2, body: '', bodyStart: text.length };
  const tail = rest.slice(afterClose + 1);
  const body = tail.trim();
  // trim() takes the same whitespace from both ends as trimStart(): what it took at the front is the offset.
  const lead = body.length === 0 ? tail.length : tail.length - tail.trimStart().length;
  return { yaml, yamlLine: 2, body, bodyStart: bom + open + afterClose + 1 + lead };
}

export type FrontMatterValue = string | string[] | null | undefined;

/**
 * Parses front-matter YAML into plain fields, reading values the way the scraper meant them:
 * an unquoted `Māori Crown Relations: Te Arawhiti` list item (a mapping to YAML, 41 files) and
 * `[From a speech ...]` (a flow list to YAML, 1 file) are the strings they look like.
 *
 * Nearly every file is read line by line (`readPlainShape`); js-yaml reads the rest (eight times faster
 * than `yaml`); a file it rejects, or whose values are not plain scalars and lists of scalars, is read
 * again by `yaml`, which keeps each node's source text and gives the error messages users see.
 */
export function parseFrontMatter(
  yaml: string,
): { fields: Record<string, unknown> } | { reason: string; line?: number } {
  const plain = readPlainShape(yaml);
  if (plain) return { fields: plain };
  let data: unknown;
  try {
    // CORE_SCHEMA: dates stay text, as in YAML 1.2; json: a repeated key keeps its last value.
    data = load(yaml, { schema: CORE_SCHEMA, json: true });
  } catch {
    return parseFrontMatterExact(yaml);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return parseFrontMatterExact(yaml);
  const fields = data as Record<string, unknown>;
  for (const key in fields) {
    const v = fields[key];
    if (v === null || typeof v !== 'object') continue;
    if (!Array.isArray(v) || v.some((x) => x !== null && typeof x === 'object')) return parseFrontMatterExact(yaml);
  }
  return { fields };
}

// `key: value` and `key:` lines, and `- item` lines under a key with no value.
const KEY_LINE = /^([a-z][a-z_]*):(?: +(.*))?$/;
const ITEM_LINE = /^( *)- +(.*)$/;
// A plain YAML scalar that is text in the core schema: no indicator first, no ': ' or ' #' inside, not
// null, a boolean or a number (a value starting with a sign, dot or digit is left to js-yaml unless it is a date).
const PLAIN = /^(?![-?:,[\]{}#&*!|>'"%@`~ ]|(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$)(?!.*(?:: | #|\t))[^\n]*[^ :]$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UNUSUAL = /[\x00-\x09\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;

/**
 * The fields of front matter in the shape nearly every release has (quoted or plain text values, and
 * lists of them), read line by line as js-yaml reads them, about ten times faster; undefined for
 * anything else, which js-yaml then reads.
 * @example
 * readPlainShape('title: "A"\ndate: 2019-03-12\nministers:\n  - Hon B') // => { title: 'A', date: '2019-03-12', ministers: ['Hon B'] }
 */
export function readPlainShape(yaml: string): Record<string, unknown> | undefined {
  // Carriage returns, tabs, control characters, lone surrogates and the like are js-yaml's to judge.
  if (UNUSUAL.test(yaml)) return undefined;
  const fields: Record<string, unknown> = {};
  let list: unknown[] | undefined;
  let indent = -1;
  for (const line of (yaml.endsWith('\n') ? yaml.slice(0, -1) : yaml).split('\n')) {
    if (line === '') return undefined;
    const item = list ? ITEM_LINE.exec(line) : null;
    if (item) {
      if (indent >= 0 && item[1]!.length !== indent) return undefined;
      indent = item[1]!.length;
      const value = scalar(item[2]!);
      if (value === undefined) return undefined;
      list!.push(value);
      continue;
    }
    const m = KEY_LINE.exec(line);
    if (!m || m[1] === '__proto__') return undefined;
    list = undefined;
    indent = -1;
    if (m[2] === undefined) {
      list = [];
      fields[m[1]!] = list;
    } else {
      const value = scalar(m[2]);
      if (value === undefined) return undefined;
      fields[m[1]!] = value;
    }
  }
  // A key with no items is null to YAML.
  for (const key in fields) if (Array.isArray(fields[key]) && (fields[key] as unknown[]).length === 0) fields[key] = null;
  return fields;
}

function scalar(v: string): string | undefined {
  const q = v[0];
  if (q === '"' || q === "'") {
    const inner = v.slice(1, -1);
    if (v.length < 2 || v[v.length - 1] !== q || inner.includes(q) || inner.includes('\\')) return undefined;
    return inner;
  }
  if (/^[-+.\d]/.test(v) && !DATE.test(v)) return undefined;
  return PLAIN.test(v) ? v : undefined;
}

/** Front matter read by `yaml`, which keeps source ranges: non-scalar list items become their own text. */
export function parseFrontMatterExact(
  yaml: string,
): { fields: Record<string, unknown> } | { reason: string; line?: number } {
  const doc = parseDocument(yaml, { prettyErrors: false, uniqueKeys: false, strict: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line;
    return { reason: `invalid YAML: ${err.message.split('\n')[0]}`, line };
  }
  const contents = doc.contents;
  if (contents == null) return { reason: 'empty front matter' };
  if (!isMap(contents)) return { reason: 'front matter is not a set of "key: value" lines' };
  const fields: Record<string, unknown> = {};
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    fields[key] = readValue(pair.value as YamlNode | null, yaml);
  }
  return { fields };
}

function readValue(node: YamlNode | null, src: string): unknown {
  if (node == null) return null;
  if (isScalar(node)) return node.value;
  if (isSeq(node)) {
    // A sequence item that is not a scalar was written as text the scraper meant literally.
    return node.items.map((item) => {
      const n = item as YamlNode | null;
      if (n == null) return null;
      if (isScalar(n)) return n.value;
      return sourceOf(n, src);
    });
  }
  return sourceOf(node, src);
}

function sourceOf(node: YamlNode, src: string): string {
  const range = node.range;
  return range ? src.slice(range[0], range[1]).trim() : String(node);
}
