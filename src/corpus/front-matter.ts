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
 * js-yaml reads the common shape (eight times faster than `yaml`, which was a fifth of ingest);
 * a file it rejects, or whose values are not plain scalars and lists of scalars, is read again
 * by `yaml`, which keeps each node's source text and gives the error messages users see.
 */
export function parseFrontMatter(
  yaml: string,
): { fields: Record<string, unknown> } | { reason: string; line?: number } {
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
