// The duplicate hint names only matters the clerk may read, and every hint given is audited: anyone
// taking intakes must not learn whether a phone or ID number has an open matter in another county.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';
import { auditOf } from '../../store/audit.js';

const body = (regionCode: string, summary: string) => ({
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode,
  summary,
  parties: [{ role: 'applicant', name: '赵某', idNumber: '330203199001011234', phone: '13812345678' }],
});

t.test('a hint within jurisdiction only; each lookup audited', async (t) => {
  const h = await apiHarness(t);
  const elsewhere = await h.call('island-clerk', 'POST', '/api/matters', body('demo-island-town-1', '海岛邻里纠纷'));
  t.equal(elsewhere.status, 201);
  const first = await h.call('clerk', 'POST', '/api/matters', body('demo-village-a1-1', '邻里纠纷一'));
  t.equal(first.status, 201);
  t.same(first.json.duplicateHint, [], 'the open matter in another county is not named');
  t.same(first.json.possibleDuplicateOf, [], 'not even by id');
  const trail = await auditOf(h.db, 'matter', first.json.id);
  const hint = trail.find((a) => a.action === 'matter.duplicate-hint');
  t.ok(hint, 'the lookup is audited');
  t.same(hint?.details, { found: 1, shown: [] }, 'found one, showed none');

  const second = await h.call('clerk', 'POST', '/api/matters', body('demo-village-a1-1', '邻里纠纷二'));
  t.same(second.json.duplicateHint, [first.json.trackingCode], 'the one in the clerk’s county is named');
  t.notOk(second.json.duplicateHint.includes(elsewhere.json.trackingCode));
  const detail = await h.call('clerk', 'GET', `/api/matters/${second.json.id}`);
  t.same(detail.json.possibleDuplicateOf, [first.json.id], 'the matter view filters the same way');
  const island = await h.call('island-supervisor', 'GET', `/api/matters/${elsewhere.json.id}`);
  t.equal(island.status, 200);
});
