// Concurrency of the designer's writes: the same rollback fired many times at once (one effective
// change, audited once), different rollbacks at once (the end state is the audit's last record), and
// the same model with an edited form deployed many times at once (one new version, no duplicate rows).
import t from 'tap';
import fs from 'node:fs';
import { apiHarness, type ApiHarness } from '../helpers/api.js';
import { modelResources } from '../../services/processes.js';

const N = 8;
const REGION = 'demo-county-a';
const ID = 'dispute-resolution-county-a';
const file = (name: string) => fs.readFileSync(modelResources().find((r) => r.name === name)!.file, 'utf8');
/** The base model under a process id of its own, with its name changed (a harmless edit). */
const variant = (label: string) =>
  file('dispute-resolution.bpmn')
    .replace(/id="dispute-resolution"/, `id="${ID}"`)
    .replace(/bpmnElement="dispute-resolution"/g, `bpmnElement="${ID}"`)
    .replace(/(<bpmn:process id="[^"]+" name=")[^"]*"/, `$1${label}"`);
/** mediate.form with one more optional field. */
const editedMediate = () => {
  const schema = JSON.parse(file('mediate.form'));
  schema.components.push({ type: 'textfield', key: 'venue', label: '调解地点 Venue', id: 'Field_venue' });
  return schema;
};

/** The version the region is mapped to: in the region map the API shows and in the stored row. */
async function mapped(h: ApiHarness): Promise<{ shown: number; stored: number }> {
  const list = await h.call('designer', 'GET', '/api/processes');
  const row = await h.db('app.process_variants').where({ region_code: REGION }).first('version');
  return {
    shown: list.json.variants.find((v: any) => v.regionCode === REGION).version,
    stored: Number(row.version),
  };
}

const rollbacks = (h: ApiHarness) =>
  h
    .db('app.audit_log')
    .where({ action: 'process.rollback' })
    .orderBy('id')
    .select('details')
    .then((rows) => rows.map((r: any) => r.details as { version: number; previousVersion: number }));

t.test('rollbacks fired at once: one change per effective rollback, the map as the audit says', async (t) => {
  const h = await apiHarness(t);
  for (const label of ['县A变体一', '县A变体二', '县A变体三']) {
    const r = await h.call('designer', 'POST', '/api/processes', {
      name: `${ID}.bpmn`,
      xml: variant(label),
      regionCode: REGION,
    });
    t.equal(r.status, 201, JSON.stringify(r.json).slice(0, 300));
  }
  t.same(await mapped(h), { shown: 3, stored: 3 }, 'the region runs v3');
  const rollback = (version: number) =>
    h.call('designer', 'POST', '/api/processes/rollback', { regionCode: REGION, version, reason: '并发测试' });

  // The same rollback, N times at once.
  const same = await Promise.all(Array.from({ length: N }, () => rollback(1)));
  for (const a of same) t.ok(a.status < 500, `a clear answer (${a.status})`);
  t.ok(
    same.every((a) => a.status === 200),
    'each answers that the region runs v1',
  );
  t.same(
    same.map((a) => a.json.version),
    Array(N).fill(1),
  );
  t.equal(same.filter((a) => a.json.previousVersion === 3).length, 1, 'only one answer moved it from v3');
  t.same(await mapped(h), { shown: 1, stored: 1 }, 'the map points at v1');
  let trail = await rollbacks(h);
  t.same(
    trail.map((d) => [d.previousVersion, d.version]),
    [[3, 1]],
    'audited once: the one change',
  );

  // Two different rollbacks at once, several rounds: the end state is the audit's last record.
  for (let round = 0; round < 4; round++) {
    const answers = await Promise.all(Array.from({ length: N }, (_, i) => rollback(i % 2 ? 2 : 3)));
    for (const a of answers) t.equal(a.status, 200, `a clear answer (${a.status})`);
    const now = await mapped(h);
    t.equal(now.shown, now.stored, 'the map shown and the map stored agree');
    t.ok([2, 3].includes(now.stored), `the end state is one of the rollbacks (v${now.stored})`);
    trail = await rollbacks(h);
    t.equal(trail.at(-1)!.version, now.stored, 'the audit’s last record is the end state');
  }
  // Every record moved the map from where the one before left it, and changed something.
  trail.forEach((d, i) => {
    if (i) t.equal(d.previousVersion, trail[i - 1].version, `record ${i + 1} starts where the one before ended`);
    t.not(d.previousVersion, d.version, `record ${i + 1} is a change`);
  });
});

