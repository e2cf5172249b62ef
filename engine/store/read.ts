// Read models for the Operate-shaped API: one declarative description per resource, one query builder.
import type pg from 'pg';

type FieldType = 'key' | 'text' | 'int' | 'date' | 'bool';
interface Field {
  sql: string;
  type: FieldType;
  /** Equality as SQL on parameter `p`, when plain `sql = p` could not use an index. */
  eq?: (p: string) => string;
}
export interface Resource {
  from: string;
  fields: Record<string, Field>;
  keyField: string;
}

const k = (sql: string): Field => ({ sql, type: 'key' });
const t = (sql: string): Field => ({ sql, type: 'text' });
const d = (sql: string): Field => ({ sql, type: 'date' });

export const RESOURCES: Record<string, Resource> = {
  'process-definitions': {
    from: 'engine.process_definitions x',
    keyField: 'key',
    fields: {
      key: k('x.key'),
      name: t('x.name'),
      version: { sql: 'x.version', type: 'int' },
      bpmnProcessId: t('x.bpmn_process_id'),
      tenantId: t(`'<default>'`),
    },
  },
  'process-instances': {
    from: 'engine.process_instances x',
    keyField: 'key',
    fields: {
      key: k('x.key'),
      processVersion: { sql: 'x.version', type: 'int' },
      bpmnProcessId: t('x.bpmn_process_id'),
      parentKey: k('x.parent_process_instance_key'),
      parentFlowNodeInstanceKey: k('x.parent_element_instance_key'),
      startDate: d('x.start_date'),
      endDate: d('x.end_date'),
      state: t(`CASE x.state WHEN 'TERMINATED' THEN 'CANCELED' ELSE x.state END`),
      processDefinitionKey: k('x.process_definition_key'),
      incident: {
        sql: `EXISTS (SELECT 1 FROM engine.incidents i WHERE i.process_instance_key = x.key AND i.state = 'ACTIVE')`,
        type: 'bool',
      },
      tenantId: t(`'<default>'`),
    },
  },
  'flownode-instances': {
    from: `engine.element_instances x`,
    keyField: 'key',
    fields: {
      key: k('x.key'),
      // Indexed by root for a root's own elements and by process instance only for call-activity
      // children (an index entry fewer per element written): asked in the two shapes the indexes answer.
      processInstanceKey: {
        ...k('x.process_instance_key'),
        eq: (p) =>
          `((x.root_key = ${p} AND x.process_instance_key = ${p})
            OR (x.process_instance_key = ${p} AND x.process_instance_key <> x.root_key))`,
      },
      processDefinitionKey: k('x.process_definition_key'),
      startDate: d('x.start_date'),
      endDate: d('x.end_date'),
      flowNodeId: t('x.element_id'),
      flowNodeName: t('x.element_id'),
      incidentKey: k(`(x.data->'incident'->>'key')::bigint`),
      type: t('x.element_type'),
      state: t('x.state'),
      incident: { sql: `(x.data ? 'incident')`, type: 'bool' },
      tenantId: t(`'<default>'`),
    },
  },
  incidents: {
    from: 'engine.incidents x',
    keyField: 'key',
    fields: {
      key: k('x.key'),
      processDefinitionKey: k('x.process_definition_key'),
      processInstanceKey: k('x.process_instance_key'),
      type: t('x.error_type'),
      message: t('x.error_message'),
      creationTime: d('x.created_at'),
      state: t('x.state'),
      jobKey: k('x.job_key'),
      flowNodeId: t('x.element_id'),
      flowNodeInstanceKey: k('x.element_instance_key'),
      tenantId: t(`'<default>'`),
    },
  },
  variables: {
    from: 'engine.variables x',
    keyField: 'key',
    fields: {
      key: k('x.key'),
      processInstanceKey: k('x.process_instance_key'),
      scopeKey: k('x.scope_key'),
      name: t('x.name'),
      value: t('x.value'),
      truncated: { sql: 'false', type: 'bool' },
      tenantId: t(`'<default>'`),
    },
  },
};

/** Extra WHERE for a resource (flow node instances do not list the process itself). */
const BASE_WHERE: Record<string, string> = { 'flownode-instances': `x.element_type <> 'PROCESS'` };

