import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAliasTable, checkAliasTable } from './aliases.ts';
import {
  findPerson,
  normaliseMinister,
  normalisePortfolio,
  people,
  personKey,
  useAliasTable,
} from './normalise.ts';

test('honorific variants of one name are one person', () => {
  for (const raw of ['Rt Hon Chris Hipkins', 'Hon Chris Hipkins', 'Chris Hipkins', '  Rt  Hon   Chris Hipkins ']) {
    assert.deepEqual(normaliseMinister(raw), { person: 'Chris Hipkins' }, raw);
  }
  assert.deepEqual(normaliseMinister('Hon Dr David Clark'), { person: 'David Clark' });
  assert.deepEqual(normaliseMinister('Dr Lockwood Smith'), { person: 'Lockwood Smith' });
  assert.deepEqual(normaliseMinister('Rt Hon Winston Peters'), { person: 'Winston Peters' });
});

test('both apostrophes name one person, written with the straight one', () => {
  assert.deepEqual(normaliseMinister('Hon Damien O’Connor'), { person: "Damien O'Connor" });
  assert.deepEqual(normaliseMinister("Damien O'Connor"), { person: "Damien O'Connor" });
  assert.deepEqual(normaliseMinister("Hon Damien O'Connor"), { person: "Damien O'Connor" });
});

test('post-nominals are not part of the name', () => {
  assert.deepEqual(normaliseMinister('Judith Collins KC'), { person: 'Judith Collins' });
  assert.deepEqual(normaliseMinister('Hon Judith Collins KC'), { person: 'Judith Collins' });
  assert.deepEqual(normaliseMinister('Judith Collins QC'), { person: 'Judith Collins' });
});

test('misspellings in the corpus map to the right person', () => {
  assert.deepEqual(normaliseMinister('Nik Smith'), { person: 'Nick Smith' });
  assert.deepEqual(normaliseMinister('John Delamare'), { person: 'Tuariki Delamere' });
  assert.deepEqual(normaliseMinister('Laila Harre'), { person: 'Laila Harré' });
});

test('link text, URLs and No Minister name nobody', () => {
  for (const raw of [
    'Download as PDF file',
    'available here',
    'No Minister',
    'View as  PDF document',
    'http://www.executive.govt.nz/minister/maharey/dpb_wb.pdf',
    'www.beehive.govt.nz/minister/trevor+mallard',
    '[From a speech in the Wednesday Parliamentary General Debate on 31 October 2001]',
  ]) {
    assert.ok('debris' in normaliseMinister(raw), raw);
  }
  assert.deepEqual(normaliseMinister('View as  PDF document'), { debris: 'View as PDF document' });
});

test('a name the table does not know gets the same rules', () => {
  assert.deepEqual(normaliseMinister('Rt Hon Jane Q Example MP'), { person: 'Jane Q Example' });
  assert.deepEqual(normaliseMinister('Hon Dame Aroha O‘Brien'), { person: "Aroha O'Brien" });
  assert.deepEqual(normaliseMinister('The Right Honourable Sir Tane Example KC'), { person: 'Tane Example' });
  for (const raw of ['Click here for the report', 'see https://example.com/x', 'Taupō', 'the Minister said', 'Budget 2026 summary', 'Hon', '']) {
    assert.ok('debris' in normaliseMinister(raw), JSON.stringify(raw));
  }
});

test('the rules alone would catch every debris string in the table and no person in it', () => {
  const table = loadAliasTable();
  try {
    useAliasTable({ people: [], debris: [] });
    for (const d of table.debris) assert.ok('debris' in normaliseMinister(d), `rules miss debris "${d}"`);
    for (const p of table.people) {
      for (const a of p.aliases) assert.ok('person' in normaliseMinister(a), `rules call "${a}" debris`);
    }
  } finally {
    useAliasTable(undefined);
  }
});

test('personKey ignores case, diacritics, apostrophes, spacing and honorifics', () => {
  assert.equal(personKey('rt hon chris hipkins'), personKey('Chris Hipkins'));
  assert.equal(personKey('Damien O’Connor'), personKey("Hon Damien O'Connor"));
  assert.equal(personKey('LAILA  HARRÉ'), 'laila harre');
  assert.equal(personKey('Hone Harawira'), 'hone harawira'); // "Hon" only as a whole word
  assert.equal(findPerson('rt hon chris hipkins'), 'Chris Hipkins');
  assert.equal(findPerson('Damien O’Connor'), "Damien O'Connor");
  assert.equal(findPerson('nik smith'), 'Nick Smith');
  assert.equal(findPerson('Nobody Atall'), undefined);
});

test('people() lists each canonical name once, with its aliases', () => {
  const list = people();
  const hipkins = list.find((p) => p.name === 'Chris Hipkins');
  assert.deepEqual(hipkins?.aliases, ['Hon Chris Hipkins', 'Rt Hon Chris Hipkins']);
  const keys = list.map((p) => personKey(p.name));
  assert.equal(new Set(keys).size, keys.length);
  for (const p of list) assert.equal(p.name, p.name.replace(/[’‘]/g, "'"), `${p.name} uses the straight apostrophe`);
});

test('a table naming one alias for two people is refused', () => {
  assert.throws(
    () =>
      useAliasTable({
        people: [
          { name: 'Nick Smith', aliases: ['Nik Smith'] },
          { name: 'Nik Smithers', aliases: ['Hon Nik Smith'] },
        ],
        debris: [],
      }),
    { message: 'people table: "Hon Nik Smith" names both Nick Smith and Nik Smithers; keep it under one person' },
  );
  useAliasTable(undefined);
  assert.throws(() => checkAliasTable({ people: [{ name: 'X Y' }], debris: [] }, 'people.json'), {
    message: 'people.json: people[0] ("X Y") needs "aliases": a list of non-empty strings',
  });
});

test('portfolios keep their names, tidied', () => {
  const cases: [string, ReturnType<typeof normalisePortfolio>][] = [
    ['Foreign Affairs', { portfolio: 'Foreign Affairs' }],
    ['Foreign Affairs and Trade', { portfolio: 'Foreign Affairs and Trade' }],
    ['Associate  Minister of Finance', { portfolio: 'Associate Minister of Finance' }],
    ['Veterans’ Affairs', { portfolio: "Veterans' Affairs" }],
    ["Women's Affairs", { portfolio: "Women's Affairs" }],
    ['Maori Affairs', { portfolio: 'Māori Affairs' }],
    ['Whanau Ora', { portfolio: 'Whānau Ora' }],
    ['Māori Crown Relations', { portfolio: 'Māori Crown Relations' }],
    ['Māori Crown Relations: Te Arawhiti', { portfolio: 'Māori Crown Relations: Te Arawhiti' }],
    ['Occupational Safety and health', { portfolio: 'Occupational Safety and Health' }],
    [
      'https://www.recordedmusic.co.nz/portfolio/nz-music-industry-economic-report/',
      { debris: 'https://www.recordedmusic.co.nz/portfolio/nz-music-industry-economic-report/' },
    ],
    ['[From a speech in the Wednesday Parliamentary General Debate]', { debris: '[From a speech in the Wednesday Parliamentary General Debate]' }],
    ['  ', { debris: '' }],
  ];
  for (const [raw, expected] of cases) assert.deepEqual(normalisePortfolio(raw), expected, raw);
});

test('answers are memoised and cannot be changed by a caller', () => {
  const a = normaliseMinister('Hon Chris Bishop');
  assert.equal(normaliseMinister('Hon Chris Bishop'), a);
  assert.ok(Object.isFrozen(a));
});
