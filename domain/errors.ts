// The one error type of domain/: every public function throws a DomainError (never a TypeError)
// on input it cannot use, with a stable machine code the API maps to an HTTP status in one place.

/**
 * Stable codes. `input` codes mean the caller sent something unusable (a 4xx at the API);
 * `data` codes mean a table or reference data is wrong or out of date (an operator must act:
 * e.g. INVALID_CALENDAR means the holiday table is malformed).
 */
export const DOMAIN_ERROR_CODES = {
  UNKNOWN_CATEGORY: 'input',
  UNKNOWN_REGION: 'input',
  UNKNOWN_STAGE: 'input',
  UNKNOWN_TIER: 'input',
  UNKNOWN_DEPARTMENT: 'input',
  UNKNOWN_MATTER_TYPE: 'input',
  UNKNOWN_CHANNEL: 'input',
  UNKNOWN_RISK_LEVEL: 'input',
  INVALID_FACTS: 'input',
  INVALID_INPUT: 'input',
  INVALID_MEDIATOR: 'input',
  INVALID_REGIONS: 'data',
  INVALID_CALENDAR: 'data',
  NO_RULE: 'data',
} as const satisfies Record<string, 'input' | 'data'>;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;

export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** True for codes caused by the caller's input (as opposed to stale or broken reference data). */
export function isInputError(err: unknown): err is DomainError {
  return err instanceof DomainError && (DOMAIN_ERROR_CODES as Record<string, string>)[err.code] === 'input';
}
