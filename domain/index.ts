// The public face of domain/: pure rules, no I/O. Workers and the API import from here only.
export * from './errors.js';
export * from './departments.js';
export * from './regions.js';
export * from './taxonomy.js';
export * from './risk.js';
export * from './calendar.js';
export * from './deadlines.js';
export * from './routing.js';
export * from './ladder.js';
export * from './triage.js';
export * from './mediators.js';
export * from './matter.js';
export * from './roles.js';
export * from './outcomes.js';
export * from './accounts.js';
export * from './canonical-json.js';
