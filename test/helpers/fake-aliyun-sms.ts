// A local stand-in for Alibaba Cloud's SMS endpoint (RPC style: Action and parameters in the query
// string, a JSON answer), so the real SDK adapter is exercised over HTTP. It records every SendSms,
// answers QuerySendDetails from what it took, and fails or stalls on demand.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

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
  close(): Promise<void>;
}

export async function fakeAliyunSms(): Promise<FakeSms> {
  const fake: FakeSms = {
    endpoint: '',
    sends: [],
    authorizations: [],
    behave: () => null,
    delayMs: 0,
    close: async () => {},
  };
  const accepted: FakeSms['sends'] = [];
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
        accepted.push(rec);
        if (fake.delayMs) await new Promise((r) => setTimeout(r, fake.delayMs));
        return reply(200, { Code: 'OK', Message: 'OK', BizId: `biz-${fake.sends.length}` });
      }
      if (action === 'QuerySendDetails') {
        const phone = q.get('PhoneNumber');
        const found = accepted.filter((s) => s.phone === phone);
        return reply(200, {
          Code: 'OK',
          Message: 'OK',
          TotalCount: found.length,
          SmsSendDetailDTOs: {
            SmsSendDetailDTO: found.map((s) => ({
              PhoneNum: s.phone,
              SendStatus: 3,
              OutId: s.outId,
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
