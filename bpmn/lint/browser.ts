// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- vendor.d.ts is ambient, not a module
/// <reference path="./vendor.d.ts" />
// The policy lint for the browser: the object bpmn-js-bpmnlint takes as `linting.bpmnlint`
// ({ config, resolver }), with bpmnlint's built-in rules and the gc plugin, so the designer's modeler
// marks the same problems the server's lint (index.ts) refuses a deployment for. What only the server
// knows — the .bpmnlintrc, the job types with a worker, the element types the engine runs — comes
// from GET /api/processes/lint-config. No Node modules here (bpmnlint normally require()s rules by
// name; a bundle needs them imported one by one, as bpmnlint-pack-config would do).
import type { Config, Resolver, RuleFactory } from 'bpmnlint/lib/types.js';
import recommendedBuiltin from 'bpmnlint/config/recommended.js';
import allBuiltin from 'bpmnlint/config/all.js';
import correctnessBuiltin from 'bpmnlint/config/correctness.js';
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process.js';
import conditionalEvent from 'bpmnlint/rules/conditional-event.js';
import conditionalFlows from 'bpmnlint/rules/conditional-flows.js';
import endEventRequired from 'bpmnlint/rules/end-event-required.js';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway.js';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event.js';
import fakeJoin from 'bpmnlint/rules/fake-join.js';
import global from 'bpmnlint/rules/global.js';
import labelRequired from 'bpmnlint/rules/label-required.js';
import linkEvent from 'bpmnlint/rules/link-event.js';
import noBpmndi from 'bpmnlint/rules/no-bpmndi.js';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway.js';
import noDisconnected from 'bpmnlint/rules/no-disconnected.js';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows.js';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork.js';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end.js';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split.js';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start.js';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway.js';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements.js';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event.js';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition.js';
import standardSize from 'bpmnlint/rules/standard-size.js';
import startEventRequired from 'bpmnlint/rules/start-event-required.js';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event.js';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway.js';
import superfluousLabel from 'bpmnlint/rules/superfluous-label.js';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination.js';
import mediationBeforeLitigation from './rules/mediation-before-litigation.js';
import followUpBeforeEnd from './rules/follow-up-before-end.js';
import userTaskDeadline from './rules/user-task-deadline.js';
import { engineSupportedRule, jobTypeHasWorkerRule } from './injected.js';

const BUILTIN_RULES: Record<string, RuleFactory> = {
  'ad-hoc-sub-process': adHocSubProcess,
  'conditional-event': conditionalEvent,
  'conditional-flows': conditionalFlows,
  'end-event-required': endEventRequired,
  'event-based-gateway': eventBasedGateway,
  'event-sub-process-typed-start-event': eventSubProcessTypedStartEvent,
  'fake-join': fakeJoin,
  global: global,
  'label-required': labelRequired,
  'link-event': linkEvent,
  'no-bpmndi': noBpmndi,
  'no-complex-gateway': noComplexGateway,
  'no-disconnected': noDisconnected,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'no-gateway-join-fork': noGatewayJoinFork,
  'no-implicit-end': noImplicitEnd,
  'no-implicit-split': noImplicitSplit,
  'no-implicit-start': noImplicitStart,
  'no-inclusive-gateway': noInclusiveGateway,
  'no-overlapping-elements': noOverlappingElements,
  'single-blank-start-event': singleBlankStartEvent,
  'single-event-definition': singleEventDefinition,
  'standard-size': standardSize,
  'start-event-required': startEventRequired,
  'sub-process-blank-start-event': subProcessBlankStartEvent,
  'superfluous-gateway': superfluousGateway,
  'superfluous-label': superfluousLabel,
  'superfluous-termination': superfluousTermination,
};

const BUILTIN_CONFIGS: Record<string, Config> = {
  recommended: recommendedBuiltin,
  all: allBuiltin,
  correctness: correctnessBuiltin,
};

/** What the server tells the browser (GET /api/processes/lint-config). */
export interface ServerLintFacts {
  /** The server's .bpmnlintrc. */
  config: Config;
  /** Job types a worker serves (gc/job-type-has-worker). */
  workerTypes: string[];
  /** Element types the engine runs, and those it skips (gc/engine-supported). */
  engine: { supported: string[]; ignored: string[] };
}

const PLUGIN_PACKAGE = 'bpmnlint-plugin-gc';

/** `{ config, resolver }` for bpmn-js-bpmnlint, equal in effect to lintBpmn on the server. */
export function browserLint(facts: ServerLintFacts): { config: Config; resolver: Resolver } {
  const served = new Set(facts.workerTypes);
  const gcRules: Record<string, RuleFactory> = {
    'mediation-before-litigation': mediationBeforeLitigation,
    'follow-up-before-end': followUpBeforeEnd,
    'user-task-deadline': userTaskDeadline,
    'job-type-has-worker': jobTypeHasWorkerRule(() => served),
    'engine-supported': engineSupportedRule(new Set(facts.engine.supported), new Set(facts.engine.ignored)).factory,
  };
  const gcConfigs: Record<string, Config> = {
    recommended: { rules: Object.fromEntries(Object.keys(gcRules).map((name) => [`gc/${name}`, 'error'])) },
  };
  const resolver: Resolver = {
    resolveRule(pkg, name) {
      const rule = pkg === 'bpmnlint' ? BUILTIN_RULES[name] : pkg === PLUGIN_PACKAGE ? gcRules[name] : undefined;
      if (!rule) throw new Error(`unknown rule <${pkg}/${name}>`);
      return rule;
    },
    resolveConfig(pkg, name) {
      const config = pkg === 'bpmnlint' ? BUILTIN_CONFIGS[name] : pkg === PLUGIN_PACKAGE ? gcConfigs[name] : undefined;
      if (!config) throw new Error(`unknown config <${pkg}:${name}>`);
      return config;
    },
  };
  return { config: facts.config, resolver };
}
