// The Alibaba Cloud adapter through the real SDK, against a local stand-in for the provider's endpoint:
// the registered template, its parameters and the signature; a 500 retried, the last try dead-lettered;
// and a sender killed with SIGKILL mid-batch, restarted, sends no message twice.
import t from 'tap';
import { spawn } from 'node:child_process';
import { apiHarness } from '../helpers/api.js';
import { receive } from '../helpers/messages.js';
import { aliyunAgainst, fakeAliyunSms, TEST_TEMPLATES } from '../helpers/fake-aliyun-sms.js';
import { senderRound, backoffMs } from '../../services/sender/index.js';
import { deliveriesOfMatter } from '../../store/deliveries.js';
import { PROJECT_ROOT } from '../../platform/database.js';
import { loadConfig } from '../../platform/config.js';
import { smsAdapter } from '../../services/sender/adapters.js';

t.test(
  'sent with the registered template, parameters and signature; a 500 retried; dead after the last try',
  async (t) => {
    const h = await apiHarness(t);
    const fake = await fakeAliyunSms();
    t.teardown(() => fake.close());
    const sms = aliyunAgainst(fake);
    let now = h.now();
    const deps = { db: h.db, vault: h.vault, sms, clock: () => now };
    const m = await receive(h, 'neighbour', ['13812345678', null]);
    fake.behave = (n) => (n === 1 ? { status: 500, code: 'InternalError' } : null);
    await senderRound(deps, { maxAttempts: 3 });
    const receipt = async () => (await deliveriesOfMatter(h.db, m.id)).find((d) => d.template === 'matter-received')!;
    t.match(await receipt(), { status: 'failed', attempts: 1, lastError: /500/ }, 'a 500 is a failure to retry');
    now = new Date(now.getTime() + backoffMs(1) + 1000);
    await senderRound(deps, { maxAttempts: 3 });
    t.match(await receipt(), { status: 'sent', attempts: 2, providerRef: 'biz-2' }, 'sent on the second try');
    t.same(fake.sends[1], {
      phone: '13812345678',
      templateCode: 'SMS_460001',
      templateParam: { code: m.code },
      signName: '综治中心',
      outId: (await receipt()).idempotencyKey,
    });
    t.ok(
      fake.authorizations.every((a) => a.startsWith('ACS3-HMAC-SHA256 Credential=test-key-id,')),
      'every request signed with the access key',
    );

    const m2 = await receive(h, 'neighbour', ['13812345679', null]);
    fake.behave = () => ({ status: 503, code: 'ServiceUnavailable' });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await senderRound(deps, { maxAttempts: 3 });
      now = new Date(now.getTime() + backoffMs(attempt) + 1000);
    }
    const d2 = (await deliveriesOfMatter(h.db, m2.id)).find((d) => d.template === 'matter-received')!;
    t.match(d2, { status: 'dead', attempts: 3, lastError: /503/ }, 'dead-lettered after the third try');
    t.equal(fake.sends.filter((s) => s.phone === '13812345679').length, 3, 'tried three times, no more');

    const m3 = await receive(h, 'neighbour', ['10000000000', null]);
    fake.behave = () => ({ status: 200, code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    await senderRound(deps, { maxAttempts: 3 });
    const d3 = (await deliveriesOfMatter(h.db, m3.id)).find((d) => d.template === 'matter-received')!;
    t.match(d3, { status: 'dead', attempts: 1 }, 'a number the provider refuses is not tried again');
  },
);

t.test('a sender killed with SIGKILL mid-batch and restarted sends no message twice', async (t) => {
  const h = await apiHarness(t);
  const fake = await fakeAliyunSms();
  t.teardown(() => fake.close());
  const ms = [];
  for (let i = 0; i < 8; i++) ms.push(await receive(h, 'neighbour', [`1391234${String(1000 + i)}`, null]));
  // Each answer takes a while: the kill lands while the provider holds a message it has taken.
  fake.delayMs = 400;
  const offset = h.now().getTime() - Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/sender/child.ts'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: h.e.databaseUrl,
      DATA_KEY: h.dataKey.toString('base64'),
      CLOCK_OFFSET_MS: String(offset),
      SMS_ENDPOINT: fake.endpoint,
      SMS_TEMPLATES: JSON.stringify(TEST_TEMPLATES),
    },
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (let i = 0; i < 600 && fake.sends.length < 3; i++) {
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  t.ok(fake.sends.length >= 3, `the child sent some before it was killed (${fake.sends.length}) ${out}`);
  child.kill('SIGKILL');
  await exited;
  const beforeRestart = fake.sends.length;
  t.ok(beforeRestart < ms.length, `killed mid-batch (${beforeRestart} of ${ms.length} taken)`);

  // Restarted: once the dead sender's leases (5 s) have run out, the rest goes out.
  fake.delayMs = 0;
  const sms = aliyunAgainst(fake);
  const later = () => new Date(Date.now() + offset + 10_000);
  for (let i = 0; i < 20; i++) await senderRound({ db: h.db, vault: h.vault, sms, clock: later });
  const receipts = (await Promise.all(ms.map((m) => deliveriesOfMatter(h.db, m.id)))).map((ds) =>
    ds.find((d) => d.template === 'matter-received')!,
  );
  t.same(
    receipts.map((d) => d.status),
    receipts.map(() => 'sent'),
    'every receipt sent',
  );
  const outIds = fake.sends.map((s) => s.outId);
  t.equal(new Set(outIds).size, outIds.length, `${outIds.length} messages at the provider, none twice`);
  t.equal(outIds.length, ms.length, 'one each');
  t.ok(
    receipts.some((d) => d.providerRef === d.idempotencyKey),
    'the message caught mid-call was found at the provider, not sent again',
  );
});

t.test('the provider is configured by environment; a bad setting stops start-up naming it', async (t) => {
  const ok = {
    SMS_PROVIDER: 'aliyun',
    ALIYUN_SMS_ACCESS_KEY_ID: 'id',
    ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
    ALIYUN_SMS_SIGN_NAME: '综治中心',
    ALIYUN_SMS_TEMPLATES: JSON.stringify({ 'matter-received': 'SMS_460001' }),
  };
  const { adapter, note } = smsAdapter(loadConfig(ok));
  t.equal(adapter.name, 'aliyun');
  t.match(note, /not registered, so not sent: .*matter-closed/, 'names the templates with no provider code');
  t.equal(smsAdapter(loadConfig({})).adapter.name, 'demo', 'the demo records by default');
  t.throws(() => loadConfig({ ...ok, ALIYUN_SMS_SIGN_NAME: undefined }), /needs ALIYUN_SMS_SIGN_NAME/);
  t.throws(() => loadConfig({ ...ok, ALIYUN_SMS_TEMPLATES: '{bad' }), /ALIYUN_SMS_TEMPLATES must be JSON/);
  t.throws(
    () => loadConfig({ ...ok, ALIYUN_SMS_TEMPLATES: '{"matter-received":"123"}' }),
    /ALIYUN_SMS_TEMPLATES.matter-received must be a template code/,
  );
  t.throws(() => loadConfig({ ...ok, SMS_PROVIDER: 'carrier-pigeon' }), /SMS_PROVIDER/);
});
