// The label catalogue is complete: every status, closure reason, risk level, task state, tier, matter
// type, channel and timeline entry type the code can produce has a Chinese and an English label.
// The codes are read from where they are produced — the migrations' CHECK lists, the models (BPMN
// headers and scripts) and the source (every step()/recordStep() call and event row, read with the
// TypeScript parser) — so a new code without labels fails here, not in front of a citizen.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import ts from 'typescript';
import {
  CHANNELS,
  DELIVERY_STATUS_LABELS,
  PARTY_ROLE_LABELS,
  CLOSURE_REASONS,
  EVENT_LABELS,
  EVENT_TYPES,
  LABELS,
  MATTER_STATUSES,
  MATTER_TYPES,
  NEUTRAL_EVENT_TYPES,
  PUBLIC_EVENT_TYPES,
  RISK_LEVELS,
  TASK_STATES,
  TIERS,
  hasLabel,
  labelOf,
  type LabelKind,
} from '../../domain/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const files = (dir: string, ext: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((n) => {
    const p = join(dir, n);
    return statSync(join(ROOT, p)).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

/** Column → values of the CHECK (column IN (...)) constraints of the migrations. */
/** The values each `CHECK (column IN (…))` of the migrations allows, by 'table.column'. */
function checkLists(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files('migrations', '.ts')) {
    const text = read(f);
    const tables = [...text.matchAll(/CREATE TABLE app\.(\w+)/g)].map((m) => ({ at: m.index!, name: m[1] }));
    for (const m of text.matchAll(/CHECK \((\w+) IN \(([^)]*)\)\)/g)) {
      const table = tables.filter((x) => x.at < m.index!).pop()?.name ?? '?';
      const key = `${table}.${m[1]}`;
      out.set(key, [...(out.get(key) ?? []), ...[...m[2].matchAll(/'([^']+)'/g)].map((x) => x[1])]);
    }
  }
  return out;
}

const bpmn = () => files('bpmn', '.bpmn').map(read);
/** Event names the models give the record-event worker (header `event`). */
const bpmnEvents = () =>
  bpmn().flatMap((x) => [...x.matchAll(/<zeebe:header key="event" value="([^"]+)"/g)].map((m) => m[1]));
/** Closure reasons the models' scripts set. */
const bpmnClosureReasons = () =>
  bpmn().flatMap((x) =>
    [...x.matchAll(/expression="([^"]*)" resultVariable="closureReason"/g)].flatMap((m) =>
      [...m[1].replace(/&#34;/g, '"').matchAll(/then "([^"]+)"|else "([^"]+)"|^="([^"]+)"$/g)].map(
        (x) => x[1] ?? x[2] ?? x[3],
      ),
    ),
  );

/** The string literals an expression can evaluate to, or null when it is computed. */
function literals(e: ts.Expression): string[] | null {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return literals(e.expression);
  if (ts.isConditionalExpression(e)) {
    const [a, b] = [literals(e.whenTrue), literals(e.whenFalse)];
    return a && b ? [...a, ...b] : null;
  }
  return null;
}

/** Every string literal in the initialiser of `const name`, property names left out. */
function literalsOfDeclaration(src: ts.SourceFile, name: string): string[] {
  const out: string[] = [];
  const collect = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n)) out.push(n.text);
    ts.forEachChild(n, collect);
  };
  const find = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.name.getText(src) === name && n.initializer) collect(n.initializer);
    ts.forEachChild(n, find);
  };
  find(src);
  return out;
}

/** A property of an object literal, `name: value` or shorthand `name`, with the expression it is set to. */
function prop(o: ts.ObjectLiteralExpression, name: string): { initializer: ts.Expression; at: ts.Node } | undefined {
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === name) return { initializer: p.initializer, at: p };
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return { initializer: p.name, at: p };
  }
  return undefined;
}

/**
 * Where an event type is computed, how to know its values: the declarations it is drawn from, the
 * models' headers, or a pass-through (the helper that writes what its callers give it).
 */
