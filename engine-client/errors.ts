// Typed engine errors: what the application may decide on (a job already gone, an engine not
// answering), named by kind. Each adapter maps its protocol's status codes to these kinds in one
// place; nothing in the application reads an engine's message text to decide what happened.
export type EngineErrorKind =
  | 'not-found' // the key names nothing (any more): a finished job, a cancelled instance
  | 'invalid-argument' // the request is wrong: bad model, bad variables
  | 'failed-precondition' // the thing exists but is in the wrong state (a failed job completed)
  | 'already-exists' // a duplicate (message id, deployment)
  | 'unavailable' // the engine did not answer, or is overloaded: retry later
  | 'unknown';

export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EngineError';
  }
}

export const isEngineError = (err: unknown, kind?: EngineErrorKind): err is EngineError =>
  err instanceof EngineError && (kind === undefined || err.kind === kind);

/** gRPC status codes (Zeebe's gateway protocol) → kinds. */
const GRPC_KINDS: Record<number, EngineErrorKind> = {
  3: 'invalid-argument',
  4: 'unavailable', // DEADLINE_EXCEEDED: the gateway could not reach a broker in time
  5: 'not-found',
  6: 'already-exists',
  8: 'unavailable', // RESOURCE_EXHAUSTED: back-pressure
  9: 'failed-precondition',
  14: 'unavailable',
};

/** Maps an error from a gRPC call to an EngineError; passes through what is not a gRPC error. */
export function fromGrpc(err: unknown): unknown {
  if (err instanceof EngineError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'number') return err;
  const details = (err as { details?: string }).details || (err as Error).message;
  return new EngineError(GRPC_KINDS[code] ?? 'unknown', details, { cause: err });
}
