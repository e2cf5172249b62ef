// The inbox as one answer: a page of one view (mine / my unit / unclaimed / all in the jurisdiction),
// sorted and filtered, the count of every view under the same filters (the tabs' numbers, in the same
// call so a poll is one request), and whether each task is overdue by the server's clock — the
// engine's in tests, never the browser's, which may be wrong or in another zone.
import type { Knex } from 'knex';
import { CATEGORIES, MATTER_TYPES, type RegionTree } from '../domain/index.js';
import { countTasks, listTasks, type InboxView, type Task, type TaskQuery } from '../store/tasks.js';
import { ApiError } from './errors.js';

export const INBOX_VIEWS = ['mine', 'unit', 'unassigned', 'all'] as const satisfies readonly InboxView[];

/** Who asks: what a session token says about its user. */
export interface InboxActor {
  sub: string;
  roles: string[];
  regionPath: string;
  unit: string | null;
}

export interface InboxQuery {
  view: InboxView;
  sort: 'due' | 'risk' | 'age';
  order: 'asc' | 'desc';
  matterType?: string;
  category?: string;
  regionCode?: string;
  overdue?: boolean;
  limit: number;
  offset: number;
}

export interface InboxCount {
  total: number;
  totalIsLowerBound: boolean;
}

export interface Inbox {
  items: (Task & { overdue: boolean })[];
  total: number;
  totalIsLowerBound: boolean;
  /** Every view's count under the same filters; `all` is null for those who may not open it. */
  counts: { mine: InboxCount; unit: InboxCount; unassigned: InboxCount; all: InboxCount | null };
}

/** Supervisors and administrators claim anything in their jurisdiction; they also see 'all'. */
export const supervises = (u: Pick<InboxActor, 'roles'>) =>
  u.roles.includes('centre-supervisor') || u.roles.includes('administrator');
/** Leaders watch the whole jurisdiction's work too (they act only on their unit's supervision items). */
export const seesAll = (u: Pick<InboxActor, 'roles'>) => supervises(u) || u.roles.includes('leader');
/** A user's unit and roles: the candidate groups whose tasks they may take. */
export const groupsOf = (u: Pick<InboxActor, 'unit' | 'roles'>) => [u.unit, ...u.roles].filter((x): x is string => !!x);

const field = (name: string, message: string) => [{ field: name, message }];

/** A major category stands for itself and its minors; a minor for itself. */
function categoriesOf(code: string): string[] {
  for (const major of CATEGORIES) {
    if (major.code === code) return [major.code, ...major.minors.map((m) => m.code)];
    if (major.minors.some((m) => m.code === code)) return [code];
  }
  throw new ApiError(
    'VALIDATION_FAILED',
    `未知的纠纷类别 '${code}'（见 GET /api/lookups/categories）。 unknown category '${code}'`,
    field('category', 'unknown category (GET /api/lookups/categories lists them)'),
  );
}

/** The subtree searched: the caller's, or a region within it. */
function subtree(regions: RegionTree, actor: InboxActor, code: string | undefined): string {
  if (code === undefined) return actor.regionPath;
  if (!regions.has(code))
    throw new ApiError(
      'VALIDATION_FAILED',
      `未知的区域 '${code}'（见 GET /api/lookups/regions）。 unknown region '${code}'`,
      field('regionCode', 'unknown region (GET /api/lookups/regions lists them)'),
    );
  const path = regions.path(code);
  if (!path.startsWith(actor.regionPath))
    throw new ApiError(
      'OUT_OF_JURISDICTION',
      `区域 '${code}' 不在您的辖区内。 region '${code}' is outside your jurisdiction`,
    );
  return path;
}

export async function inbox(
  deps: { db: Knex; regions: RegionTree; clock: () => Date },
  actor: InboxActor,
  q: InboxQuery,
): Promise<Inbox> {
  if (q.view === 'all' && !seesAll(actor))
    throw new ApiError(
      'FORBIDDEN',
      '“辖区全部”视图仅限中心主任、管理员和领导；请查看“我的”“本单位”或“未认领”。' +
        " The 'all' view is for centre supervisors, administrators and leaders; use mine, unit or unassigned.",
    );
  // Checked here as well as by the schema: a service may be called from elsewhere than the route.
  if (q.matterType !== undefined && !(MATTER_TYPES as readonly string[]).includes(q.matterType))
    throw new ApiError('VALIDATION_FAILED', `unknown matter type '${q.matterType}'`, field('matterType', 'unknown'));
  const now = deps.clock();
  const base: Omit<TaskQuery, 'view'> = {
    regionPath: subtree(deps.regions, actor, q.regionCode),
    userId: actor.sub,
    groups: groupsOf(actor),
    claimAny: supervises(actor),
    matterType: q.matterType,
    categories: q.category === undefined ? undefined : categoriesOf(q.category),
    dueBefore: q.overdue ? now : undefined,
  };
  // The page's own count is its view's; the other tabs are counted beside it.
  const countOf = (view: InboxView) => (view === q.view ? null : countTasks(deps.db, { ...base, view }));
  const [page, mine, unit, unassigned, all] = await Promise.all([
    listTasks(deps.db, { ...base, view: q.view, sort: q.sort, order: q.order, limit: q.limit, offset: q.offset }),
    countOf('mine'),
    countOf('unit'),
    countOf('unassigned'),
    seesAll(actor) ? countOf('all') : null,
  ]);
  const own = { total: page.total, totalIsLowerBound: page.totalIsLowerBound };
  return {
    ...page,
    items: page.items.map((t) => ({ ...t, overdue: isOverdue(t, now) })),
    counts: {
      mine: mine ?? own,
      unit: unit ?? own,
      unassigned: unassigned ?? own,
      all: seesAll(actor) ? (all ?? own) : null,
    },
  };
}

/** Due before now by the server's clock (a task without a due date never is). */
export const isOverdue = (t: Pick<Task, 'dueAt' | 'state'>, now: Date): boolean =>
  t.state === 'open' && !!t.dueAt && t.dueAt.getTime() < now.getTime();
