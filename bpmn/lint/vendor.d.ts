// bpmnlint 11 and bpmnlint-utils ship JavaScript without root declarations; this is the slice the
// plugin uses. The rule/config shapes come from bpmnlint's own lib/types.d.ts, so they stay in step
// with the installed version. Pulled in with `/// <reference>` from model.ts and index.ts, because
// tsconfig.json does not include bpmn/ (its files are compiled through their importers).
declare module 'bpmnlint' {
  import type {
    Config,
    Resolver,
    TransformRuleFn,
    Report,
    ReportingCategory,
    ModdleElement,
  } from 'bpmnlint/lib/types.js';
  /** One report as `Linter#lint` returns it; 'rule-error' means the rule itself threw. */
  export type LintReport = Report & { category: ReportingCategory | 'rule-error' };
  export class Linter {
    constructor(options: { config?: Config; resolver: Resolver; transformRule?: TransformRuleFn });
    /** Reports keyed by the normalised rule name ('label-required', 'gc/user-task-deadline'). */
    lint(moddleRoot: ModdleElement, config?: Config): Promise<Record<string, LintReport[]>>;
  }
}

declare module 'bpmnlint-utils' {
  export function is(node: unknown, type: string): boolean;
  export function isAny(node: unknown, types: string[]): boolean;
}

// bpmnlint's built-in rules and configs, imported one by one by the browser lint (browser.ts).
declare module 'bpmnlint/rules/*' {
  import type { RuleFactory } from 'bpmnlint/lib/types.js';
  const rule: RuleFactory;
  export default rule;
}

declare module 'bpmnlint/config/*' {
  import type { Config } from 'bpmnlint/lib/types.js';
  const config: Config;
  export default config;
}