export interface SearchQuery {
  filter?: Record<string, unknown>;
  size?: number;
  sort?: { field: string; order?: string }[];
  searchAfter?: unknown[];
}

export class QueryError extends Error {}

function param(f: Field, value: unknown, name: string): unknown {
  if (f.type === 'key' || f.type === 'int') {
    if (!/^-?\d+$/.test(String(value))) throw new QueryError(`filter.${name} must be a number`);
    return String(value);
  }
  if (f.type === 'bool') {
    if (typeof value !== 'boolean') throw new QueryError(`filter.${name} must be true or false`);
    return value;
  }
  if (f.type === 'date') {
    const dt = new Date(String(value));
    if (Number.isNaN(dt.getTime())) throw new QueryError(`filter.${name} must be a date`);
    return dt;
  }
  return String(value);
}

export async function search(
  pool: pg.Pool,
  name: string,
  q: SearchQuery,
): Promise<{ items: Record<string, unknown>[]; sortValues: unknown[]; total: number }> {
  const r = RESOURCES[name];
  const where: string[] = BASE_WHERE[name] ? [BASE_WHERE[name]] : [];
  const params: unknown[] = [];
  for (const [field, value] of Object.entries(q.filter ?? {})) {
    const f = r.fields[field];
    if (!f) throw new QueryError(`unknown filter field '${field}' (known: ${Object.keys(r.fields).join(', ')})`);
    params.push(param(f, value, field));
    const p = `$${params.length}`;
    where.push(f.type === 'date' ? `${f.sql} >= ${p}` : f.eq ? f.eq(p) : `${f.sql} = ${p}`);
  }
  const totalSql = `SELECT count(*)::int AS n FROM ${r.from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const total = (await pool.query(totalSql, params)).rows[0].n as number;
  const sort = q.sort?.[0];
  const sortField = sort?.field ?? r.keyField;
  const sf = r.fields[sortField];
  if (!sf) throw new QueryError(`unknown sort field '${sortField}'`);
  const desc = (sort?.order ?? 'ASC').toUpperCase() === 'DESC';
  if (q.searchAfter?.length) {
    const after = q.searchAfter;
    const keyExpr = r.fields[r.keyField].sql;
    if (sortField === r.keyField) {
      params.push(param(sf, after[0], 'searchAfter'));
      where.push(`${keyExpr} ${desc ? '<' : '>'} $${params.length}`);
    } else {
      params.push(after[0] === null ? null : param(sf, after[0], 'searchAfter'));
      params.push(param(r.fields[r.keyField], after[1], 'searchAfter'));
      where.push(`(${sf.sql}, ${keyExpr}) ${desc ? '<' : '>'} ($${params.length - 1}, $${params.length})`);
    }
  }
  const size = Math.min(Math.max(q.size ?? 10, 1), 1000);
  const select = Object.entries(r.fields)
    .map(([n, f]) => `${f.sql} AS "${n}"`)
    .join(', ');
  const dir = desc ? 'DESC' : 'ASC';
  const sql = `SELECT ${select} FROM ${r.from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${sf.sql} ${dir}${sortField === r.keyField ? '' : `, ${r.fields[r.keyField].sql} ${dir}`} LIMIT ${size}`;
  const { rows } = await pool.query(sql, params);
  const items = rows.map((row) => {
    for (const [n, f] of Object.entries(r.fields))
      if (f.type === 'date' && row[n]) row[n] = (row[n] as Date).toISOString();
    return row;
  });
  const last = items[items.length - 1];
  const sortValues = last ? (sortField === r.keyField ? [last[r.keyField]] : [last[sortField], last[r.keyField]]) : [];
  return { items, sortValues, total };
}

export async function byKey(pool: pg.Pool, name: string, key: string): Promise<Record<string, unknown> | null> {
  const res = await search(pool, name, { filter: { [RESOURCES[name].keyField]: key }, size: 1 });
  return res.items[0] ?? null;
}

export async function definitionXml(pool: pg.Pool, key: string): Promise<string | null> {
  const { rows } = await pool.query('SELECT xml FROM engine.process_definitions WHERE key = $1', [key]);
  return rows[0]?.xml ?? null;
}
