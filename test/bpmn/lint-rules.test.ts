// The bpmnlint policy plugin (bpmn/lint/): every rule against its fixtures, the resolver and config,
// the rule options, and the `lint:bpmn` entry point's exit codes. No database needed.
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { lintBpmn, rules, recommended, resolver, readConfig, type LintFinding } from '../../bpmn/lint/index.js';
import { workerTypesIn } from '../../bpmn/lint/rules/job-type-has-worker.js';
import { parseBpmn } from '../../engine/model/parse.js';
import { NAMESPACES } from '../helpers/bpmn.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/lint');
const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');

/** Lint with only the gc rule under test enabled (fixtures have no DI, so the full config would flood). */
const only = (rule: string, xml: string, options?: object) =>
  lintBpmn(xml, { config: { rules: { [`gc/${rule}`]: options ? ['error', options] : 'error' } } });

/** Job types the job-type-has-worker fixtures are checked against (workers/ itself keeps changing). */
const WORKERS = { workerTypes: ['route-matter', 'grade-risk', 'notify-parties', 'record-event'] };
const OPTIONS: Record<string, object | undefined> = { 'job-type-has-worker': WORKERS };

/** One pattern from regex literals written one after another (for patterns longer than a line). */
const re = (...parts: RegExp[]) => new RegExp(parts.map((p) => p.source).join(''));

/** What each invalid fixture must produce: element id → message pattern, nothing more. */
const EXPECTED: Record<string, Record<string, Record<string, RegExp>>> = {
  'mediation-before-litigation': {
    'invalid-straight-to-litigation.bpmn': {
      Task_Litigate: re(
        /^path from 'StartEvent_1' reaches litigation 'Task_Litigate' without passing a mediation /,
        /\(call 'mediation-at-tier' \/ 'joint-mediation' or a 'mediate' \/ 'joint-session' user task\)/,
      ),
    },
    'invalid-event-subprocess.bpmn': {
      Task_LitigateNow: /^path from 'Start_Summons' reaches litigation 'Task_LitigateNow'/,
    },
    'invalid-boundary-bypass.bpmn': { Task_Litigate: /^path from 'StartEvent_1' reaches litigation 'Task_Litigate'/ },
    'invalid-subprocess-skip.bpmn': { Task_Litigate: /^path from 'StartEvent_1' reaches litigation 'Task_Litigate'/ },
  },
  'follow-up-before-end': {
    'invalid-end-without-follow-up.bpmn': {
      End_Rejected: re(
        /^end event 'End_Rejected' is reachable from 'StartEvent_1' without a follow-up visit /,
        /\(call 'follow-up-visit' or a 'follow-up-visit' user task\)/,
      ),
    },
    'invalid-event-subprocess-end.bpmn': {
      End_Withdrawn: /^end event 'End_Withdrawn' is reachable from 'Start_Withdrawn' without a follow-up visit/,
    },
  },
  'user-task-deadline': {
    'invalid-no-due-date.bpmn': {
      Task_Accept: /^user task 'Task_Accept' has no due date \(zeebe:taskSchedule dueDate\)$/,
      Task_Sign: /^user task 'Task_Sign' has no due date/,
    },
    'invalid-no-timer.bpmn': {
      Task_Mediate: /^user task 'Task_Mediate' has no deadline timer \(a boundary timer event/,
      Task_Inner: /^user task 'Task_Inner' has no deadline timer/,
    },
  },
  'job-type-has-worker': {
    'invalid-missing-workers.bpmn': {
      Task_Unknown:
        /^job type 'no-such-worker' of 'Task_Unknown' has no worker \(expected workers\/no-such-worker\.ts\)$/,
      Task_Dynamic: /^job type '=jobType' of 'Task_Dynamic' is an expression: cannot check/,
      Task_Untyped: /^'Task_Untyped' has a zeebe:taskDefinition without a type$/,
      End_Court: /^job type 'notify-court' of 'End_Court' has no worker \(expected workers\/notify-court\.ts\)$/,
    },
  },
  'engine-supported': {
    'invalid-complex-gateway.bpmn': {
      Gw_Complex: /^'Gw_Complex' \(bpmn:ComplexGateway\) is not supported by the embedded engine$/,
    },
    'invalid-events.bpmn': {
      Throw_Signal: re(
        /^'Throw_Signal' \(bpmn:IntermediateThrowEvent with bpmn:SignalEventDefinition\) /,
        /is not supported by the embedded engine: allowed here: none$/,
      ),
      Throw_Link: /LinkEventDefinition/,
      Catch_Link: /LinkEventDefinition/,
      Boundary_Compensate: /CompensateEventDefinition/,
      End_Escalate: /EscalationEventDefinition/,
      Start_Conditional:
        /ConditionalEventDefinition\) is not supported by the embedded engine: allowed here: timer, message, error/,
    },
    'invalid-dmn-join-loop.bpmn': {
      Task_Decide: /^'Task_Decide' \(bpmn:BusinessRuleTask with zeebe:calledDecision\) is not supported/,
      Task_Retry: /StandardLoopCharacteristics/,
      Gw_OrJoin: /^'Gw_OrJoin' \(bpmn:InclusiveGateway joining 2 flows\)/,
      Tx_Pay: /^'Tx_Pay' \(bpmn:Transaction\) is not supported by the embedded engine$/,
    },
  },
};

