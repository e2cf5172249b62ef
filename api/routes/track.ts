// The public tracking page's API (one case, one code): no login, no personal data, rate-limited so
// codes cannot be enumerated. A malformed code and an unknown one get the same 404.
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { Knex } from 'knex';
import type { RegionTree } from '../../domain/index.js';
import { matterByCode, eventsOf } from '../../store/matters.js';
import { normaliseTrackingCode } from '../../domain/tracking-code.js';
import { notFound } from '../errors.js';
import { publicView } from '../views.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PublicMatter, QrSvg, TrackParams, errors } from '../schemas/index.js';

// 400 only for a code longer than any code can be; everything else that is not a matter is a 404.
const PUBLIC_ERRORS = errors(400, 404, 429, 500);

export function trackRoutes(
  fastify: FastifyInstance,
  deps: { db: Knex; regions: RegionTree; limit?: number; publicBaseUrl?: string },
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const find = async (raw: string) => {
    const code = normaliseTrackingCode(raw);
    const m = code ? await matterByCode(deps.db, code) : undefined;
    if (!m) throw notFound('tracking code');
    return m;
  };
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
        response: { 200: PublicMatter, ...PUBLIC_ERRORS },
      },
    },
    async (req) => {
      const m = await find(req.params.code);
      return publicView(m, await eventsOf(deps.db, m.id), deps.regions);
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
