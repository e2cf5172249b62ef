// Engine errors carry the gRPC status Zeebe would answer with; the gateway maps them in one place.
export type EngineErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'ALREADY_EXISTS'
  | 'RESOURCE_EXHAUSTED'
  | 'DEADLINE_EXCEEDED';

export class EngineError extends Error {
  constructor(
    public readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/**
 * Thrown while planning a timer's firing ahead (runtime/timer-plans.ts) when the firing would read
 * something outside the instance (a buffered message, the latest version of a process or form) or
 * open a new timer or subscription: such a timer is fired by a command when it falls due instead.
 */
export class NotPlannable extends Error {
  constructor(what: string) {
    super(`firing cannot be planned ahead: ${what}`);
    this.name = 'NotPlannable';
  }
}

export const notFound = (m: string) => new EngineError('NOT_FOUND', m);
export const invalid = (m: string) => new EngineError('INVALID_ARGUMENT', m);
export const precondition = (m: string) => new EngineError('FAILED_PRECONDITION', m);

/** Zeebe's limit on a variables document (the gateway's max message size). */
export const MAX_VARIABLES_BYTES = 4 * 1024 * 1024;

/** Parses a variables document: a JSON object, or empty. Bad input is INVALID_ARGUMENT. */
export function parseVariables(text: string | undefined, what = 'variables'): Record<string, unknown> {
  if (text === undefined || text === null || text.trim() === '') return {};
  if (Buffer.byteLength(text) > MAX_VARIABLES_BYTES) {
    throw invalid(`Expected ${what} to be at most 4 MB, but it has ${Buffer.byteLength(text)} bytes`);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw invalid(`Expected ${what} to be a JSON document, but it is not valid JSON: ${(err as Error).message}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw invalid(`Expected ${what} to be a JSON object, but got ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}`);
  }
  return v as Record<string, unknown>;
}

/** Keys travel as decimal strings (int64); anything else is INVALID_ARGUMENT. */
export function parseKey(value: unknown, what: string): string {
  const s = String(value ?? '');
  if (!/^[1-9][0-9]{0,18}$/.test(s)) throw invalid(`Expected ${what} to be a positive 64-bit key, but got '${s}'`);
  return s;
}
