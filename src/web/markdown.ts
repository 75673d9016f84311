/**
 * Release bodies, from Markdown to safe HTML, with facts marked where the text states them.
 */
import { MONTH_NAMES } from '../calendar.ts';
import MarkdownIt from 'markdown-it';
import type { Fact } from '../index.ts';
import { formatMoney } from '../format/money.ts';
import { plural, raw, type Html } from './html.ts';

// `html: false` makes markdown-it escape any raw HTML in the corpus, so none of it survives as markup;
// its default link validation already refuses javascript:, vbscript:, file: and data: (except images).
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// The CSP allows only our own images, and beehive images are not ours to hotlink: show a link instead.
md.renderer.rules.image = (tokens, idx) => {
  const t = tokens[idx]!;
  const src = t.attrGet('src') ?? '';
  const alt = t.content || 'image';
  return `<a class="img-link" href="${md.utils.escapeHtml(src)}" rel="nofollow noopener">[image: ${md.utils.escapeHtml(alt)}]</a>`;
};

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx]!.attrGet('href') ?? '';
  if (/^https?:/i.test(href)) tokens[idx]!.attrSet('rel', 'nofollow noopener');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Every paragraph an anchor (#p-1, #p-2 …), so a citation can point at the passage it quotes.
md.renderer.rules.paragraph_open = (tokens, idx, options, env: { paragraphs?: number }, self) => {
  const t = tokens[idx]!;
  if (!t.hidden) t.attrSet('id', `p-${(env.paragraphs = (env.paragraphs ?? 0) + 1)}`);
  return self.renderToken(tokens, idx, options);
};

md.renderer.rules.table_open = () => '<div class="table-scroll"><table>\n';
md.renderer.rules.table_close = () => '</table></div>\n';

// Fact boundaries travel through markdown-it as private-use characters, which no release contains
// and markdown-it treats as ordinary text; the rendered HTML then turns them into <mark> elements.
const START = '\uE000';
const END = '\uE001';
const INDEX_BASE = 0xe100;
const MAX_MARKED = 0x1000;

/**
 * Renders a release body. Facts are wrapped in `<mark class="fact" id="fact-N">` using their
 * character offsets into the Markdown source; overlapping facts keep the first. A fact spanning
 * markup (bold, a link) is split into several marks, so the HTML stays well nested.
 * @example
 * String(renderBody('Up to **106** personnel', [{ kind: 'count', value: 106, text: '106 personnel', start: 8, end: 23 }]))
 * // => '<p>Up to <strong><mark class="fact" id="fact-0" …>106</mark></strong><mark class="fact" …> personnel</mark></p>\n'
 */
export function renderBody(body: string, facts: Fact[] = []): Html {
  const clean = body.replace(/[\uE000-\uF8FF]/g, '');
  const chosen = chooseFacts(clean, facts);
  let src = clean;
  if (chosen.length) {
    let out = '';
    let at = 0;
    for (const { fact, index } of chosen) {
      out += clean.slice(at, fact.start) + START + String.fromCharCode(INDEX_BASE + index) + clean.slice(fact.start, fact.end) + END;
      at = fact.end;
    }
    src = out + clean.slice(at);
  }
  const html = md.render(src, {});
  return raw(chosen.length ? placeMarks(html, facts) : html) as Html;
}

function chooseFacts(body: string, facts: Fact[]): { fact: Fact; index: number }[] {
  const sorted = facts
    .map((fact, index) => ({ fact, index }))
    .filter(({ fact, index }) => index < MAX_MARKED && fact.start >= 0 && fact.end > fact.start && fact.end <= body.length)
    .sort((a, b) => a.fact.start - b.fact.start || b.fact.end - a.fact.end);
  const out: { fact: Fact; index: number }[] = [];
  let end = -1;
  for (const f of sorted) {
    if (f.fact.start < end) continue;
    // A span across a paragraph break would be marked in pieces of unrelated blocks; mark none of it.
    if (/\n\s*\n/.test(body.slice(f.fact.start, f.fact.end))) continue;
    out.push(f);
    end = f.fact.end;
  }
  return out;
}

/** Turns the private-use boundaries into marks, closing and reopening a mark around every tag. */
function placeMarks(html: string, facts: Fact[]): string {
  let out = '';
  let open: number | undefined;
  let inTag = false;
  let first = true;
  const openTag = (i: number, withId: boolean) => {
    const f = facts[i]!;
    return `<mark class="fact"${withId ? ` id="fact-${i}"` : ''} title="${attr(describeFact(f))}">`;
  };
  for (let k = 0; k < html.length; k++) {
    const c = html[k]!;
    if (c === START) {
      const i = html.charCodeAt(++k) - INDEX_BASE;
      if (inTag) continue;
      open = i;
      first = true;
      out += openTag(i, true);
      first = false;
      continue;
    }
    if (c === END) {
      if (inTag) continue;
      if (open !== undefined) out += '</mark>';
      open = undefined;
      continue;
    }
    if (c === '<' && !inTag) {
      inTag = true;
      if (open !== undefined) out += '</mark>';
      out += c;
      continue;
    }
    if (c === '>' && inTag) {
      inTag = false;
      out += c;
      if (open !== undefined) out += openTag(open, first);
      continue;
    }
    if (c >= '\uE100' && c <= '\uF0FF' && inTag) continue;
    out += c;
  }
  return out.replace(/<mark class="fact"[^>]*><\/mark>/g, '');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A fact as a short phrase for people.
 * @example
 * describeFact({ kind: 'count', value: 106, unit: 'personnel', qualifier: 'up to', text: '', start: 0, end: 0 })
 * // => 'count: up to 106 personnel'
 */
export function describeFact(f: Fact): string {
  const show = (v: number | string) => (f.kind === 'money' ? money(v, f.currency) : f.kind === 'duration' ? duration(String(v)) : f.kind === 'date' ? isoDate(String(v)) : typeof v === 'number' ? v.toLocaleString('en-NZ') : v);
  const value = show(f.value);
  const max = f.value_max !== undefined && f.value_max !== null ? `–${show(f.value_max)}` : '';
  const parts = [f.qualifier, `${value}${max}`, f.kind === 'percent' ? '%' : '', f.unit].filter(Boolean);
  return `${f.kind}: ${parts.join(' ').replace(' %', '%')}`;
}

// ISO 8601: after the `T` of a duration, M is minutes; before it, months.
const DATE_UNITS: Record<string, string> = { Y: 'year', M: 'month', W: 'week', D: 'day' };
const TIME_UNITS: Record<string, string> = { H: 'hour', M: 'minute', S: 'second' };

/** `P2Y` → "2 years", `PT30M` → "30 minutes"; anything else as given. */
function duration(iso: string): string {
  const m = /^P(T?)(\d+(?:\.\d+)?)([A-Z])$/.exec(iso);
  const unit = m && (m[1] ? TIME_UNITS : DATE_UNITS)[m[3]!];
  return unit ? plural(Number(m[2]), unit) : iso;
}

/** `2015-05` → "May 2015", `2015-05-01` → "1 May 2015". */
function isoDate(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return iso;
  const month = m[2] ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  return [m[3] ? String(Number(m[3])) : '', month ?? '', m[1]].filter(Boolean).join(' ');
}

// Intl's compact notation with no fraction digits showed $1.2 billion as "$1B"; formatMoney keeps the figure.
function money(v: number | string, currency = 'NZD'): string {
  if (typeof v !== 'number') return `${currency} ${v}`;
  return formatMoney(v, currency);
}