t.test('the same model and form deployed at once: one new version, idempotent answers', async (t) => {
  const h = await apiHarness(t);
  const body = {
    name: `${ID}.bpmn`,
    xml: variant('县A变体'),
    regionCode: REGION,
    forms: [{ name: 'mediate.form', schema: editedMediate() }],
  };
  const answers = await Promise.all(
    Array.from({ length: N }, () => h.call('designer', 'POST', '/api/processes', body)),
  );
  for (const a of answers) t.equal(a.status, 201, `deployed (${a.status} ${JSON.stringify(a.json).slice(0, 200)})`);
  t.same(
    new Set(answers.map((a) => JSON.stringify([a.json.processes, a.json.forms]))).size,
    1,
    'every answer names the same versions',
  );
  t.match(answers[0].json, {
    processes: [{ bpmnProcessId: ID, version: 1 }],
    forms: [{ formId: 'mediate', version: 2 }],
  });
  const rows = await h.db('app.forms').where({ form_id: 'mediate' }).orderBy('version').select('version', 'form_key');
  t.same(
    rows.map((r: any) => r.version),
    [1, 2],
    'one new form version, no duplicate row',
  );
  t.equal(rows[1].form_key, answers[0].json.forms[0].formKey, 'recorded under the key the engine gave');
  const list = await h.call('designer', 'GET', '/api/processes/forms');
  t.equal(list.json.forms.filter((f: any) => f.formId === 'mediate').length, 1);
  t.match(
    list.json.forms.find((f: any) => f.formId === 'mediate'),
    { version: 2 },
    'the inbox gets v2',
  );
  const processes = await h.call('designer', 'GET', '/api/processes');
  t.same(processes.json.processes.find((p: any) => p.bpmnProcessId === ID).versions, [1], 'one process version');
  t.same(await mapped(h), { shown: 1, stored: 1 }, 'the region runs it');
  t.equal(
    (await h.db('app.process_variants').where({ region_code: REGION }).count({ n: '*' }).first())!.n,
    '1',
    'one mapping row',
  );

  // Two different edits of the form, alternating, at once: each deployment that changed it got a
  // version of its own (no version twice, none skipped), and the latest is what the last one sent.
  const edits = ['venueA', 'venueB'].map((key) => {
    const schema = JSON.parse(file('mediate.form'));
    schema.components.push({ type: 'textfield', key, label: '地点 Venue', id: `Field_${key}` });
    return schema;
  });
  const mixed = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      h.call('designer', 'POST', '/api/processes', {
        ...body,
        forms: [{ name: 'mediate.form', schema: edits[i % 2] }],
      }),
    ),
  );
  for (const a of mixed) t.equal(a.status, 201, `deployed (${a.status} ${JSON.stringify(a.json).slice(0, 200)})`);
  const after = await h.db('app.forms').where({ form_id: 'mediate' }).orderBy('version').select();
  const versions = after.map((r: any) => r.version);
  t.same(
    versions,
    Array.from({ length: versions.length }, (_, i) => i + 1),
    `versions 1..${versions.length}, none twice`,
  );
  t.ok(versions.length >= 4, 'at least one new version per different edit');
  for (const a of mixed) {
    const row = after.find((r: any) => r.form_key === a.json.forms[0].formKey);
    t.equal(row?.version, a.json.forms[0].version, 'the answer names a recorded version');
  }
  const top = mixed.reduce((x, y) => (y.json.forms[0].version > x.json.forms[0].version ? y : x));
  const sentTop = edits[mixed.indexOf(top) % 2];
  t.same(after.at(-1).schema, sentTop, 'the latest version is what its deployment sent');
  t.equal(
    (await h.call('designer', 'GET', '/api/processes/forms/mediate')).json.version,
    after.length,
    'the editor opens the latest',
  );
});
