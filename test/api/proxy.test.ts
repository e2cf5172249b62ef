// Behind a proxy: the QR on a receipt points at the configured public address whatever Host a request
// names, and sign-ins are limited per user name as well as per address.
import t from 'tap';
import { apiHarness } from '../helpers/api.js';

t.test('QR links follow PUBLIC_BASE_URL, not the Host header; sign-ins limited per user name', async (t) => {
  const h = await apiHarness(t, { publicBaseUrl: 'https://zzzx.example.gov.cn/', trustProxy: 'true' });
  const m = await h.call('clerk', 'POST', '/api/matters', {
    matterType: 'consultation',
    channel: 'window',
    regionCode: 'demo-village-a1-1',
    summary: '咨询',
    parties: [{ role: 'applicant', name: '甲' }],
  });
  const qr = (host: string) =>
    h.app.inject({ method: 'GET', url: `/api/track/${m.json.trackingCode}/qr.svg`, headers: { host } });
  const a = await qr('evil.example.com');
  const b = await qr('127.0.0.1');
  t.equal(a.statusCode, 200);
  t.equal(a.body, b.body, 'the same QR whatever the Host header says');

  const attempt = (password: string, i: number) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'mediator', password },
      headers: { 'x-forwarded-for': `198.51.100.${i}` },
    });
  for (let i = 0; i < 5; i++)
    t.equal((await attempt('wrong', i)).statusCode, 401, `failure ${i + 1} from its own address`);
  const blocked = await attempt('correct horse battery staple', 9);
  t.equal(blocked.statusCode, 429, 'the user name is blocked after 5 failures, whatever the address');
  t.match(blocked.json().message, /too many failed sign-ins for this user name/);
  const other = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'clerk', password: 'correct horse battery staple' },
    headers: { 'x-forwarded-for': '198.51.100.9' },
  });
  t.equal(other.statusCode, 200, 'other user names are not affected');
});
