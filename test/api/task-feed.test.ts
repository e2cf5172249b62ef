// The inbox feed takes user-task jobs with a short timeout and holds them for a month only once their
// row is written: a feed killed between the two (kill -9 of npm start) must not lock a task away from
// the inbox for thirty days.
import t from 'tap';
import { scenario } from '../helpers/scenario.js';
import { eventually } from '../helpers/engine.js';
import { startTaskFeed, TASK_FEED_CLAIM_MS, TASK_HOLD_MS, USER_TASK_JOB } from '../../services/task-feed.js';
import { fromZeebeClient } from '../../engine-client/index.js';
import { createLogger } from '../../platform/logger.js';

const DAY = 86_400_000;

t.test('a task taken by a feed that died reaches the inbox once its short claim runs out', async (t) => {
  const s = await scenario(t);
  const m = await s.receive({
    matterType: 'dispute',
    regionCode: 'demo-village-a1-1',
    category: 'neighbour',
    facts: { parties: 2 },
  });
  // The dead feed: it activated the job as the feed does, then wrote nothing.
  const taken = await eventually(async () => {
    const jobs = await s.e.zeebe.activateJobs({
      type: USER_TASK_JOB,
      worker: 'dead-feed',
      maxJobsToActivate: 10,
      timeout: TASK_FEED_CLAIM_MS,
      requestTimeout: 200,
    } as never);
    return jobs.find((j) => (j.variables as { trackingCode?: string }).trackingCode === m.trackingCode);
  }, 30_000);

  const feed = startTaskFeed(fromZeebeClient(s.e.zeebe), s.db, createLogger('silent'), s.now);
  s.e.beforeStop.unshift(() => feed.close());
  const rowOf = () =>
    s
      .db('app.tasks')
      .where({ job_key: String(taken.key) })
      .first();
  await new Promise((r) => setTimeout(r, 500));
  t.notOk(await rowOf(), 'while the dead feed holds it, nobody else takes it');

  await s.e.advanceClock(TASK_FEED_CLAIM_MS + 1000);
  const row = await eventually(rowOf, 30_000, 'the task in the inbox after the claim ran out');
  t.equal(row.tracking_code, m.trackingCode, 'the live feed wrote it');
  t.equal(row.state, 'open');

  const deadlineOf = async () =>
    (await s.e.engine.db.pool.query('SELECT deadline FROM engine.jobs WHERE key = $1', [taken.key])).rows[0]
      .deadline as Date;
  const held = await eventually(async () => {
    const d = await deadlineOf();
    return d.getTime() - s.now().getTime() > TASK_HOLD_MS - DAY && d;
  }, 10_000);
  t.ok(held, 'once written, the job is held for staff (about a month)');

  await s.e.advanceClock(2 * TASK_FEED_CLAIM_MS);
  await new Promise((r) => setTimeout(r, 300));
  t.equal((await deadlineOf()).getTime(), held.getTime(), 'and not handed out again after a minute');
  t.equal((await s.db('app.tasks').where({ tracking_code: m.trackingCode })).length, 1, 'one row for the task');
});