const DYNAMIC: Record<string, string[] | 'bpmn' | 'pass-through'> = {
  'workers/_shared.ts spec.type': 'pass-through',
  'store/matters.ts step.type': 'pass-through',
  'workers/record-event.ts type': 'bpmn',
  'workers/record-mediation-outcome.ts type': ['EVENTS'],
  'workers/send-supervision-letter.ts letter': ['LETTERS'],
  'services/outcomes.ts eventType(kind)': ['EVENT', 'eventType'],
};

/** The event types (and the statuses and closure reasons patched with them) the source writes. */
function fromSource() {
  const events = new Set<string>(),
    statuses = new Set<string>(),
    reasons = new Set<string>();
  const dynamic = new Set<string>(),
    unknown: string[] = [];
  const dirs = ['workers', 'services', 'store', 'api'];
  for (const f of dirs.flatMap((d) => files(d, '.ts'))) {
    const src = ts.createSourceFile(f, read(f), ts.ScriptTarget.Latest, true);
    const patch = (o: ts.Node | undefined) => {
      if (!o || !ts.isObjectLiteralExpression(o)) return;
      const add = (name: string, to: Set<string>) => {
        const p = prop(o, name);
        for (const v of (p && literals(p.initializer)) ?? []) to.add(v);
      };
      add('status', statuses);
      add('closureReason', reasons);
      // Spread conditionals ({ ...(reopen ? { status: 'reopened' } : {}) }) patch too.
      o.properties.filter(ts.isSpreadAssignment).forEach((s) => {
        let e: ts.Expression = s.expression;
        while (ts.isParenthesizedExpression(e)) e = e.expression;
        if (ts.isConditionalExpression(e)) [e.whenTrue, e.whenFalse].forEach(patch);
      });
    };
    const event = (o: ts.ObjectLiteralExpression) => {
      const p = prop(o, 'type');
      if (!p) return;
      const values = literals(p.initializer);
      if (values) return values.forEach((v) => events.add(v));
      const key = `${f} ${p.initializer.getText(src)}`;
      const how = DYNAMIC[key];
      if (!how) {
        const line = src.getLineAndCharacterOfPosition(p.at.getStart(src)).line + 1;
        unknown.push(`${f}:${line} ${p.initializer.getText(src)}`);
        return;
      }
      dynamic.add(key);
      if (how === 'bpmn') bpmnEvents().forEach((v) => events.add(v));
      else if (Array.isArray(how)) how.flatMap((d) => literalsOfDeclaration(src, d)).forEach((v) => events.add(v));
    };
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : n.expression.getText(src);
        if (callee === 'step' || callee === 'recordStep') {
          const objects = n.arguments.filter(ts.isObjectLiteralExpression);
          if (objects[0]) event(objects[0]);
          const spec = objects[0] && prop(objects[0], 'patch');
          patch(spec?.initializer);
          patch(objects[1]);
        }
      }
      // An event row written directly (insertMatter's 'received').
      if (ts.isObjectLiteralExpression(n) && prop(n, 'dedup_key') && prop(n, 'occurred_at')) event(n);
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return { events, statuses, reasons, dynamic, unknown };
}

const hasBoth = (kind: LabelKind, code: string) => {
  const l = labelOf(kind, code);
  return hasLabel(kind, code) && !!l.zh.trim() && !!l.en.trim() && /[\u4e00-\u9fff]/.test(l.zh);
};

t.test('every event type the code writes has both labels', async (t) => {
  const found = fromSource();
  t.same(found.unknown, [], 'no computed event type the test cannot follow (add it to DYNAMIC)');
  t.same([...found.dynamic].sort(), Object.keys(DYNAMIC).sort(), 'every computed event type is still there');
  t.ok(found.events.size >= 30, `${found.events.size} event types found`);
  for (const e of ['received', 'deadline-set', 'deadline-extended', 'mediation-overdue', 'reminder-letter'])
    t.ok(found.events.has(e), `found ${e}`);
  for (const e of [
    'information-provided',
    'outcome-recorded',
    'task-completed',
    'instance-cancelled',
    'quality-reviewed',
  ])
    t.ok(found.events.has(e), `found ${e}`);
  const missing = [...found.events].filter((e) => !hasBoth('event', e));
  t.same(missing, [], 'each has a Chinese and an English label');
  const unused = EVENT_TYPES.filter((e) => !found.events.has(e));
  t.same(unused, [], 'the catalogue lists no event type nothing writes');
});

