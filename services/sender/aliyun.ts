// Alibaba Cloud SMS (短信服务, Dysmsapi 2017-05-25) through its official Node SDK. Each of our templates
// is registered with the provider under a template code (ALIYUN_SMS_TEMPLATES maps ours to theirs) with
// the parameters domain/sms.ts lists, and sent with the approved signature (签名). OutId carries our
// idempotency key, so a message a dead sender may have sent is found again with QuerySendDetails, which
// also gives each message's delivery receipt (SendStatus: 1 waiting, 2 failed with ErrCode, 3 delivered).
import sdk, { QuerySendDetailsRequest, SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { chinaIso } from '../../domain/index.js';
import { SmsRefused, type SmsAdapter, type SmsMessage, type SmsReceipt } from './sms.js';

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Ours → the provider's template code (SMS_123456789). */
  templates: Record<string, string>;
  /** host[:port]; the public endpoint unless set (tests point it at a local stand-in). */
  endpoint?: string;
  protocol?: 'HTTPS' | 'HTTP';
  timeoutMs?: number;
}

// Codes that another try cannot fix (a bad number, a template or signature not approved, a number on the
// provider's blacklist); anything else (limits, outages, 5xx) is tried again later.
const PERMANENT_CODES = [
  'MOBILE_NUMBER_ILLEGAL',
  'SMS_TEMPLATE_ILLEGAL',
  'SMS_SIGNATURE_ILLEGAL',
  'SMS_SIGN_ILLEGAL',
  'TEMPLATE_MISSING_PARAMETERS',
  'BLACK_KEY_CONTROL_LIMIT',
  'PARAM_LENGTH_LIMIT',
  'INVALID_PARAMETERS',
  'DENY_IP_RANGE',
];
const PERMANENT = new RegExp(`^isv\\.(${PERMANENT_CODES.join('|')})$`);

const DAY_MS = 86_400_000;

/** 'yyyyMMdd', the China day the provider files a message under. */
const chinaDay = (at: Date) => chinaIso(at).slice(0, 10).replace(/-/g, '');

/** The provider's times ('2026-12-01 09:30:05') are China time. */
function chinaTimeText(text: string | undefined): Date | undefined {
  const m = text ? /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(text.trim()) : null;
  return m ? new Date(`${m[1]}T${m[2]}+08:00`) : undefined;
}

// The SDK is CommonJS with `exports.default = Client`: under Node's ESM the default import is the exports.
const Dysmsapi = sdk.default;

export function aliyunSms(cfg: AliyunSmsConfig): SmsAdapter {
  const client = new Dysmsapi(
    new $OpenApiUtil.Config({
      accessKeyId: cfg.accessKeyId,
      accessKeySecret: cfg.accessKeySecret,
      endpoint: cfg.endpoint ?? 'dysmsapi.aliyuncs.com',
      protocol: cfg.protocol ?? 'HTTPS',
      readTimeout: cfg.timeoutMs ?? 10_000,
      connectTimeout: 5000,
    }),
  );
  const templateCode = (msg: SmsMessage) => {
    const code = cfg.templates[msg.template];
    if (!code) throw new SmsRefused(`模板 '${msg.template}' 未在短信服务登记 · no provider template`, true);
    return code;
  };
  const fail = (code: string | undefined, message: string | undefined): never => {
    throw new SmsRefused(`${code ?? 'ERROR'}: ${message ?? ''}`.trim(), !!code && PERMANENT.test(code));
  };
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof SmsRefused) throw err;
      const e = err as { code?: string; statusCode?: number; message?: string; data?: { Code?: string } };
      const code = e.data?.Code ?? e.code;
      throw new SmsRefused(
        `${e.statusCode ? `HTTP ${e.statusCode} ` : ''}${code ?? ''} ${e.message ?? ''}`.trim(),
        !!code && PERMANENT.test(code),
      );
    }
  };
  return {
    name: 'aliyun',
    recordsOnly: false,
    async send(msg) {
      const req = new SendSmsRequest({
        phoneNumbers: msg.phone,
        signName: cfg.signName,
        templateCode: templateCode(msg),
        templateParam: JSON.stringify(msg.params),
        outId: msg.idempotencyKey,
      });
      // The SDK's default runtime does not retry (autoretry off): our sender retries with back-off.
      const res = await call(() => client.sendSms(req));
      if (res.body?.code !== 'OK') fail(res.body?.code, res.body?.message);
      return { providerRef: res.body!.bizId ?? msg.idempotencyKey };
    },
    async lookup(msg, since) {
      // The provider keeps details per number and China day: the day it was queued and the days since.
      const days = new Set<string>();
      for (let t = since.getTime(); t <= Date.now() + 86_400_000; t += 86_400_000)
        days.add(chinaIso(new Date(t)).slice(0, 10));
      for (const day of [...days].slice(-3)) {
        const req = new QuerySendDetailsRequest({
          phoneNumber: msg.phone,
          sendDate: day.replace(/-/g, ''),
          pageSize: 50,
          currentPage: 1,
        });
        const res = await call(() => client.querySendDetails(req));
        if (res.body?.code !== 'OK') fail(res.body?.code, res.body?.message);
        const found = res.body?.smsSendDetailDTOs?.smsSendDetailDTO?.find((d) => d.outId === msg.idempotencyKey);
        if (found) return { providerRef: found.outId ?? msg.idempotencyKey };
      }
      return null;
    },
    async status(msg) {
      // Filed under the China day the provider took it: the day we recorded it sent, or (recorded just
      // after midnight) the day before. By BizId when we have it, else (found by lookup) by OutId.
      const bizId = msg.providerRef && msg.providerRef !== msg.idempotencyKey ? msg.providerRef : undefined;
      const days = [chinaDay(msg.sentAt), chinaDay(new Date(msg.sentAt.getTime() - DAY_MS))];
      const near = msg.sentAt.getTime() - new Date(`${chinaIso(msg.sentAt).slice(0, 10)}T00:00:00+08:00`).getTime();
      for (const day of near < 10 * 60_000 ? days : days.slice(0, 1)) {
        const req = new QuerySendDetailsRequest({
          phoneNumber: msg.phone,
          bizId,
          sendDate: day,
          pageSize: 50,
          currentPage: 1,
        });
        const res = await call(() => client.querySendDetails(req));
        if (res.body?.code !== 'OK') fail(res.body?.code, res.body?.message);
        const all = res.body?.smsSendDetailDTOs?.smsSendDetailDTO ?? [];
        const found = all.find((d) => d.outId === msg.idempotencyKey) ?? (bizId && all.length === 1 ? all[0] : null);
        if (!found) continue;
        return receiptOf(found);
      }
      // Not (yet) in the provider's records: asked again later.
      return { state: 'pending' };
    },
  };
}

function receiptOf(d: { sendStatus?: number; errCode?: string; receiveDate?: string }): SmsReceipt {
  switch (Number(d.sendStatus)) {
    case 3:
      return { state: 'delivered', at: chinaTimeText(d.receiveDate) };
    case 2:
      return {
        state: 'failed',
        at: chinaTimeText(d.receiveDate),
        error: `运营商回执：未送达 · not delivered (${d.errCode || 'no error code'})`,
      };
    default:
      return { state: 'pending' };
  }
}
