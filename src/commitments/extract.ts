import { extractDates } from '../facts/dates.ts';
import { extractDurations } from '../facts/durations.ts';
import type { Fact } from '../facts/types.ts';

export type CommitmentKind = 'act' | 'review' | 'report' | 'finish' | 'start' | 'end';

/** A sentence in which the government commits to a date, with the window in which it falls due. */
export interface Commitment {
  /** Exactly `body.slice(start, end)`: the sentence. */
  text: string;
  start: number;
  end: number;
  kind: CommitmentKind;
  /** What is committed, in a few words. */
  subject: string;
  /** Months, YYYY-MM, both ends included. */
  due: { from: string; to: string };
}

// A sentence must look forward: a future, an expectation or a plan.
const FUTURE = /\b(?:will|shall|would|is\s+(?:expected|due|scheduled|set|planned|likely|intended|on\s+track)|are\s+(?:expected|due|scheduled|set|planned|likely|intended|on\s+track)|(?:plans?|aims?|intends?|expects?|expected)\s+to|to\s+be\s+(?:completed|finished|reviewed|introduced|implemented|delivered|opened|started|established|in\s+place|operational|up\s+and\s+running|rolled\s+out|launched|passed|enacted|built)|likely\s+to|must\s+be|has\s+to\s+be|have\s+to\s+be)\b|\bextend(?:ed|s)?\b[^.]{0,120}?\b(?:until|till|through)\b|\b(?:extended|extends?)\b[^.]{0,120}?\bto\s+(?:the\s+end\s+of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})\b/i;
// A cheap first test: most dated sentences report the past and have none of these.
const MAYBE_FUTURE = /will|would|shall|expect|due|schedul|plan|likely|intend|aim|to be|must|has to|have to|on track|set to|extend/i;
// Not checkable later: a recurring or open-ended time, or a hedge.
const VAGUE = /\bfrom\s+time\s+to\s+time\b|\b(?:each|every)\s+(?:year|month|week|day)\b|\bannually\b|\bregularly\b|\bon\s+an\s+ongoing\s+basis\b|\bperiodically\b|\bin\s+due\s+course\b|\bat\s+some\s+point\b|\bshould\s+be\s+able\b/i;
// Someone else's deadline: submissions, applications and the like close on a date.
const OTHERS = /^\W*(?:submissions|applications|nominations|entries|registrations|expressions\s+of\s+interest|tenders|proposals|feedback|consultation|public\s+consultation|voting|enrolments?|people|applicants|employers|businesses|students|candidates|the\s+public|members\s+of\s+the\s+public|anyone|those)\b[^.]*?\b(?:close|closes|must|have\s+until|has\s+until|can|may|are\s+invited|are\s+encouraged|need\s+to)\b/i;
// A forecast or a description, not a step anyone takes: "the population will increase", "the biggest ever".
const FORECAST = /\bwill\s+(?:increase|grow|rise|fall|decline|drop|reach|double|triple|exceed|continue\s+to\s+(?:grow|rise|increase)|be\s+(?:the\s+)?(?:biggest|largest|highest|lowest|first|best|most))\b|\b(?:take\s+place|be\s+held|will\s+(?:attend|visit|travel|meet|host|speak|address)|is\s+expected\s+to\s+be\s+one)\b|\bwill\s+be\s+(?:able|invited)\b/i;
// An action someone can be seen to take: without one, an "act" sentence is a description.
const ACT_VERB = /\b(?:settl|occur|introduc|implement|deliver|establish|legislat|pass(?:ed)?\b|decid|decision|releas|publish|consult|build|construct|fund|invest|set\s+up|roll(?:ed)?\s+out|launch|open|appoint|sign|ratif|enact|amend|repeal|replac|upgrad|provid|allocat|transfer|phase|in\s+force|take\s+effect|come\s+into|available|extend|respond|consider|announc|finalis|draft|present|table|submit|recruit|deploy|install|develop|put\s+in\s+place|make\s+(?:a\s+)?decision|set\s+out|bring\s+in|abolish|close|merge|restructur)/i;

// A past event: the sentence reports what happened.
const PAST = /\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:completed|reviewed|finished|introduced|opened|launched|started|established|delivered|announced)\b(?![^.]*\bwill\b)/i;

