// Rules for staff accounts that user administration keeps: what a user id, a unit and a password
// must look like. Pure: the API and services decide jurisdiction and who may act.
import { isDepartment } from './departments.js';

/** 2–64 characters, lower case: 'clerk', 'zhang.wei', 'county-a-admin'; no look-alike ids by case. */
export const USER_ID_PATTERN = '^[a-z0-9][a-z0-9._-]{1,63}$';

export const PASSWORD_MIN_LENGTH = 12;
/** A passphrase this long needs no mix of character kinds ('correct horse battery staple'). */
export const PASSPHRASE_LENGTH = 20;
export const PASSWORD_MAX_LENGTH = 200;

/** What a unit's second half may name besides the departments: the region's centre itself. */
export const CENTRE_UNIT = 'centre';

export interface UnitParts {
  regionCode: string;
  department: string;
}

/**
 * A unit id '<region code>/<department>' ('demo-county-a/housing', 'demo-county-a/centre'), split;
 * null with the reason when the text is not one. Whether the region exists is the caller's question.
 */
export function parseUnit(unit: string): { parts: UnitParts; problem: null } | { parts: null; problem: string } {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(unit);
  if (!m)
    return {
      parts: null,
      problem: '单位应写作“区域代码/部门代码”，如 demo-county-a/housing（unit must be <region>/<department>）',
    };
  const [, regionCode, department] = m as unknown as [string, string, string];
  if (department !== CENTRE_UNIT && !isDepartment(department))
    return {
      parts: null,
      problem: `未知的部门 '${department}'（见 domain/departments.ts 或 centre）unknown department`,
    };
  return { parts: { regionCode, department }, problem: null };
}

const KINDS = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

/**
 * Why a password chosen by an administrator is too weak, or null when it will do: at least 12
 * characters with three kinds (lower case, upper case, digits, others), or a passphrase of 20 or more;
 * not mostly one character; not containing the user id. Never repeats the password in the answer.
 */
export function passwordProblem(password: string, userId: string): string | null {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH)
    return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符（at least ${PASSWORD_MIN_LENGTH} characters）`;
  if (chars.length > PASSWORD_MAX_LENGTH)
    return `密码至多 ${PASSWORD_MAX_LENGTH} 个字符（at most ${PASSWORD_MAX_LENGTH} characters）`;
  const kinds = KINDS.filter((k) => k.test(password)).length;
  if (kinds < 3 && chars.length < PASSPHRASE_LENGTH)
    return (
      `密码须含大写、小写、数字、符号中的三类，或不少于 ${PASSPHRASE_LENGTH} 个字符` +
      `（three kinds of characters, or at least ${PASSPHRASE_LENGTH} characters）`
    );
  if (new Set(chars).size < Math.min(6, Math.ceil(chars.length / 3)))
    return '密码重复字符过多（too many repeated characters）';
  if (userId.length >= 3 && password.toLowerCase().includes(userId.toLowerCase()))
    return '密码不能包含用户名（must not contain the user id）';
  return null;
}
