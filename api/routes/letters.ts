// Letters between offices (issue 15). A unit's staff see the letters addressed to their unit (the received
// box), open them (recorded as read) and acknowledge them (签收, audited); the centre's supervisors,
// administrators and auditors see the letters sent within their jurisdiction with the same read and
// acknowledgement state (the sent box). A letter the caller may not see answers 404 like an absent one.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../app.js';
import { acknowledgeLetter, letterById, listLetters, markRead, type UnitLetterRow } from '../../store/letters.js';
import { documentById } from '../../store/documents.js';
import { audit } from '../../store/audit.js';
import { canSeeSentBox, isAddressee, letterView, mayRead } from '../../services/letters.js';
import { unitLabel } from '../../domain/index.js';
import { ApiError } from '../errors.js';
import { errors, iso, SIGNED_IN } from '../schemas/index.js';
import {
  AcknowledgeBody,
  LetterCounts,
  LetterIdParams,
  LetterQuery,
  UnitLetter,
  UnitLetterList,
} from '../schemas/index.js';
import { PdfFile } from '../schemas/documents.js';
import { sendDocument } from './documents.js';

const absent = (id: string) => new ApiError('NOT_FOUND', `函件 ${id} 不存在或您无权查看 · no letter ${id} for you`);

export function letterRoutes(fastify: FastifyInstance, deps: Pick<AppDeps, 'db' | 'regions' | 'clock'>) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const view = (l: UnitLetterRow) => letterView(l, deps.regions, iso);

  async function visible(req: FastifyRequest, id: string): Promise<UnitLetterRow> {
    const l = await letterById(deps.db, id);
    if (!l || !mayRead(req.user, l)) throw absent(id);
    return l;
  }

  app.get(
    '/api/letters',
    {
      preHandler: app.requireRole(),
      schema: {
        tags: ['letters'],
        summary: '函件（收件箱 / 发件箱）Letters received by your unit, or sent',
        description:
          '收件箱：致本人所在单位的函件（两函一单、交办通知、召集通知等），含阅读与签收状态；本人无所属单位时答 400。' +
          '发件箱（box=sent，中心督办、管理员、审计员）：辖区内事项发出的函件及各收件单位是否已读、已签收。' +
          '最新在前；可按状态、收件单位、受理编号筛选。' +
          ' Received: letters to your unit (supervision letters, assignment notices, summons…) with read and' +
          ' acknowledged state; 400 when you belong to no unit. Sent (box=sent; supervisors, administrators,' +
          ' auditors): letters of matters in your jurisdiction and whether each addressee read and acknowledged' +
          ' it. Newest first; filter by state, addressee unit, tracking code.',
        querystring: LetterQuery,
        response: { 200: UnitLetterList, ...errors(...SIGNED_IN, 400) },
      },
    },
    async (req) => {
      const q = req.query;
      const box = q.box ?? 'received';
      const page = { state: q.state, code: q.code?.trim() || undefined, limit: q.limit ?? 50, offset: q.offset ?? 0 };
      if (box === 'received') {
        if (!req.user.unit)
          throw new ApiError(
            'VALIDATION_FAILED',
            '您未隶属任何单位，没有收件箱 · you belong to no unit, so have no inbox',
          );
        const r = await listLetters(deps.db, { ...page, unit: req.user.unit });
        return {
          box,
          unit: req.user.unit,
          unitLabel: unitLabel(req.user.unit, deps.regions),
          ...r,
          items: r.items.map(view),
        };
      }
      if (!canSeeSentBox(req.user))
        throw new ApiError('FORBIDDEN', '发件箱仅供中心督办、管理员与审计员查看 · the sent box is for supervisors');
      const r = await listLetters(deps.db, { ...page, regionPath: req.user.regionPath, unit: q.unit });
      return { box, unit: null, unitLabel: null, ...r, items: r.items.map(view) };
    },
  );

  app.get(
    '/api/letters/counts',
    {
      preHandler: app.requireRole(),
      schema: {
        tags: ['letters'],
        summary: '本单位来函计数 Your unit’s unread and unacknowledged letters',
        description:
          '菜单角标用：本人所在单位未读与未签收的函件数；无所属单位时均为 0。' +
          ' For the menu badge: your unit’s unread and unacknowledged letters; zeros when you have no unit.',
        response: { 200: LetterCounts, ...errors(...SIGNED_IN) },
      },
    },
    async (req) => {
      const unit = req.user.unit;
      if (!unit) return { unit: null, unread: 0, unacknowledged: 0 };
      const r = await listLetters(deps.db, { unit, limit: 1, offset: 0 });
      return { unit, unread: r.unread, unacknowledged: r.unacknowledged };
    },
  );

  app.get(
    '/api/letters/:id',
    {
      preHandler: app.requireRole(),
      schema: {
        tags: ['letters'],
        summary: '查看函件 Open a letter',
        description:
          '函件全文与状态。收件单位的人员打开时记为已读（只记第一位阅读人）。' +
          ' The letter and its state. Opened by someone of the addressee unit, it is recorded as read (the' +
          ' first reader is kept).',
        params: LetterIdParams,
        response: { 200: UnitLetter, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req) => {
      let l = await visible(req, req.params.id);
      if (isAddressee(req.user, l) && !l.readAt && (await markRead(deps.db, l.id, req.user.sub, deps.clock())))
        l = (await letterById(deps.db, l.id))!;
      return view(l);
    },
  );

  app.post(
    '/api/letters/:id/acknowledge',
    {
      preHandler: app.requireRole(),
      schema: {
        tags: ['letters'],
        summary: '签收函件 Acknowledge a letter',
        description:
          '收件单位的人员签收函件，可附签收意见；留痕。重复签收答复首次签收的记录，不改变签收人与时间。' +
          '非收件单位人员答 403。' +
          ' Someone of the addressee unit acknowledges the letter, with an optional note; audited. Again:' +
          ' the first acknowledgement is answered unchanged. Anyone else: 403.',
        params: LetterIdParams,
        body: AcknowledgeBody,
        response: { 200: UnitLetter, ...errors(...SIGNED_IN, 400, 404) },
      },
    },
    async (req) => {
      const l = await visible(req, req.params.id);
      if (!isAddressee(req.user, l))
        throw new ApiError('FORBIDDEN', '只有收件单位的人员可以签收 · only the addressee unit may acknowledge');
      const at = deps.clock();
      const note = req.body?.note?.trim() || null;
      if (await acknowledgeLetter(deps.db, l.id, req.user.sub, note, at))
        await audit(deps.db, {
          at,
          actor: req.user.sub,
          action: 'letter.acknowledge',
          targetKind: 'letter',
          targetId: l.id,
          details: { matterId: l.matterId, template: l.template, unit: l.unit },
        });
      return view((await letterById(deps.db, l.id))!);
    },
  );

  app.get(
    '/api/letters/:id/document',
    {
      preHandler: app.requireRole(),
      schema: {
        tags: ['letters'],
        summary: '下载函件文书 The letter’s PDF',
        description:
          '函件的正式文书（PDF 原件，文件名为文号与标题）；每次下载留痕。尚无文书时答 404。' +
          ' The letter’s official document as made (named by its number and title); every download' +
          ' audited. 404 while it has none.',
        params: LetterIdParams,
        response: { 200: PdfFile, ...errors(...SIGNED_IN, 404) },
      },
    },
    async (req, reply) => {
      const l = await visible(req, req.params.id);
      const d = l.document ? await documentById(deps.db, l.document.id) : null;
      if (!d) throw new ApiError('NOT_FOUND', `函件 ${l.id} 尚无正式文书 · letter ${l.id} has no document (yet)`);
      return sendDocument(deps, req, reply, d);
    },
  );
}
