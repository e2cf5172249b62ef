// Everything a handler may be given, and the one place the real store functions are bound to the
// database (temporal's createActivities(db) pattern). A handler declares the few it uses (`needs`)
// and receives only those, so a unit test hands it plain fakes instead of a PostgreSQL.
import type { Logger } from 'pino';
import type { Db } from '../platform/db.js';
import type { RegionTree, WorkingCalendar } from '../domain/index.js';
import { recordStep } from '../store/matters.js';
import { mediatorsWithLoad } from '../store/mediators.js';
import { sampleQuality } from '../store/quality.js';

/** A store function with its database handle already bound: its types follow store/ as it changes. */
type Bound<F> = F extends (db: Db, ...args: infer A) => infer R ? (...args: A) => R : never;

export interface WorkerDeps {
  /** The event, the change to the matter and its notifications in one transaction, deduplicated. */
  recordStep: Bound<typeof recordStep>;
  mediatorsWithLoad: Bound<typeof mediatorsWithLoad>;
  sampleQuality: Bound<typeof sampleQuality>;
  /** The time every decision is made at. In tests, the engine's (controllable) clock. */
  clock: () => Date;
  regions: RegionTree;
  /** The working calendar as the stored holiday table stands now (services/calendar.ts). */
  calendar: () => Promise<WorkingCalendar>;
  log: Logger;
}

/** What the process that starts the workers has; the store functions are bound to `db` here. */
export interface WorkerEnv {
  db: Db;
  clock: () => Date;
  regions: RegionTree;
  calendar: () => Promise<WorkingCalendar>;
  log: Logger;
}

export function workerDeps({ db, ...rest }: WorkerEnv): WorkerDeps {
  return {
    ...rest,
    recordStep: (...args) => recordStep(db, ...args),
    mediatorsWithLoad: () => mediatorsWithLoad(db),
    sampleQuality: (...args) => sampleQuality(db, ...args),
  };
}
