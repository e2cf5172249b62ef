// `npx tsx scripts/render-bpmn.ts [files]`: draws each model with bpmn-js (the viewer the console
// and Camunda Modeler use) in headless Chromium and saves bpmn/diagrams/<model>.png, so a reviewer
// sees the layout the way a designer will without opening the Modeler.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { modelResources } from '../services/processes.js';
import { PROJECT_ROOT } from '../platform/database.js';

const VIEWER = path.join(PROJECT_ROOT, 'node_modules/bpmn-js/dist/bpmn-navigated-viewer.production.min.js');
const CSS = ['diagram-js.css', 'bpmn-js.css'].map((f) =>
  fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules/bpmn-js/dist/assets', f), 'utf8'),
);

/** The slice of bpmn-js's viewer and canvas used here (the page loads the bundled build). */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Canvas {
  getRootElements(): { id: string }[];
  findRoot(id: string): object;
  setRootElement(root: object): void;
  resized(): void;
  viewbox(box?: Box): Box & { inner: Box };
}
interface Viewer {
  importXML(xml: string): Promise<unknown>;
  get(name: 'canvas'): Canvas;
  destroy(): void;
}

export async function renderModels(files: string[], outDir: string): Promise<string[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const written: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.setContent(`<html><body style="margin:0;background:#fff"><div id="c"></div></body></html>`);
    for (const css of CSS) await page.addStyleTag({ content: css });
    // The drill-down breadcrumbs would cover the top-left corner of a subprocess's plane.
    await page.addStyleTag({
      content: '.bjs-breadcrumbs { display: none !important }',
    });
    await page.addScriptTag({ path: VIEWER });
    for (const file of files) {
      const xml = fs.readFileSync(file, 'utf8');
      const planes = await page.evaluate(async (x: string) => {
        const w = window as unknown as { viewer?: Viewer; BpmnJS: new (o: object) => Viewer };
        w.viewer?.destroy();
        const el = document.getElementById('c')!;
        el.innerHTML = '';
        const viewer = new w.BpmnJS({ container: el });
        w.viewer = viewer;
        await viewer.importXML(x);
        // One root per plane: the process and every collapsed subprocess (opened by drilling down).
        return viewer
          .get('canvas')
          .getRootElements()
          .map((r) => r.id);
      }, xml);
      for (const [i, plane] of planes.entries()) {
        // The canvas is sized to the diagram so the screenshot holds all of it at 1:1.
        const box = await page.evaluate((id: string) => {
          const w = window as unknown as { viewer: Viewer };
          const el = document.getElementById('c')!;
          const canvas = w.viewer.get('canvas');
          canvas.setRootElement(canvas.findRoot(id));
          el.style.width = '4000px';
          el.style.height = '3000px';
          canvas.resized();
          const vb = canvas.viewbox();
          const inner = vb.inner;
          el.style.width = `${Math.ceil(inner.width + 80)}px`;
          el.style.height = `${Math.ceil(inner.height + 80)}px`;
          canvas.resized();
          canvas.viewbox({ x: inner.x - 20, y: inner.y - 20, width: inner.width + 80, height: inner.height + 80 });
          return { width: Math.ceil(inner.width + 80), height: Math.ceil(inner.height + 80) };
        }, plane);
        await page.setViewportSize({ width: Math.max(200, box.width), height: Math.max(200, box.height) });
        const suffix = i === 0 ? '' : `.${plane.replace(/_plane$/, '')}`;
        const out = path.join(outDir, path.basename(file).replace(/\.bpmn$/, `${suffix}.png`));
        await page.locator('#c').screenshot({ path: out });
        written.push(out);
      }
    }
  } finally {
    await browser.close();
  }
  return written;
}

async function main() {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf('--out');
  const outDir = outIdx >= 0 ? args.splice(outIdx, 2)[1] : path.join(PROJECT_ROOT, 'bpmn', 'diagrams');
  const files = args.length
    ? args
    : modelResources()
        .filter((r) => r.kind === 'process')
        .map((r) => r.file);
  fs.mkdirSync(outDir, { recursive: true });
  for (const out of await renderModels(files, outDir)) console.log(path.relative(PROJECT_ROOT, out));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
