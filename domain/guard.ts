// Small input checks shared by the modules (internal: not exported from index.ts). They turn
// "undefined is not an object" into a DomainError that names the offending value.
import { DomainError } from './errors.js';

/** A short, safe rendering of a bad value for error messages. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function requireObject(value: unknown, what: string, code = 'INVALID_INPUT'): Record<string, unknown> {
  if (!isPlainObject(value)) throw new DomainError(code, `${what} must be an object, got ${show(value)}`);
  return value;
}

export function requireDate(value: unknown, what: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new DomainError('INVALID_INPUT', `${what} must be a valid Date, got ${show(value)}`);
  }
  return value;
}

export function requireInteger(value: unknown, what: string, min: number, code = 'INVALID_INPUT'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new DomainError(code, `${what} must be an integer ≥ ${min}, got ${show(value)}`);
  }
  return value;
}

export function requireString(value: unknown, what: string, code = 'INVALID_INPUT'): string {
  if (typeof value !== 'string' || value === '')
    throw new DomainError(code, `${what} must be a non-empty string, got ${show(value)}`);
  return value;
}
