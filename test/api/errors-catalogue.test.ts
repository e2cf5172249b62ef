// api/ERRORS.md documents the application's error catalogue; this keeps the two in step (as
// fastify's own test does for its Errors.md), and checks the answers really carry those codes.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { ERRORS, ApiError } from '../../services/errors.js';
import { applicationTable, documentedTable } from '../../scripts/errors-doc.js';
import { PROJECT_ROOT } from '../../platform/database.js';

t.test('api/ERRORS.md lists exactly the catalogue', async (t) => {
  const doc = fs.readFileSync(path.join(PROJECT_ROOT, 'api', 'ERRORS.md'), 'utf8');
  t.equal(documentedTable(doc), applicationTable(), 'the table matches services/errors.ts (npm run docs:errors)');
  for (const code of Object.keys(ERRORS)) t.match(doc, `| \`${code}\` |`, `${code} is documented`);
});

t.test('every catalogue entry has a status of its class, a meaning and an action', async (t) => {
  for (const [code, e] of Object.entries(ERRORS)) {
    t.ok(e.status >= 400 && e.status < 600, `${code}: ${e.status} is an error status`);
    t.ok(e.meaning.length > 10 && e.action.length > 5, `${code} says what it means and what to do`);
    t.equal(new ApiError(code as keyof typeof ERRORS, 'x').status, e.status, `${code} answers with its status`);
  }
});

t.test('every code thrown in the source is in the catalogue', async (t) => {
  const thrown = new Set<string>();
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (p.endsWith('.ts'))
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/new ApiError\(\s*'([A-Z_]+)'|code: '([A-Z_]+)'/g))
          thrown.add(m[1] ?? m[2]);
    }
  };
  for (const dir of ['api', 'services']) walk(path.join(PROJECT_ROOT, dir));
  t.ok(thrown.size > 8, `found ${thrown.size} codes in api/ and services/`);
  t.same(
    [...thrown].filter((c) => !(c in ERRORS)),
    [],
    'no code outside the catalogue',
  );
});
