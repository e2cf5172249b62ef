// The authorization matrix: every role × endpoint, inside and outside its jurisdiction, and anonymous.
// Allowed = the guard lets it through (any status but 401/403); refused = 403 by role; out of
// jurisdiction = 403 OUT_OF_JURISDICTION or 404 (a matter elsewhere looks absent).
import t from 'tap';
import { apiHarness, TEST_USERS } from '../helpers/api.js';

const ROLES = [
  'window-clerk',
  'mediator',
  'department-handler',
  'centre-supervisor',
  'administrator',
  'process-designer',
  'auditor',
  'leader',
] as const;
const STAFF = ['window-clerk', 'mediator', 'department-handler', 'centre-supervisor', 'administrator'];
// Leaders read matters too: the dashboard drills down to them.
const READERS = [...STAFF, 'auditor', 'leader'];
// The inbox: staff, and leaders for the supervision items of their unit.
const INBOX = [...STAFF, 'leader'];
const FIGURES = ['centre-supervisor', 'administrator', 'auditor', 'leader'];

t.test('every role × endpoint × in/out of jurisdiction', async (t) => {
  const h = await apiHarness(t);
  const intake = {
    matterType: 'dispute',
    channel: 'window',
    category: 'neighbour',
    regionCode: 'demo-town-a1',
    summary: '矩阵',
    parties: [{ role: 'applicant', name: '甲' }],
  };
  const m = (await h.call('clerk', 'POST', '/api/matters', intake)).json;
  const key = await h.inboxTask(m.trackingCode, 'Task_Mediate');
  const period = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
  const newUser = { id: 'matrix.user', displayName: '矩阵', roles: ['auditor'] };
  // [method, url, body, roles allowed, scoped: what an out-of-jurisdiction user gets]
  const endpoints: [string, string, unknown, string[], 'region' | 'data' | null][] = [
    ['POST', '/api/matters', intake, ['window-clerk', 'centre-supervisor', 'administrator'], 'region'],
    ['GET', '/api/matters', undefined, READERS, null],
    ['GET', `/api/matters/${m.id}`, undefined, READERS, 'data'],
    ['GET', '/api/matters?region=demo-town-a1', undefined, READERS, 'region'],
    ['GET', '/api/tasks?view=mine', undefined, INBOX, null],
    ['GET', `/api/tasks/${key}`, undefined, INBOX, 'data'],
    ['POST', `/api/tasks/${key}/assign`, { userId: 'nobody' }, ['centre-supervisor', 'administrator'], 'data'],
    ['GET', '/api/monitor/stuck', undefined, ['centre-supervisor', 'administrator'], null],
    ['GET', '/api/monitor/stuck?region=demo-town-a1', undefined, ['centre-supervisor', 'administrator'], 'region'],
    ['POST', '/api/monitor/actions', { action: 'retry' }, ['centre-supervisor', 'administrator'], null],
    ['GET', '/api/processes', undefined, ['process-designer', 'administrator', 'centre-supervisor'], null],
    ['POST', '/api/processes', { name: 'x.bpmn', xml: '<nope' }, ['process-designer', 'administrator'], null],
    ['GET', `/api/statistics?${period}`, undefined, FIGURES, null],
    ['GET', `/api/statistics?${period}&region=demo-town-a1`, undefined, FIGURES, 'region'],
    ['GET', '/api/supervision', undefined, FIGURES, null],
    ['GET', '/api/supervision?region=demo-town-a1', undefined, FIGURES, 'region'],
    ['GET', '/api/users', undefined, ['centre-supervisor', 'administrator'], null],
    ['GET', '/api/users?region=demo-town-a1', undefined, ['centre-supervisor', 'administrator'], 'region'],
    ['GET', '/api/users/mediator', undefined, ['centre-supervisor', 'administrator'], 'data'],
    ['POST', '/api/users', { ...newUser, regionCode: 'demo-town-a1' }, ['administrator'], 'region'],
    // No-op changes (the same name, already active): nobody's session ends during the matrix.
    ['PATCH', '/api/users/mediator', { displayName: 'mediator' }, ['administrator'], 'data'],
    ['POST', '/api/users/mediator/reactivate', undefined, ['administrator'], 'data'],
  ];
  const inside = (role: string) => TEST_USERS.find((u) => u.roles[0] === role && !u.id.startsWith('island-'))!.id;
  const outside = (role: string) => TEST_USERS.find((u) => u.roles[0] === role && u.id.startsWith('island-'))!.id;
  let checks = 0;
  for (const [method, url, body, allowed, scoped] of endpoints) {
    t.equal((await h.call(null, method, url, body)).status, 401, `anonymous ${method} ${url} → 401`);
    for (const role of ROLES) {
      const r = await h.call(inside(role), method, url, body);
      if (allowed.includes(role))
        t.notOk([401, 403].includes(r.status), `${role} may ${method} ${url} (got ${r.status} ${r.json?.code ?? ''})`);
      else t.same([r.status, r.json?.code], [403, 'FORBIDDEN'], `${role} may not ${method} ${url}`);
      const o = await h.call(outside(role), method, url, body);
      if (!allowed.includes(role)) t.equal(o.status, 403, `${role} outside: refused by role`);
      else if (scoped === 'region')
        t.same(
          [o.status, o.json?.code],
          [403, 'OUT_OF_JURISDICTION'],
          `${role} outside: ${method} ${url} out of jurisdiction`,
        );
      else if (scoped === 'data') t.equal(o.status, 404, `${role} outside: ${method} ${url} looks absent`);
      else
        t.notOk([401, 403].includes(o.status), `${role} outside: ${method} ${url} allowed, scoped to its own region`);
      checks += 2;
    }
  }
  const outsideList = await h.call('island-supervisor', 'GET', '/api/matters');
  t.equal(outsideList.json.total, 0, 'the island supervisor sees none of the matters of county A');
  t.equal((await h.call(null, 'GET', `/api/track/${m.trackingCode}`)).status, 200, 'tracking is public');
  t.ok(checks >= 190, `${checks} checks`);
});
