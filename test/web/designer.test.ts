// 流程设计 in Chromium (issue 14): a designer opens the base model in the modeler, turns the village/town
// mediation into a plain task — the live lint marks the litigation it now reaches unmediated, on the
// diagram and in the list; the diff shows the change; saved as a variant for 县A and deployed, the
// server refuses with its findings marked. The unmodified base saved as that variant deploys, the
// region map shows it, and the next intake in that county runs it. Download, axe, a screenshot.
import t from 'tap';
import type { Page } from 'playwright-core';
import { consoleHarness } from '../helpers/browser.js';

const VARIANT = 'dispute-resolution-county-a';

/** Opens the base model fresh and waits for the first lint run to finish. */
async function openBase(page: Page) {
  await page.click('[data-test="open-dispute-resolution"]');
  await page.waitForSelector('[data-test=editor][data-process="dispute-resolution"] [data-element-id]');
  await page.waitForSelector('.bjsl-button-success, .bjsl-button-warning, .bjsl-button-error');
}

/** 另存为区域变体 for demo-county-a, with the suggested process id. */
async function saveAsCountyA(page: Page) {
  await page.click('[data-test=save-as]');
  await page.click('[data-test=save-as-region]');
  await page.locator('.el-select-dropdown__item', { hasText: '（demo-county-a）' }).click();
  await page.waitForFunction(
    (id) => (document.querySelector('#save-as-id') as HTMLInputElement | null)?.value === id,
    VARIANT,
  );
  await page.click('[data-test=save-as-ok]');
  await page.locator('[data-test=target]', { hasText: VARIANT }).waitFor();
}

/** Scrolls the canvas (mouse wheel, as a user would) until the element is not under the palette. */
async function clearOfPalette(page: Page, selector: string) {
  const canvas = (await page.locator('[data-test=modeler]').boundingBox())!;
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  for (let i = 0; i < 20; i++) {
    const palette = (await page.locator('.djs-palette').boundingBox())!;
    const el = (await page.locator(selector).boundingBox())!;
    const dx = palette.x + palette.width + 40 - el.x;
    const dy = el.y + el.height + 20 - (canvas.y + canvas.height);
    const up = canvas.y + 20 - el.y;
    if (dx <= 0 && dy <= 0 && up <= 0) return;
    await page.mouse.wheel(
      dx > 0 ? -Math.min(dx, 200) : 0,
      dy > 0 ? Math.min(dy, 200) : up > 0 ? -Math.min(up, 200) : 0,
    );
  }
}

