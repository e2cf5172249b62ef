// Audit codes for people: the action codes and target kinds labelled in locales/admin.ts, read from
// the catalogue directly because the codes hold dots (vue-i18n would read them as paths). A code
// without a label is shown as it is, so a new action is never hidden.
import { useI18n } from 'vue-i18n';
import * as admin from '../../locales/admin.js';
import type { FieldError } from '../task/server-errors.js';
import type { Role } from '../../../../domain/roles.js';

/** The staff roles, in the order the catalogue labels them (the console imports no domain values). */
export const ROLES = Object.keys(admin.zh.roles) as Role[];

export function useAuditLabels() {
  const { locale } = useI18n();
  const words = () => (locale.value === 'en' ? admin.en : admin.zh).audit;
  return {
    action: (code: string) => words().actions[code] ?? code,
    kind: (code: string) => words().kinds[code] ?? code,
    /** 'monitor.' → 流程监控 */
    prefix: (p: string) => words().prefixes[p.replace(/\.$/, '')] ?? p,
  };
}

/**
 * The server's message for a field in the console's language: Chinese ones as they come; the schema
 * checks' English ("must match pattern …") replaced by the field's hint when there is one.
 */
export function fieldError(errors: FieldError[], field: string, locale: string, whole = ''): string {
  const hints = (locale === 'en' ? admin.en : admin.zh).users.fieldHints;
  const e = errors.find((x) => x.field === field || x.field.startsWith(field + '.'));
  if (!e) return '';
  const han = /[\u4e00-\u9fff]/;
  if (han.test(e.message)) return e.message.replace(/^[A-Za-z]+:\s*/, '');
  // One field at fault and the answer's message in Chinese ("用户 'x' 已存在"): that message says it.
  if (errors.length === 1 && han.test(whole)) return whole.replace(/^[A-Za-z]+:\s*/, '');
  return hints[field] ?? e.message;
}

/**
 * Element Plus's cascader passes no attributes to its input and marks it aria-expanded without the
 * combobox role that allows it: the input gets the role and its name here (as IntakePage does).
 */
export function nameCascader(box: HTMLElement | undefined, label: string): void {
  const input = box?.querySelector('input');
  input?.setAttribute('role', 'combobox');
  input?.setAttribute('aria-label', label);
  // The role requires it; Element Plus sets it only once the panel has opened.
  if (input && !input.hasAttribute('aria-expanded')) input.setAttribute('aria-expanded', 'false');
}
