// Dead letters: messages the sender gave up on, for administrators to see and put back in the queue
// (after fixing the cause: a provider template, a number); letters whose official document (PDF) could
// not be made, to make again. Scoped to the jurisdiction; retries audited.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { deadLetters, deliveryRegionPath, requeueDead } from '../../store/deliveries.js';
import { failedDocuments, letterRegionPath, retryDocument } from '../../store/documents.js';
import { audit } from '../../store/audit.js';
import { partyRoles } from '../../store/letters.js';
import { recipientWords } from '../../services/letters.js';
import { DELIVERY_CHANNEL_LABELS, TEMPLATE_LABELS, labelOr, unitLabel } from '../../domain/index.js';
import { ApiError } from '../errors.js';
import { inJurisdiction, scopedPath, type Principal } from '../auth.js';
import type { RouteDeps } from '../app.js';
import {
  DeadLetterList,
  DeliveryIdParams,
  DocumentRetryReply,
  FailedDocumentList,
  OutboxIdParams,
  RequeueReply,
  errors,
  iso,
  SIGNED_IN,
} from '../schemas/index.js';

// A message or letter of no matter (a quality-sampling letter) belongs to the top of the tree.
const reaches = (user: Principal, path: string) =>
  path === '/' ? user.regionPath.split('/').length <= 3 : inJurisdiction(user, path);

export function deliveryRoutes(fastify: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'clock' | 'regions'>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/deliveries/dead',
    {
      preHandler: app.requireRole('administrator', 'centre-supervisor'),
      schema: {
        tags: ['deliveries'],
        summary: '发送失败的消息 Dead letters',
        description:
          '辖区内发送失败且已停止重试的短信与文书，最新在前。 Messages of the jurisdiction that failed for good.',
        response: { 200: DeadLetterList, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const rows = await deadLetters(deps.db, await scopedPath(deps.db, req.user, undefined));
      const roles = await partyRoles(
        deps.db,
        rows.filter((d) => d.channel === 'sms').map((d) => d.recipientRef),
      );
      return {
        items: rows.map((d) => ({
          id: d.id,
          trackingCode: d.trackingCode,
          matterId: d.matterId,
          channel: d.channel,
          template: d.template,
          templateLabel: labelOr(TEMPLATE_LABELS, d.template),
          channelLabel: labelOr(DELIVERY_CHANNEL_LABELS, d.channel),
          recipientLabel: recipientWords({ ...d, partyRole: roles.get(d.recipientRef) ?? null }, deps.regions),
          attempts: d.attempts,
          error: d.lastError,
          updatedAt: iso(d.updatedAt),
        })),
      };
    },
  );

  app.post(
    '/api/deliveries/:id/retry',
    {
      preHandler: app.requireRole('administrator'),
      schema: {
        tags: ['deliveries'],
        summary: '重新发送 Put a dead letter back in the queue',
        description:
          '把一条已停止重试的消息重新排队（重新计次）；留痕。 Requeues a dead letter with fresh tries; audited.',
        params: DeliveryIdParams,
        response: { 200: RequeueReply, ...errors(...SIGNED_IN, 404, 409) },
      },
    },
    async (req) => {
      const { id } = req.params;
      const path = await deliveryRegionPath(deps.db, id);
      if (path === null || !reaches(req.user, path))
        throw new ApiError('NOT_FOUND', `消息 ${id} 不存在或不在您的辖区 · no message ${id} in your jurisdiction`);
      const at = deps.clock();
      // The change and its audit record together, or neither.
      await deps.db.transaction(async (trx) => {
        if (!(await requeueDead(trx, id, at)))
          throw new ApiError('CONFLICT', `消息 ${id} 不在失败停止状态 · message ${id} is not a dead letter`);
        await audit(trx, {
          at,
          actor: req.user.sub,
          action: 'delivery.retry',
          targetKind: 'delivery',
          targetId: id,
          details: {},
        });
      });
      return { id, queued: true };
    },
  );

  app.get(
    '/api/deliveries/documents',
    {
      preHandler: app.requireRole('administrator', 'centre-supervisor'),
      schema: {
        tags: ['deliveries'],
        summary: '文书生成失败的函件 Letters whose document failed',
        description:
          '辖区内正式文书（PDF）多次生成失败、已停止重试的函件，最新在前。 ' +
          'Letters of the jurisdiction whose official document could not be made, newest first.',
        response: { 200: FailedDocumentList, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const rows = await failedDocuments(deps.db, await scopedPath(deps.db, req.user, undefined), 200);
      return {
        items: rows.map((d) => ({
          id: d.id,
          trackingCode: d.trackingCode,
          matterId: d.matterId,
          template: d.template,
          templateLabel: labelOr(TEMPLATE_LABELS, d.template),
          recipientLabel: unitLabel(d.recipient, deps.regions),
          attempts: d.attempts,
          error: d.error,
          createdAt: iso(d.createdAt),
        })),
      };
    },
  );

  app.post(
    '/api/deliveries/documents/:id/retry',
    {
      preHandler: app.requireRole('administrator'),
      schema: {
        tags: ['deliveries'],
        summary: "重新生成文书 Make a letter's document again",
        description:
          '让一份已停止重试的函件文书重新计次，下一轮生成；留痕。 ' +
          'Gives a letter whose document failed for good fresh tries (made in the next round); audited.',
        params: OutboxIdParams,
        response: { 200: DocumentRetryReply, ...errors(...SIGNED_IN, 404, 409) },
      },
    },
    async (req) => {
      const { id } = req.params;
      const path = await letterRegionPath(deps.db, id);
      if (path === null || !reaches(req.user, path))
        throw new ApiError('NOT_FOUND', `函件 ${id} 不存在或不在您的辖区 · no letter ${id} in your jurisdiction`);
      await deps.db.transaction(async (trx) => {
        if (!(await retryDocument(trx, id)))
          throw new ApiError(
            'CONFLICT',
            `函件 ${id} 的文书不在生成失败状态 · the document of letter ${id} has not failed for good`,
          );
        await audit(trx, {
          at: deps.clock(),
          actor: req.user.sub,
          action: 'document.retry',
          targetKind: 'outbox',
          targetId: id,
          details: {},
        });
      });
      return { id, retried: true };
    },
  );
}
