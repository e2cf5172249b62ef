// The citizen's page at the receipt's QR address (/track/<code>): what it shows without a check (no
// personal data, nothing of a sensitive matter), and what the citizen does after one — the last four
// digits of the applicant's phone — answering a question staff asked, rating the follow-up visit.
//
// Four digits are easy to guess, so wrong checks are limited per tracking code and per client address
// (CHECK_LIMIT), counted from the audit log where every check is written (actor 'citizen'); the client's
// address is kept only as a keyed hash. While a limit holds every check is refused, a right one too,
// so guessing cannot go on behind it.
import { timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { EngineClient } from '../engine-client/index.js';
import { isEngineError } from '../engine-client/index.js';
import { chinaIso, type RegionTree } from '../domain/index.js';
import { matterByCode, recordStep, type Matter } from '../store/matters.js';
import { normaliseTrackingCode } from '../domain/tracking-code.js';
import { partiesOf } from '../store/parties.js';
import { optOut } from '../store/deliveries.js';
import { audit } from '../store/audit.js';
import { lockMatter, openTaskOf, unansweredQuestion } from '../store/outcomes.js';
import { finishTask, taskByKey } from '../store/tasks.js';
import { formByKey } from '../store/forms.js';
import { CHECK_ACTION, CLIENT_TARGET, latestTaskOf, lockChecks, wrongChecks } from '../store/track.js';
import type { Vault } from '../platform/privacy.js';
import { validateSubmission } from './forms.js';
import { checkMatterRules, submissionErrors } from './task-rules.js';
import { recordOutcome } from './outcomes.js';
import { ApiError, notFound } from './errors.js';

export interface TrackDeps {
  db: Knex;
  engine: EngineClient;
  vault: Vault;
  clock: () => Date;
  regions: RegionTree;
}

export const CHECK_LIMIT = { wrong: 5, windowMs: 15 * 60_000 };
export const FOLLOW_UP_TASK = 'Task_FollowUp';
const CITIZEN = 'citizen';
const ONLINE = 'online';

/** The matter of a code as printed or typed; a malformed code and an unknown one are the same 404. */
export async function matterOfCode(db: Knex, raw: string): Promise<Matter> {
  const code = normaliseTrackingCode(raw);
  const m = code ? await matterByCode(db, code) : undefined;
  if (!m) throw notFound('tracking code');
  return m;
}

/** What the citizen can do now: flags only (the question itself comes after the check). */
export async function awaitingOf(db: Knex, m: Matter): Promise<{ answer: boolean; rating: boolean }> {
  const [question, visit] = await Promise.all([unansweredQuestion(db, m.id), openTaskOf(db, m.id, FOLLOW_UP_TASK)]);
  return { answer: !!question, rating: !!visit };
}

/** The last four digits of each applicant's phone (as registered: separators and +86 ignored). */
function applicantDigits(vault: Vault, parties: Awaited<ReturnType<typeof partiesOf>>): string[] {
  return parties
    .filter((p) => p.role === 'applicant' && p.phoneEnc)
    .map((p) => vault.decrypt(p.phoneEnc!).replace(/\D/g, '').slice(-4))
    .filter((d) => d.length === 4);
}

const same4 = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const hhmm = (d: Date) => chinaIso(d).slice(11, 16);

/** When the `wrong`-th most recent of these tries leaves the window (null while under the limit). */
function freeAt(tries: Date[]): Date | null {
  if (tries.length < CHECK_LIMIT.wrong) return null;
  return new Date(tries[tries.length - CHECK_LIMIT.wrong].getTime() + CHECK_LIMIT.windowMs);
}

type Purpose = 'verify' | 'answer' | 'rating' | 'sms-opt-out';

/**
 * Checks the digits against the applicant's phone, or throws: 422 TRACK_NO_PHONE (nothing to check
 * against), 429 RATE_LIMITED (too many wrong tries; `details.retryAt`), 403 TRACK_CHECK_FAILED.
 * Every try is audited, under the matter, with its purpose and the client's keyed hash.
 */
export async function checkCitizen(
  deps: TrackDeps,
  m: Matter,
  phoneLast4: string,
  clientAddress: string,
  purpose: Purpose,
): Promise<void> {
  const digits = applicantDigits(deps.vault, await partiesOf(deps.db, m.id));
  const client = deps.vault.mac(`client:${clientAddress}`);
  const record = (db: Knex | Knex.Transaction, at: Date, outcome: Record<string, unknown>) =>
    audit(db, {
      at,
      actor: CITIZEN,
      action: CHECK_ACTION,
      targetKind: 'matter',
      targetId: m.id,
      details: { purpose, client, ...outcome },
    });
  if (!digits.length) {
    await record(deps.db, deps.clock(), { ok: null, noPhone: true });
    throw new ApiError(
      'TRACK_NO_PHONE',
      '此事项未登记申请人手机号，无法在线核验。请携带回执到综治中心窗口或致电综治中心办理。' +
        ' No applicant phone is registered for this matter, so it cannot be checked online:' +
        ' contact the centre (its window or hotline) with the receipt.',
    );
  }
  const verdict = await deps.db.transaction(async (trx) => {
    await lockChecks(trx, m.id);
    const at = deps.clock();
    const since = new Date(at.getTime() - CHECK_LIMIT.windowMs);
    const byCode = await wrongChecks(trx, 'matter', m.id, since);
    const byClient = await wrongChecks(trx, CLIENT_TARGET, client, since);
    const blockedUntil = [freeAt(byCode), freeAt(byClient)]
      .filter((d): d is Date => !!d)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    if (blockedUntil) {
      await record(trx, at, { ok: null, blocked: true });
      return { blockedUntil };
    }
    const ok = digits.some((d) => same4(d, phoneLast4));
    await record(trx, at, { ok });
    if (ok) return { ok };
    await audit(trx, {
      at,
      actor: CITIZEN,
      action: CHECK_ACTION,
      targetKind: CLIENT_TARGET,
      targetId: client,
      details: { ok: false, purpose },
    });
    return { ok, left: CHECK_LIMIT.wrong - 1 - Math.max(byCode.length, byClient.length) };
  });
  if ('blockedUntil' in verdict && verdict.blockedUntil) {
    const retryAt = verdict.blockedUntil;
    throw new ApiError(
      'RATE_LIMITED',
      `核验错误次数过多，请于北京时间 ${hhmm(retryAt)} 后再试，或联系综治中心。` +
        ` Too many wrong tries: try again after ${hhmm(retryAt)} China time, or contact the centre.`,
      { retryAt: chinaIso(retryAt), retryAfterSeconds: Math.max(1, Math.ceil((+retryAt - +deps.clock()) / 1000)) },
    );
  }
  if (!verdict.ok) {
    const left = Math.max(0, verdict.left ?? 0);
    throw new ApiError(
      'TRACK_CHECK_FAILED',
      (left
        ? `手机号后四位不正确，请核对后重试（还可尝试 ${left} 次）。`
        : '手机号后四位不正确，尝试次数已用完，请 15 分钟后再试。') +
        ` The last four digits do not match the applicant's phone (${left} tries left).`,
      { triesLeft: left },
    );
  }
}

/** After the check: the question staff asked, if one awaits an answer. */
export async function verify(deps: TrackDeps, m: Matter) {
  const q = await unansweredQuestion(deps.db, m.id);
  const question = typeof q?.data.question === 'string' ? q.data.question : null;
  return {
    verified: true as const,
    question,
    askedAt: q ? chinaIso(q.occurredAt) : null,
    awaiting: await awaitingOf(deps.db, m),
  };
}

/** After the check: the answer, recorded as staff record one (services/outcomes.ts), channel 'online'. */
export async function answer(deps: TrackDeps, m: Matter, text: string) {
  if (!text.trim())
    throw new ApiError('VALIDATION_FAILED', '请填写答复内容 · the answer is empty', [
      { field: 'answer', message: 'empty' },
    ]);
  try {
    const r = await recordOutcome(
      deps,
      { sub: CITIZEN, roles: [], regionPath: m.regionPath, unit: null },
      m.id,
      'citizen-answer',
      { answer: text, channel: ONLINE },
      { citizen: true },
    );
    return { recorded: true as const, replayed: r.replayed, at: r.recordedAt };
  } catch (err) {
    // The staff message names staff routes and the matter's id: the citizen gets their own.
    if (err instanceof ApiError && err.code === 'OUTCOME_NOT_AWAITED')
      throw new ApiError(
        'TRACK_NOT_AWAITED',
        '目前没有需要您答复的问题（可能已答复），请刷新页面。 No question awaits your answer now (answered already?).',
      );
    throw err;
  }
}

export interface Rating {
  satisfaction: string;
  reallyResolved: string;
  comment?: string;
}

/**
 * After the check: completes the open follow-up visit with the citizen's rating, validated against
 * its form as the inbox validates (services/forms.ts, task-rules.ts), plus `followUpChannel: 'online'`.
 * The matter's row is held meanwhile, so a doubled request completes it once; a repeat after the
 * citizen rated answers replayed.
 */
export async function rate(deps: TrackDeps, m: Matter, rating: Rating) {
  const notOpen = () =>
    new ApiError(
      'TRACK_NOT_AWAITED',
      '目前没有待评价的回访（回访尚未开始或已完成），请刷新页面。 No follow-up visit is open for a rating now.',
    );
  return deps.db.transaction(async (trx) => {
    await lockMatter(trx, m.id);
    const open = await openTaskOf(trx, m.id, FOLLOW_UP_TASK);
    if (!open) {
      const last = await latestTaskOf(trx, m.id, FOLLOW_UP_TASK);
      if (last?.state === 'completed' && last.completedBy === CITIZEN && last.completedAt)
        return { recorded: true as const, replayed: true, at: chinaIso(last.completedAt) };
      throw notOpen();
    }
    const task = (await taskByKey(trx, open.jobKey))!;
    const form = task.formKey ? await formByKey(trx, task.formKey) : undefined;
    const submitted = {
      satisfaction: rating.satisfaction,
      reallyResolved: rating.reallyResolved,
      ...(rating.comment?.trim() ? { notes: rating.comment.trim() } : {}),
    };
    const { data, errors: onForm } = form
      ? validateSubmission(form.schema, submitted)
      : { data: submitted as Record<string, unknown>, errors: [] };
    const errors = form ? submissionErrors(form.formId, data, onForm) : onForm;
    if (errors.length)
      throw new ApiError(
        'FORM_INVALID',
        `评价内容不符合回访表：${errors.map((e) => e.field).join('、')} · the rating does not fit the form`,
        errors,
      );
    if (form) await checkMatterRules(trx, task, form.formId, data);
    try {
      await deps.engine.completeJob(task.jobKey, { ...data, followUpChannel: ONLINE });
    } catch (err) {
      if (!isEngineError(err, 'not-found'))
        throw new ApiError('ENGINE_UNAVAILABLE', '系统繁忙，评价未提交，请稍后重试。 Not taken; try again shortly.');
      // Gone from the engine: staff completed it meanwhile (their row says so), or its step ended —
      // marked outside this transaction, which the refusal below rolls back.
      if ((await taskByKey(deps.db, task.jobKey))?.state === 'open')
        await finishTask(deps.db, task.jobKey, 'gone', null, deps.clock());
      throw notOpen();
    }
    const at = deps.clock();
    await finishTask(trx, task.jobKey, 'completed', CITIZEN, at);
    await recordStep(trx, m.id, {
      type: 'task-completed',
      at,
      data: { task: FOLLOW_UP_TASK, by: CITIZEN, channel: ONLINE },
      dedupKey: `task:${task.jobKey}`,
    });
    await audit(trx, {
      at,
      actor: CITIZEN,
      action: 'task.complete',
      targetKind: 'task',
      targetId: task.jobKey,
      details: { elementId: FOLLOW_UP_TASK, channel: ONLINE, matterId: m.id },
    });
    return { recorded: true as const, replayed: false, at: chinaIso(at) };
  });
}

/**
 * After the check: the applicant's number the digits match gets no more SMS, from this matter or any
 * other (kept by the number's keyed hash). A repeat is recorded once (replayed).
 */
export async function optOutSms(deps: TrackDeps, m: Matter, phoneLast4: string) {
  const macs = (await partiesOf(deps.db, m.id))
    .filter((p) => p.role === 'applicant' && p.phoneEnc && p.phoneMac)
    .filter((p) => same4(deps.vault.decrypt(p.phoneEnc!).replace(/\D/g, '').slice(-4), phoneLast4))
    .map((p) => p.phoneMac!);
  const at = deps.clock();
  let added = 0;
  for (const mac of macs) if (await optOut(deps.db, mac, at, 'track-page')) added++;
  const replayed = added === 0;
  if (!replayed)
    await audit(deps.db, {
      at,
      actor: CITIZEN,
      action: 'sms.opt-out',
      targetKind: 'matter',
      targetId: m.id,
      details: {},
    });
  return { recorded: true as const, replayed, at: chinaIso(at) };
}
