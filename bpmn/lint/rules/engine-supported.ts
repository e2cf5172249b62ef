// Only what the embedded engine can run. Models run on the embedded engine in development and in
// every test, so an element it rejects would fail at deploy time; this rule says so in the modeller.
// The element types come from the engine's own parser (SUPPORTED / IGNORED in
// engine/model/parse.ts): one source of truth. Which event definitions each event may carry mirrors
// the engine's readElement/validateNode checks; test/bpmn/lint-rules.test.ts runs every event kind ×
// definition through both this rule and parseBpmn and fails when they disagree, so keep them in step.
// The checks themselves are in ../injected.ts (the browser lint passes the types from the API).
import { IGNORED, SUPPORTED } from '../../../engine/model/parse.js';
import { engineSupportedRule } from '../injected.js';

const rule = engineSupportedRule(new Set(Object.keys(SUPPORTED)), IGNORED);

/** What the engine rejects about an element, or undefined when the engine runs it. */
export const unsupported = rule.unsupported;
export default rule.factory;
