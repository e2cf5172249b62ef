// Generated bad input (fast-check) against every endpoint: bodies of any JSON shape, wrong types,
// odd strings in paths and query strings. Whatever comes in, the answer is never a 5xx.
import t from 'tap';
import fc from 'fast-check';
import { apiHarness } from '../helpers/api.js';

t.test('no 5xx for any generated input', async (t) => {
  const h = await apiHarness(t);
  const m = (
    await h.call('clerk', 'POST', '/api/matters', {
      matterType: 'dispute',
      channel: 'window',
      category: 'neighbour',
      regionCode: 'demo-town-a1',
      summary: 'fuzz',
      parties: [{ role: 'applicant', name: '甲' }],
    })
  ).json;
  const key = await h.inboxTask(m.trackingCode, 'Task_Mediate');
  const seg = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('0', '-1', '99999999999999999999999', key, m.id, m.trackingCode, '%00', '..%2F..', 'null'),
  );
  const q = fc.dictionary(
    fc.constantFrom(
      'view',
      'sort',
      'limit',
      'offset',
      'status',
      'matterType',
      'region',
      'risk',
      'overdue',
      'from',
      'to',
      'q',
      'kind',
      'reveal',
      'noProgressDays',
      'tier',
    ),
    fc.string({ maxLength: 20 }),
    { maxKeys: 4 },
  );
  const jsonBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(
      {
        matterType: fc.oneof(fc.constantFrom('dispute', 'petition'), fc.string()),
        channel: fc.oneof(fc.constant('window'), fc.integer()),
        category: fc.oneof(fc.constant('neighbour'), fc.string()),
        regionCode: fc.oneof(fc.constant('demo-town-a1'), fc.string()),
        summary: fc.oneof(fc.string(), fc.integer()),
        facts: fc.jsonValue({ maxDepth: 2 }),
        parties: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), fc.string()),
        variables: fc.jsonValue({ maxDepth: 2 }),
        userId: fc.string(),
        question: fc.string(),
        action: fc.constantFrom('retry', 'cancel', 'x'),
        reason: fc.string(),
        name: fc.string(),
        xml: fc.string(),
        filter: fc.jsonValue({ maxDepth: 2 }),
        username: fc.string(),
        password: fc.string(),
      },
      { requiredKeys: [] },
    ),
  );
  const routes: [string, (s: string) => string][] = [
    ['POST', () => '/api/matters'],
    ['GET', () => '/api/matters'],
    ['GET', (s) => `/api/matters/${s}`],
    ['GET', (s) => `/api/track/${s}`],
    ['GET', (s) => `/api/track/${s}/qr.svg`],
    ['GET', () => '/api/tasks'],
    ['GET', (s) => `/api/tasks/${s}`],
    ['POST', (s) => `/api/tasks/${s}/claim`],
    ['POST', (s) => `/api/tasks/${s}/unclaim`],
    ['POST', (s) => `/api/tasks/${s}/assign`],
    ['POST', (s) => `/api/tasks/${s}/complete`],
    ['POST', (s) => `/api/tasks/${s}/request-info`],
    ['GET', () => '/api/monitor/stuck'],
    ['POST', () => '/api/monitor/actions'],
    ['GET', () => '/api/processes'],
    ['POST', () => '/api/processes'],
    ['GET', () => '/api/statistics'],
    ['POST', () => '/api/auth/login'],
    ['GET', () => '/api/users'],
    ['GET', (s) => `/api/users/${s}`],
    ['POST', () => '/api/users'],
    ['POST', (s) => `/api/users/${s}/password`],
    ['POST', (s) => `/api/users/${s}/deactivate`],
  ];
  const users = ['admin', 'supervisor', 'clerk', 'mediator', 'designer'];
  let calls = 0;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (const [method, url] of routes) {
    await fc.assert(
      fc.asyncProperty(
        seg,
        q,
        jsonBody,
        fc.constantFrom(...users),
        fc.boolean(),
        async (s, query, body, user, rawText) => {
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const path = `${url(encodeURIComponent(s))}${qs ? `?${qs}` : ''}`;
          const r =
            method === 'GET'
              ? await h.call(user, 'GET', path)
              : await h.call(user, 'POST', path, rawText ? JSON.stringify(body).slice(0, -1) : body, {
                  'content-type': 'application/json',
                });
          calls++;
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status >= 500)
            failures.push(
              `${method} ${path} ${JSON.stringify(body).slice(0, 200)} → ${r.status} ${r.body.slice(0, 200)}`,
            );
          return r.status < 500;
        },
      ),
      { numRuns: 25, seed: 20261122 },
    );
  }
  t.same(failures, [], 'no 5xx');
  t.comment(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  t.ok((statuses.get(400) ?? 0) > calls / 3, 'most generated input reaches validation (not stopped by a rate limit)');
  t.ok(calls >= routes.length * 25, `${calls} generated requests`);
});

