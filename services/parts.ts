// The parts `npm start` runs — together in one process, or one per process so production can scale
// them apart. scripts/start.ts loads each part's `main.ts` by name, so a process loads only the code
// of the parts it runs (a workers process never loads the HTTP layer).
import type { Knex } from 'knex';
import type { Logger } from '../platform/logger.js';
import type { Config } from '../platform/config.js';
import type { RegionTree } from '../domain/index.js';
import type { EngineClient } from '../engine-client/index.js';

export interface PartContext {
  cfg: Config;
  log: Logger;
  databaseUrl: string;
  db: Knex;
  regions: RegionTree;
  /** A new client to the engine (embedded or a cluster), configured for this deployment. */
  engine: () => EngineClient;
  /** The time every decision is made at: the wall clock, or the engine's when clock control is on. */
  clock: () => Date;
}

export interface RunningPart {
  /** What the start banner prints for this part. */
  lines: string[];
  stop(): Promise<void>;
}
