// `npm run bench:web` (not part of npm test): the citizen's page at the receipt's QR address, opened
// in Chromium (playwright-core, /usr/bin/chromium) over an emulated slow-3G line — 400 ms latency,
// 400 kbit/s down and up (Chrome DevTools' "Slow 3G"), CPU unthrottled, cache off — against the API
// serving the built web/dist on a throw-away database with the engine (no workers: the page needs
// a matter, not its progress). Targets: first contentful paint < 1 s; the page's JavaScript ≤ 150 kB
// gzipped. Printed beside the staff console's JavaScript (the files web/dist/index.html references).
// Sizes are gzip level 6 (zlib's default) of the built files, as a server compressing them would send.
// Runs: BENCH_RUNS (default 3; the median counts), after one load not counted (browser start-up).
// The figures are wall-clock: on a busy machine the renderer's CPU time adds to the paint.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { createSigner } from 'fast-jwt';
import { PROJECT_ROOT } from '../platform/database.js';
import { benchDatabase } from './bench-db.js';
import { createLogger } from '../platform/logger.js';
import { startEngine } from '../engine/index.js';
import { connect } from '../platform/db.js';
import { loadRegions } from '../store/regions.js';
import { upsertUser } from '../store/users.js';
import { RegionTree } from '../domain/index.js';
import { seedDemo } from './seed.js';
import { loadPart } from './parts.js';
import { zeebeEngine } from '../engine-client/index.js';
import { loadConfig } from '../platform/config.js';
import type { PartContext, RunningPart } from '../services/parts.js';

const CHROMIUM = '/usr/bin/chromium';
const DIST = path.join(PROJECT_ROOT, 'web', 'dist');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const TARGET = { fcpMs: 1000, jsGzipBytes: 150 * 1024 };
// Chrome DevTools' Slow 3G: 400 kbit/s is 51 200 bytes a second.
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 51_200, uploadThroughput: 51_200 };

/** The API part's options (api/main.ts), named here so this script needs nothing of api/. */
interface ApiPartOptions {
  secrets: { jwtSecret: string; dataKey: Buffer };
  limits: { global: number; track: number; login: number };
}

