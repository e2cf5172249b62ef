// The public tracking page's API (one case, one code): no login, no personal data, rate-limited so
// codes cannot be enumerated. A malformed code and an unknown one get the same 404. After a check
// (the last four digits of the applicant's phone; services/track.ts limits wrong tries) the citizen
// reads the question staff asked, answers it, and rates the follow-up visit.
import type { FastifyInstance, FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { eventsOf } from '../../store/matters.js';
import { ApiError } from '../errors.js';
import { publicView } from '../views.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  answer,
  awaitingOf,
  checkCitizen,
  matterOfCode,
  optOutSms,
  rate,
  verify,
  type TrackDeps,
} from '../../services/track.js';
import { QrSvg, TrackParams, TrackedMatter, errors } from '../schemas/index.js';
import {
  TrackActReply,
  TrackAnswerBody,
  TrackRatingBody,
  TrackVerifyBody,
  TrackVerifyReply,
} from '../schemas/index.js';

// 400 only for a code longer than any code can be; everything else that is not a matter is a 404.
const PUBLIC_ERRORS = errors(400, 404, 429, 500);
// The citizen's acts add: a wrong check (403), nothing awaited (409), no phone to check against (422).
const ACT_ERRORS = errors(400, 403, 404, 409, 422, 429, 500, 503);
const CHECK_TEXT =
  '须先核验申请人登记手机号的后四位；15 分钟内错 5 次（按受理编号和按来源地址分别计）即暂停核验并答 429，' +
  '注明可重试的时间（Retry-After）；每次核验都记入审计日志。' +
  " Needs the last four digits of the applicant's phone; 5 wrong tries in 15 minutes (per code and per" +
  ' client address) lock the check with a 429 naming when to retry (Retry-After); every try is audited.';

/** A refusal for too many tries carries Retry-After, as the framework's own 429 does. */
async function retryAfter<T>(reply: FastifyReply, act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (err) {
    const wait = (err as ApiError).details as { retryAfterSeconds?: number } | undefined;
    if (err instanceof ApiError && err.code === 'RATE_LIMITED' && wait?.retryAfterSeconds)
      reply.header('retry-after', String(wait.retryAfterSeconds));
    throw err;
  }
}

