// A matter's official documents (issue 15): the list, a document's PDF, and the receipt's PDF (made on
// the first request). The readers of GET /api/matters/:id but leaders (whose view of a matter is masked: an
// agreement names the parties), and its jurisdiction rule (api/matter-access.ts). Every download is audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app.js';
import { documentById, type StoredDocument } from '../../store/documents.js';
import { audit } from '../../store/audit.js';
import { agreementDocument, documentList, fileNameOf, receiptDocument } from '../../services/documents/index.js';
import { ApiError, notFound } from '../errors.js';
import { DOCUMENT_READERS, visibleMatter } from '../matter-access.js';
import { MatterParams, errors, iso, SIGNED_IN } from '../schemas/index.js';
import { DocumentIdParams, DocumentList, PdfFile } from '../schemas/documents.js';

export function documentRoutes(
  fastify: FastifyInstance,
  deps: Pick<AppDeps, 'db' | 'regions' | 'clock' | 'publicBaseUrl'>,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const readers = app.requireRole(...DOCUMENT_READERS);
  const visible = (req: FastifyRequest, id: string) => visibleMatter(deps.db, req, id);

  const sendPdf = (req: FastifyRequest, reply: FastifyReply, d: StoredDocument) => sendDocument(deps, req, reply, d);

  app.get(
    '/api/matters/:id/documents',
    {
      preHandler: readers,
      schema: {
        tags: ['matters'],
        summary: '事项的正式文书 A matter’s official documents',
        description:
          '为事项生成的正式文书（PDF）：两函一单及抄送件、受理回执；种类与名称、文号、标题、主送或抄送单位、' +
          '生成时间。辖区外的事项答 404。' +
          ' The official documents made for the matter (PDF): the supervision letters and their copies, the' +
          ' receipt; kind and label, number, title, addressee, when made. Outside your jurisdiction: 404.',
        params: MatterParams,
        response: { 200: DocumentList, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req) => {
      const m = await visible(req, req.params.id);
      const items = await documentList(deps.db, m.id);
      return {
        matterId: m.id,
        items: items.map((d) => ({
          id: d.id,
          kind: d.kind,
          kindLabel: d.kindLabel,
          docNumber: d.docNumber,
          title: d.title,
          addressee: d.addressee,
          createdAt: iso(d.createdAt),
        })),
      };
    },
  );

  app.get(
    '/api/documents/:id',
    {
      preHandler: readers,
      schema: {
        tags: ['matters'],
        summary: '下载文书 Download a document (PDF)',
        description:
          '文书的 PDF 原件（生成时的样子），以附件下载，文件名为文号与标题；每次下载留痕。' +
          '文书所属事项在辖区外时答 404。' +
          ' The document’s PDF as it was made, as an attachment named by its number and title; every' +
          ' download is audited. A document of a matter outside your jurisdiction answers 404.',
        params: DocumentIdParams,
        response: { 200: PdfFile, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req, reply) => {
      const d = await documentById(deps.db, req.params.id);
      if (!d) throw notFound(`document ${req.params.id}`);
      await visible(req, d.matterId).catch(() => {
        throw notFound(`document ${req.params.id}`);
      });
      return sendPdf(req, reply, d);
    },
  );

  app.get(
    '/api/matters/:id/documents/receipt',
    {
      preHandler: readers,
      schema: {
        tags: ['matters'],
        summary: '受理回执（PDF）The receipt as PDF',
        description:
          '事项的受理回执 PDF：受理编号、受理时间、事项类型、承办去向、下一期限与查询方式；不含当事人、电话或' +
          '证件号。首次请求时生成并编号保存，此后下载同一份；每次下载留痕。' +
          ' The receipt as PDF: code, received date, type, where it went, the next deadline and how to follow' +
          ' it; no party, phone or ID number. Made and numbered on the first request, the same file after;' +
          ' every download audited.',
        params: MatterParams,
        response: { 200: PdfFile, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req, reply) => {
      const m = await visible(req, req.params.id);
      // The configured public address: a Host header is the client's to choose (as on the QR code).
      const base = deps.publicBaseUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.host}`;
      const meta = await receiptDocument(deps, m, `${base}/track/${m.trackingCode}`);
      const d = await documentById(deps.db, meta.id);
      if (!d) throw notFound(`document ${meta.id}`);
      return sendPdf(req, reply, d);
    },
  );

  app.get(
    '/api/matters/:id/documents/agreement',
    {
      preHandler: readers,
      schema: {
        tags: ['matters'],
        summary: '调解协议书（PDF）The mediation agreement as PDF',
        description:
          '事项达成调解协议后的调解协议书 PDF：主持调解的组织、当事人姓名与身份（不含证件号、电话）、协议内容、' +
          '签名栏。首次请求时生成并编号保存，此后下载同一份；每次下载留痕。尚未达成协议时答 404。' +
          ' The mediation agreement once one was reached: the mediating unit, the parties by name and role' +
          ' (never an ID number or phone), what was agreed, signature lines. Made and numbered on the first' +
          ' request, the same file after; every download audited. 404 while no agreement has been reached.',
        params: MatterParams,
        response: { 200: PdfFile, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req, reply) => {
      const m = await visible(req, req.params.id);
      const meta = await agreementDocument(deps, m);
      if (!meta)
        throw new ApiError(
          'NOT_FOUND',
          `事项 ${m.trackingCode} 尚未达成调解协议 · matter ${m.trackingCode} has no mediation agreement yet`,
        );
      const d = await documentById(deps.db, meta.id);
      if (!d) throw notFound(`document ${meta.id}`);
      return sendPdf(req, reply, d);
    },
  );
}

/** A stored document as an attachment named by its number and title; every download is audited. */
export async function sendDocument(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  req: FastifyRequest,
  reply: FastifyReply,
  d: StoredDocument,
) {
  await audit(deps.db, {
    at: deps.clock(),
    actor: req.user.sub,
    action: 'document.download',
    targetKind: 'document',
    targetId: d.id,
    details: { matterId: d.matterId, kind: d.kind, docNumber: d.docNumber },
  });
  // RFC 6266 / 5987: an ASCII name for old clients, the Chinese one (文号 and title) for the rest.
  const name = encodeURIComponent(fileNameOf(d));
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="document-${d.id}.pdf"; filename*=UTF-8''${name}`)
    .header('cache-control', 'private, no-store')
    .send(d.pdf);
}
