// Camunda Forms deployed with the BPMN: versions, the formKey header of linked user tasks, rejections.
import t from 'tap';
import { testEngine, eventually } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';

const form = (id: string, label = 'Outcome') =>
  Buffer.from(
    JSON.stringify({
      id,
      type: 'default',
      schemaVersion: 16,
      components: [{ type: 'textfield', key: 'outcome', label }],
    }),
  );
const proc = b
  .bpmn(b.proc('with-form', b.start('s'), b.userTask('ut', { formId: 'mediate' }), b.end('e'), b.chain('s', 'ut', 'e')))
  .toString();

t.test('a form deploys with its process; a linked user task carries the latest form key', async (t) => {
  const e = await testEngine(t);
  const first = await e.zeebe.deployResource({ name: 'mediate.form', form: form('mediate') } as any);
  const f1 = (first.deployments[0] as any).form;
  t.equal(f1.formId, 'mediate');
  t.equal(f1.version, 1);
  const again = await e.zeebe.deployResource({ name: 'mediate.form', form: form('mediate') } as any);
  t.equal((again.deployments[0] as any).form.formKey, f1.formKey, 'an identical form keeps its version');
  const second = await e.zeebe.deployResource({ name: 'mediate.form', form: form('mediate', 'Result') } as any);
  const f2 = (second.deployments[0] as any).form;
  t.equal(f2.version, 2, 'a changed form is a new version');
  await e.zeebe.deployResource({ name: 'p.bpmn', process: Buffer.from(proc) });
  const pi = await e.zeebe.createProcessInstance({ bpmnProcessId: 'with-form', variables: {} });
  const jobs = await eventually(async () => {
    const r = await e.zeebe.activateJobs({
      type: 'io.camunda.zeebe:userTask',
      worker: 't',
      maxJobsToActivate: 1,
      timeout: 60_000,
      requestTimeout: 1000,
    } as any);
    return r.length ? r : null;
  });
  t.equal(jobs[0].processInstanceKey, pi.processInstanceKey);
  t.equal(jobs[0].customHeaders['io.camunda.zeebe:formKey'], f2.formKey, 'the latest version is linked');
});

t.test('a user task linked to a form that was never deployed raises FORM_NOT_FOUND', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({ name: 'p.bpmn', process: Buffer.from(proc) });
  const pi = await e.zeebe.createProcessInstance({ bpmnProcessId: 'with-form', variables: {} });
  const inc = await eventually(
    async () => (await e.operate('incidents', { filter: { processInstanceKey: pi.processInstanceKey } })).items[0],
  );
  t.equal(inc.type, 'FORM_NOT_FOUND');
  t.match(inc.message, /form with id 'mediate'/);
});

t.test('bad forms are rejected whole, naming the resource', async (t) => {
  const e = await testEngine(t);
  const bad = async (name: string, content: Buffer, re: RegExp) => {
    await t.rejects(e.zeebe.deployResource({ name, form: content } as any), re, name);
  };
  await bad('a.form', Buffer.from('{nope'), /'a\.form'[\s\S]*not valid JSON/);
  await bad('b.form', Buffer.from('[]'), /'b\.form'[\s\S]*JSON object/);
  await bad('c.form', Buffer.from(JSON.stringify({ components: [] })), /'c\.form'[\s\S]*no 'id'/);
  await bad('d.form', Buffer.from(JSON.stringify({ id: 'd' })), /'d\.form'[\s\S]*'components'/);
  await t.rejects(e.zeebe.deployResource({ name: 'x.txt', form: form('x') } as any), /unsupported resource type/);
  const defs = await e.operate('process-definitions');
  t.equal(defs.total, 0, 'nothing stored');
});
