// What a caller is told when a request does not fit its schema: the field itself (an extra or missing
// property by name, not its parent) and what is wrong with it, Chinese first; nothing is written.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';

const matter = (over: Record<string, unknown> = {}) => ({
  matterType: 'dispute',
  channel: 'window',
  category: 'neighbour',
  regionCode: 'demo-county-a',
  summary: '某建筑公司拖欠农民工工资',
  facts: { parties: 2 },
  parties: [{ role: 'applicant', name: '赵某', phone: '13800003333' }],
  ...over,
});

t.test('schema findings name the field and say what is wrong', async (t) => {
  const h = await apiHarness(t);
  const before = await h.db('app.matters').count({ n: '*' }).first();
  let n = 0;
  const post = (body: unknown) =>
    h.call('clerk', 'POST', '/api/matters', body, { 'idempotency-key': `validation-messages-${++n}` });

  const extra = await post(matter({ facts: { parties: 160, amount: 2_100_000 } }));
  t.equal(extra.status, 400);
  t.match(extra.json.details, [{ field: 'facts.amount', message: /^不是可接受的字段 · not an accepted field$/ }]);
  t.match(extra.json.message, /^请求内容有误 · invalid body: facts\.amount：不是可接受的字段/, 'the message names it');

  const { summary: _gone, ...noSummary } = matter();
  const missing = await post(noSummary);
  t.match(missing.json.details, [{ field: 'summary', message: /^必填/ }]);

  const missingRole = await post(matter({ parties: [{ name: '赵某' }] }));
  t.match(missingRole.json.details, [{ field: 'parties.0.role', message: /^必填/ }], 'a nested field by its path');

  const badType = await post(matter({ matterType: 'gossip' }));
  t.equal(badType.status, 400);
  t.match(badType.json.details, [
    { field: 'matterType', message: /^应为 .*dispute.* 之一 · must be one of .*dispute/ },
  ]);

  const wrongKind = await post(matter({ facts: { parties: 'many' } }));
  t.match(wrongKind.json.details, [{ field: 'facts.parties', message: /^应为整数|^应为数字/ }]);

  const query = await h.call('clerk', 'GET', '/api/matters?limit=0');
  t.equal(query.status, 400);
  t.match(query.json, { message: /^查询参数有误 · invalid querystring: limit：不能小于 1/ });

  const after = await h.db('app.matters').count({ n: '*' }).first();
  t.equal(Number(after?.n), Number(before?.n), 'nothing written');
});