const gzipBytes = (file: string) => zlib.gzipSync(fs.readFileSync(file)).length;
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The JavaScript a built page references (its module script and the chunks it preloads). */
function referencedJs(htmlFile: string): string[] {
  const html = fs.readFileSync(htmlFile, 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)];
  return [...new Set(refs.map((m) => m[1]))];
}
const distFile = (urlPath: string) => path.join(DIST, decodeURIComponent(urlPath.replace(/^\//, '')));

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: apt-get install -y chromium`);
  if (!fs.existsSync(path.join(DIST, 'track.html'))) throw new Error('web/dist is not built: npm run build:web');
  const log = createLogger('error');
  const bench = await benchDatabase('bench-web');
  const engine = await startEngine({
    databaseUrl: bench.url,
    grpcPort: 0,
    httpPort: 0,
    log,
    schedulerIntervalMs: 250,
  });
  const db = connect(bench.url, 5);
  const usersFile = path.join(PROJECT_ROOT, '.data', `bench-web-users-${process.pid}.json`);
  await seedDemo(db, usersFile);
  const regions = new RegionTree(await loadRegions(db));
  const ctx: PartContext = {
    cfg: loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error' }),
    log,
    databaseUrl: bench.url,
    db,
    regions,
    engine: () => zeebeEngine({ address: engine.grpcAddress, operateUrl: engine.httpUrl }),
    clock: () => new Date(),
  };
  const jwtSecret = randomBytes(32).toString('hex');
  const api = await (
    await loadPart<ApiPartOptions, RunningPart & { url: string }>('api')
  ).start(ctx, {
    secrets: { jwtSecret, dataKey: randomBytes(32) },
    limits: { global: 1e9, track: 1e9, login: 1e9 },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    // One matter, received at the window as a clerk would (a token signed as the API signs them).
    await upsertUser(db, {
      id: 'bench-clerk',
      displayName: 'bench-clerk',
      passwordHash: '-',
      roles: ['window-clerk'],
      regionCode: 'demo-city',
      unit: null,
    });
    const token = createSigner({ key: jwtSecret, expiresIn: 3_600_000 })({
      sub: 'bench-clerk',
      name: 'bench-clerk',
      roles: ['window-clerk'],
      regionCode: 'demo-city',
      regionPath: regions.path('demo-city'),
      unit: null,
    });
    const res = await fetch(`${api.url}/api/matters`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'bench-web' },
      body: JSON.stringify({
        matterType: 'dispute',
        channel: 'window',
        category: 'neighbour',
        regionCode: 'demo-village-a1-1',
        summary: '压测',
        facts: { parties: 2 },
        parties: [{ role: 'applicant', name: '测试', phone: '13800000000' }],
      }),
    });
    if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
    const { trackingCode } = (await res.json()) as { trackingCode: string };

    // One load first, not counted: the browser's own start-up (fonts, the renderer) is not the page's.
    const warm = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await (await warm.newPage()).goto(`${api.url}/track/${trackingCode}`, { waitUntil: 'load' });
    await warm.close();
    const fcps: number[] = [];
    const shown: number[] = [];
    const html: number[] = [];
    let scripts = new Set<string>();
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const loaded = new Set<string>();
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') loaded.add(new URL(r.url()).pathname);
      });
      await page.goto(`${api.url}/track/${trackingCode}`, { waitUntil: 'load', timeout: 60_000 });
      // The progress itself (status label): after the script and the API's answer arrived.
      await page.waitForSelector('[data-test=status]', { timeout: 60_000 });
      shown.push(await page.evaluate(() => performance.now()));
      const fcp = await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      );
      fcps.push(fcp);
      html.push(
        await page.evaluate(
          () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
        ),
      );
      scripts = loaded;
      await context.close();
    }

    const citizenFiles = [...scripts].map(distFile);
    const staffFiles = referencedJs(path.join(DIST, 'index.html')).map(distFile);
    const sum = (files: string[]) => files.reduce((n, f) => n + gzipBytes(f), 0);
    const raw = (files: string[]) => files.reduce((n, f) => n + fs.statSync(f).size, 0);
    const citizenJs = sum(citizenFiles);
    const staffJs = sum(staffFiles);
    const fcp = median(fcps);

    console.log(`\nthe citizen page /track/<code> in Chromium, slow 3G (400 ms, 400 kbit/s), CPU unthrottled`);
    console.log(`runs: ${RUNS}; first contentful paint ${fcps.map((x) => x.toFixed(0)).join(', ')} ms`);
    console.log(`first contentful paint (median)   ${fcp.toFixed(0).padStart(8)} ms   target < ${TARGET.fcpMs} ms`);
    console.log(`page HTML received (median)       ${median(html).toFixed(0).padStart(8)} ms   (the line's share)`);
    console.log(`progress shown (median)           ${median(shown).toFixed(0).padStart(8)} ms   (status from the API)`);
    console.log('\nJavaScript                         gzip        raw   files');
    const row = (name: string, files: string[], gz: number) =>
      console.log(
        `${name.padEnd(32)} ${kB(gz).padStart(9)} ${kB(raw(files)).padStart(10)}   ` +
          files.map((f) => path.basename(f)).join(', '),
      );
    row('citizen page (loaded)', citizenFiles, citizenJs);
    row('staff console (index.html)', staffFiles, staffJs);
    console.log(
      `ratio citizen/staff                ${(citizenJs / staffJs).toFixed(3).padStart(9)}` +
        ` ${(raw(citizenFiles) / raw(staffFiles)).toFixed(3).padStart(10)}` +
        `   (staff is ${(staffJs / citizenJs).toFixed(1)}x the citizen page)`,
    );
    const fcpOk = fcp < TARGET.fcpMs;
    const jsOk = citizenJs <= TARGET.jsGzipBytes;
    console.log(`\n${fcpOk ? 'PASS' : 'FAIL'}  first contentful paint ${fcp.toFixed(0)} ms < ${TARGET.fcpMs} ms`);
    console.log(`${jsOk ? 'PASS' : 'FAIL'}  citizen JavaScript ${kB(citizenJs)} gzip ≤ ${kB(TARGET.jsGzipBytes)}`);
    if (!fcpOk || !jsOk) process.exitCode = 1;
  } finally {
    await browser.close();
    await api.stop();
    await db.destroy();
    await engine.stop();
    fs.rmSync(usersFile, { force: true });
    await bench.drop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
