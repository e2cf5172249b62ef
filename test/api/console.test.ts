// The console's serving (api/console.ts) without a browser: a missing build answers a page saying how
// to build it (never a crash), API paths keep their JSON 404, a built one serves the pages by path.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import Fastify from 'fastify';
import { registerErrorHandler } from '../../api/errors.js';
import { registerConsole, WEB_DIST, type ConsoleFallback } from '../../api/console.js';

async function app(dist: string) {
  const app = Fastify();
  const console: { page?: ConsoleFallback } = {};
  registerErrorHandler(app as any, (req, reply) => console.page?.(req, reply) ?? null);
  console.page = await registerConsole(app as any, dist);
  return app;
}

t.test('without web/dist: a Chinese-first page naming npm run build:web; the API keeps its 404', async (t) => {
  const a = await app(fs.mkdtempSync(path.join(os.tmpdir(), 'no-dist-')));
  t.teardown(() => a.close());
  const root = await a.inject({ url: '/' });
  t.equal(root.statusCode, 503);
  t.match(root.headers['content-type'], /text\/html/);
  t.match(root.body, /控制台尚未构建[\s\S]*npm run build:web/);
  for (const url of ['/api/nope', '/docs/nope', '/health/x']) {
    const r = await a.inject({ url });
    t.equal(r.statusCode, 404, url);
    t.match(r.json(), { code: 'NOT_FOUND' });
  }
  const post = await a.inject({ method: 'POST', url: '/inbox' });
  t.equal(post.statusCode, 404, 'only GET and HEAD reach the console');
});

t.test('with a build: the staff page for its paths, the citizen page under /track/, assets as files', async (t) => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<p>staff</p>');
  fs.writeFileSync(path.join(dist, 'track.html'), '<p>citizen</p>');
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'assets', 'a.js'), 'console.log(1)');
  const a = await app(dist);
  t.teardown(() => a.close());
  for (const url of ['/', '/inbox', '/login?next=/inbox']) t.match((await a.inject({ url })).body, /staff/, url);
  const track = await a.inject({ url: '/track/GC-7K2M-9QXR-4TW' });
  t.equal(track.statusCode, 200);
  t.match(track.body, /citizen/);
  t.equal(track.headers['cache-control'], 'no-cache');
  t.match((await a.inject({ url: '/assets/a.js' })).body, /console\.log/);
  t.equal((await a.inject({ url: '/api/tasks/x' })).statusCode, 404);
});

t.test('the built console: assets sent pre-compressed to browsers that accept it', async (t) => {
  const js = fs.readdirSync(path.join(WEB_DIST, 'assets')).find((n) => n.endsWith('.js'));
  t.ok(js, 'npm install built the console');
  const a = await app(WEB_DIST);
  t.teardown(() => a.close());
  const plain = await a.inject({ url: `/assets/${js}` });
  const br = await a.inject({ url: `/assets/${js}`, headers: { 'accept-encoding': 'br, gzip' } });
  const gz = await a.inject({ url: `/assets/${js}`, headers: { 'accept-encoding': 'gzip' } });
  t.equal(br.headers['content-encoding'], 'br');
  t.equal(gz.headers['content-encoding'], 'gzip');
  t.equal(plain.headers['content-encoding'], undefined, 'plain for a client that asks for nothing');
  t.ok(
    br.rawPayload.length < plain.rawPayload.length / 2,
    `br ${br.rawPayload.length} B of ${plain.rawPayload.length} B`,
  );
});
