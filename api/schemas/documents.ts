// Official documents of a matter (issue 15): the list, and the PDF itself (a download, not JSON).
import { Type, type Static } from 'typebox';
import { CodeLabel, DateTime, Nullable } from './common.js';

export const DocumentIdParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9]{1,18}$', description: '文书 ID Document id', examples: ['7'] }) },
  { additionalProperties: false },
);

export const DocumentItem = Type.Object({
  id: Type.String({ description: '文书 ID Document id', examples: ['7'] }),
  kind: Type.String({
    description:
      '文书种类：工作提示函、风险预警函、任务交办单（含抄送件）、受理回执 Kind: the supervision letters (and copies), ' +
      'the receipt',
    examples: ['reminder-letter'],
  }),
  kindLabel: CodeLabel('文书种类名称 Kind, in words', { zh: '工作提示函', en: 'Work reminder letter' }),
  docNumber: Type.String({ description: '文号 Document number', examples: ['〔2026〕综治提字第0007号'] }),
  title: Type.String({ description: '标题 Title', examples: ['工作提示函'] }),
  addressee: Nullable(
    Type.String({
      description: '主送或抄送单位（回执为空）Unit addressed (none on a receipt)',
      examples: ['明江区西岭镇司法所'],
    }),
  ),
  createdAt: DateTime('生成时间 Made at'),
});
export type DocumentItem = Static<typeof DocumentItem>;

export const DocumentList = Type.Object(
  {
    matterId: Type.String({ description: '事项 ID Matter id' }),
    items: Type.Array(DocumentItem, { description: '按生成先后 In the order made' }),
  },
  {
    description: '事项的正式文书 The matter’s official documents',
    examples: [
      {
        matterId: '42',
        items: [
          {
            id: '7',
            kind: 'reminder-letter',
            kindLabel: { zh: '工作提示函', en: 'Work reminder letter' },
            docNumber: '〔2026〕综治提字第0007号',
            title: '工作提示函',
            addressee: '明江区西岭镇司法所',
            createdAt: '2026-03-05T09:30:00.000+08:00',
          },
        ],
      },
    ],
  },
);
export type DocumentList = Static<typeof DocumentList>;

/** Not JSON: the reply is the PDF file, so OpenAPI documents the media type instead. */
export const PdfFile = {
  description: 'PDF 文件（附件下载，文件名为文号与标题）The PDF file, as an attachment named by number and title',
  content: {
    'application/pdf': { schema: Type.String({ format: 'binary', description: 'PDF 文档 PDF document' }) },
  },
};