t.test('the process designer in Chromium', async (t) => {
  const c = await consoleHarness(t);
  if (!c) return;
  const { h } = c;
  const page = await c.signIn('designer', { viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => t.comment(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && t.comment(`console: ${m.text()}`));
  await page.goto(`${c.base}/designer`);
  await page.locator('[data-test=processes]', { hasText: 'dispute-resolution' }).waitFor();
  t.ok(
    await page.locator('[data-test=region-map] tr', { hasText: 'dispute-resolution-island' }).count(),
    'the region map lists the island variant',
  );

  const download = page.waitForEvent('download');
  await page.click('[data-test="download-dispute-resolution"]');
  t.equal((await download).suggestedFilename(), 'dispute-resolution-v1.bpmn', 'downloaded for Desktop Modeler');

  await openBase(page);
  t.equal(await page.locator('[data-test=problem].error').count(), 0, 'the base model passes the live lint');

  // The mediation step lies in collapsed sub-processes: drill down as a user would, then replace the
  // village/town mediation (a call activity) with a plain task.
  for (const id of ['Sub_Handle', 'Sub_Work']) {
    const drill = page.locator(`.djs-overlays[data-container-id="${id}"] .bjs-drilldown`);
    if (await drill.count()) await drill.first().click();
  }
  await clearOfPalette(page, '[data-element-id="Call_Mediation"]');
  await page.click('[data-element-id="Call_Mediation"]');
  await page.click('.djs-context-pad [data-action="replace"]');
  await page.click('.djs-popup [data-id="replace-with-task"]');

  const live = page.locator('[data-test=problem][data-element="Task_Litigation"]', {
    hasText: 'gc/mediation-before-litigation',
  });
  await live.waitFor();
  t.ok(
    await page.locator('.djs-overlays[data-container-id="Task_Litigation"] .bjsl-overlay').count(),
    'the live lint marks the litigation on the diagram',
  );
  await live.locator('button').click();
  await page.waitForSelector('[data-element-id="Task_Litigation"].selected');
  t.pass('clicking the problem selects its element');

  await page.click('[data-test=diff]');
  // bpmn-js's replace keeps the id: the mediation is listed as changed in its type.
  const changed = page.locator('[data-test=diff-list] tr', { hasText: 'Call_Mediation' });
  await changed.waitFor();
  t.match(await changed.innerText(), /修改[\s\S]*\$type/, 'the diff lists the mediation’s type as changed');
  await changed.click();
  t.ok(
    await page.locator('[data-test=diff-current] [data-element-id="Call_Mediation"].diff-changed').count(),
    'a click on it opens its sub-process, where it is marked',
  );
  await page.locator('[data-test=diff-dialog] .el-dialog__footer button').click();
  await page.locator('[data-test=diff-dialog]').waitFor({ state: 'hidden' });

  await saveAsCountyA(page);
  await page.click('[data-test=deploy]');
  await page.locator('[data-test=status]', { hasText: '部署被拒绝' }).waitFor();
  t.ok(
    await page.locator('[data-test=problem][data-element="Task_Litigation"]', { hasText: '服务器检查' }).count(),
    'the server’s findings are listed',
  );
  t.ok(await page.locator('[data-element-id="Task_Litigation"].gc-server-finding').count(), 'and marked');
  const none = await h.e.operate('process-definitions', { filter: { bpmnProcessId: VARIANT } });
  t.equal(none.total, 0, 'nothing was deployed');
  t.same(await c.axe(page), [], 'no serious accessibility violations in the designer');
  await c.shot(page, 'designer');

  // 表单: mediate opened in the form editor, a field's key changed and kept; the next deploy carries it.
  await page.click('#tab-forms');
  await page.click('[data-test="open-form-mediate"]');
  const field = page.locator('[data-test=form-editor] [data-id="Field_004"]');
  await field.waitFor();
  t.ok(await page.locator('[data-test=form-editor] [data-id="Field_001"]').count(), 'the form’s fields are shown');
  await field.click();
  // The properties panel's groups may start closed: open "General", where the field's key is.
  const general = page.locator(
    '[data-test=form-editor] [data-group-id="group-general"] .bio-properties-panel-group-header',
  );
  await c.shot(page, 'designer-form-editor');
  if (!/\bopen\b/.test((await general.getAttribute('class')) ?? '')) await general.click();
  const edits = Number(await page.locator('[data-test=form-editing]').getAttribute('data-edits'));
  await page.fill('[data-test=form-editor] #bio-properties-panel-key', 'mediationNotes');
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-test=form-editing]')?.getAttribute('data-edits')) > n,
    edits,
  );
  await page.click('[data-test=keep-form]');
  await page.locator('[data-test=form-edited]').waitFor();
  await page.click('#tab-processes');

  // A compliant variant: the base unchanged, saved as 县A's variant, deployed with the edited form.
  await page.click('[data-test=close-editor]');
  await openBase(page);
  await saveAsCountyA(page);
  t.match(await page.locator('[data-test=deploy-forms]').innerText(), /mediate\.form/, 'the form to deploy is shown');
  await page.click('[data-test=deploy]');
  await page.locator('[data-test=status]', { hasText: '已部署' }).waitFor();
  t.match(await page.locator('[data-test=status]').innerText(), /mediate v2/, 'deployed with the model');
  const form = await h.call('designer', 'GET', '/api/processes/forms/mediate');
  t.ok(
    form.json.schema.components.some((c: any) => c.key === 'mediationNotes'),
    'the edited form is the latest version',
  );
  await page.locator(`[data-test=region-map] tr`, { hasText: VARIANT }).waitFor();
  t.equal(await page.locator('[data-test="pinned-demo-county-a"]').innerText(), '1', 'pinned to version 1');

  const m = await h.call('clerk', 'POST', '/api/matters', {
    matterType: 'dispute',
    channel: 'window',
    category: 'neighbour',
    regionCode: 'demo-town-a1',
    summary: '宅基地边界',
    parties: [{ role: 'applicant', name: '吴六' }],
  });
  t.equal(m.status, 201);
  t.equal(m.json.processId, VARIANT, 'the next intake in that county runs the variant');
  await page.close();
});
