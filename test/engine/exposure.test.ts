// The engine's ports locked: TLS from configured PEM files, client credentials checked on every gRPC
// call and HTTP request (tokens from the engine's own /oauth/token, as @camunda8/sdk and zbctl fetch
// them), clock control off unless enabled, no plain port on a non-loopback address.
import t from 'tap';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent } from 'node:https';
import { startEngine } from '../../engine/index.js';
import { createLogger } from '../../platform/logger.js';
import { zeebeClient } from '../../platform/zeebe.js';
import { testDatabase } from '../helpers/db.js';
import { OperateClient, zeebeEngine } from '../../engine-client/index.js';
import { tokenSource } from '../../engine-client/http.js';

const run = promisify(execFile);
const ZBCTL = path.join(process.cwd(), 'node_modules/.bin/zbctl');
const creds = { clientId: 'gc-app', clientSecret: 'a-long-enough-client-secret' };

function selfSignedCert(): { dir: string; certFile: string; keyFile: string; cert: Buffer; key: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-tls-'));
  const certFile = path.join(dir, 'engine.crt');
  const keyFile = path.join(dir, 'engine.key');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' }); // prettier-ignore
  return { dir, certFile, keyFile, cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) };
}

/** POST to the engine's HTTPS port trusting the test certificate. */
async function httpsJson(url: string, ca: Buffer, init: { method?: string; body?: string; headers?: object } = {}) {
  const { request } = await import('node:https');
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = request(
      url,
      { method: init.method ?? 'GET', headers: init.headers as any, agent: new Agent({ ca }) },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

t.test('TLS + client credentials: the SDK and zbctl connect with them and are refused without', async (t) => {
  const tls = selfSignedCert();
  t.teardown(() => fs.rmSync(tls.dir, { recursive: true, force: true }));
  const engine = await startEngine({
    databaseUrl: await testDatabase(t),
    grpcPort: 0,
    httpPort: 0,
    log: createLogger('silent'),
    tls: { cert: tls.cert, key: tls.key },
    credentials: creds,
  });
  t.teardown(() => engine.stop());
  t.match(engine.httpUrl, /^https:/, 'the HTTP port speaks TLS');
  const tokenUrl = `${engine.httpUrl}/oauth/token`;

  const good = zeebeClient(engine.grpcAddress, { caCert: tls.cert.toString(), oauth: { url: tokenUrl, ...creds } });
  t.teardown(() => good.close());
  const topo = await good.topology();
  t.equal(topo.brokers.length, 1, 'the SDK with TLS and credentials gets the topology');

  const anonymous = zeebeClient(engine.grpcAddress, { caCert: tls.cert.toString(), retry: false });
  t.teardown(() => anonymous.close());
  const refused = await anonymous.topology().then(
    () => null,
    (e) => e,
  );
  t.equal(refused?.code, 16, 'without a token: UNAUTHENTICATED');

  const wrong = zeebeClient(engine.grpcAddress, {
    caCert: tls.cert.toString(),
    retry: false,
    oauth: { url: tokenUrl, clientId: creds.clientId, clientSecret: 'not-the-secret-at-all' },
  });
  t.teardown(() => wrong.close());
  t.ok(
    await wrong.topology().then(
      () => false,
      () => true,
    ),
    'a wrong secret gets no token and no topology',
  );

  const plain = zeebeClient(engine.grpcAddress, { retry: false, oauth: { url: tokenUrl, ...creds } });
  t.teardown(() => plain.close());
  t.ok(
    await plain.topology().then(
      () => false,
      () => true,
    ),
    'plaintext is refused by a TLS gateway',
  );

  const zbEnv = { ...process.env, SSL_CERT_FILE: tls.certFile, ZEEBE_CLIENT_CONFIG_PATH: path.join(tls.dir, 'zb') };
  const zb = (...args: string[]) =>
    run(ZBCTL, ['--address', engine.grpcAddress, '--certPath', tls.certFile, ...args], { env: zbEnv });
  const status = await zb('status', '--clientId', creds.clientId, '--clientSecret', creds.clientSecret,
    '--authzUrl', tokenUrl, '--audience', 'zeebe-api'); // prettier-ignore
  t.match(status.stdout, /Partition 1 : Leader, Healthy/, 'zbctl with credentials over TLS');
  const zbRefused = await zb('status').then(
    () => null,
    (e) => e,
  );
  t.match(`${zbRefused?.stderr}${zbRefused?.stdout}`, /Unauthenticated|UNAUTHENTICATED|bearer/i, 'zbctl without');

  // The HTTP side: a token is needed for Operate's reads; the clock actuator is not there at all.
  const search = (headers: object) =>
    httpsJson(`${engine.httpUrl}/v1/process-instances/search`, tls.cert, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', ...headers },
    });
  t.equal((await search({})).status, 401, 'Operate without a token: 401');
  const token = await httpsJson(tokenUrl, tls.cert, {
    method: 'POST',
    body: `grant_type=client_credentials&client_id=${creds.clientId}&client_secret=${creds.clientSecret}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.equal(token.status, 200);
  t.equal(token.json.token_type, 'Bearer');
  t.equal((await search({ authorization: `Bearer ${token.json.access_token}` })).status, 200, 'with a token: 200');
  const badSecret = await httpsJson(tokenUrl, tls.cert, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: creds.clientId, client_secret: 'x' }),
    headers: { 'content-type': 'application/json' },
  });
  t.equal(badSecret.status, 401, 'a wrong secret gets no token');
  const clock = await httpsJson(`${engine.httpUrl}/actuator/clock`, tls.cert, {
    headers: { authorization: `Bearer ${token.json.access_token}` },
  });
  t.equal(clock.status, 404, 'clock control is off unless enabled');

  // The application's own Operate client fetches and reuses its token over TLS.
  const ca = tls.cert.toString();
  const operate = new OperateClient(engine.httpUrl, { ca, token: tokenSource({ url: tokenUrl, ...creds }, ca) });
  t.same(await operate.search('process-instances', {}), [], 'the Operate client reads with its token');
  const port = zeebeEngine({
    address: engine.grpcAddress,
    operateUrl: engine.httpUrl,
    connection: { caCert: ca, oauth: { url: tokenUrl, ...creds } },
  });
  t.teardown(() => port.close());
  t.ok(await port.healthy(), 'the engine port with credentials is healthy');
  t.same(await port.operate!.search('incidents', {}), [], 'and reads Operate');
  const noToken = new OperateClient(engine.httpUrl, { ca });
  await t.rejects(noToken.search('incidents', {}), /Operate incidents search: 401/, 'without a token: refused');
});

t.test('clock control only when enabled; no plain ports beyond loopback', async (t) => {
  const databaseUrl = await testDatabase(t);
  const withClock = await startEngine({
    databaseUrl,
    grpcPort: 0,
    httpPort: 0,
    log: createLogger('silent'),
    clockControl: true,
  });
  t.teardown(() => withClock.stop());
  const r = await fetch(`${withClock.httpUrl}/actuator/clock`);
  t.equal(r.status, 200, 'enabled: the clock answers');

  const exposed = await startEngine({
    databaseUrl,
    grpcHost: '0.0.0.0',
    grpcPort: 0,
    httpPort: 0,
    log: createLogger('silent'),
  }).then(
    (e) => e.stop().then(() => null),
    (e: Error) => e,
  );
  t.match(exposed?.message, /refuses to listen on 0\.0\.0\.0 without TLS and client credentials/);
});
