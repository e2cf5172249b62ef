// engine/ERRORS.md documents the engine's error catalogue; each code is the gRPC status of its name.
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { ENGINE_ERRORS } from '../../engine/errors.js';
import { engineTable, documentedTable } from '../../scripts/errors-doc.js';
import { PROJECT_ROOT } from '../../platform/database.js';

t.test('engine/ERRORS.md lists exactly the catalogue, and each code is its gRPC status', async (t) => {
  const doc = fs.readFileSync(path.join(PROJECT_ROOT, 'engine', 'ERRORS.md'), 'utf8');
  t.equal(documentedTable(doc), engineTable(), 'the table matches engine/errors.ts (npm run docs:errors)');
  for (const [code, e] of Object.entries(ENGINE_ERRORS)) {
    t.equal(e.grpc, grpc.status[code as keyof typeof grpc.status], `${code} is gRPC status ${e.grpc}`);
  }
});

t.test('every code the engine raises is in the catalogue', async (t) => {
  const raised = new Set<string>();
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (p.endsWith('.ts'))
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/new EngineError\(\s*'([A-Z_]+)'/g)) raised.add(m[1]);
    }
  };
  walk(path.join(PROJECT_ROOT, 'engine'));
  t.ok(raised.size >= 3, `found ${raised.size} codes raised directly`);
  t.same(
    [...raised].filter((c) => !(c in ENGINE_ERRORS)),
    [],
    'no code outside the catalogue',
  );
});