export function trackRoutes(fastify: FastifyInstance, deps: TrackDeps & { limit?: number; publicBaseUrl?: string }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const find = (raw: string) => matterOfCode(deps.db, raw);
  const limit = { rateLimit: { max: deps.limit ?? 30, timeWindow: '1 minute' } };

  app.get(
    '/api/track/:code',
    {
      config: limit,
      schema: {
        tags: ['public'],
        summary: '一案一码查询 Track a matter by its code (public)',
        description:
          '群众凭受理编号查询进度：无需登录，不含个人信息与敏感事项内容，限流防枚举；格式错误与不存在同样答 404。' +
          ' Progress by tracking code for the public: no login, no personal data, rate limited;' +
          ' a malformed code and an unknown one both answer 404.',
        security: [],
        params: TrackParams,
        response: { 200: TrackedMatter, ...PUBLIC_ERRORS },
      },
    },
    async (req) => {
      const m = await find(req.params.code);
      const [events, awaiting] = await Promise.all([eventsOf(deps.db, m.id), awaitingOf(deps.db, m)]);
      return { ...publicView(m, events, deps.regions), awaiting };
    },
  );

  app.post(
    '/api/track/:code/verify',
    {
      config: limit,
      schema: {
        tags: ['public'],
        summary: '群众核验身份 The citizen checks in',
        description:
          `${CHECK_TEXT} 核验通过后给出工作人员待答复的问题（敏感事项同样只在核验后给出）。` +
          ' After the check: the question staff asked that awaits an answer (a sensitive matter’s too).' +
          ' 无登记手机号答 422 TRACK_NO_PHONE（请联系综治中心）。 No phone registered: 422, contact the centre.',
        security: [],
        params: TrackParams,
        body: TrackVerifyBody,
        response: { 200: TrackVerifyReply, ...ACT_ERRORS },
      },
    },
    async (req, reply) => {
      const m = await find(req.params.code);
      await retryAfter(reply, () => checkCitizen(deps, m, req.body.phoneLast4, req.ip, 'verify'));
      return verify(deps, m);
    },
  );

  app.post(
    '/api/track/:code/answer',
    {
      config: limit,
      schema: {
        tags: ['public'],
        summary: '群众在线答复补充材料请求 The citizen answers the question online',
        description:
          `${CHECK_TEXT} 与工作人员登记当事人答复相同（记入时间线、通知提问人），渠道为 online；` +
          '同一答复重复提交只记一次（replayed），没有待答复的问题答 409 TRACK_NOT_AWAITED。' +
          " Recorded as staff record the citizen's answer (timeline, the asker told), channel online;" +
          ' a repeat is recorded once (replayed); 409 TRACK_NOT_AWAITED when no question awaits.',
        security: [],
        params: TrackParams,
        body: TrackAnswerBody,
        response: { 200: TrackActReply, ...ACT_ERRORS },
      },
    },
    async (req, reply) => {
      const m = await find(req.params.code);
      await retryAfter(reply, () => checkCitizen(deps, m, req.body.phoneLast4, req.ip, 'answer'));
      return answer(deps, m, req.body.answer);
    },
  );

  app.post(
    '/api/track/:code/rating',
    {
      config: limit,
      schema: {
        tags: ['public'],
        summary: '群众在线评价回访 The citizen rates the follow-up online',
        description:
          `${CHECK_TEXT} 以评价完成打开的回访任务（按回访表校验，与待办提交相同），并记 followUpChannel=online；` +
          '重复提交只完成一次（replayed），没有打开的回访答 409 TRACK_NOT_AWAITED。' +
          ' Completes the open follow-up visit with the rating (validated against its form as the inbox does),' +
          ' with followUpChannel=online; a repeat completes it once (replayed); 409 when no visit is open.',
        security: [],
        params: TrackParams,
        body: TrackRatingBody,
        response: { 200: TrackActReply, ...ACT_ERRORS },
      },
    },
    async (req, reply) => {
      const m = await find(req.params.code);
      await retryAfter(reply, () => checkCitizen(deps, m, req.body.phoneLast4, req.ip, 'rating'));
      const { satisfaction, reallyResolved, comment } = req.body;
      return rate(deps, m, { satisfaction, reallyResolved, comment });
    },
  );

  app.post(
    '/api/track/:code/sms-opt-out',
    {
      config: limit,
      schema: {
        tags: ['public'],
        summary: '群众退订短信 The citizen stops text messages',
        description:
          `${CHECK_TEXT} 核验通过后，该手机号不再收到本系统的短信（各事项均适用）；重复提交只记一次（replayed）。` +
          ' After the check, that number gets no more text messages from the system (any matter);' +
          ' a repeat is recorded once (replayed).',
        security: [],
        params: TrackParams,
        body: TrackVerifyBody,
        response: { 200: TrackActReply, ...ACT_ERRORS },
      },
    },
    async (req, reply) => {
      const m = await find(req.params.code);
      await retryAfter(reply, () => checkCitizen(deps, m, req.body.phoneLast4, req.ip, 'sms-opt-out'));
      return optOutSms(deps, m, req.body.phoneLast4);
    },
  );

  app.get(
    '/api/track/:code/qr.svg',
    {
      config: limit,
      schema: {
        tags: ['public'],
        summary: '回执二维码 QR code of the tracking page',
        description:
          '回执上印的二维码（SVG），指向公开查询页 /track/<code>。' +
          ' The QR code printed on the receipt (SVG), pointing at the public page /track/<code>.',
        security: [],
        params: TrackParams,
        // The SVG is a string with its own media type: fastify sends it as it is, not through a serialiser.
        response: { 200: QrSvg, ...PUBLIC_ERRORS },
      },
    },
    async (req, reply) => {
      const m = await find(req.params.code);
      // The configured public address: a Host header is the client's to choose (a QR must not follow it).
      const base = deps.publicBaseUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.host}`;
      const url = `${base}/track/${m.trackingCode}`;
      return reply
        .type('image/svg+xml')
        .send(await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }));
    },
  );
}
