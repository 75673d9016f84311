import type { Fact } from './types.ts';

/**
 * How an archive stores a release's facts: one JSON array of tuples
 * `[kind, value, start, end, unit, value_max, currency, qualifier]`, absent fields null and
 * trailing ones dropped, NZD left out, and no `text`, which is always `body.slice(start, end)`.
 * A third the size of the facts as objects.
 * @example
 * encodeFacts([{ kind: 'count', value: 62, unit: 'countries', qualifier: 'around', text: 'around 62 countries', start: 14, end: 33 }])
 * // => '[[1,62,14,33,"countries",null,null,"around"]]'
 */
export function encodeFacts(facts: readonly Fact[]): string {
  return JSON.stringify(facts.map((f) => {
    const t: Stored = [KINDS.indexOf(f.kind), f.value, f.start, f.end, f.unit ?? null, f.value_max ?? null, f.currency === 'NZD' ? null : (f.currency ?? null), f.qualifier ?? null];
    while (t.length > 4 && t[t.length - 1] === null) t.pop();
    return t;
  }));
}

/**
 * The facts `encodeFacts` stored, as `Fact` objects again, their text read from the body.
 * @example
 * decodeFacts('[[1,62,14,33,"countries",null,null,"around"]]', body)
 * // => [{ kind: 'count', value: 62, unit: 'countries', qualifier: 'around', text: body.slice(14, 33), start: 14, end: 33 }]
 */
export function decodeFacts(stored: string, body: string): Fact[] {
  return (JSON.parse(stored) as Stored[]).map(([k, value, start, end, unit, valueMax, currency, qualifier]) => {
    // Keys in the order of DESIGN's Fact.
    const f: Partial<Fact> = { kind: KINDS[k as number]!, value: value as number | string };
    if (unit != null) f.unit = unit as string;
    if (valueMax != null) f.value_max = valueMax as number | string;
    if (f.kind === 'money') f.currency = (currency as string | null | undefined) ?? 'NZD';
    if (qualifier != null) f.qualifier = qualifier as string;
    f.text = body.slice(start as number, end as number);
    f.start = start as number;
    f.end = end as number;
    return f as Fact;
  });
}

type Stored = (string | number | null)[];

const KINDS: readonly Fact['kind'][] = ['money', 'count', 'date', 'duration', 'percent'];
