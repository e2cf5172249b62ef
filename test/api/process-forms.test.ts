// The designer's forms (issue 14): the deployed forms listed and opened for the form-js editor, and an
// edited form deployed in the same deployment as a variant — checked first (nothing deployed when one
// resource is bad), recorded for the inbox, so the next task renders and validates the new field.
import t from 'tap';
import fs from 'node:fs';
import { apiHarness } from '../helpers/api.js';
import { modelResources } from '../../services/processes.js';
import { auditOf } from '../../store/audit.js';
import { latestForm } from '../../store/forms.js';

const file = (name: string) => fs.readFileSync(modelResources().find((r) => r.name === name)!.file, 'utf8');
const ID = 'dispute-resolution-county-a';
const variant = () =>
  file('dispute-resolution.bpmn')
    .replace(/id="dispute-resolution"/, `id="${ID}"`)
    .replace(/bpmnElement="dispute-resolution"/g, `bpmnElement="${ID}"`);
/** mediate.form with one more optional text field (a designer's edit in the form editor). */
const editedMediate = () => {
  const schema = JSON.parse(file('mediate.form'));
  schema.components.push({
    type: 'textfield',
    key: 'venue',
    label: '调解地点 Venue',
    id: 'Field_venue',
    validate: { maxLength: 20 },
  });
  return schema;
};

t.test('the deployed forms are listed and opened; others may not read them', async (t) => {
  const h = await apiHarness(t);
  const list = await h.call('designer', 'GET', '/api/processes/forms');
  t.equal(list.status, 200);
  t.match(
    list.json.forms.find((f: any) => f.formId === 'mediate'),
    { version: 1, title: /调解/, fields: Number },
  );
  t.equal(list.json.forms.length, 13, 'every shipped form');
  const one = await h.call('admin', 'GET', '/api/processes/forms/mediate');
  t.equal(one.status, 200);
  t.same(one.json.schema, JSON.parse(file('mediate.form')));
  t.equal((await h.call('designer', 'GET', '/api/processes/forms/no-such-form')).status, 404);
  t.equal((await h.call('designer', 'GET', '/api/processes/forms/bad%20id')).status, 400);
  t.equal((await h.call('clerk', 'GET', '/api/processes/forms')).status, 403);
});

t.test('bad forms and a missing form are refused naming them, and nothing is deployed', async (t) => {
  const h = await apiHarness(t);
  const deploy = (forms: unknown, xml = variant()) =>
    h.call('designer', 'POST', '/api/processes', { name: `${ID}.bpmn`, xml, regionCode: 'demo-county-a', forms });
  const badId = await deploy([{ name: 'bad id.form', schema: { ...editedMediate(), id: 'bad id' } }]);
  t.equal(badId.status, 400);
  t.match(badId.json.message, /forms\[0\]\.schema\.id/);
  t.same(
    badId.json.details.map((d: any) => d.field),
    ['forms[0].schema.id'],
  );
  const noComponents = await deploy([{ name: 'mediate.form', schema: { ...editedMediate(), components: 'x' } }]);
  t.equal(noComponents.status, 400);
  t.match(noComponents.json.message, /forms\[0\]\.schema\.components must be an array/);
  const notObject = await deploy([{ name: 'mediate.form', schema: [1] }]);
  t.equal(notObject.status, 400);
  t.match(notObject.json.message, /forms\[0\]\.schema must be a JSON object/);
  const misnamed = await deploy([{ name: 'other.form', schema: editedMediate() }]);
  t.equal(misnamed.status, 400);
  t.match(misnamed.json.message, /forms\[0\]\.name must be 'mediate\.form'/);
  const missing = await deploy([], variant().replace('formId="urgent-protection"', 'formId="no-such-form"'));
  t.equal(missing.status, 400);
  t.match(missing.json.message, /'no-such-form'/);
  const island = await h.call('island-designer', 'POST', '/api/processes', {
    name: 'dispute-resolution-island-x.bpmn',
    xml: variant().replace(new RegExp(ID, 'g'), 'dispute-resolution-island-x'),
    forms: [{ name: 'mediate.form', schema: editedMediate() }],
  });
  t.equal(island.status, 403, 'a form the shared models link is not an island designer’s to replace');
  t.equal(island.json.code, 'OUT_OF_JURISDICTION');

  const list = await h.call('designer', 'GET', '/api/processes');
  t.notOk(
    list.json.processes.some((p: any) => p.bpmnProcessId === ID),
    'no variant was deployed',
  );
  t.equal((await latestForm(h.db, 'mediate'))!.version, 1, 'no form was deployed');
});

t.test('a variant deployed with an edited form: recorded, audited, and its task has the new field', async (t) => {
  const h = await apiHarness(t);
  const r = await h.call('designer', 'POST', '/api/processes', {
    name: `${ID}.bpmn`,
    xml: variant(),
    regionCode: 'demo-county-a',
    forms: [{ name: 'mediate.form', schema: editedMediate() }],
  });
  t.equal(r.status, 201, JSON.stringify(r.json).slice(0, 300));
  t.match(r.json.forms, [{ formId: 'mediate', version: 2 }]);
  const stored = await latestForm(h.db, 'mediate');
  t.equal(stored!.version, 2, 'recorded for the inbox');
  t.equal((await h.call('designer', 'GET', '/api/processes/forms/mediate')).json.version, 2);
  const trail = await auditOf(h.db, 'process', `${ID}@1`);
  t.match(trail.at(-1), { action: 'process.deploy', details: { forms: ['mediate@2'] } });

  const m = (
    await h.call('clerk', 'POST', '/api/matters', {
      matterType: 'dispute',
      channel: 'window',
      category: 'neighbour',
      regionCode: 'demo-town-a1',
      summary: '楼上漏水',
      parties: [{ role: 'applicant', name: '周一', phone: '13700000001' }],
    })
  ).json;
  t.equal(m.processId, ID, 'the region runs the variant');
  const key = await h.inboxTask(m.trackingCode, 'Task_Mediate');
  const detail = await h.call('mediator', 'GET', `/api/tasks/${key}`);
  t.ok(
    detail.json.form.components.some((c: any) => c.key === 'venue'),
    'the task renders the edited form',
  );
  await h.call('mediator', 'POST', `/api/tasks/${key}/claim`);
  const tooLong = await h.call('mediator', 'POST', `/api/tasks/${key}/complete`, {
    variables: {
      outcome: 'agreement',
      agreementSummary: '修复防水层',
      judicialConfirmation: false,
      venue: 'x'.repeat(21),
    },
  });
  t.equal(tooLong.status, 400);
  t.same(
    tooLong.json.details.map((d: any) => d.field),
    ['venue'],
    'validated against the new version',
  );
  const ok = await h.call('mediator', 'POST', `/api/tasks/${key}/complete`, {
    variables: { outcome: 'agreement', agreementSummary: '修复防水层', judicialConfirmation: false, venue: '村委会' },
  });
  t.equal(ok.status, 200, JSON.stringify(ok.json));
});
