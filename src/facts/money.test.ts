import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyMoney, extractMoney } from './money.ts';

const one = (s: string) => {
  const facts = extractMoney(s);
  assert.equal(facts.length, 1, `expected one amount in ${JSON.stringify(s)}, got ${JSON.stringify(facts)}`);
  return facts[0];
};

test('reads "$4.5 million" and "$4.5m" as 4,500,000 NZD', () => {
  for (const s of ['The hall gets $4.5 million.', 'The hall gets $4.5m.']) {
    const f = one(s);
    assert.equal(f.value, 4_500_000);
    assert.equal(f.currency, 'NZD');
  }
});

test('reads billions, full digits and an explicit NZ$', () => {
  assert.equal(one('a $1.2b programme').value, 1_200_000_000);
  assert.equal(one('a $1.2 billion programme').value, 1_200_000_000);
  assert.equal(one('it cost $1,200,000 to build').value, 1_200_000);
  const nz = one('worth NZ$30 million over time');
  assert.equal(nz.value, 30_000_000);
  assert.equal(nz.currency, 'NZD');
  assert.equal(nz.text, 'NZ$30 million');
});

test('gives the top of a range in value_max, the first number borrowing its scale', () => {
  const f = one('The fix will cost $2–3 million.');
  assert.equal(f.value, 2_000_000);
  assert.equal(f.value_max, 3_000_000);
  const between = one('a gap of between $3 million and $5.4 million remains');
  assert.equal(between.value, 3_000_000);
  assert.equal(between.value_max, 5_400_000);
  assert.equal(between.qualifier, 'between');
});

test('keeps the qualifier in the span and in lower case', () => {
  const f = one('More than $100 million has been spent.');
  assert.equal(f.qualifier, 'more than');
  assert.equal(f.text, 'More than $100 million');
  assert.equal(f.start, 0);
  assert.equal(one('a further $5 million for roads').qualifier, 'a further');
  assert.equal(one('up to $20,000 per household').qualifier, 'up to');
  assert.equal(one('nearly $8 million').qualifier, 'nearly');
});

test('labels other currencies with their code and does not convert them', () => {
  const [us, au, eu, gb] = extractMoney('We pledged US$9 million, A$5m, €3 million and £2bn.');
  assert.deepEqual([us.value, us.currency], [9_000_000, 'USD']);
  assert.deepEqual([au.value, au.currency], [5_000_000, 'AUD']);
  assert.deepEqual([eu.value, eu.currency], [3_000_000, 'EUR']);
  assert.deepEqual([gb.value, gb.currency], [2_000_000_000, 'GBP']);
});

test('keeps a rate as a rate, with its unit', () => {
  const f = one('The wage rises to $15.75 an hour in April.');
  assert.equal(f.value, 15.75);
  assert.equal(f.unit, 'hour');
  assert.equal(f.text, '$15.75 an hour');
  assert.equal(one('a grant of $500 per student').unit, 'student');
});

test('keeps the scale before a hyphen: "$42 billion-Māori economy", "$5m-$10m", "$100m-plus"', () => {
  assert.deepEqual([one('the $42 billion-Māori economy').value, one('the $42 billion-Māori economy').text], [42e9, '$42 billion']);
  assert.deepEqual(extractMoney('a cost of $5m-$10m').map((f) => [f.value, f.value_max, f.text]), [[5e6, 10e6, '$5m-$10m']]);
  assert.deepEqual(extractMoney('between $2 million-3 million').map((f) => [f.value, f.value_max]), [[2e6, 3e6]]);
  assert.equal(one('a $100m-plus project').value, 100e6);
  const rate = one('the $1.9 billion-a-year industry');
  assert.deepEqual([rate.value, rate.unit, rate.text], [1.9e9, 'year', '$1.9 billion-a-year']);
  assert.equal(one('the $1 billion-per-year fund').unit, 'year');
});

test('lends the scale of a range top only to a short first number', () => {
  assert.deepEqual(extractMoney('between $250,000 and $80 million').map((f) => [f.value, f.value_max]), [[250_000, 80e6]]);
  assert.deepEqual(extractMoney('$7,000 to $5.5 million').map((f) => [f.value, f.value_max]), [[7_000, 5.5e6]]);
  assert.deepEqual(extractMoney('$2.5–3 billion').map((f) => [f.value, f.value_max]), [[2.5e9, 3e9]]);
});

