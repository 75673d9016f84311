import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CORE_SCHEMA, load } from 'js-yaml';
import { readPlainShape } from './front-matter.ts';

const jsYaml = (yaml: string) => load(yaml, { schema: CORE_SCHEMA, json: true });

describe('readPlainShape', () => {
  it('reads the usual shape as js-yaml does', () => {
    const yaml = 'title: "Kaikōura: the rebuild, 50% done"\ndate: 2019-03-12\nurl: https://www.beehive.govt.nz/release/x\nministers:\n  - Hon Dr David Clark\n  - Rt Hon Jacinda Ardern\nportfolios:\n- Health\nattachments:\n';
    const fields = readPlainShape(yaml);
    assert.deepEqual(fields, jsYaml(yaml));
    assert.deepEqual(fields, { title: 'Kaikōura: the rebuild, 50% done', date: '2019-03-12', url: 'https://www.beehive.govt.nz/release/x', ministers: ['Hon Dr David Clark', 'Rt Hon Jacinda Ardern'], portfolios: ['Health'], attachments: null });
  });

  it("keeps a repeated key's last value, as js-yaml's json mode does", () => {
    const yaml = "title: 'One'\ntitle: Two\n";
    assert.deepEqual(readPlainShape(yaml), jsYaml(yaml));
  });

  // Each of these means something else to YAML (a number, a boolean, null, an escape, a mapping, a
  // comment, a flow list) or is malformed: js-yaml reads it instead.
  for (const yaml of [
    'title: "A \\"quoted\\" word"\n', 'title: 2019\n', 'title: true\n', 'title: ~\n', 'title: .5\n', 'title: -1\n',
    'ministers:\n  - Māori Crown Relations: Te Arawhiti\n', 'title: A # note\n', 'title: [From a speech]\n',
    'title: "open\n', 'title: A\r\n', 'title: A \n', '# comment\ntitle: A\n', 'ministers:\n  - A\n    - B\n',
    'title: A\n\ndate: 2019-03-12\n', 'Title: A\n', '__proto__: A\n', 'title: "tab\there"\n', 'title:\n  nested: 1\n',
  ]) {
    it(`leaves ${JSON.stringify(yaml)} to js-yaml`, () => {
      assert.equal(readPlainShape(yaml), undefined);
    });
  }
});
