// engine-client/: the port through which the application reaches an engine (see README.md).
export * from './port.js';
export * from './errors.js';
export { OperateClient } from './operate.js';
export { followEngineClock, type FollowedClock } from './clock.js';
export { zeebeEngine, fromZeebeClient, type ZeebeEngineOptions } from './zeebe.js';
