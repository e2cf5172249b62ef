// A local stand-in for Alibaba Cloud's SMS endpoint (RPC style: Action and parameters in the query
// string, a JSON answer), so the real SDK adapter is exercised over HTTP. It records every SendSms,
// answers QuerySendDetails from what it took (by number and send day, optionally BizId) with each
// message's receipt as the test sets it (waiting until then), and fails or stalls on demand.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chinaIso } from '../../domain/index.js';
import { aliyunSms } from '../../services/sender/aliyun.js';

/** A message's receipt as the carrier reports it: SendStatus 1 (waiting), 2 (failed, ErrCode), 3 (delivered). */
export type FakeReceipt =
  { state: 'waiting' } | { state: 'failed'; errCode: string; at?: Date } | { state: 'delivered'; at: Date };

/** The provider's time text: China time, 'yyyy-MM-dd HH:mm:ss'. */
const providerTime = (d: Date) => chinaIso(d).slice(0, 19).replace('T', ' ');

export interface FakeSms {
  endpoint: string;
  /** Every SendSms it accepted or refused, in arrival order. */
  sends: {
    phone: string;
    templateCode: string;
    templateParam: Record<string, string>;
    signName: string;
    outId: string;
  }[];
  /** Decides each SendSms: null = accept; a status + Code to refuse. */
  behave: (n: number) => { status: number; code: string } | null;
  /** The Authorization header of every request (the SDK signs each with the access key). */
  authorizations: string[];
  /** Milliseconds to hold each SendSms answer (after recording it). */
  delayMs: number;
  /** The provider's clock: stamps SendDate (a test pins it to its own); the real time unless set. */
  clock: () => Date;
  /** Every QuerySendDetails, in arrival order. */
  queries: { phone: string; sendDate: string; bizId: string | null }[];
  /** Decides each QuerySendDetails: null = answer; a status + Code to refuse. */
  behaveQuery: (n: number) => { status: number; code: string } | null;
  /** Sets the receipt of an accepted message, found by its OutId or BizId. */
  receipt(ref: string, r: FakeReceipt): void;
  close(): Promise<void>;
}

interface Accepted {
  phone: string;
  templateCode: string;
  templateParam: Record<string, string>;
  signName: string;
  outId: string;
  bizId: string;
  sentAt: Date;
  receipt: FakeReceipt;
}

export async function fakeAliyunSms(): Promise<FakeSms> {
  const fake: FakeSms = {
    endpoint: '',
    sends: [],
    authorizations: [],
    behave: () => null,
    delayMs: 0,
    clock: () => new Date(),
    queries: [],
    behaveQuery: () => null,
    receipt(ref, r) {
      const m = accepted.find((a) => a.outId === ref || a.bizId === ref);
      if (!m) throw new Error(`the fake provider took no message ${ref}`);
      m.receipt = r;
    },
    close: async () => {},
  };
  const accepted: Accepted[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const q = url.searchParams;
    // The SDK's V3 signature puts the action in a header (older ones in the query string).
    const action = String(req.headers['x-acs-action'] ?? q.get('Action'));
    fake.authorizations.push(String(req.headers.authorization ?? ''));
    req.resume();
    req.on('end', async () => {
      const reply = (status: number, body: Record<string, unknown>) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ RequestId: `req-${Date.now()}`, ...body }));
      };
      if (action === 'SendSms') {
        const rec = {
          phone: q.get('PhoneNumbers') ?? '',
          templateCode: q.get('TemplateCode') ?? '',
          templateParam: JSON.parse(q.get('TemplateParam') ?? '{}'),
          signName: q.get('SignName') ?? '',
          outId: q.get('OutId') ?? '',
        };
        fake.sends.push(rec);
        const refuse = fake.behave(fake.sends.length);
        if (refuse) return reply(refuse.status, { Code: refuse.code, Message: `refused: ${refuse.code}` });
        const bizId = `biz-${fake.sends.length}`;
        accepted.push({ ...rec, bizId, sentAt: fake.clock(), receipt: { state: 'waiting' } });
        if (fake.delayMs) await new Promise((r) => setTimeout(r, fake.delayMs));
        return reply(200, { Code: 'OK', Message: 'OK', BizId: bizId });
      }
      if (action === 'QuerySendDetails') {
        const query = { phone: q.get('PhoneNumber') ?? '', sendDate: q.get('SendDate') ?? '', bizId: q.get('BizId') };
        fake.queries.push(query);
        const refuse = fake.behaveQuery(fake.queries.length);
        if (refuse) return reply(refuse.status, { Code: refuse.code, Message: `refused: ${refuse.code}` });
        if (!query.phone || !/^\d{8}$/.test(query.sendDate))
          return reply(400, { Code: 'isv.INVALID_PARAMETERS', Message: 'PhoneNumber and SendDate (yyyyMMdd) needed' });
        // Kept per number and China day of sending, as the provider keeps them.
        const found = accepted.filter(
          (s) =>
            s.phone === query.phone &&
            chinaIso(s.sentAt).slice(0, 10).replace(/-/g, '') === query.sendDate &&
            (!query.bizId || s.bizId === query.bizId),
        );
        return reply(200, {
          Code: 'OK',
          Message: 'OK',
          TotalCount: found.length,
          SmsSendDetailDTOs: {
            SmsSendDetailDTO: found.map((s) => ({
              PhoneNum: s.phone,
              SendStatus: s.receipt.state === 'delivered' ? 3 : s.receipt.state === 'failed' ? 2 : 1,
              ErrCode:
                s.receipt.state === 'delivered' ? 'DELIVERED' : s.receipt.state === 'failed' ? s.receipt.errCode : '',
              ReceiveDate: s.receipt.state !== 'waiting' && s.receipt.at ? providerTime(s.receipt.at) : undefined,
              SendDate: providerTime(s.sentAt),
              OutId: s.outId,
              Content: `【${s.signName}】${s.templateCode} ${JSON.stringify(s.templateParam)}`,
              TemplateCode: s.templateCode,
            })),
          },
        });
      }
      reply(400, { Code: 'InvalidAction', Message: `unknown action ${action}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}

/** The provider's template codes the tests register ours under. */
export const TEST_TEMPLATES = { 'matter-received': 'SMS_460001', 'matter-closed': 'SMS_460002' };

/** The real Alibaba Cloud adapter (the SDK) pointed at the stand-in, with test keys and templates. */
export function aliyunAgainst(fake: Pick<FakeSms, 'endpoint'>) {
  return aliyunSms({
    accessKeyId: 'test-key-id',
    accessKeySecret: 'test-key-secret',
    signName: '综治中心',
    templates: TEST_TEMPLATES,
    endpoint: fake.endpoint,
    protocol: 'HTTP',
  });
}
