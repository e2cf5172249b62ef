// Calls to the API (same origin). A 401 on any call but sign-in ends the session and goes back to the
// sign-in page with "会话已过期"; errors carry the API's { code, message } (api/ERRORS.md).
import type { ErrorBody } from '../../api/schemas/index.js';
import { session, signedOut } from './session.js';

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The fields the API names ({ field, message }), when it names any: shown at those fields. */
    readonly details: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

let onExpired: () => void = () => {};
/** The router registers where an expired session goes (main.ts). */
export function whenSessionExpires(fn: () => void): void {
  onExpired = fn;
}

export async function api<T>(method: string, url: string, body?: unknown, extra?: Record<string, string>): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (res.ok) return json as T;
  const err = (json ?? {}) as Partial<ErrorBody>;
  if (res.status === 401 && url !== '/api/auth/login' && session.token) {
    signedOut();
    onExpired();
  }
  const details = Array.isArray(err.details) ? (err.details as { field: string; message: string }[]) : [];
  throw new ApiCallError(res.status, err.code ?? 'HTTP_' + res.status, err.message ?? res.statusText, details);
}
