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

const PARAMS = { type: 'object', properties: { code: { type: 'string', minLength: 1, maxLength: 40 } } };

export function trackRoutes(app: FastifyInstance, deps: { db: Knex; regions: RegionTree; limit?: number }) {
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
      schema: { tags: ['public'], summary: '一案一码查询 Track a matter by its code (public)', params: PARAMS },
    },
    async (req) => {
      const m = await find((req.params as { code: string }).code);
      return publicView(m, await eventsOf(deps.db, m.id), deps.regions);
    },
  );

  app.get(
    '/api/track/:code/qr.svg',
    { config: limit, schema: { tags: ['public'], summary: '回执二维码 QR code of the tracking page', params: PARAMS } },
    async (req, reply) => {
      const m = await find((req.params as { code: string }).code);
      const url = `${req.protocol}://${req.host}/track/${m.trackingCode}`;
      return reply
        .type('image/svg+xml')
        .send(await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }));
    },
  );
}
