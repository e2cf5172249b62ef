// The browser console (web/dist, built by `npm install`'s postinstall: `npm run build:web`) served at /.
// Paths that are not the API's (/api, /docs, /health) and match no file get the console's page: the
// citizen's bundle for /track/<code>, the staff console for everything else (its router takes over).
// Without web/dist the same paths answer a page saying how to build it, never a crash.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// GC_WEB_DIST points at another build (a test run building its own copy while the default is rebuilt).
export const WEB_DIST =
  process.env.GC_WEB_DIST || path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>控制台尚未构建</title></head>
<body><h1>控制台尚未构建 · The console is not built</h1>
<p>请在项目目录运行 <code>npm run build:web</code>，然后刷新本页。API 照常可用（<a href="/docs">/docs</a>）。</p>
<p>Run <code>npm run build:web</code> in the project folder, then reload. The API works as usual (/docs).</p>
</body></html>`;

/** Paths that belong to the API: an unknown one is the JSON 404, never the console. */
function apiPath(url: string): boolean {
  return /^\/(api|docs|health)(\/|\?|$)/.test(url);
}

export type ConsoleFallback = (req: FastifyRequest, reply: FastifyReply) => FastifyReply | null;

export async function registerConsole(app: FastifyInstance, dist = WEB_DIST): Promise<ConsoleFallback> {
  const built = fs.existsSync(path.join(dist, 'index.html'));
  if (built)
    // Hashed assets only under /assets/; index.html and track.html are sent by the fallback below.
    // preCompressed: the build writes .br and .gz beside each asset (web/vite.config.ts); a phone on a
    // slow network gets a third of the bytes.
    await app.register(fastifyStatic, {
      root: dist,
      prefix: '/',
      wildcard: false,
      index: false,
      serve: true,
      preCompressed: true,
    });
  return (req, reply) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || apiPath(req.url)) return null;
    if (!built) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    const page = /^\/track(\/|$)/.test(req.url) ? 'track.html' : 'index.html';
    // The pages are tiny and name hashed assets: never cache them, so a new build is seen at once.
    return reply.header('cache-control', 'no-cache').sendFile(page, { cacheControl: false });
  };
}