t.test('every status, closure reason, risk level, task state, tier and matter type has both labels', async (t) => {
  const checks = checkLists();
  const found = fromSource();
  const sets: [LabelKind, string, readonly string[]][] = [
    ['status', 'matters.status', [...MATTER_STATUSES, ...found.statuses]],
    ['closureReason', 'matters.closure_reason', [...CLOSURE_REASONS, ...found.reasons, ...bpmnClosureReasons()]],
    ['riskLevel', 'matters.risk_level', RISK_LEVELS],
    ['taskState', 'tasks.state', TASK_STATES],
    ['tier', 'regions.tier', TIERS],
    ['matterType', 'matters.matter_type', MATTER_TYPES],
    ['channel', '', CHANNELS],
  ];
  t.ok(found.statuses.has('in-progress') && found.statuses.has('reopened'), 'statuses patched by steps are found');
  t.ok(bpmnClosureReasons().includes('not-accepted'), 'closure reasons set by the models are found');
  for (const [kind, column, codes] of sets) {
    const all = [...new Set([...codes, ...(checks.get(column) ?? [])])];
    t.ok(all.length > 0, `${kind}: codes found`);
    t.same(
      all.filter((c) => !hasBoth(kind, c)),
      [],
      `${kind}: ${all.join(', ')}`,
    );
    t.same(Object.keys(LABELS[kind as keyof typeof LABELS]).sort(), [...new Set(all)].sort(), `${kind}: no extra`);
  }
  // The tables of issue 15 keep their own words: a message's status, a party's role.
  for (const [column, table] of [
    ['deliveries.status', DELIVERY_STATUS_LABELS],
    ['parties.role', PARTY_ROLE_LABELS],
  ] as const) {
    const allowed = checks.get(column) ?? [];
    t.ok(allowed.length > 0, `${column}: codes found`);
    t.same(Object.keys(table).sort(), [...allowed].sort(), `${column}: each has a label, none extra`);
    t.ok(
      Object.values(table).every((l) => /[\u4e00-\u9fff]/.test(l.zh) && !!l.en.trim()),
      `${column}: Chinese and English`,
    );
  }
});

t.test('labelOf: null for null, the code itself for an unknown code, categories from the taxonomy', async (t) => {
  t.same(labelOf('status', 'in-progress'), { zh: '办理中', en: 'In progress' });
  t.equal(labelOf('closureReason', null), null);
  t.same(labelOf('event', 'something-new'), { zh: 'something-new', en: 'something-new' });
  t.notOk(hasLabel('event', 'something-new'));
  t.notOk(hasLabel('event', 'toString'), 'no inherited property passes for a code');
  t.same(labelOf('category', 'neighbour'), { zh: '邻里纠纷', en: 'Neighbours' });
  t.same(labelOf('tier', 'town'), { zh: '乡镇(街道)', en: 'town/street' });
  const a = labelOf('status', 'closed');
  a.zh = 'changed';
  t.equal(labelOf('status', 'closed').zh, '已办结', 'a copy: the catalogue cannot be changed through it');
});

t.test('the public steps are labelled steps; a sensitive matter shows a subset of them', async (t) => {
  for (const e of PUBLIC_EVENT_TYPES) t.ok(EVENT_LABELS[e], e);
  for (const e of NEUTRAL_EVENT_TYPES) t.ok(PUBLIC_EVENT_TYPES.has(e), `${e} is public`);
  t.notOk(PUBLIC_EVENT_TYPES.has('deadline-set'), 'bookkeeping stays internal');
  t.notOk(PUBLIC_EVENT_TYPES.has('urgent-protection-activated'), 'protection is never shown');
});
