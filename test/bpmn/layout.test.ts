// The shipped diagrams read as a designer would present them (issue 14, "Readable diagrams"): every
// element drawn, no two shapes or labels on top of each other, boundary events spread along their
// task, labels placed, flows attached to what they connect. A model drawn badly on purpose shows the
// check names the model, the elements and where they overlap.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { checkLayout } from '../../bpmn/layout.js';
import { modelResources } from '../../services/processes.js';

const models = modelResources().filter((r) => r.kind === 'process');
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/bpmn', name), 'utf8');

t.test('every shipped model and variant has a readable diagram', async (t) => {
  t.ok(models.length >= 8, 'base models and variants are found');
  for (const m of models) {
    const problems = await checkLayout(fs.readFileSync(m.file, 'utf8'), path.basename(m.file));
    t.same(
      problems.map((p) => p.message),
      [],
      `${path.basename(m.file)}: every element drawn, nothing overlapping, labels placed`,
    );
  }
});

t.test('a collapsed subprocess is drawn on its own plane, every element of it too', async (t) => {
  const xml = fs.readFileSync(models.find((m) => m.name === 'dispute-resolution.bpmn')!.file, 'utf8');
  for (const id of ['Sub_Handle', 'Sub_Work']) t.match(xml, new RegExp(`<bpmndi:BPMNPlane [^>]*bpmnElement="${id}"`));
  // The mediation ladder itself is drawn expanded inside its parent, so the tiers read in one picture.
  t.match(xml, /bpmnElement="Sub_Ladder" isExpanded="true"/);
});

t.test('stacked boundary events, overlapping shapes and labels, loose flows are reported', async (t) => {
  const problems = await checkLayout(fixture('layout-stacked.bpmn'), 'layout-stacked.bpmn');
  const messages = problems.map((p) => p.message);
  const has = (rule: string, ...ids: string[]) =>
    problems.some((p) => p.rule === rule && ids.every((id) => p.ids.includes(id)));
  t.ok(has('overlap', 'Timer_Remind', 'Timer_Warn'), 'two timers stacked on one task');
  t.ok(has('overlap', 'Task_A', 'Task_B'), 'a task drawn over another');
  t.notOk(has('overlap', 'Timer_Remind', 'Task_A'), 'a boundary event may sit on its own task');
  t.ok(has('label', 'End', 'Task_B'), "the end event's label covers a task");
  t.ok(has('label', 'Timer_Warn'), 'a named boundary event without label bounds');
  t.ok(has('edge', 'F3', 'End'), 'a flow that stops short of its target');
  t.match(
    messages.find((m) => m.includes('Timer_Remind and Timer_Warn')),
    /^layout-stacked\.bpmn: shapes Timer_Remind and Timer_Warn overlap at \(245,140 23×36\)$/,
    'the message names the model, both elements and the overlap',
  );
});

t.test('an element without a shape and a boundary event off its task are reported', async (t) => {
  const xml = fixture('layout-stacked.bpmn')
    .replace(/<bpmndi:BPMNShape id="Start_di"[\s\S]*?<\/bpmndi:BPMNShape>/, '')
    .replace(
      '<dc:Bounds x="245" y="140" width="36" height="36" />',
      '<dc:Bounds x="245" y="300" width="36" height="36" />',
    );
  const problems = await checkLayout(xml, 'broken.bpmn');
  t.ok(
    problems.some(
      (p) =>
        p.rule === 'missing-di' &&
        p.ids[0] === 'Start' &&
        /^broken\.bpmn: Start \(开始 Start\) is not drawn: it has no shape$/.test(p.message),
    ),
  );
  t.ok(
    problems.some(
      (p) => p.rule === 'outside' && p.ids[0] === 'Timer_Warn' && /not on the edge of Task_A/.test(p.message),
    ),
  );
});

t.test('a model with no diagram at all reports every element', async (t) => {
  const problems = await checkLayout(fixture('one-task.bpmn'), 'one-task.bpmn');
  t.same(
    problems
      .filter((p) => p.rule === 'missing-di')
      .map((p) => p.ids[0])
      .sort(),
    ['end', 'f1', 'f2', 'start', 'work'],
  );
});
