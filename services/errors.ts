// The application's one error catalogue: stable codes, their HTTP status, what each means and what the
// caller can do. Services throw ApiError with a code from here; api/errors.ts turns it into a response.
// Documented in api/ERRORS.md, kept in step with this object by test/api/errors-catalogue.test.ts.
export interface ErrorEntry {
  status: number;
  meaning: string;
  action: string;
}

export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    meaning: 'the request is malformed or a field is invalid; `details` names each field',
    action: 'correct the fields named in `details` and send again',
  },
  FORM_INVALID: {
    status: 400,
    meaning: "a task's form submission breaks the form's rules; `details` names each field",
    action: 'correct the fields and submit the form again',
  },
  UNAUTHENTICATED: {
    status: 401,
    meaning: 'no valid session token (missing, expired, or its user deactivated)',
    action: 'sign in again (POST /api/auth/login)',
  },
  BAD_CREDENTIALS: {
    status: 401,
    meaning: 'wrong user name or password',
    action: 'check them; repeated failures are rate limited',
  },
  FORBIDDEN: {
    status: 403,
    meaning: "the caller's roles do not allow this action",
    action: 'ask an administrator for the role, or hand the work to someone who has it',
  },
  OUT_OF_JURISDICTION: {
    status: 403,
    meaning: "the region asked for lies outside the caller's jurisdiction",
    action: 'ask for a region within your own subtree',
  },
  TRACK_CHECK_FAILED: {
    status: 403,
    meaning:
      "the citizen's page: the last four digits given are not those of the applicant's phone; the try is" +
      ' counted (per tracking code and per client address)',
    action: 'check the digits on the phone registered at intake; after 5 wrong tries in 15 minutes wait (429)',
  },
  NOT_FOUND: {
    status: 404,
    meaning: 'no such resource, or it lies outside the caller’s jurisdiction (both look the same)',
    action: 'check the code or key',
  },
  CONFLICT: {
    status: 409,
    meaning: 'the resource changed state in a way that forbids this action',
    action: 'reload it and decide again',
  },
  OUTCOME_NOT_AWAITED: {
    status: 409,
    meaning:
      "the matter's process is not waiting for this outcome (not at that step yet, past it, closed, or another" +
      ' outcome was recorded for it); nothing was recorded or sent',
    action: 'see what the matter awaits (GET /api/matters/{id}/outcomes) and record that, or nothing',
  },
  TRACK_NOT_AWAITED: {
    status: 409,
    meaning:
      "the citizen's page: nothing of this kind awaits the citizen now (no open question, no open follow-up" +
      ' visit, or it was answered differently already); nothing was recorded',
    action: 'reload the page (GET /api/track/{code} `awaiting`); for anything else contact the centre',
  },
  ALREADY_EXISTS: {
    status: 409,
    meaning: 'a resource with this identifier exists already (e.g. a user id that is taken); nothing was written',
    action: 'choose another identifier, or change the existing resource instead',
  },
  TASK_ALREADY_COMPLETED: {
    status: 409,
    meaning: 'the task was completed already (by you or someone else)',
    action: 'reload the inbox; nothing more to do for this task',
  },
  TASK_CLAIMED_BY_OTHER: {
    status: 409,
    meaning: 'another user has claimed the task',
    action: 'ask them or a supervisor to unclaim or reassign it',
  },
  TASK_GONE: {
    status: 410,
    meaning: 'the step this task belonged to has ended without it (escalated, withdrawn, cancelled)',
    action: 'reload the inbox; the matter has moved on',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    meaning: 'an Idempotency-Key was sent again with a different request',
    action: 'use a new key for a new request; resend the same request to get the first answer',
  },
  RULE_VIOLATED: {
    status: 422,
    meaning:
      "the submission fits the task's form but a rule of law forbids it for this matter (a petition extended" +
      ' a second time); `details` names the field and the rule; nothing was changed',
    action: 'do what the rule allows instead (the message says what), e.g. reply within the deadline that stands',
  },
  TRACK_NO_PHONE: {
    status: 422,
    meaning: "the citizen's page: the matter has no applicant phone to check against, so nothing can be done online",
    action: 'contact the centre (its window or hotline) with the receipt',
  },
  RATE_LIMITED: {
    status: 429,
    meaning: 'too many requests from this client',
    action: 'wait for the time in the Retry-After header, then try again',
  },
  ENGINE_UNAVAILABLE: {
    status: 503,
    meaning: 'the process engine did not answer; nothing was changed unless the answer says so',
    action: 'try again shortly; an accepted matter starts its process when the engine is back',
  },
  INTERNAL: {
    status: 500,
    meaning: 'an error of ours; the log has it, the answer does not',
    action: 'try again; if it persists, report the time and request to the administrator',
  },
} as const satisfies Record<string, ErrorEntry>;
export type ErrorCode = keyof typeof ERRORS;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} not found`);
export const forbidden = (message: string) => new ApiError('FORBIDDEN', message);