t.test('NUL bytes and unpaired surrogates in any string: never a 5xx; a 400 naming the field', async (t) => {
  const h = await apiHarness(t);
  const bad = fc
    .tuple(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('\u0000', '\ud800', '\udfff', 'x\u0000y'),
      fc.string({ maxLength: 8 }),
    )
    .map(([a, x, b]) => `${a}${x}${b}`);
  const anyText = fc.oneof(bad, fc.string({ maxLength: 8 }));
  const body = fc.record(
    {
      matterType: fc.oneof(fc.constant('dispute'), bad),
      channel: fc.oneof(fc.constant('window'), bad),
      category: anyText,
      regionCode: fc.oneof(fc.constant('demo-town-a1'), bad),
      summary: bad,
      facts: fc.dictionary(anyText, anyText, { maxKeys: 2 }),
      parties: fc.array(fc.record({ role: fc.constant('applicant'), name: anyText, phone: anyText }), { maxLength: 2 }),
      variables: fc.dictionary(anyText, anyText, { maxKeys: 2 }),
      userId: bad,
      question: bad,
      action: fc.constantFrom('retry', 'cancel'),
      reason: bad,
      name: bad,
      xml: bad,
      username: bad,
      password: bad,
    },
    { requiredKeys: ['summary'] },
  );
  const routes: [string, string][] = [
    ['POST', '/api/matters'],
    ['GET', '/api/matters'],
    ['GET', '/api/tasks'],
    ['POST', '/api/tasks/1/complete'],
    ['POST', '/api/tasks/1/request-info'],
    ['POST', '/api/tasks/1/assign'],
    ['GET', '/api/monitor/stuck'],
    ['POST', '/api/monitor/actions'],
    ['POST', '/api/processes'],
    ['GET', '/api/statistics'],
    ['POST', '/api/auth/login'],
    ['GET', '/api/track/x'],
    ['POST', '/api/users'],
    ['GET', '/api/users'],
  ];
  // A lone surrogate has no UTF-8 form: in a URL it travels as the bytes a careless encoder writes.
  const enc = (s: string) =>
    s
      .split(/([\ud800-\udfff])/)
      .map((p, i) => (i % 2 ? '%ED%A0%80' : encodeURIComponent(p)))
      .join('');
  const failures: string[] = [];
  for (const [method, url] of routes) {
    await fc.assert(
      fc.asyncProperty(body, bad, fc.constantFrom('admin', 'supervisor', 'clerk', 'mediator'), async (b, s, user) => {
        const r =
          method === 'GET'
            ? await h.call(user, 'GET', `${url}?q=${enc(s)}&region=${enc(s)}`)
            : await h.call(user, 'POST', url, b);
        if (r.status >= 500) failures.push(`${method} ${url} → ${r.status} ${r.body.slice(0, 200)}`);
        return r.status < 500;
      }),
      { numRuns: 15, seed: 20261130 },
    );
  }
  t.same(failures, [], 'no 5xx');

  const valid = {
    matterType: 'dispute',
    channel: 'window',
    category: 'neighbour',
    regionCode: 'demo-town-a1',
    summary: '邻里纠纷',
    parties: [{ role: 'applicant', name: '甲' }],
  };
  for (const [what, change, field] of [
    ['summary', { summary: '邻里\u0000纠纷' }, 'summary'],
    ['a party name', { parties: [{ role: 'applicant', name: '甲\ud800' }] }, 'parties.0.name'],
    ['a facts key', { facts: { ['k\u0000']: 1 } }, 'facts.k\u0000'],
  ] as const) {
    const r = await h.call('clerk', 'POST', '/api/matters', { ...valid, ...change });
    t.equal(r.status, 400, `${what}: 400`);
    t.equal(r.json.code, 'VALIDATION_FAILED');
    t.equal(r.json.details?.[0]?.field, field, `${what}: the field is named`);
  }
  const q = await h.call('supervisor', 'GET', '/api/matters?q=%00');
  t.equal(q.status, 400, 'a NUL in a query string: 400');
  t.equal((await h.call('supervisor', 'GET', '/api/matters')).json.total, 0, 'nothing was written');
});