const fixturesOf = (rule: string) =>
  fs
    .readdirSync(path.join(FIXTURES, rule))
    .filter((f) => f.endsWith('.bpmn'))
    .sort();

t.test('the plugin: one module per rule, all in recommended, wired into bpmn/.bpmnlintrc', async (t) => {
  const files = fs
    .readdirSync(path.join(ROOT, 'bpmn/lint/rules'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  t.same(Object.keys(rules).sort(), files);
  t.same(Object.keys(EXPECTED).sort(), files, 'every rule has fixtures and expectations here');
  t.same(recommended.rules, Object.fromEntries(files.map((r) => [`gc/${r}`, 'error'])));
  t.same(readConfig().extends, ['bpmnlint:recommended', 'plugin:gc/recommended']);
});

for (const rule of Object.keys(EXPECTED)) {
  t.test(`gc/${rule}`, async (t) => {
    const files = fixturesOf(rule);
    const valid = files.filter((f) => f.startsWith('valid-'));
    const invalid = files.filter((f) => f.startsWith('invalid-'));
    t.ok(valid.length >= 1 && invalid.length >= 1, 'at least one valid and one invalid fixture');
    t.same(invalid, Object.keys(EXPECTED[rule]).sort(), 'every invalid fixture has its expectations');
    for (const f of valid) t.same(await only(rule, read(`${rule}/${f}`), OPTIONS[rule]), [], `${f}: no findings`);
    for (const f of invalid) {
      const found = await only(rule, read(`${rule}/${f}`), OPTIONS[rule]);
      const expected = EXPECTED[rule][f];
      t.same(found.map((x) => x.id).sort(), Object.keys(expected).sort(), `${f}: exactly the expected elements`);
      for (const x of found) {
        t.equal(x.rule, `gc/${rule}`);
        t.equal(x.category, 'error');
        t.ok(x.message.includes(`'${x.id}'`), `${f}: the message names '${x.id}'`);
        t.match(x.message, expected[x.id] ?? /^$/, `${f}: ${x.id}`);
      }
    }
  });
}

t.test('mediation-before-litigation and follow-up-before-end: conventions are configurable', async (t) => {
  const straight = read('mediation-before-litigation/invalid-straight-to-litigation.bpmn');
  t.same(
    await only('mediation-before-litigation', straight, { litigationTypes: ['sue'] }),
    [],
    'no litigation element by that type',
  );
  const asMediation = await only(
    'mediation-before-litigation',
    read('mediation-before-litigation/invalid-subprocess-skip.bpmn'),
    { mediationProcesses: [], mediationForms: ['something-else'] },
  );
  t.match(asMediation[0]?.message, /without passing a mediation \(a 'something-else' user task\)/);
  const noEnd = read('follow-up-before-end/invalid-end-without-follow-up.bpmn');
  t.same(
    await only('follow-up-before-end', noEnd, { processPattern: 'other-.*' }),
    [],
    'the process id does not match the pattern',
  );
  t.equal(
    (
      await only('follow-up-before-end', read('follow-up-before-end/valid-other-process.bpmn'), {
        processPattern: 'mediation-.*',
      })
    )[0]?.id,
    'End_Mediated',
  );
});

t.test('job-type-has-worker: worker types from a workers/ folder', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-workers-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const f of [
    'route-matter.ts',
    'grade-risk.ts',
    '_shared.ts',
    'index.ts',
    'runtime.ts',
    'README.md',
    'grade-risk.test.ts',
    'types.d.ts',
  ])
    fs.writeFileSync(path.join(dir, f), '');
  t.same(
    [...workerTypesIn(dir)].sort(),
    ['grade-risk', 'route-matter'],
    'helpers, wiring, docs, tests and declarations are not workers',
  );
  t.same(workerTypesIn(path.join(dir, 'missing')), new Set(), 'no folder yet: no workers');
  const found = await only('job-type-has-worker', read('job-type-has-worker/valid-known-workers.bpmn'), {
    workersDir: dir,
  });
  t.same(
    found.map((f) => f.id),
    ['Task_Notify', 'Task_Record', 'Throw_Notify', 'End_Notify'],
  );
  // Without options the repository's own workers/ folder is read.
  const repo = await only('job-type-has-worker', read('job-type-has-worker/invalid-missing-workers.bpmn'));
  t.match(repo.find((f) => f.id === 'Task_Unknown')?.message, /expected workers\/no-such-worker\.ts/);
});

