// Submissions checked against the real forms in bpmn/forms (unit test, no database).
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { validateSubmission, type FormSchema } from '../../services/forms.js';
import { submissionErrors } from '../../services/task-rules.js';
import { BPMN_DIR } from '../../services/processes.js';

const form = (id: string): FormSchema =>
  JSON.parse(fs.readFileSync(path.join(BPMN_DIR, 'forms', `${id}.form`), 'utf8'));

t.test('the mediation form: outcome required and from the list; the agreement only when agreed', async (t) => {
  const f = form('mediate');
  t.same(
    validateSubmission(f, {
      outcome: 'agreement',
      agreementSummary: '各半',
      judicialConfirmation: true,
      extra: 'dropped',
    }),
    { data: { outcome: 'agreement', agreementSummary: '各半', judicialConfirmation: true }, errors: [] },
    'valid; unknown fields dropped',
  );
  const bad = validateSubmission(f, { outcome: 'maybe', judicialConfirmation: 'yes' });
  t.same(bad.errors.map((e) => e.field).sort(), ['judicialConfirmation', 'outcome']);
  t.match(bad.errors.find((e) => e.field === 'outcome')!.message, /must be one of agreement, failed/);
  t.same(
    validateSubmission(f, {}).errors.map((e) => e.field),
    ['outcome'],
    'required',
  );
  t.same(
    validateSubmission(f, { outcome: 'failed', agreementSummary: 'ignored' }).data,
    { outcome: 'failed' },
    'a hidden field is not taken',
  );
  t.match(validateSubmission(f, []).errors[0].message, /JSON object/);
  t.match(validateSubmission(f, { outcome: 'failed', notes: 'x'.repeat(4001) }).errors[0].message, /at most 4000/);
});

t.test('checklists, required text and every form of the models parse', async (t) => {
  t.same(
    validateSubmission(form('urgent-protection'), { measures: ['protection-order', 'teleport'] }).errors.map(
      (e) => e.message,
    ),
    [
      "紧急保护措施 Measures taken: 'teleport' is not one of " +
        'protection-order, police-warning, shelter, womens-federation-visit',
    ].map((m) => m.replace('紧急保护措施 Measures taken', '已采取的措施 Measures taken')),
  );
  t.same(
    validateSubmission(form('department-report'), { opinion: '' }).errors.map((e) => e.field),
    ['opinion'],
  );
  for (const f of fs.readdirSync(path.join(BPMN_DIR, 'forms'))) {
    const schema = JSON.parse(fs.readFileSync(path.join(BPMN_DIR, 'forms', f), 'utf8')) as FormSchema;
    t.equal(`${schema.id}.form`, f, `${f}: the id is the file name`);
    t.ok(schema.components.length > 1, `${f} has fields`);
  }
});

t.test('declining a petition needs a reason, whatever version of the form the task carries', async (t) => {
  const current = form('petition-acceptance');
  // The form as it was before the reason became required: tasks opened then still link to it.
  const older: FormSchema = JSON.parse(JSON.stringify(current));
  older.components.find((c) => c.key === 'reason')!.validate!.required = false;
  const check = (f: FormSchema, input: Record<string, unknown>) => {
    const { data, errors } = validateSubmission(f, input);
    return submissionErrors(f.id, data, errors);
  };
  for (const f of [current, older])
    for (const reason of [undefined, '', '  \n\t\u3000']) {
      const errors = check(f, { decision: 'not-accept', ...(reason === undefined ? {} : { reason }) });
      t.match(errors, [{ field: 'reason', rule: 'petition-decline-reason', message: /^不予受理信访事项须写明理由/ }]);
      t.equal(errors.length, 1, 'one error for the field, the rule saying why');
    }
  t.same(check(current, { decision: 'not-accept', reason: '已经法院终审' }), []);
  t.same(check(current, { decision: 'accept' }), [], 'accepting needs no reason');
  t.same(
    validateSubmission(current, { decision: 'accept', reason: '不会被带上' }).data,
    { decision: 'accept' },
    'the hidden reason is not taken',
  );
  t.same(
    validateSubmission(form('petition-handling'), { result: 'handled', reply: ' ' }).errors.map((e) => e.field),
    ['reply'],
    'whitespace is no answer to a required field',
  );
});