const KIND_RULES: [CommitmentKind, RegExp][] = [
  ['review', /\breview(?:ed|s|ing)?\b|\breassess|\bevaluat/i],
  ['report', /\breport(?:s|ed|ing)?\s+back\b|\breport\s+to\b|\bto\s+report\b|\bwill\s+report\b|\breport(?:s)?\s+(?:is|are)\s+due\b/i],
  ['end', /\b(?:end(?!\s+of\b)|ends|ended|conclude[sd]?|expire[sd]?|withdraw(?:n|al)?|wind\s+(?:up|down)|cease[sd]?|close\s+down|phase[sd]?\s+out|finish\s+up)\b/i],
  ['finish', /\b(?:complet(?:e|ed|ion)|finish(?:ed)?|finalis(?:e|ed)|done|built|in\s+place|fully\s+operational|up\s+and\s+running)\b/i],
  ['start', /\b(?:start(?:s|ed|ing)?|begin(?:s|ning)?|commenc(?:e|es|ed|ing)|launch(?:es|ed)?|open(?:s|ed)?|roll(?:ed)?\s+out|get\s+underway|come\s+into\s+(?:force|effect)|take\s+effect|go\s+live)\b/i],
];

interface Span { start: number; end: number; text: string }

// A full stop ends a sentence when a space and then no lower-case letter or digit follow, or the text
// ends; "Mr. Key" stays whole when a capital follows too, which is rare enough. "$1.5" never ends one.
const isClose = (c: number) => c === 34 || c === 0x201d || c === 0x2019 || c === 42 || c === 41; // " ” ’ * )
const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 160;
function isEnd(body: string, i: number): boolean {
  const c = body.charCodeAt(i);
  if (c === 10) return true;
  if (c !== 46 && c !== 33 && c !== 63) return false;
  let j = i + 1;
  while (j < body.length && isClose(body.charCodeAt(j))) j++;
  if (j >= body.length) return true;
  if (!isBlank(body.charCodeAt(j))) return false;
  while (j < body.length && (body.charCodeAt(j) === 32 || body.charCodeAt(j) === 9)) j++;
  if (j >= body.length) return true;
  const d = body.charCodeAt(j);
  return !((d >= 97 && d <= 122) || (d >= 48 && d <= 57));
}

// Quote marks, bullets, headings and spaces that open or close a sentence without being part of it.
const isEdge = (c: number) => isBlank(c) || c === 0x201c || c === 34 || c === 0x2018 || c === 0x2019 || c === 42 || c === 35 || c === 62 || c === 45;

