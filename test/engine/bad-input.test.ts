// Bad input through the gateway gets a clear gRPC error and stores nothing.
import t from 'tap';
import pg from 'pg';
import { testEngine } from '../helpers/engine.js';
import * as b from '../helpers/bpmn.js';

const ok = b.bpmn(b.proc('ok', b.start('s'), b.serviceTask('t1', 'x'), b.end('e'), b.chain('s', 't1', 'e')));

t.test('deploy rejections name the element and store nothing', async (t) => {
  const e = await testEngine(t);
  const pool = new pg.Pool({ connectionString: e.databaseUrl, max: 1 });
  pool.on('error', () => {
    /* idle clients end when the test database is dropped */
  });
  t.teardown(() => pool.end());
  const count = async () =>
    (
      await pool.query(
        'SELECT (SELECT count(*) FROM engine.process_definitions) + (SELECT count(*) FROM engine.deployments) AS n',
      )
    ).rows[0].n;
  const cases: [string, Buffer, RegExp][] = [
    [
      'malformed XML',
      Buffer.from('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p"'),
      /not a valid BPMN|unreadable/,
    ],
    ['not BPMN at all', Buffer.from('hello'), /not a valid BPMN|no bpmn:process/],
    [
      'unknown element type',
      b.bpmn(b.proc('u', b.start('s'), '<bpmn:complexGateway id="cg"/>', b.end('e'), b.chain('s', 'cg', 'e'))),
      /cg \(bpmn:ComplexGateway\).*not supported/,
    ],
    [
      'signal event',
      b.bpmn(
        b.proc(
          'sig',
          b.start('s'),
          '<bpmn:intermediateCatchEvent id="sc"><bpmn:signalEventDefinition/></bpmn:intermediateCatchEvent>',
          b.end('e'),
          b.chain('s', 'sc', 'e'),
        ),
      ),
      /sc .*SignalEventDefinition is not supported/,
    ],
    [
      'bad FEEL',
      b.bpmn(
        b.proc(
          'f',
          b.start('s'),
          b.xor('g', 'd'),
          b.end('e1'),
          b.end('e2'),
          b.flow('s', 'g'),
          b.flow('g', 'e1', '=amount >'),
          b.flow('g', 'e2', undefined, 'd'),
        ),
      ),
      /invalid FEEL expression in the condition/,
    ],
    [
      'service task without type',
      b.bpmn(b.proc('nt', b.start('s'), '<bpmn:serviceTask id="st"/>', b.end('e'), b.chain('s', 'st', 'e'))),
      /st \(bpmn:ServiceTask\).*zeebe:taskDefinition/,
    ],
    [
      'bad timer',
      b.bpmn(
        b.proc(
          'bt',
          b.start('s'),
          b.catchEvent('c', b.timerDef('timeDuration', 'three days')),
          b.end('e'),
          b.chain('s', 'c', 'e'),
        ),
      ),
      /invalid timer duration 'three days'/,
    ],
    [
      'message without correlation key',
      b.bpmn(b.proc('mk', b.start('s'), b.catchEvent('c', b.messageDef('m')), b.end('e'), b.chain('s', 'c', 'e')), {
        messages: { m: undefined },
      }),
      /correlationKey/,
    ],
  ];
  for (const [what, xml, msg] of cases) {
    const before = await count();
    const err = await e.zeebe.deployResource({ name: `${what}.bpmn`, process: xml }).then(
      () => null,
      (x: any) => x,
    );
    t.ok(err, `${what}: rejected`);
    t.equal(err?.code, 3, `${what}: INVALID_ARGUMENT`);
    t.match(err?.details ?? err?.message, msg, `${what}: names the problem`);
    t.equal(await count(), before, `${what}: nothing stored`);
  }
  // One bad resource rejects the whole deployment.
  const before = await count();
  const err = await e.zeebe
    .deployResources([
      { name: 'ok.bpmn', process: ok },
      { name: 'bad.bpmn', process: Buffer.from('<nope/>') },
    ] as any)
    .then(
      () => null,
      (x: any) => x,
    );
  t.equal(err?.code, 3);
  t.equal(await count(), before, 'the good resource of a failed deployment is not stored either');
});

t.test('bad variables, oversized documents, unknown keys', async (t) => {
  const e = await testEngine(t);
  await e.zeebe.deployResource({ name: 'ok.bpmn', process: ok });
  const code = async (p: Promise<unknown>) =>
    p.then(
      () => 0,
      (x: any) => x.code,
    );
  const big = { blob: 'x'.repeat(4 * 1024 * 1024 + 10) };
  const bigErr = await e.zeebe.createProcessInstance({ bpmnProcessId: 'ok', variables: big }).then(
    () => null,
    (x: any) => x,
  );
  t.equal(bigErr?.code, 3, 'over 4 MB: INVALID_ARGUMENT');
  t.match(bigErr?.details ?? bigErr?.message, /at most 4 MB/);
  t.equal(
    await code(e.zeebe.completeJob({ jobKey: 'abc', variables: {} })),
    3,
    'a non-numeric key is INVALID_ARGUMENT',
  );
  t.equal(
    await code(e.zeebe.completeJob({ jobKey: '2251799813000001', variables: {} })),
    5,
    'an unknown job is NOT_FOUND',
  );
  t.equal(
    await code(e.zeebe.setVariables({ elementInstanceKey: '2251799813000001', variables: { a: 1 }, local: false })),
    5,
  );
  t.equal(
    await code(e.zeebe.publishMessage({ name: '', correlationKey: 'k', variables: {}, timeToLive: 0 })),
    3,
    'a message needs a name',
  );
  const list = await e.operate('process-instances');
  t.equal(list.total, 0, 'no instance was created by any of it');
});
