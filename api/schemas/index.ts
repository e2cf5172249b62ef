// The API's contracts: TypeBox schemas (JSON Schema at run time, TypeScript types at compile time).
// Routes validate requests and serialise responses through them; the console imports the types:
//   import type { MatterDetail, TaskList } from '../../api/schemas/index.js';
// Only pure modules are imported here (typebox and domain/), so the browser bundle stays clean.
import { ErrorBody } from './common.js';

export * from './common.js';
export * from './auth.js';
export * from './matters.js';
export * from './matter-detail.js';
export * from './intake-aids.js';
export * from './tasks.js';
export * from './track.js';
export * from './monitor.js';
export * from './processes.js';
export * from './statistics.js';
export * from './calendar.js';
export * from './lookups.js';
export * from './outcomes.js';
export * from './users.js';
export * from './supervision.js';
export * from './quality.js';
export * from './audit.js';
export * from './deliveries.js';
export * from './documents.js';
export * from './letters.js';

/** Schemas referenced by $id (app.addSchema before the routes): OpenAPI lists them under components. */
export const SHARED_SCHEMAS = [ErrorBody];
