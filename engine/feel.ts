// FEEL through @bpmn-io/feelin. Zeebe's rule: an attribute value starting with `=` is an expression,
// anything else is a static value. Temporal results are turned into ISO strings so that every
// evaluated value is plain JSON and can be stored as a variable.
import vm from 'node:vm';
import { evaluate, parseExpression } from '@bpmn-io/feelin';

export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.trimStart().startsWith('=');
}

function body(expr: string): string {
  const t = expr.trimStart();
  return t.startsWith('=') ? t.slice(1) : t;
}

/** Syntax check at deploy time; returns a message or null. */
export function syntaxError(expr: string): string | null {
  const src = body(expr);
  if (!src.trim()) return 'the expression is empty';
  try {
    let error: string | null = null;
    const tree = parseExpression(src, {}, undefined);
    tree.iterate({
      enter(node) {
        if (error) return false;
        if (node.type.isError) {
          error = `syntax error at position ${node.from + 1} in '${src}'`;
          return false;
        }
        return undefined;
      },
    });
    return error;
  } catch (err) {
    return `syntax error in '${src}': ${(err as Error).message}`;
  }
}

export function toJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object') return typeof value === 'function' ? null : value;
  const v = value as { isLuxonDateTime?: boolean; isLuxonDuration?: boolean; toISO?: () => string };
  if ((v.isLuxonDateTime || v.isLuxonDuration) && v.toISO) return v.toISO();
  if (Array.isArray(value)) return value.map(toJson);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) out[k] = toJson(x);
  return out;
}

/**
 * The time one evaluation may take. Evaluation is synchronous: a loop over a huge range would stall
 * every command of this engine process. Expressions that can iterate (ranges, for, some, every) run
 * under a V8 watchdog (vm's timeout terminates whatever runs, host functions included); the rest run
 * directly, as the watchdog costs more than a plain evaluation. Exceeding it is an ExpressionError,
 * which raises an incident on the element, and the engine goes on serving.
 */
export const FEEL_BUDGET_MS = 250;
const ITERATES = /\.\.|\b(for|some|every)\b/;
const sandbox = vm.createContext({ run: null as null | (() => unknown) });
const runInSandbox = new vm.Script('run()');

function withinBudget(fn: () => unknown): unknown {
  (sandbox as { run: null | (() => unknown) }).run = fn;
  try {
    return runInSandbox.runInContext(sandbox, { timeout: FEEL_BUDGET_MS });
  } finally {
    (sandbox as { run: null | (() => unknown) }).run = null;
  }
}

let clockReads = 0;
const CLOCK_FUNCTION = /\b(now|today)\s*\(/;

/**
 * How many evaluations so far read the clock (`now()`, `today()`): a timer's firing planned ahead
 * must not contain one, since its value would be the planning time (runtime/timer-plans.ts).
 */
export const clockReadingEvaluations = (): number => clockReads;

/** Evaluates a FEEL expression (with or without the leading `=`) against `context`. */
export function evaluateFeel(expr: string, context: Record<string, unknown>): unknown {
  const src = body(expr);
  if (CLOCK_FUNCTION.test(src)) clockReads++;
  let result: { value: unknown; warnings: { type: string; message: string }[] };
  try {
    result = (
      ITERATES.test(src) ? withinBudget(() => evaluate(src, context)) : evaluate(src, context)
    ) as typeof result;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new ExpressionError(
        `failed to evaluate expression '${src}': ` +
          `it ran longer than ${FEEL_BUDGET_MS} ms (the budget of one evaluation)`,
      );
    }
    throw new ExpressionError(`failed to evaluate expression '${src}': ${(err as Error).message}`);
  }
  // Missing variables evaluate to null (as in Zeebe 8.3+); calling what is not a function is a model error.
  const fatal = result.warnings?.find(
    (w) => w.type === 'NO_FUNCTION_FOUND' || w.type === 'FUNCTION_INVOCATION_FAILURE',
  );
  if (fatal) throw new ExpressionError(`failed to evaluate expression '${src}': ${fatal.message}`);
  return result.value;
}

/** Static value, or the expression's value as plain JSON. */
export function evaluateAttribute(value: string, context: Record<string, unknown>): unknown {
  return isExpression(value) ? toJson(evaluateFeel(value, context)) : value;
}

export function evaluateString(value: string, context: Record<string, unknown>, what: string): string {
  const v = evaluateAttribute(value, context);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new ExpressionError(`expected ${what} '${value}' to be a string, but it was ${describe(v)}`);
}

export function evaluateBoolean(value: string, context: Record<string, unknown>): boolean {
  const v = toJson(evaluateFeel(value, context));
  if (typeof v === 'boolean') return v;
  throw new ExpressionError(`expected condition '${body(value)}' to be a boolean, but it was ${describe(v)}`);
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `a list ${JSON.stringify(v).slice(0, 80)}`;
  return `${typeof v} ${JSON.stringify(v).slice(0, 80)}`;
}
