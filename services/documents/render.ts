// The PDF of an official document, laid out after the national standard for official documents
// (GB/T 9704, simplified): the issuing body in red as the header (红头), the document number (文号) and a
// red rule, the title, the addressee, the body, the facts in a table, and at the bottom right the issuing
// body and the date over a seal placeholder. Text is set in Noto Sans SC from npm, read once and kept in
// pdfmake's virtual file system: no system font is assumed, and the font is embedded (subset) in every PDF.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';

export interface OfficialDoc {
  issuer: string;
  docNumber: string;
  title: string;
  /** 主送 (the unit addressed) or 抄送 (a copy); none on a receipt. */
  addressee?: { label: '主送' | '抄送'; name: string } | null;
  paragraphs: string[];
  facts?: [string, string][];
  /** The date printed under the issuer, already in words (2026年3月2日). */
  date: string;
  /** A line at the very bottom (how to follow the matter, a reminder). */
  note?: string;
}

const RED = '#c8102e';
const FONT = 'NotoSansSC';
let fontsReady = false;

/** Loads the font files once into pdfmake's virtual file system; local files and URLs are refused after. */
function ensureFonts(): void {
  if (fontsReady) return;
  const require = createRequire(import.meta.url);
  const file = (weight: string) =>
    readFileSync(require.resolve(`@expo-google-fonts/noto-sans-sc/${weight}/NotoSansSC_${weight}.ttf`));
  pdfmake.virtualfs.writeFileSync('NotoSansSC-Regular.ttf', file('400Regular'));
  pdfmake.virtualfs.writeFileSync('NotoSansSC-Bold.ttf', file('700Bold'));
  pdfmake.setFonts({
    [FONT]: {
      normal: 'NotoSansSC-Regular.ttf',
      bold: 'NotoSansSC-Bold.ttf',
      italics: 'NotoSansSC-Regular.ttf',
      bolditalics: 'NotoSansSC-Bold.ttf',
    },
  });
  // Documents are made from our own data only: nothing is fetched, no file outside the virtual one read.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  fontsReady = true;
}

function definition(d: OfficialDoc): Record<string, unknown> {
  const content: unknown[] = [
    { text: d.issuer, color: RED, bold: true, fontSize: 30, alignment: 'center', characterSpacing: 2 },
    { text: d.docNumber, alignment: 'center', fontSize: 12, margin: [0, 14, 0, 4] },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 455, y2: 0, lineWidth: 2, lineColor: RED }] },
    { text: d.title, bold: true, fontSize: 20, alignment: 'center', margin: [0, 24, 0, 18] },
  ];
  if (d.addressee) content.push({ text: `${d.addressee.label}：${d.addressee.name}`, margin: [0, 0, 0, 10] });
  // Each paragraph opens two characters in (pdfmake trims leading spaces, so the indent is a measure).
  for (const p of d.paragraphs) content.push({ text: p, leadingIndent: 24, lineHeight: 1.5, margin: [0, 0, 0, 6] });
  if (d.facts?.length)
    content.push({
      table: {
        widths: [110, '*'],
        body: d.facts.map(([k, v]) => [{ text: k, bold: true }, v]),
      },
      layout: 'lightHorizontalLines',
      margin: [0, 8, 0, 0],
    });
  content.push({
    columns: [
      { width: '*', text: '' },
      {
        width: 190,
        stack: [
          // The seal placeholder: a red circle the stamp goes on, with the words inside it.
          { canvas: [{ type: 'ellipse', x: 95, y: 50, r1: 46, r2: 46, lineWidth: 1.5, lineColor: RED }] },
          { text: '（印章）', color: RED, alignment: 'center', margin: [0, -58, 0, 44] },
          { text: d.issuer, alignment: 'center' },
          { text: d.date, alignment: 'center', margin: [0, 4, 0, 0] },
        ],
      },
    ],
    margin: [0, 36, 0, 0],
    unbreakable: true,
  });
  if (d.note) content.push({ text: d.note, fontSize: 9, color: '#555', margin: [0, 30, 0, 0] });
  return {
    pageSize: 'A4',
    pageMargins: [70, 60, 70, 60],
    info: { title: d.title, subject: d.docNumber, creator: d.issuer },
    defaultStyle: { font: FONT, fontSize: 12 },
    content,
  };
}

/** The document as PDF bytes. */
export async function renderPdf(d: OfficialDoc): Promise<Buffer> {
  ensureFonts();
  return pdfmake.createPdf(definition(d)).getBuffer();
}
