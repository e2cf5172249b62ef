// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- vendor.d.ts is ambient, not a module
/// <reference path="./vendor.d.ts" />
// The governance centre's bpmnlint plugin ("gc") and a programmatic linter for Zeebe-flavoured BPMN.
// bpmnlint normally finds plugins as npm packages (bpmnlint-plugin-<name>); ours lives in the
// repository as TypeScript, so lintBpmn hands the Linter a resolver that serves bpmnlint's built-in
// rules and configs from node_modules and this plugin under the name `gc`.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import type { Config, Resolver, RuleFactory } from 'bpmnlint/lib/types.js';
import { REPO_ROOT } from './repo.js';
import mediationBeforeLitigation from './rules/mediation-before-litigation.js';
import followUpBeforeEnd from './rules/follow-up-before-end.js';
import userTaskDeadline from './rules/user-task-deadline.js';
import jobTypeHasWorker from './rules/job-type-has-worker.js';
import engineSupported from './rules/engine-supported.js';

const require = createRequire(import.meta.url);

/** Rule names in configs are `gc/<rule>`; bpmnlint expands `gc` to this package name. */
export const PLUGIN_PACKAGE = 'bpmnlint-plugin-gc';

export const rules: Record<string, RuleFactory> = {
  'mediation-before-litigation': mediationBeforeLitigation,
  'follow-up-before-end': followUpBeforeEnd,
  'user-task-deadline': userTaskDeadline,
  'job-type-has-worker': jobTypeHasWorker,
  'engine-supported': engineSupported,
};

/** `plugin:gc/recommended`: every policy rule is an error (they are policy, not style). */
export const recommended: Config = {
  rules: Object.fromEntries(Object.keys(rules).map((name) => [`gc/${name}`, 'error'])),
};

export const configs: Record<string, Config> = { recommended };

/** The plugin in the shape bpmnlint expects of a bpmnlint-plugin-* package. */
const plugin = { rules, configs };
export default plugin;

/** The project's lint configuration (JSON, like any .bpmnlintrc). */
export const DEFAULT_CONFIG_PATH = path.join(REPO_ROOT, 'bpmn', '.bpmnlintrc');

// Rule and config names become module paths below: accept only plain names.
const PLAIN_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function builtin(kind: 'rules' | 'config', name: string): unknown {
  if (!PLAIN_NAME.test(name)) return undefined;
  try {
    return require(`bpmnlint/${kind}/${name}`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

/** Serves `bpmnlint` (built-in) and `gc` (this plugin); any other plugin is unknown. */
export const resolver: Resolver = {
  resolveRule(pkg, ruleName) {
    const rule = pkg === 'bpmnlint' ? builtin('rules', ruleName) : pkg === PLUGIN_PACKAGE ? rules[ruleName] : undefined;
    if (!rule) {
      const prefix = pkg === PLUGIN_PACKAGE ? 'gc/' : pkg === 'bpmnlint' ? '' : `${pkg}/`;
      throw new Error(
        `unknown rule <${prefix}${ruleName}> (available: bpmnlint's built-in rules and gc/` +
          `${Object.keys(rules).join(', gc/')})`,
      );
    }
    return rule as RuleFactory;
  },
  resolveConfig(pkg, configName) {
    const config =
      pkg === 'bpmnlint' ? builtin('config', configName) : pkg === PLUGIN_PACKAGE ? configs[configName] : undefined;
    if (!config) {
      const prefix = pkg === PLUGIN_PACKAGE ? 'plugin:gc/' : pkg === 'bpmnlint' ? 'bpmnlint:' : `plugin:${pkg}/`;
      throw new Error(`unknown config <${prefix}${configName}>`);
    }
    return config as Config;
  },
};

export interface LintFinding {
  /** 'gc/mediation-before-litigation', a built-in name ('no-bpmndi'), or 'import' for XML problems. */
  rule: string;
  /** The element id ('' when the finding is about the document). */
  id: string;
  message: string;
  category: 'error' | 'warn';
}

export interface LintOptions {
  /** A bpmnlint config object; wins over configPath. */
  config?: Config;
  /** A .bpmnlintrc (JSON) to read; default bpmn/.bpmnlintrc. */
  configPath?: string;
}

export function readConfig(configPath = DEFAULT_CONFIG_PATH): Config {
  try {
    return JSON.parse(fs.readFileSync(configPath, 'utf8')) as Config;
  } catch (err) {
    throw new Error(`cannot read the lint config ${configPath}: ${(err as Error).message}`);
  }
}

// The same moddle as the engine's parser (engine/model/parse.ts): BPMN plus the zeebe extension,
// so zeebe:* extension elements are typed and rules can read them.
const moddle = new BpmnModdle({ zeebe: require('zeebe-bpmn-moddle/resources/zeebe.json') });

/**
 * Lint one BPMN document. Unreadable XML and import warnings (unknown elements, unresolved
 * references) are findings of rule 'import', errors like in the bpmnlint CLI. A broken config or an
 * unknown rule rejects the promise.
 */
export async function lintBpmn(xml: string, opts: LintOptions = {}): Promise<LintFinding[]> {
  const config = opts.config ?? readConfig(opts.configPath);
  let root: unknown;
  let warnings: { message: string; element?: { id?: string } }[];
  try {
    ({ rootElement: root, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions'));
  } catch (err) {
    return [
      { rule: 'import', id: '', message: `Parse error: ${(err as Error).message.split('\n')[0]}`, category: 'error' },
    ];
  }
  const findings: LintFinding[] = warnings.map((w) => ({
    rule: 'import',
    id: w.element?.id ?? '',
    message: `Import warning: ${w.message.split('\n')[0]}`,
    category: 'error',
  }));
  const reports = await new Linter({ config, resolver }).lint(root, config);
  for (const [rule, list] of Object.entries(reports)) {
    for (const r of list) {
      // 'rule-error' = the rule threw (a bug, or a model it cannot read): never let that pass.
      const category = r.category === 'warn' || r.category === 'info' ? 'warn' : 'error';
      const message = r.category === 'rule-error' ? `the rule failed: ${r.message}` : r.message;
      findings.push({ rule, id: r.id ?? '', message, category });
    }
  }
  return findings;
}