test('does not read a list marker after an amount as a scale', () => {
  assert.deepEqual(extractMoney('Workshops.a.$530,000b.$215,000').map((f) => [f.value, f.text]), [[530_000, '$530,000'], [215_000, '$215,000']]);
  assert.deepEqual(extractMoney('Research.a.$110,000b. $143,000').map((f) => [f.value, f.text]), [[110_000, '$110,000'], [143_000, '$143,000']]);
  assert.deepEqual(extractMoney('a) $80 b) $120 c) $150').map((f) => f.value), [80, 120, 150]);
  assert.equal(one('a pilot ($1.5 m) for farms').value, 1.5e6);
  assert.equal(one('It costs $5m. The rest').value, 5e6);
});

test('reads "from $X to $Y" as two amounts, not a range', () => {
  const facts = extractMoney('The rate goes from $11.50 to $12.25 an hour.');
  assert.deepEqual(facts.map((f) => [f.value, f.value_max, f.unit]), [[11.5, undefined, undefined], [12.25, undefined, 'hour']]);
});

test('reads spelled-out dollars and cents', () => {
  const f = one('a gift worth over two million dollars');
  assert.equal(f.value, 2_000_000);
  assert.equal(f.qualifier, 'over');
  assert.equal(one('a levy of 45c a litre').value, 0.45);
  assert.equal(one('39 cents in every dollar').value, 0.39);
});

test('every span is exactly the text it claims', () => {
  const body = 'Funding of $7.9 million, about $3000-$4000 each, and US$2m.';
  for (const f of extractMoney(body)) assert.equal(body.slice(f.start, f.end), f.text);
});

test('a top below its bottom is no range: the first amount stands alone', () => {
  const [higher, diff] = extractMoney('a deficit of about $18 billion - $1.3 billion higher than forecast');
  assert.equal(higher!.value, 18e9);
  assert.equal(higher!.value_max, undefined);
  assert.equal(higher!.text, 'about $18 billion');
  assert.equal(diff!.value, 1.3e9);
  const [grants] = extractMoney('It gave $3.5 million to 28 health initiatives.');
  assert.deepEqual([grants!.value, grants!.value_max, grants!.text], [3.5e6, undefined, '$3.5 million']);
  const between = one('a loan of between NZ$14.03 and NZ$12.69 million a year');
  assert.deepEqual([between.value, between.value_max], [12.69e6, 14.03e6], '"between" written backwards is put in order');
});

test('a letter scale is no scale before a letter of another script', () => {
  assert.equal(one('a $990,000 Māori Trades and Training Fund').value, 990_000);
});

const classOf = (s: string, amount: string) => {
  const f = extractMoney(s).find((x) => x.text.includes(amount));
  assert.ok(f, `no amount ${amount} in ${s}`);
  return classifyMoney(s, f);
};

test('classifies announced money apart from the figures a release only cites', () => {
  assert.equal(classOf('The Government will invest $50 million in rail.', '$50 million'), 'announced');
  assert.equal(classOf('Budget 2020 includes a $1.2 billion package for trades training.', '$1.2 billion'), 'announced');
  assert.equal(classOf('Six groups will receive more than $124,000 in grants this year.', '$124,000'), 'announced');
  assert.equal(classOf('New Zealand’s total GDP was $229.7 billion for the year ended March 2014.', '$229.7 billion'), 'other');
  assert.equal(classOf('Two-way trade with China reached $32 billion last year.', '$32 billion'), 'other');
  assert.equal(classOf('The global pet food market is expected to be worth $500 billion by 2030.', '$500 billion'), 'other');
  assert.equal(classOf('The minimum wage rises to $23.15 an hour.', '$23.15'), 'other');
});

test('flags values no release means as written', () => {
  assert.equal(classOf('It covers 82 per cent of global GDP (NZ$131 trillion).', 'trillion'), 'implausible');
  assert.equal(classOf('The Minister announced $6,813,063 million in funding for 27 projects.', 'million'), 'implausible');
  assert.equal(classOf('The Minister announced $1,500 million in funding.', 'million'), 'announced', '$1,500 million is an ordinary $1.5 billion');
  assert.equal(classOf('Japan\'s economy is ¥550 trillion.', 'trillion'), 'other', 'a trillion yen is ordinary');
});
