/** A fact a release states, with the exact span of the body it was read from. See DESIGN "Facts". */
export interface Fact {
  kind: 'money' | 'count' | 'date' | 'duration' | 'percent';
  /** NZD (or `currency`) for money; ISO 8601 for dates ("2015-05") and durations ("P2Y"). */
  value: number | string;
  unit?: string;
  value_max?: number | string;
  currency?: string;
  qualifier?: string;
  /** Exactly `body.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
}
