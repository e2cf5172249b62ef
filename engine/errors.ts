// Engine errors carry the gRPC status Zeebe would answer with; the gateway maps them in one place.
import { findUnstorableText } from '../platform/text.js';
export type EngineErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'ALREADY_EXISTS'
  | 'RESOURCE_EXHAUSTED'
  | 'DEADLINE_EXCEEDED';

/**
 * The engine's error catalogue: each code is the gRPC status the gateway answers with (the same as
 * Zeebe's), what it means and what a client can do. Documented in engine/ERRORS.md, which
 * test/engine/errors-catalogue.test.ts keeps in step with this object.
 */
export const ENGINE_ERRORS: Record<EngineErrorCode | 'INTERNAL', { grpc: number; meaning: string; action: string }> = {
  INVALID_ARGUMENT: {
    grpc: 3,
    meaning: 'the request is malformed: a bad key, variables that are not a JSON object, a model that fails validation',
    action: 'fix the request; the message names what is wrong',
  },
  DEADLINE_EXCEEDED: {
    grpc: 4,
    meaning: 'a request with a result (CreateProcessInstanceWithResult) did not finish within its timeout',
    action: 'the instance goes on; read its outcome later or ask with a longer timeout',
  },
  NOT_FOUND: {
    grpc: 5,
    meaning: 'the key or id names nothing (any more): a completed job, an ended instance, an unknown process',
    action: 'treat the work as done elsewhere; reload what you show',
  },
  ALREADY_EXISTS: {
    grpc: 6,
    meaning: 'a message with this id was published already and has not expired',
    action: 'nothing: the first one stands (idempotent publishing)',
  },
  RESOURCE_EXHAUSTED: {
    grpc: 8,
    meaning: 'the engine is over its limits (too many pending requests)',
    action: 'retry with back-off',
  },
  FAILED_PRECONDITION: {
    grpc: 9,
    meaning: 'the thing exists but is in the wrong state: a failed job completed, an incident without retries resolved',
    action: 'change the state first (e.g. update the job retries), then retry',
  },
  INTERNAL: {
    grpc: 13,
    meaning: "an error of the engine's own; details stay in its log",
    action: 'report it with the time; the request may be retried',
  },
};

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
  const bad = findUnstorableText(v);
  if (bad) throw invalid(`Expected ${what} to hold no NUL character or unpaired surrogate, but '${bad}' has one`);
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