/** The sentence holding offset `at`, trimmed of its quote marks, bullets and spaces. */
function sentenceAround(body: string, at: number): Span {
  let start = at;
  while (start > 0 && !isEnd(body, start - 1)) start--;
  let end = at;
  while (end < body.length && !isEnd(body, end)) end++;
  if (end < body.length && body.charCodeAt(end) !== 10) {
    end++;
    while (end < body.length && isClose(body.charCodeAt(end))) end++;
  }
  while (start < end && isEdge(body.charCodeAt(start))) start++;
  while (end > start && isBlank(body.charCodeAt(end - 1))) end--;
  return { start, end, text: body.slice(start, end) };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Months since year 0, and back: month arithmetic without Date. */
const mIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const mString = (i: number) => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;

function monthsOf(iso: string): number {
  const m = /^P(\d+)([YMWD])$/.exec(iso);
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'Y' ? n * 12 : m[2] === 'M' ? n : m[2] === 'W' ? Math.round(n / 4.35) : Math.round(n / 30);
}

/** The months a date fact covers, sharpened by words before it ("early 2019", "the end of 2020"). */
function windowOf(f: Fact, before: string): { from: string; to: string } | undefined {
  const v = String(f.value);
  const max = f.value_max !== undefined ? String(f.value_max) : undefined;
  if (max !== undefined) {
    const a = v.length === 4 ? `${v}-01` : v.slice(0, 7);
    const b = max.length === 4 ? `${max}-12` : max.slice(0, 7);
    return { from: a, to: b };
  }
  if (v.length >= 7) return { from: v.slice(0, 7), to: v.slice(0, 7) };
  if (/^\d{4}$/.test(v)) {
    if (/\bearly[\s-]*(?:in\s+)?$/i.test(before)) return { from: `${v}-01`, to: `${v}-04` };
    if (/\bmid[\s-]*$/i.test(before)) return { from: `${v}-05`, to: `${v}-08` };
    if (/\b(?:end|close)\s+of\s*$/i.test(before)) return { from: `${v}-12`, to: `${v}-12` };
    if (/\b(?:late|later)[\s-]*(?:in\s+)?$/i.test(before)) return { from: `${v}-09`, to: `${v}-12` };
    return { from: `${v}-01`, to: `${v}-12` };
  }
  return undefined;
}

// "extended until September 2007", "extend that commitment by a year to the end of September": a date the extension runs to.
const EXTENDED_TO = /\bextend(?:ed|s|ing)?\b[^.]{0,60}?\b(?:until|till|through|to)\s+(?:the\s+end\s+of\s+|mid[\s-]|early\s+|late\s+)?$/i;

// "the pause will run for seven days, to 27 July": the end of what runs.
const RUNS_TO = /\b(?:run|runs|last|lasts)\b[^.]{0,50}?\b(?:until|till|to)\s+$/i;

// "after nine months", "within six months", "in two years": a span counted from an anchor.
const AFTER_RE = /\b(after|within|in|by\s+the\s+end\s+of|at\s+the\s+end\s+of|no\s+later\s+than)\s+(?:the\s+next\s+|the\s+first\s+|another\s+|a\s+further\s+)?$/i;
// "the two year mission", "a three-year programme": it ends when its term is up.
const TERM_NOUN = /^[\s-]*(?:long\s+)?(?:mission|deployment|programme|program|term|contract|trial|pilot|project|plan|agreement|commitment|partnership|strategy|initiative|lease|extension|package|period)\b/i;
// "after six months of construction": counted from a start the release stated before.
const OF_WORK = /^\s+of\s+(?:the\s+)?(?:construction|work|works|the\s+mission|mission|deployment|trial|pilot|programme|project|operation|operations)\b/i;
// "from May", "starting in July 2016": where a counted span starts, when the text says so.
const ANCHOR_BEFORE = /\b(?:from|start(?:s|ing)?\s+(?:from|in|on)?|begin(?:s|ning)?\s+(?:from|in|on)?|commenc(?:e|es|ing)\s+(?:from|in|on)?|effective\s+(?:from)?)\s*$/i;

/**
 * Sentences in which the government commits to a date — to act, review, report back, finish, start or
 * end — with the window (months) in which each falls due, resolved against the release date or the
 * anchor the text gives ("two years from May" 2015 ends 2017-05). `facts` are the release's facts, when
 * already extracted.
 * @example
 * extractCommitments('The two year mission, likely to start from May, will be reviewed by Cabinet after nine months.', '2015-02-24')
 * // => [{ kind: 'end', due: { from: '2017-05', to: '2017-05' }, ... }, { kind: 'review', due: { from: '2015-11', to: '2016-02' }, ... }]
 */
export function extractCommitments(body: string, releaseDate: string | null, facts?: Fact[]): Commitment[] {
  if (!releaseDate || releaseDate.startsWith('0001')) return [];
  const all = facts ?? [...extractDates(body, releaseDate), ...extractDurations(body, releaseDate)];
  const timed = all.filter((f) => f.kind === 'date' || f.kind === 'duration').concat(relativeTimes(body, releaseDate)).sort((a, b) => a.start - b.start);
  if (timed.length === 0) return [];
  const release = releaseDate.slice(0, 7);
  const out: Commitment[] = [];
  let lastEnd = -1;
  // The last start the release stated ("construction will begin in July"), for a later "after six months of construction".
  let startedAt: string | undefined;
  for (let fi = 0; fi < timed.length; fi++) {
    if (timed[fi]!.start < lastEnd) continue;
    // Only the sentences that hold a date or a span are read.
    const s = sentenceAround(body, timed[fi]!.start);
    lastEnd = s.end;
    const inside: Fact[] = [];
    for (let j = fi; j < timed.length && timed[j]!.start < s.end; j++) if (timed[j]!.end <= s.end) inside.push(timed[j]!);
    if (inside.length === 0 || s.end - s.start < 20) continue;
    if (!MAYBE_FUTURE.test(s.text)) continue;
    if (!FUTURE.test(s.text) || VAGUE.test(s.text) || OTHERS.test(s.text) || PAST.test(s.text) || FORECAST.test(s.text)) continue;
    // The anchor of counted spans: a date after "from" or "start", else the release.
    let anchor = release;
    let anchorFact: Fact | undefined;
    for (const f of inside) {
      if (f.kind !== 'date' || f.value_max !== undefined) continue;
      if (ANCHOR_BEFORE.test(body.slice(Math.max(s.start, f.start - 24), f.start)) && String(f.value).length >= 7) {
        anchor = String(f.value).slice(0, 7);
        anchorFact = f;
        break;
      }
    }
    const found: { due: { from: string; to: string }; kind: CommitmentKind; at: number }[] = [];
    let anchorUsed = false;
    for (const f of inside) {
      const before = body.slice(Math.max(s.start, f.start - 24), f.start);
      const after = body.slice(f.end, Math.min(s.end, f.end + 24));
      if (f.kind === 'date') {
        if (f === anchorFact || /\b(?:beyond|since|past|(?:more|less|earlier|other)\s+than|before)\s*$/i.test(before)) continue;
        let w = windowOf(f, before);
        // A month or day named without a year, in a sentence looking ahead, is the next one: "on October 1".
        if (w && w.to < release && !/\d{4}/.test(f.text) && w.from === w.to) w = { from: mString(mIndex(w.from) + 12), to: mString(mIndex(w.to) + 12) };
        // Later this month ("next week", "on 28 March") is still ahead when its day is.
        const ahead = String(f.value_max ?? f.value).length === 10 && String(f.value_max ?? f.value) > releaseDate;
        if (w && w.to === release && !ahead) w = undefined;
        // A date up to the release's own month is a past or present event, not a commitment; a span of
        // years ("2016-2026", "between 2007 and 2027") is a period, not a window anything falls due in.
        if (!w || w.to < release || mIndex(w.to) - mIndex(w.from) > 23) continue;
        // "extended until September 2007": the new end of what is extended.
        const lead = body.slice(Math.max(s.start, f.start - 80), f.start);
        let kind = EXTENDED_TO.test(lead) || RUNS_TO.test(lead) ? 'end' : kindNear(s.text, f.start - s.start);
        // "covered by the ban from 1 October 2015": a future date something applies from is when it starts.
        if (kind === 'act' && ANCHOR_BEFORE.test(before)) kind = 'start';
        if (kind === 'act' && !ACT_VERB.test(s.text)) continue;
        found.push({ due: w, kind, at: f.start });
      } else {
        const months = monthsOf(String(f.value));
        if (!Number.isFinite(months) || months === 0) continue;
        if (TERM_NOUN.test(after)) {
          anchorUsed = true;
          const d = mString(mIndex(anchor) + months);
          found.push({ due: { from: d, to: d }, kind: 'end', at: f.start });
        } else if (f.qualifier === 'within' || AFTER_RE.test(before) || /^['’]?\s+(?:from\s+now|time|after|of\s+(?:the|its|this))\b/i.test(after)) {
          // Counted from the release and from the anchor, when they differ: the window spans both.
          if (anchorFact) anchorUsed = true;
          const from = anchorFact === undefined && startedAt && OF_WORK.test(after) ? startedAt : anchor;
          const a = mString(mIndex(release) + months);
          const b = mString(mIndex(from) + months);
          const kind = kindNear(s.text, f.start - s.start);
          if (kind === 'act' && !ACT_VERB.test(s.text)) continue;
          found.push({ due: { from: a < b ? a : b, to: a < b ? b : a }, kind, at: f.start });
        }
      }
    }
    // A start that no counted span leans on is a commitment of its own: "construction will begin in July".
    if (anchorFact && !anchorUsed && anchor > release) found.unshift({ due: { from: anchor, to: anchor }, kind: 'start', at: anchorFact.start });
    if (anchorFact && anchor > release) startedAt = anchor;
    const seen = new Set<string>();
    for (const c of found) {
      const k = `${c.kind} ${c.due.from} ${c.due.to}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ text: s.text, start: s.start, end: s.end, kind: c.kind, subject: subjectOf(s.text, c.kind), due: c.due });
    }
  }
  return out;
}

// Times the date facts leave out, counted from the release: "in the coming weeks", "over coming months",
// "by the end of the year", "later this month".
const RELATIVE = /\b(?:(?:in|over|during|within)\s+(?:the\s+)?(?:coming|next\s+few)\s+(weeks|months)|(?:by|before|at)\s+the\s+end\s+of\s+the\s+year|(?:later|the\s+end\s+of)\s+(?:this|the)\s+month|later\s+in\s+the\s+month)\b/gi;

function relativeTimes(body: string, releaseDate: string): Fact[] {
  const out: Fact[] = [];
  // A plain search first: most bodies have none of these words, and the pattern costs more than the search.
  if (!body.includes('coming') && !body.includes('next few') && !body.includes('end of the year') && !body.includes('this month') && !body.includes('the month')) return out;
  const m0 = mIndex(releaseDate.slice(0, 7));
  RELATIVE.lastIndex = 0;
  for (let m = RELATIVE.exec(body); m; m = RELATIVE.exec(body)) {
    const unit = m[1]?.toLowerCase();
    // The coming weeks are the next month or two, the coming months the next five; the rest of this month is still ahead.
    const [from, to] = unit === 'weeks' ? [mString(m0 + 1), mString(m0 + 2)] : unit === 'months' ? [mString(m0 + 1), mString(m0 + 5)]
      : /year/i.test(m[0]) ? [`${releaseDate.slice(0, 4)}-12`, `${releaseDate.slice(0, 4)}-12`] : [releaseDate.slice(0, 7), `${releaseDate.slice(0, 7)}-31`];
    out.push({ kind: 'date', value: from, value_max: to, text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const KIND_GLOBAL: [CommitmentKind, RegExp][] = KIND_RULES.map(([k, re]) => [k, new RegExp(re.source, 'gi')]);

// The kind the verbs nearest the time expression give; "act" when none does.
function kindNear(sentence: string, at: number): CommitmentKind {
  let best: CommitmentKind = 'act';
  let bestDist = Infinity;
  for (const [kind, g] of KIND_GLOBAL) {
    g.lastIndex = 0;
    for (let m = g.exec(sentence); m !== null; m = g.exec(sentence)) {
      const d = Math.abs(m.index - at);
      if (d < bestDist) (best = kind), (bestDist = d);
    }
  }
  return best;
}

const LEAD_OUT = /^(?:["“]?\s*)?(?:(?:and|but|so|also|however|meanwhile|today|now)\s*,?\s+)?(?:the\s+(?:prime\s+)?minister\s+(?:said|says|confirmed|announced)\s+(?:that\s+)?|(?:he|she|they|we|it)\s+(?:said|says)\s+(?:that\s+)?|[A-Z][a-z]+\s+[A-Z][a-z’']+\s+(?:said|says)\s+(?:that\s+)?)?/;
const PRONOUN = /^(?:we|i|it|this|they|he|she|the\s+government|government|cabinet|the\s+minister|ministers?)$/i;
const MODAL = /\s+(?:will|would|shall|is|are|was|were|has|have|must|should|can|could|may|plans?|aims?|intends?|expects?)\b/i;

/** What is committed, in a few words: the sentence's subject, or its verb phrase when the subject is "we" or "the Government". */
export function subjectOf(sentence: string, kind: CommitmentKind): string {
  let s = sentence.replace(/[*_`]/g, '').replace(LEAD_OUT, '');
  const m = MODAL.exec(s);
  let subject = m ? s.slice(0, m.index) : '';
  subject = subject.replace(/^(?:the|a|an|this|that|these|those|our|its|their)\s+/i, '').replace(/,.*$/, '').trim();
  if (!subject || PRONOUN.test(subject) || subject.split(/\s+/).length > 8) {
    // The words after the verb: "we will introduce legislation by March" -> "introduce legislation".
    const rest = m ? s.slice(m.index + m[0].length) : s;
    subject = rest.replace(/^\s*(?:be|to|also|then|now|soon|likely\s+to|expected\s+to|able\s+to)\s+/gi, '').split(/[,;:]|\s+(?:by|in|from|after|within|before|until|during|on|next|this|early|late|mid)\s+/i)[0]!.trim();
  }
  const words = subject.split(/\s+/).filter(Boolean).slice(0, 7);
  return words.join(' ').replace(/[.,;:"“”]+$/, '') || kind;
}