t.test('engine-supported agrees with the engine (engine/model/parse.ts) on its fixtures', async (t) => {
  await t.resolves(
    parseBpmn(read('engine-supported/valid-supported.bpmn'), 'valid-supported.bpmn'),
    'the valid fixture deploys',
  );
  for (const f of Object.keys(EXPECTED['engine-supported'])) {
    const problems: string[] = await parseBpmn(read(`engine-supported/${f}`), f).then(
      () => [],
      (e) => e.problems,
    );
    for (const id of Object.keys(EXPECTED['engine-supported'][f]))
      t.ok(
        problems.some((p) => p.startsWith(`Element: ${id} `)),
        `${f}: the engine rejects ${id} too`,
      );
  }
  t.same(
    await only('engine-supported', read('engine-supported/invalid-dmn-join-loop.bpmn')).then((r) =>
      r.filter((f) => f.id.includes('Citizen')),
    ),
    [],
    'non-executable processes are skipped',
  );
});

// Every event kind × event definition through the rule and through the engine's parser: they must
// agree, so a change to the engine's event support that the rule misses fails here.
t.test('engine-supported agrees with the engine on every event kind × event definition', async (t) => {
  const DEFS: Record<string, string> = {
    none: '',
    timer:
      '<bpmn:timerEventDefinition>' +
      '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">2030-01-01T00:00:00Z</bpmn:timeDate>' +
      '</bpmn:timerEventDefinition>',
    message: '<bpmn:messageEventDefinition messageRef="Msg" />',
    error: '<bpmn:errorEventDefinition errorRef="Err" />',
    terminate: '<bpmn:terminateEventDefinition />',
    signal: '<bpmn:signalEventDefinition signalRef="Sig" />',
    escalation: '<bpmn:escalationEventDefinition escalationRef="Esc" />',
    link: '<bpmn:linkEventDefinition name="l" />',
    compensate: '<bpmn:compensateEventDefinition />',
    conditional:
      '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">=x</bpmn:condition>' +
      '</bpmn:conditionalEventDefinition>',
    cancel: '<bpmn:cancelEventDefinition />',
    'timer+message':
      '<bpmn:timerEventDefinition>' +
      '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">2030-01-01T00:00:00Z</bpmn:timeDate>' +
      '</bpmn:timerEventDefinition><bpmn:messageEventDefinition messageRef="Msg" />',
  };
  const main = (inner: string) => `<bpmn:startEvent id="S" />${inner}<bpmn:endEvent id="E" />`;
  const f = (id: string, a: string, b: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${a}" targetRef="${b}" />`;
  const POSITIONS: Record<string, (x: string) => string> = {
    'process start': (x) =>
      `<bpmn:startEvent id="X">${x}</bpmn:startEvent><bpmn:endEvent id="E" />${f('f1', 'X', 'E')}`,
    'event sub-process start': (x) =>
      `${main(f('f1', 'S', 'E'))}<bpmn:subProcess id="Esp" triggeredByEvent="true">` +
      `<bpmn:startEvent id="X">${x}</bpmn:startEvent><bpmn:endEvent id="EE" />${f('f2', 'X', 'EE')}</bpmn:subProcess>`,
    'sub-process start': (x) =>
      main(
        `<bpmn:subProcess id="Sub"><bpmn:startEvent id="X">${x}</bpmn:startEvent><bpmn:endEvent id="SE" />` +
          `${f('f3', 'X', 'SE')}</bpmn:subProcess>${f('f1', 'S', 'Sub')}${f('f2', 'Sub', 'E')}`,
      ),
    end: (x) => `<bpmn:startEvent id="S" /><bpmn:endEvent id="X">${x}</bpmn:endEvent>${f('f1', 'S', 'X')}`,
    'intermediate catch': (x) =>
      main(
        `<bpmn:intermediateCatchEvent id="X">${x}</bpmn:intermediateCatchEvent>` +
          `${f('f1', 'S', 'X')}${f('f2', 'X', 'E')}`,
      ),
    'intermediate throw': (x) =>
      main(
        `<bpmn:intermediateThrowEvent id="X">${x}</bpmn:intermediateThrowEvent>` +
          `${f('f1', 'S', 'X')}${f('f2', 'X', 'E')}`,
      ),
    boundary: (x) =>
      main(
        `<bpmn:task id="T" /><bpmn:boundaryEvent id="X" attachedToRef="T">${x}</bpmn:boundaryEvent>` +
          `${f('f1', 'S', 'T')}${f('f2', 'T', 'E')}${f('f3', 'X', 'E')}`,
      ),
    'non-interrupting boundary': (x) =>
      main(
        `<bpmn:task id="T" /><bpmn:boundaryEvent id="X" cancelActivity="false" attachedToRef="T">` +
          `${x}</bpmn:boundaryEvent>${f('f1', 'S', 'T')}${f('f2', 'T', 'E')}${f('f3', 'X', 'E')}`,
      ),
  };
  const MESSAGE =
    '<bpmn:message id="Msg" name="m"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" />' +
    '</bpmn:extensionElements></bpmn:message>';
  const ERROR_SIGNAL_ESCALATION =
    '<bpmn:error id="Err" name="e" errorCode="e" /><bpmn:signal id="Sig" name="s" />' +
    '<bpmn:escalation id="Esc" name="x" escalationCode="x" />';
  // Where the rule is knowingly stricter than the engine: the engine accepts a terminate start event
  // in an event sub-process (not valid BPMN; Zeebe rejects it at deploy).
  const STRICTER = new Set(['event sub-process start/terminate']);
  for (const [position, build] of Object.entries(POSITIONS)) {
    for (const [name, def] of Object.entries(DEFS)) {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NAMESPACES} id="D" targetNamespace="http://test">
  <bpmn:process id="p" isExecutable="true">${build(def)}</bpmn:process>
  ${MESSAGE}
  ${ERROR_SIGNAL_ESCALATION}
</bpmn:definitions>`;
      const engineRejects = await parseBpmn(xml, 'matrix.bpmn').then(
        () => false,
        () => true,
      );
      const found: LintFinding[] = await only('engine-supported', xml);
      t.ok(
        found.every((x) => x.id === 'X'),
        `${position}/${name}: only the event is reported`,
      );
      const stricter = STRICTER.has(`${position}/${name}`);
      if (stricter)
        t.notOk(engineRejects, `${position}/${name}: still a gap in the engine (else drop it from STRICTER)`);
      const expected = engineRejects || stricter;
      t.equal(
        found.length > 0,
        expected,
        `${position} with ${name}: ${expected ? 'rejected' : 'accepted'}, as by the engine`,
      );
    }
  }
});

t.test('the resolver serves bpmnlint built-ins and gc, nothing else', async (t) => {
  t.type(await resolver.resolveRule('bpmnlint', 'no-bpmndi'), 'function');
  t.equal(await resolver.resolveRule('bpmnlint-plugin-gc', 'user-task-deadline'), rules['user-task-deadline']);
  t.ok((await resolver.resolveConfig('bpmnlint', 'recommended')).rules?.['no-bpmndi']);
  t.equal(await resolver.resolveConfig('bpmnlint-plugin-gc', 'recommended'), recommended);
  t.throws(() => resolver.resolveRule('bpmnlint', 'no-such-rule'), /unknown rule <no-such-rule>/);
  t.throws(() => resolver.resolveRule('bpmnlint', '../lib/linter'), /unknown rule/, 'names are not paths');
  t.throws(() => resolver.resolveRule('bpmnlint-plugin-gc', 'nope'), /unknown rule <gc\/nope>/);
  t.throws(() => resolver.resolveRule('bpmnlint-plugin-other', 'x'), /unknown rule <bpmnlint-plugin-other\/x>/);
  t.throws(() => resolver.resolveConfig('bpmnlint-plugin-gc', 'all'), /unknown config <plugin:gc\/all>/);
  await t.rejects(
    lintBpmn(read('cli/valid-with-di.bpmn'), { config: { extends: 'plugin:other/recommended' } }),
    /unknown config <plugin:bpmnlint-plugin-other\/recommended>/,
  );
  t.throws(() => readConfig(path.join(FIXTURES, 'nope.json')), /cannot read the lint config/);
});

t.test('lintBpmn with the default config (bpmn/.bpmnlintrc)', async (t) => {
  t.same(
    await lintBpmn(read('cli/valid-with-di.bpmn')),
    [],
    'a model with DI that follows the policies passes everything',
  );
  const found = await lintBpmn(read('mediation-before-litigation/invalid-straight-to-litigation.bpmn'));
  t.ok(
    found.some((f) => f.rule === 'no-bpmndi'),
    'built-in rules run (no-bpmndi stays on)',
  );
  t.ok(found.some((f) => f.rule === 'gc/mediation-before-litigation' && f.id === 'Task_Litigate'));
  t.same(
    await lintBpmn('<not bpmn', { config: {} }).then((r) => r.map((f) => [f.rule, f.category])),
    [['import', 'error']],
    'unreadable XML',
  );
  const dangling = read('cli/valid-with-di.bpmn').replace('targetRef="End_Closed"', 'targetRef="End_Nowhere"');
  t.match(await lintBpmn(dangling, { config: {} }), [
    { rule: 'import', message: /Import warning: unresolved reference <End_Nowhere>/, category: 'error' },
  ]);
  const dangled = await only('follow-up-before-end', dangling.replace('sourceRef="Gw_Join"', 'sourceRef="Gw_Nowhere"'));
  t.same(
    dangled.map((f) => f.rule),
    ['import', 'import'],
    'the path rules survive dangling references (no rule error)',
  );
});

t.test('npm run lint:bpmn (scripts/lint-bpmn.ts): output and exit codes', async (t) => {
  const run = (...args: string[]) => {
    const r = spawnSync('npx', ['tsx', 'scripts/lint-bpmn.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const invalid = 'test/fixtures/lint/mediation-before-litigation/invalid-straight-to-litigation.bpmn';
  const bad = run(invalid);
  t.equal(bad.code, 1, 'an error fails the run');
  t.match(bad.out, `${invalid}: Task_Litigate [gc/mediation-before-litigation] path from 'StartEvent_1'`);
  t.match(bad.out, /✖ \d+ errors, 0 warnings in 1 of 1 model\n/);
  const good = run('test/fixtures/lint/cli/valid-with-di.bpmn');
  t.equal(good.code, 0, 'the valid fixture (with DI) passes the default config');
  t.match(good.out, '✔ 1 model linted, no problems');
  const gcOnly = run('--config', 'test/fixtures/lint/cli/gc-only.bpmnlintrc', invalid);
  t.equal(gcOnly.code, 1);
  t.notMatch(gcOnly.out, /no-bpmndi/, '--config replaces the default config');
  t.equal(run('no-such-file.bpmn').code, 2, 'a missing file is a usage error');
  t.equal(run('--no-such-flag').code, 2, 'an unknown flag is a usage error');
});
