import type { Fact } from './types.ts';
import { deicticStarts } from './numbers.ts';

// Case-insensitive for the deictic words, case-sensitive for weekdays and Budget (names).
const DEICTIC = String.raw`\b(?:([Tt]oday|[Yy]esterday|[Tt]omorrow)(?![’'-]s\s+(?:world|society|economy|generation|young|youth|children|environment|market|standards|terms|dollars|prices|values|money|technology|families|workforce|students|New\s+Zealand))\b|([Tt]his|[Nn]ext|[Ll]ast)\s+(week(?:end)?|(?:financial|fiscal)\s+year)\b|([Ll]ast|[Nn]ext|[Tt]his)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(Budget)\s+((?:19|20)\d{2})(?![\d/-]))`;
// Sticky: tried only where deicticStarts says such a word begins, which finds what a global search would.
const DEICTIC_RE = new RegExp(DEICTIC, 'y');
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86_400_000;

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Dates said relative to the release: today, yesterday, tomorrow; this, next or last week,
 * weekend, financial year (NZ: 1 July to 30 June); last Thursday, next Tuesday; and Budget 2004
 * (delivered in May of its year). Weeks run Monday to Sunday.
 * @example
 * extractRelativeDates('Cabinet agreed last Thursday.', '2015-02-24')
 * // => [{ kind: 'date', value: '2015-02-19', text: 'last Thursday', start: 14, end: 27 }]
 */
export function extractRelativeDates(body: string, releaseDate: string | null): Fact[] {
  const out: Fact[] = [];
  const known = releaseDate !== null && !releaseDate.startsWith('0001');
  const ref = known ? Date.parse(`${releaseDate}T00:00:00Z`) : NaN;
  const dow = known ? new Date(ref).getUTCDay() : 0;
  // Monday of the release's week.
  const monday = ref - ((dow + 6) % 7) * DAY_MS;
  let lastEnd = 0;
  for (const at of deicticStarts(body)) {
    if (at < lastEnd) continue;
    DEICTIC_RE.lastIndex = at;
    const m = DEICTIC_RE.exec(body);
    if (m === null) continue;
    lastEnd = at + m[0].length;
    const text = m[0];
    const start = m.index;
    const fact = (value: string, valueMax?: string): Fact =>
      valueMax === undefined ? { kind: 'date', value, text, start, end: start + text.length } : { kind: 'date', value, value_max: valueMax, text, start, end: start + text.length };
    if (m[7] !== undefined) {
      out.push(fact(`${m[7]}-05`));
      continue;
    }
    if (!known) continue;
    if (m[1] !== undefined) {
      const w = m[1].toLowerCase();
      out.push(fact(iso(ref + (w === 'yesterday' ? -DAY_MS : w === 'tomorrow' ? DAY_MS : 0))));
    } else if (m[2] !== undefined) {
      const delta = /^n/i.test(m[2]) ? 1 : /^l/i.test(m[2]) ? -1 : 0;
      const unit = m[3]!.toLowerCase();
      if (unit === 'week') out.push(fact(iso(monday + delta * 7 * DAY_MS), iso(monday + (delta * 7 + 6) * DAY_MS)));
      else if (unit === 'weekend') {
        // On a Sunday, "this weekend" is the one ending today.
        const sat = monday + 5 * DAY_MS + delta * 7 * DAY_MS;
        out.push(fact(iso(sat), iso(sat + DAY_MS)));
      } else {
        const d = new Date(ref);
        const fy = (d.getUTCMonth() >= 6 ? d.getUTCFullYear() : d.getUTCFullYear() - 1) + delta;
        out.push(fact(`${fy}-07-01`, `${fy + 1}-06-30`));
      }
    } else if (m[4] !== undefined) {
      const target = WEEKDAYS.indexOf(m[5]!);
      const which = m[4].toLowerCase();
      let diff: number;
      if (which === 'last') diff = -(((dow - target + 7) % 7) || 7);
      else if (which === 'next') diff = ((target - dow + 7) % 7) || 7;
      else diff = ((target + 6) % 7) - ((dow + 6) % 7); // within the release's week
      out.push(fact(iso(ref + diff * DAY_MS)));
    }
  }
  return out;
}
